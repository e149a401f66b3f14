import { type Msg, msg } from '../i18n';

/**
 * The order status machine. Statuses move only through these actions:
 * - approving the finance stage: pendente → em_producao;
 * - finishing the last stage: em_producao → pronto (undoing a stage moves back);
 * - delivering: pronto → entregue;
 * - cancelling (with a reason): from pendente, em_producao or pronto → cancelado.
 */
export type OrderStatus = 'pendente' | 'em_producao' | 'pronto' | 'entregue' | 'cancelado';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pendente: 'Pendente',
  em_producao: 'Em produção',
  pronto: 'Pronto',
  entregue: 'Entregue',
  cancelado: 'Cancelado',
};

export interface StageState {
  key: string;
  done: boolean;
}

/** Status implied by the stages of an order that is neither delivered nor cancelled. */
export function statusFromStages(stages: readonly StageState[]): OrderStatus {
  if (!stages.length || !stages[0]?.done) return 'pendente';
  return stages.every((s) => s.done) ? 'pronto' : 'em_producao';
}

/** The stage an order is waiting on (first not done), or null when all are done. */
export function currentStage(stages: readonly StageState[]): string | null {
  return stages.find((s) => !s.done)?.key ?? null;
}

export type Move = { ok: true } | { ok: false; reason: Msg };

const no = (reason: Msg): Move => ({ ok: false, reason });

/** Can a stage be marked done (or undone) on an order in this status? */
export function canToggleStage(
  status: OrderStatus,
  kind: 'pedido' | 'orcamento',
  stages: readonly StageState[],
  stageKey: string,
  done: boolean,
): Move {
  if (kind === 'orcamento') return no(msg('orders.move.quote'));
  if (status === 'entregue') return no(msg('orders.move.delivered'));
  if (status === 'cancelado') return no(msg('orders.move.cancelled'));
  const index = stages.findIndex((s) => s.key === stageKey);
  if (index < 0) return no(msg('orders.move.unknownStage', { stage: stageKey }));
  if (done) {
    const pending = stages.slice(0, index).find((s) => !s.done);
    if (pending) return no(msg('orders.move.previousStage', { stage: pending.key }));
  }
  return { ok: true };
}

/** Applies a toggle: marking done marks only that stage; undoing a stage also undoes every later one. */
export function toggleStages<T extends StageState>(stages: readonly T[], stageKey: string, done: boolean): T[] {
  const index = stages.findIndex((s) => s.key === stageKey);
  return stages.map((s, i) => (i === index ? { ...s, done } : !done && i > index ? { ...s, done: false } : s));
}

/** Delivering or cancelling. */
export function canMoveTo(status: OrderStatus, target: 'entregue' | 'cancelado', reason?: string | null): Move {
  if (status === target) return no(msg('orders.move.already', { status: msg(`status.order.${target}`) }));
  if (target === 'entregue') {
    if (status === 'cancelado') return no(msg('orders.move.cancelledNotDeliverable'));
    if (status !== 'pronto')
      return no(msg('orders.move.onlyReadyDeliverable', { status: msg(`status.order.${status}`) }));
    return { ok: true };
  }
  if (status === 'entregue') return no(msg('orders.move.deliveredNotCancellable'));
  if (!reason?.trim()) return no(msg('orders.move.reasonRequired'));
  return { ok: true };
}
