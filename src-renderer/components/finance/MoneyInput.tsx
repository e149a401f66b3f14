import { normalizeMoneyInput } from '../../lib/finance';
import type { ControlProps } from '../Field';

/** A money box typed the Brazilian way ('1.234,56'); re-formatted when the user leaves it. */
export function MoneyInput({
  control,
  value,
  onChange,
  onBlur,
  autoFocus,
  disabled,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  return (
    <span className="fin-money">
      <span className="fin-money-prefix" aria-hidden="true">
        R$
      </span>
      <input
        {...control}
        inputMode="decimal"
        autoComplete="off"
        placeholder="0,00"
        maxLength={20}
        // biome-ignore lint/a11y/noAutofocus: the one field a dialog opens for
        autoFocus={autoFocus}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/[^\d.,R$\s-]/g, ''))}
        onBlur={() => {
          const normalized = normalizeMoneyInput(value);
          if (normalized !== value) onChange(normalized);
          onBlur?.();
        }}
      />
    </span>
  );
}
