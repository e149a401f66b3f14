import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { formatDateBR, formatInstantBR, parseDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import type { AppError } from '../../../src-shared/errors';
import { call } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { queryKeyOf } from '../../api/query-keys';
import { DateInput } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { OrderPaymentsPanel } from '../../components/finance/OrderPaymentsPanel';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { MoneyInput } from '../../components/MoneyInput';
import { nameOf, useCatalog } from '../../components/orders/catalog';
import { ItemImages } from '../../components/orders/ItemImages';
import { KindBadge, OverdueBadge, PaymentBadge, PriorityBadge, StatusBadge } from '../../components/orders/labels';
import { OrderDocuments } from '../../components/orders/OrderDocuments';
import { PresenceNotice } from '../../components/orders/PresenceNotice';
import { RecordNotFound } from '../../components/RecordNotFound';
import { Loading, Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import { displayPhone } from '../../lib/format';
import { orderCharges, orderMoney } from '../../lib/money-fields';
import { orderActions } from '../../lib/order-actions';
import { formatArea, inputToCents, type Order, type OrderItem } from '../../lib/order-form';
import { useSession } from '../../session';

/** `/pedidos/:id`: the order, its items and images, the production checklist and what can be done with it. */
export function OrderPage({ id }: { id: number }) {
  const valid = Number.isSafeInteger(id) && id > 0;
  const order = useCall('orders.get', { id }, { enabled: valid });
  if (!valid || order.error?.code === 'NOT_FOUND') {
    return (
      <RecordNotFound testId="order-not-found" back={{ href: '/pedidos', label: t('orders.backToList') }}>
        {t('orders.notFound')}
      </RecordNotFound>
    );
  }
  if (order.isPending) return <Loading />;
  if (order.isError) return <ErrorBox error={order.error} onRetry={() => void order.refetch()} />;
  return <OrderView order={order.data} refreshing={order.isFetching} />;
}

type Dialog = 'convert' | 'deliver' | 'cancel' | 'delete' | { reprint: OrderItem } | null;

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <div className="dl-item">
      <dt>{label}</dt>
      <dd data-testid={testId} className={empty ? 'muted' : undefined}>
        {empty ? '—' : children}
      </dd>
    </div>
  );
}

