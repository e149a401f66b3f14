import { maskMoneyInput } from '../../lib/order-form';
import type { ControlProps } from '../Field';

/** Reais typed the Brazilian way ('1.234,56'); the value stays text until it is sent (as cents). */
export function MoneyInput({
  control,
  value,
  onChange,
  onBlur,
  disabled,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  disabled?: boolean;
}) {
  return (
    <span className="money-input">
      <span className="money-prefix" aria-hidden="true">
        R$
      </span>
      <input
        {...control}
        inputMode="decimal"
        autoComplete="off"
        placeholder="0,00"
        maxLength={16}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(maskMoneyInput(e.target.value))}
        onBlur={onBlur}
      />
    </span>
  );
}
