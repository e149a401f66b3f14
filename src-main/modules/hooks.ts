import type { ProcCtx } from '../rpc/context';

/**
 * Facts a module states about its own committed changes, for other modules to react to inside
 * the same transaction. A module writes only its own tables (`owners.ts`); when another module
 * needs to keep something of its own in step (an aggregate, a score, an outbox row, a
 * notification), it subscribes to a fact at wiring time instead of every writer calling it.
 *
 * Subscribers run in the writer's transaction, in the order they subscribed, with the writer's
 * `ctx` (same `db`, user, clock, `emit`, `audit`): what they write commits or rolls back with the
 * change itself, and an error in a subscriber fails the whole call.
 */
export interface Facts {
  /** An order was created (a quote, an order or a reprint). Stated by orders. */
  orderCreated: {
    orderId: number;
    number: string;
    kind: 'pedido' | 'orcamento';
    isReprint: boolean;
    customerId: number;
    customerName: string;
    deliveryDate: string | null;
    sellerId: number | null;
  };
  /** An order reached "pronto" (every production stage done). Stated by orders. */
  orderReady: {
    orderId: number;
    number: string;
    customerName: string;
    sellerId: number | null;
    createdBy: number | null;
  };
  /** An open order passed its delivery date (stated once per order by the daily job). Stated by orders. */
  orderOverdue: {
    orderId: number;
    number: string;
    customerName: string;
    deliveryDate: string | null;
    sellerId: number | null;
    createdBy: number | null;
  };
  /** An order was handed to the customer. Stated by orders. */
  orderDelivered: { orderId: number; customerId: number };
  /**
   * Money was recorded against an order outside its installments: a payment or down payment
   * (`paidCents` > 0), a reversal (< 0), or a crediário opened or cancelled (`financedCents`).
   * Stated by orders once the order's row (and version) changed.
   */
  orderPaid: {
    orderId: number;
    customerId: number;
    paidCents: number;
    financedCents: number;
    /** The order's totals after the change. */
    totalCents: number;
    paidTotalCents: number;
    financedTotalCents: number;
  };
  /** An installment received a payment (principal, fine and interest as allocated). Stated by finance. */
  installmentPaid: {
    installmentId: number;
    planId: number;
    orderId: number | null;
    customerId: number;
    paymentId: number;
    principalCents: number;
    fineCents: number;
    interestCents: number;
  };
  /** A crediário was opened (for an order, as a sale, or by renegotiation). Stated by finance. */
  planOpened: { planId: number; orderId: number | null; customerId: number; financedCents: number };
  /**
   * Two customers were merged (`customers.merge`): everything of `fromId` now belongs to `intoId`.
   * Stated by customers; orders and finance move their own rows (orders keep the customer's name,
   * phone and city as copies, so they take the kept one's, and the orders' search index follows).
   */
  customerMerged: {
    fromId: number;
    intoId: number;
    intoName: string;
    intoPhone: string | null;
    intoCity: string | null;
  };
  /** A crediário ended: paid off (`quitado`), renegotiated or cancelled. Stated by finance. */
  planClosed: {
    planId: number;
    orderId: number | null;
    customerId: number;
    status: 'quitado' | 'renegociado' | 'cancelado';
  };
  /**
   * A scheduled job failed: its work was rolled back and the run recorded in `job_runs`. Stated by
   * the scheduler (`jobs/scheduler.ts`), in the small transaction that records the failed run.
   */
  jobFailed: { job: string; runId: number; startedAt: string; error: string };
  /**
   * A backup failed its verification, could not be written, or could not be copied to the second
   * destination (`problem`: a stored catalogue message). Stated by backups.
   */
  backupFailed: { backupId: string; kind: string; problem: string };
  /** The maintenance job's integrity check found problems. Stated by backups. */
  databaseCheckFailed: { detail: string };
  /** The data folder's disk has less free space than configured. Stated by backups. */
  diskLow: { freeBytes: number };
  /** A quote's validity ends within two days (once per quote and date). Stated by messages' daily job. */
  quoteExpiring: {
    orderId: number;
    number: string;
    customerName: string;
    validUntil: string;
    sellerId: number | null;
    createdBy: number | null;
  };
  // customer health (issue 10): the writes that change a customer's orders or money and had no fact.
  /**
   * An order was edited (header or items) or a quote became an order. `previousCustomerId` is the
   * customer before the edit (the same unless the order moved to another customer). Stated by orders.
   */
  orderUpdated: { orderId: number; customerId: number; previousCustomerId: number };
  /** An order was cancelled. Stated by orders. */
  orderCancelled: { orderId: number; customerId: number };
  /** An order was deleted (with its items and stages). Stated by orders. */
  orderDeleted: { orderId: number; customerId: number };
  /** A payment was reversed: an order's, a down payment or an installment's. Stated by finance. */
  paymentReversed: {
    paymentId: number;
    reversalId: number;
    customerId: number;
    orderId: number | null;
    installmentId: number | null;
  };
}

export type Fact = keyof Facts;
export type Subscriber<F extends Fact> = (ctx: ProcCtx, payload: Facts[F]) => Promise<void> | void;

/** The subscriptions of one app, made once at wiring time (`createApp`). */
export class Hooks {
  private readonly subscribers: { [F in Fact]?: Array<Subscriber<F>> } = {};

  /** Reacts to a fact; returns a function that stops it (tests). */
  on<F extends Fact>(fact: F, subscriber: Subscriber<F>): () => void {
    const list = (this.subscribers[fact] ?? []) as Array<Subscriber<F>>;
    this.subscribers[fact] = list as (typeof this.subscribers)[F];
    list.push(subscriber);
    return () => {
      const at = list.indexOf(subscriber);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** Runs every subscriber of a fact, one after the other, inside the caller's transaction. */
  async fire<F extends Fact>(ctx: ProcCtx, fact: F, payload: Facts[F]): Promise<void> {
    const list = this.subscribers[fact] as Array<Subscriber<F>> | undefined;
    if (!list?.length) return;
    for (const subscriber of [...list]) await subscriber(ctx, payload);
  }
}

/** States a fact from inside a write: `await stateFact(ctx, 'orderPaid', {...})`. */
export function stateFact<F extends Fact>(ctx: ProcCtx, fact: F, payload: Facts[F]): Promise<void> {
  return ctx.services.hooks.fire(ctx, fact, payload);
}
