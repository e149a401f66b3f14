import { normalizeMoneyInput } from '../lib/finance';
import { maskMoneyInput } from '../lib/order-form';
import type { ControlProps } from './Field';

/**
 * How each module's money box types and looks:
 * - `orders`: masked while typing (at most two decimals), `.money-input` styles from orders.css;
 * - `finance`: lenient while typing, re-formatted on blur ('1234,5' → '1.234,50'), `.fin-money` styles.
 */
const VARIANTS = {
  orders: { box: 'money-input', prefix: 'money-prefix', maxLength: 16, clean: maskMoneyInput, normalize: null },
  finance: {
    box: 'fin-money',
    prefix: 'fin-money-prefix',
    maxLength: 20,
    clean: (value: string) => value.replace(/[^\d.,R$\s-]/g, ''),
    normalize: normalizeMoneyInput,
  },
} as const;

/** Reais typed the Brazilian way ('1.234,56'); the value stays text until it is sent (as cents). */
export function MoneyInput({
  variant,
  control,
  value,
  onChange,
  onBlur,
  autoFocus,
  disabled,
}: {
  variant: keyof typeof VARIANTS;
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const v = VARIANTS[variant];
  return (
    <span className={v.box}>
      <span className={v.prefix} aria-hidden="true">
        R$
      </span>
      <input
        {...control}
        inputMode="decimal"
        autoComplete="off"
        placeholder="0,00"
        maxLength={v.maxLength}
        // biome-ignore lint/a11y/noAutofocus: the one field a dialog opens for
        autoFocus={autoFocus}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange(v.clean(e.target.value))}
        onBlur={
          v.normalize === null
            ? onBlur
            : () => {
                const normalized = v.normalize(value);
                if (normalized !== value) onChange(normalized);
                onBlur?.();
              }
        }
      />
    </span>
  );
}
