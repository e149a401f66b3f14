import { maskDateBR } from '../../src-shared/domain/dates';
import { t } from '../i18n';
import type { ControlProps } from './Field';

/** A dd/mm/aaaa text box that masks as you type (works the same in every browser, unlike type=date). */
export function DateInput({
  control,
  value,
  onChange,
  onBlur,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}) {
  return (
    <input
      {...control}
      className="input-date"
      inputMode="numeric"
      placeholder={t('common.dateHint')}
      maxLength={10}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(maskDateBR(e.target.value))}
      onBlur={onBlur}
    />
  );
}
