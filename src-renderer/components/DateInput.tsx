import type { ReactNode } from 'react';
import { maskDateBR } from '../../src-shared/domain/dates';
import { t } from '../i18n';
import { type ControlProps, Field } from './Field';

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

/**
 * A list filter's dd/mm/aaaa box with its label and error; masks as you type. Unlike `DateInput` it
 * keeps the filter grid's own width.
 */
export function DateFilterField({
  name,
  label,
  error,
  hint,
  value,
  onChange,
}: {
  name: string;
  label: ReactNode;
  error: string | null;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          inputMode="numeric"
          placeholder={t('common.dateHint')}
          maxLength={10}
          value={value}
          onChange={(e) => onChange(maskDateBR(e.target.value))}
        />
      )}
    </Field>
  );
}
