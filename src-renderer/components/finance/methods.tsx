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

/** Cash first: it is what the counter takes most, and the one with change. */
export function defaultMethodId(methods: readonly PaymentMethod[]): string {
  const cash = methods.find((m) => m.kind === 'dinheiro');
  return String((cash ?? methods[0])?.id ?? '');
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