function OrderView({ order: o, refreshing }: { order: Order; refreshing: boolean }) {
  const session = useSession();
  const catalog = useCatalog();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [showHistory, setShowHistory] = useState(false);
  const canWrite = session.can('orders.write');
  const open = o.status !== 'entregue' && o.status !== 'cancelado';
  const isQuote = o.kind === 'orcamento';
  const money = orderMoney(o);
  const charges = orderCharges(o);
  const actions = orderActions(o, { write: canWrite, delete: session.can('orders.delete') });

  return (
    <section className="page page-wide" data-testid="order-page">
      <div className="page-header">
        <div>
          <Link href="/pedidos" className="back-link">
            ‹ {t('orders.nav.orders')}
          </Link>
          <h1>
            <span data-testid="order-number">
              {isQuote ? t('orders.quoteNumber', { number: o.number }) : t('orders.orderNumber', { number: o.number })}
            </span>{' '}
            <StatusBadge status={o.status} />
            <PriorityBadge priority={o.priority} />
            <KindBadge kind={o.kind} />
            {o.isReprint && <span className="badge">{t('orders.reprintBadge')}</span>}
            {refreshing && <Spinner small label={t('common.updating')} />}
          </h1>
          <p className="muted">
            <Link href={`/clientes/${o.customerId}`} data-testid="order-customer">
              {o.customerName}
            </Link>
            {o.customerPhone && ` · ${displayPhone(o.customerPhone)}`}
            {o.customerCity && ` · ${o.customerCity}`}
          </p>
        </div>
        <div className="actions">
          {actions.edit && (
            <Link href={`/pedidos/${o.id}/editar`} className="btn btn-primary" data-testid="order-edit">
              {t('common.edit')}
            </Link>
          )}
          {actions.convert && (
            <button type="button" className="btn" onClick={() => setDialog('convert')} data-testid="order-convert">
              {t('orders.convert')}
            </button>
          )}
          {actions.deliver && (
            <button type="button" className="btn" onClick={() => setDialog('deliver')} data-testid="order-deliver">
              {t('orders.deliver')}
            </button>
          )}
          {actions.cancel && (
            <button type="button" className="btn" onClick={() => setDialog('cancel')} data-testid="order-cancel-order">
              {isQuote ? t('orders.cancelQuote') : t('orders.cancel')}
            </button>
          )}
          <OrderDocuments order={o} />
          {actions.delete && (
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => setDialog('delete')}
              data-testid="order-delete"
            >
              {t('orders.delete')}
            </button>
          )}
        </div>
      </div>

      <PresenceNotice entity="order" id={o.id} />

      {o.status === 'cancelado' && (
        <Notice tone="warn" testId="order-cancelled">
          {t('orders.cancelledBanner', { reason: o.cancelReason ?? '—' })}
        </Notice>
      )}
      {o.expired && (
        <Notice tone="warn" testId="order-expired">
          {t('orders.expiredBanner', { date: formatDateBR(o.validUntil) })}
        </Notice>
      )}
      {o.isReprint && (
        <Notice testId="order-reprint">
          {o.reprintCostCents === undefined
            ? t('orders.reprintBannerNoCost', { reason: o.reprintReason ?? '—' })
            : t('orders.reprintBanner', {
                reason: o.reprintReason ?? '—',
                cost: formatCents(o.reprintCostCents ?? 0),
              })}{' '}
          {o.reprintOfOrderId && <Link href={`/pedidos/${o.reprintOfOrderId}`}>{t('orders.reprintOriginal')}</Link>}
        </Notice>
      )}

      <div className="columns">
        <div className="card">
          <h2>{t('orders.section.data')}</h2>
          <dl className="dl">
            <Item label={t('orders.field.entryDate')} testId="order-entry">
              {formatDateBR(o.entryDate)}
            </Item>
            <Item label={t('orders.field.deliveryDate')} testId="order-delivery">
              {o.deliveryDate && (
                <span className={o.overdue ? 'text-overdue' : undefined}>
                  {formatDateBR(o.deliveryDate)} <OverdueBadge overdue={o.overdue} />
                </span>
              )}
            </Item>
            {isQuote && <Item label={t('orders.field.validUntil')}>{formatDateBR(o.validUntil)}</Item>}
            <Item label={t('orders.field.seller')}>{nameOf(catalog.staff, o.sellerId)}</Item>
            <Item label={t('orders.field.shipping')}>{nameOf(catalog.shippingMethods, o.shippingMethodId)}</Item>
            {money && (
              <>
                <Item label={t('orders.field.paymentMethod')}>{nameOf(catalog.paymentMethods, o.paymentMethodId)}</Item>
                <Item label={t('orders.field.paymentNotes')}>{o.paymentNotes}</Item>
              </>
            )}
            <Item label={t('orders.field.notes')}>{o.notes && <span className="pre">{o.notes}</span>}</Item>
            {o.deliveredAt && <Item label={t('orders.deliveredAt')}>{formatInstantBR(o.deliveredAt)}</Item>}
          </dl>
        </div>
        {!money && session.can('money.read') && (
          <div className="card" data-testid="order-money-not-yours">
            <h2>{t('orders.section.totals')}</h2>
            <p className="muted">{t('orders.moneyNotYours')}</p>
          </div>
        )}
        {money && (
          <div className="card">
            <h2>{t('orders.section.totals')}</h2>
            <dl className="totals" data-testid="order-totals">
              <div>
                <dt>{t('orders.totals.items')}</dt>
                <dd>{formatCents(money.itemsTotalCents)}</dd>
              </div>
              {charges && (
                <>
                  <div>
                    <dt>{t('orders.totals.freight')}</dt>
                    <dd>{formatCents(charges.freightCents)}</dd>
                  </div>
                  <div>
                    <dt>{t('orders.totals.discount')}</dt>
                    <dd>− {formatCents(charges.discountCents)}</dd>
                  </div>
                </>
              )}
              <div className="total">
                <dt>{t('orders.totals.total')}</dt>
                <dd data-testid="order-total">{formatCents(money.totalCents)}</dd>
              </div>
              <div>
                <dt>{t('orders.totals.paid')}</dt>
                <dd data-testid="order-paid">{formatCents(money.paidCents)}</dd>
              </div>
              {money.financedCents > 0 && (
                <div>
                  <dt>{t('orders.totals.financed')}</dt>
                  <dd>{formatCents(money.financedCents)}</dd>
                </div>
              )}
              <div>
                <dt>{t('orders.totals.balance')}</dt>
                <dd data-testid="order-balance">{formatCents(money.balanceCents)}</dd>
              </div>
            </dl>
            <p>
              <PaymentBadge state={money.paymentState} creditOpenCents={money.creditOpenCents} />
            </p>
            <div data-testid="order-payments-slot">
              <OrderPaymentsPanel orderId={o.id} />
            </div>
          </div>
        )}
      </div>

      {!isQuote && <Stages order={o} />}

      <div className="card">
        <h2>
          {t('orders.items')} <span className="count">({o.items.length})</span>
        </h2>
        <ol className="order-items">
          {o.items.map((item, index) => (
            <li key={item.id} className="order-item" data-testid="order-item">
              <div className="order-item-head">
                <strong>
                  {index + 1}. {item.description}
                </strong>
                <span className="muted">
                  {item.productName} · {item.productionType}
                </span>
                <span className="spacer" />
                {item.totalCents !== undefined && (
                  <strong data-testid="order-item-total">{formatCents(item.totalCents)}</strong>
                )}
              </div>
              <p className="order-item-facts">
                {item.widthMm !== null && (
                  <span>
                    {item.widthMm}
                    {item.heightMm !== null && ` × ${item.heightMm}`} mm
                  </span>
                )}
                {item.areaM2 !== null && <span>{formatArea(item.areaM2)}</span>}
                <span>{t('orders.item.qty', { n: item.quantity })}</span>
                {item.unitPriceCents !== undefined && (
                  <span>
                    {formatCents(item.unitPriceCents)} / {t(`registry.unit.${item.unit}`)}
                  </span>
                )}
                {item.materialId && <span>{nameOf(catalog.materials, item.materialId)}</span>}
                {item.finishId && <span>{nameOf(catalog.finishes, item.finishId)}</span>}
                {item.seams === 'com' && <span>{t('orders.item.seamsN', { n: item.seamCount })}</span>}
                {item.designerId && (
                  <span>
                    {t('orders.item.designer')}: {nameOf(catalog.staff, item.designerId)}
                  </span>
                )}
                {item.machineId && (
                  <span>
                    {t('orders.item.machine')}: {nameOf(catalog.machines, item.machineId)}
                  </span>
                )}
                {item.colorProfile && <span>ICC: {item.colorProfile}</span>}
                {item.rip && <span>RIP: {item.rip}</span>}
                {item.printDate && <span>{t('orders.item.printedOn', { date: formatDateBR(item.printDate) })}</span>}
                <span className={item.artStatus === 'aprovada' ? 'badge badge-ok' : 'badge badge-warn'}>
                  {t(`orders.art.${item.artStatus}`)}
                  {item.artStatus === 'aprovada' &&
                    item.artChannel &&
                    ` · ${t(`orders.artChannel.${item.artChannel}`)}`}
                </span>
              </p>
              {item.artApprovedByName && (
                <p className="muted small">
                  {t('orders.item.approvedBy', {
                    name: item.artApprovedByName,
                    when: formatInstantBR(item.artApprovedAt),
                  })}
                </p>
              )}
              {item.extras.length > 0 && (
                <ul className="extras-list">
                  {item.extras.map((e) => (
                    <li key={`${e.name}-${e.quantity}-${e.unitPriceCents}`}>
                      {e.quantity} × {e.name}
                      {e.unitPriceCents !== undefined && ` (${formatCents(e.unitPriceCents)})`}
                    </li>
                  ))}
                </ul>
              )}
              {item.notes && <p className="pre small">{item.notes}</p>}
              <ItemImages orderId={o.id} item={item} canWrite={canWrite && open} index={index} />
              {canWrite && !isQuote && o.status !== 'cancelado' && (
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => setDialog({ reprint: item })}
                  data-testid="item-reprint"
                >
                  {t('orders.reprint')}
                </button>
              )}
            </li>
          ))}
        </ol>
      </div>

      <div className="card">
        <div className="card-head">
          <h2>{t('orders.history')}</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setShowHistory((s) => !s)}
            aria-expanded={showHistory}
            data-testid="order-history-toggle"
          >
            {showHistory ? t('orders.history.hide') : t('orders.history.show')}
          </button>
        </div>
        {showHistory && <History id={o.id} />}
      </div>

      {dialog === 'convert' && <ConvertDialog order={o} onClose={() => setDialog(null)} />}
      {dialog === 'deliver' && <DeliverDialog order={o} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelDialog order={o} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteDialog order={o} onClose={() => setDialog(null)} />}
      {dialog !== null && typeof dialog === 'object' && (
        <ReprintDialog order={o} item={dialog.reprint} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}

/** The production checklist: each stage done/undone, by whom and when. */
function Stages({ order: o }: { order: Order }) {
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const stage = useCallMutation('orders.stage');
  const [pending, setPending] = useState<string | null>(null);
  const open = o.status !== 'entregue' && o.status !== 'cancelado';

  const toggle = async (key: string, done: boolean) => {
    setPending(key);
    try {
      const saved = await stage.mutateAsync({ id: o.id, stage: key, done, version: o.version });
      queryClient.setQueryData(queryKeyOf('orders.get', { id: o.id }), saved);
      toast(
        t(done ? 'orders.stage.done' : 'orders.stage.undone', {
          stage: saved.stages.find((s) => s.key === key)?.label ?? key,
        }),
      );
    } catch (err) {
      const error = toAppError(err);
      toast(error.message);
      if (error.code === 'STALE_VERSION') void queryClient.invalidateQueries({ queryKey: ['orders'] });
    } finally {
      setPending(null);
    }
  };

  const firstOpen = o.stages.find((s) => !s.done)?.key ?? null;
  return (
    <div className="card" data-testid="order-stages">
      <h2>{t('orders.stages')}</h2>
      <ol className="stages">
        {o.stages.map((s, index) => {
          const allowed = session.can(index === 0 ? 'orders.approve' : 'orders.advance');
          const canDo = open && allowed && (s.done || s.key === firstOpen);
          return (
            <li
              key={s.key}
              className={s.done ? 'stage done' : s.key === firstOpen ? 'stage current' : 'stage'}
              data-testid={`stage-${s.key}`}
            >
              <span className="stage-mark" aria-hidden="true">
                {s.done ? '✓' : index + 1}
              </span>
              <span className="stage-label">{s.label}</span>
              <span className="stage-who muted small">
                {s.done &&
                  s.doneByName &&
                  t('orders.stage.by', { name: s.doneByName, when: formatInstantBR(s.doneAt) })}
              </span>
              {canDo && (
                <button
                  type="button"
                  className={s.done ? 'btn btn-small btn-ghost' : 'btn btn-small btn-primary'}
                  disabled={pending !== null}
                  onClick={() => void toggle(s.key, !s.done)}
                  data-testid={s.done ? `stage-undo-${s.key}` : `stage-do-${s.key}`}
                >
                  {pending === s.key ? <Spinner small /> : null}
                  {s.done ? t('orders.stage.undo') : index === 0 ? t('orders.stage.approve') : t('orders.stage.do')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {!session.can('orders.stages') && <p className="hint">{t('orders.stage.noPermission')}</p>}
    </div>
  );
}

function History({ id }: { id: number }) {
  const history = useCall('orders.history', { id });
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorBox error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <ol className="timeline" data-testid="order-history">
      {[...history.data.items].reverse().map((h) => (
        <li key={h.id} className="timeline-item">
          <div className="timeline-head">
            <strong>{h.details}</strong>
            <span className="muted">
              {formatInstantBR(h.at)} · {h.userName ?? t('orders.history.system')}
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}

function useOrderAction() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return (saved: Order, message: string) => {
    queryClient.setQueryData(queryKeyOf('orders.get', { id: saved.id }), saved);
    toast(message);
  };
}

function ConvertDialog({ order: o, onClose }: { order: Order; onClose: () => void }) {
  const convert = useCallMutation('orders.convert');
  const done = useOrderAction();
  const [date, setDate] = useState(formatDateBR(o.deliveryDate));
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const iso = date.trim() ? parseDateBR(date) : null;
    if (date.trim() && !iso) {
      setError(t('field.date'));
      return;
    }
    if (!iso) {
      setError(t('orders.error.deliveryDate'));
      return;
    }
    try {
      const saved = await convert.mutateAsync({ id: o.id, deliveryDate: iso });
      done(saved, t('orders.converted', { number: saved.number }));
      onClose();
    } catch (err) {
      setError(toAppError(err).fields?.deliveryDate ?? null);
    }
  };
  return (
    <Modal title={t('orders.convertTitle')} onClose={onClose} testId="convert-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('orders.convertText')}</p>
        <Field name="convert-deliveryDate" label={t('orders.field.deliveryDate')} error={error}>
          {(p) => (
            <DateInput
              control={p}
              value={date}
              onChange={(v) => {
                setDate(v);
                setError(null);
              }}
            />
          )}
        </Field>
        <ErrorBox error={convert.error && !convert.error.fields ? convert.error : null} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={convert.isPending} data-testid="convert-confirm">
            {t('orders.convert')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeliverDialog({ order: o, onClose }: { order: Order; onClose: () => void }) {
  const setStatus = useCallMutation('orders.setStatus');
  const done = useOrderAction();
  const deliver = async () => {
    try {
      const saved = await setStatus.mutateAsync({ id: o.id, status: 'entregue', version: o.version });
      done(saved, t('orders.delivered', { number: saved.number }));
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };
  return (
    <ConfirmDialog
      title={t('orders.deliverTitle')}
      message={
        o.balanceCents !== undefined && o.balanceCents > 0
          ? t('orders.deliverWithBalance', { number: o.number, balance: formatCents(o.balanceCents) })
          : t('orders.deliverText', { number: o.number })
      }
      confirmLabel={t('orders.deliver')}
      busy={setStatus.isPending}
      error={<ErrorBox error={setStatus.error} />}
      onConfirm={() => void deliver()}
      onCancel={onClose}
    />
  );
}

function CancelDialog({ order: o, onClose }: { order: Order; onClose: () => void }) {
  const setStatus = useCallMutation('orders.setStatus');
  const done = useOrderAction();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('orders.cancelReasonRequired'));
      return;
    }
    try {
      const saved = await setStatus.mutateAsync({
        id: o.id,
        status: 'cancelado',
        reason: reason.trim(),
        version: o.version,
      });
      done(saved, t('orders.cancelled', { number: saved.number }));
      onClose();
    } catch (err) {
      setError(toAppError(err).fields?.reason ?? null);
    }
  };
  return (
    <Modal
      title={t(o.kind === 'orcamento' ? 'orders.cancelQuoteTitle' : 'orders.cancelTitle', { number: o.number })}
      onClose={onClose}
      testId="cancel-dialog"
    >
      <form onSubmit={submit} noValidate>
        <p>{t('orders.cancelText')}</p>
        <Field name="cancel-reason" label={t('orders.cancelReason')} error={error}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
            />
          )}
        </Field>
        <ErrorBox error={setStatus.error && !setStatus.error.fields ? setStatus.error : null} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={setStatus.isPending} data-testid="cancel-confirm">
            {o.kind === 'orcamento' ? t('orders.cancelQuote') : t('orders.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteDialog({ order: o, onClose }: { order: Order; onClose: () => void }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const doDelete = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('orders.delete', { id: o.id });
      navigate('/pedidos');
      toast(t('orders.deleted', { number: o.number }));
      setTimeout(() => {
        queryClient.removeQueries({ queryKey: queryKeyOf('orders.get', { id: o.id }) });
        void queryClient.invalidateQueries({ queryKey: ['orders'] });
      }, 0);
    } catch (err) {
      setError(toAppError(err));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={t('orders.deleteTitle')}
      message={t('orders.deleteText', { number: o.number })}
      confirmLabel={t('orders.delete')}
      danger
      busy={busy}
      error={<ErrorBox error={error} />}
      onConfirm={() => void doDelete()}
      onCancel={onClose}
    />
  );
}

function ReprintDialog({ order: o, item, onClose }: { order: Order; item: OrderItem; onClose: () => void }) {
  const [key] = useIdempotencyKey();
  const reprint = useCallMutation('orders.reprint', { idempotencyKey: key });
  const [, navigate] = useLocation();
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [cost, setCost] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; costCents?: string }>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: { reason?: string; costCents?: string } = {};
    if (!reason.trim()) found.reason = t('orders.reprintReasonRequired');
    const costCents = inputToCents(cost, 0);
    if (costCents === null || Number.isNaN(costCents) || costCents < 0) found.costCents = t('orders.error.money');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const created = await reprint.mutateAsync({
        id: o.id,
        itemId: item.id,
        reason: reason.trim(),
        costCents: costCents ?? 0,
      });
      toast(t('orders.reprinted', { number: created.number }));
      onClose();
      navigate(`/pedidos/${created.id}`);
    } catch (err) {
      const fields = toAppError(err).fields;
      if (fields)
        setErrors({
          ...(fields.reason && { reason: fields.reason }),
          ...(fields.costCents && { costCents: fields.costCents }),
        });
    }
  };
  return (
    <Modal title={t('orders.reprintTitle', { item: item.description })} onClose={onClose} testId="reprint-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('orders.reprintText')}</p>
        <Field name="reprint-reason" label={t('orders.reprintReason')} error={errors.reason}>
          {(p) => (
            <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <Field
          name="reprint-cost"
          label={t('orders.reprintCost')}
          error={errors.costCents}
          hint={t('orders.reprintCostHint')}
        >
          {(p) => <MoneyInput variant="orders" control={p} value={cost} onChange={setCost} />}
        </Field>
        <ErrorBox error={reprint.error && !reprint.error.fields ? reprint.error : null} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={reprint.isPending} data-testid="reprint-confirm">
            {t('orders.reprint')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
