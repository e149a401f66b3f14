import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { type PaymentMethod, receivableMethods } from '../../lib/finance';
import type { ControlProps } from '../Field';

/** The shop's active payment methods that take money at the counter (crediário is a plan, not a method here). */
export function usePaymentMethods(): { methods: PaymentMethod[]; all: PaymentMethod[]; pending: boolean } {
  const list = useCall('paymentMethods.list', { page: 1, perPage: 200, active: 'true' });
  const all = list.data?.items ?? [];
  return { methods: receivableMethods(all), all, pending: list.isPending };
}

/**
 * The method a receipt starts on: the shop's most used one (the server counts the last 90 days),
 * when it is among `methods`; otherwise cash, else the first.
 */
export function defaultMethodId(methods: readonly PaymentMethod[], preferredId?: number | null): string {
  const preferred = preferredId ? methods.find((m) => m.id === preferredId) : undefined;
  const cash = methods.find((m) => m.kind === 'dinheiro');
  return String((preferred ?? cash ?? methods[0])?.id ?? '');
}

/** `defaultMethodId` with the server's preferred method; '' while either is loading. */
export function usePreferredMethodId(methods: readonly PaymentMethod[]): string {
  const preferred = useCall('payments.preferredMethod', {});
  if (preferred.isPending || methods.length === 0) return '';
  return defaultMethodId(methods, preferred.data?.paymentMethodId ?? null);
}

export function MethodSelect({
  control,
  methods,
  value,
  onChange,
  emptyLabel,
}: {
  control: ControlProps;
  methods: readonly PaymentMethod[];
  value: string;
  onChange: (value: string) => void;
  /** Offers a blank choice with this label (filters: "all"; down payment: "choose"). */
  emptyLabel?: string;
}) {
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {emptyLabel === undefined && !value && <option value="">{t('finance.method.choose')}</option>}
      {methods.map((m) => (
        <option key={m.id} value={String(m.id)}>
          {m.name}
        </option>
      ))}
    </select>
  );
}
