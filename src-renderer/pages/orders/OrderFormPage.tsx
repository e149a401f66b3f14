import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { businessDateOf } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import type { FieldErrors } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { useAnnounceEditing } from '../../api/presence';
import { queryKeyOf } from '../../api/query-keys';
import { DateInput } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { PiecesEditor } from '../../components/fichas/PiecesEditor';
import { MoneyInput } from '../../components/MoneyInput';
import { type Catalog, choices, useCatalog } from '../../components/orders/catalog';
import { ItemImages } from '../../components/orders/ItemImages';
import { CustomerPicker, ProductPicker } from '../../components/orders/Picker';
import { PresenceNotice } from '../../components/orders/PresenceNotice';
import { RecordNotFound } from '../../components/RecordNotFound';
import { Loading } from '../../components/Spinner';
import { StaleBanner } from '../../components/StaleBanner';
import { useToast } from '../../components/Toasts';
import { useEditForm } from '../../hooks/useEditForm';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import { mappedFieldsOutcome } from '../../lib/edit-form';
import { formatCentsOrDash } from '../../lib/format';
import {
  type ArtChannel,
  type ArtStatus,
  centsToInput,
  emptyExtra,
  emptyItem,
  emptyOrderForm,
  formatArea,
  formToCreateInput,
  formToUpdateInput,
  type ItemForm,
  itemPreview,
  MAX_EXTRAS,
  MAX_ITEMS,
  mapOrderServerFields,
  measureEcho,
  newKey,
  type Order,
  type OrderFormValues,
  type OrderKind,
  onlyInt,
  orderPreview,
  orderToForm,
  orderWarnings,
  rebaseOrderForm,
  validateOrderForm,
  withFinish,
  withProduct,
  withSizeTyped,
} from '../../lib/order-form';
import { useSession } from '../../session';

const today = () => businessDateOf(new Date());

const ART_STATUSES: readonly ArtStatus[] = ['aguardando_arte', 'arte_enviada', 'alteracao', 'aprovada'];
const ART_CHANNELS: readonly ArtChannel[] = ['balcao', 'whatsapp', 'email', 'telefone'];

/** `/pedidos/novo`, `/pedidos/novo/orcamento`, `/pedidos/novo/cliente/:id` and `/pedidos/:id/editar`. */
export function OrderFormPage({ id, kind, customerId }: { id?: number; kind?: OrderKind; customerId?: number }) {
  if (id !== undefined) return <EditOrder id={id} />;
  if (customerId !== undefined) return <NewOrderFor customerId={customerId} />;
  return <OrderForm order={null} initial={emptyOrderForm(today(), kind ?? 'pedido')} />;
}

function NewOrderFor({ customerId }: { customerId: number }) {
  const valid = Number.isSafeInteger(customerId) && customerId > 0;
  const customer = useCall('customers.get', { id: customerId }, { enabled: valid });
  if (valid && customer.isPending) return <Loading />;
  const initial = emptyOrderForm(today());
  if (customer.data?.active) {
    initial.customerId = customer.data.id;
    initial.customerName = customer.data.name;
  }
  return <OrderForm order={null} initial={initial} />;
}

function NotFound() {
  return (
    <RecordNotFound testId="order-not-found" back={{ href: '/pedidos', label: t('orders.backToList') }}>
      {t('orders.notFound')}
    </RecordNotFound>
  );
}

function EditOrder({ id }: { id: number }) {
  const valid = Number.isSafeInteger(id) && id > 0;
  const query = useCall('orders.get', { id }, { enabled: valid });
  if (!valid || query.error?.code === 'NOT_FOUND') return <NotFound />;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.status === 'entregue' || query.data.status === 'cancelado') {
    return (
      <section className="page">
        <Notice tone="warn" testId="order-locked">
          {t('orders.form.locked', { number: query.data.number })}
        </Notice>
        <Link href={`/pedidos/${id}`} className="btn">
          {t('orders.backToOrder')}
        </Link>
      </section>
    );
  }
  return (
    <OrderForm
      order={query.data}
      initial={orderToForm(query.data)}
      latestVersion={query.data.version}
      latest={query.data}
      reload={async () => (await query.refetch()).data ?? null}
    />
  );
}

function withoutKeys(errors: FieldErrors, prefix: string): FieldErrors {
  const keys = Object.keys(errors).filter((k) => k === prefix || k.startsWith(`${prefix}.`));
  if (keys.length === 0) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}

function OrderForm({
  order,
  initial,
  latestVersion,
  latest,
  reload,
}: {
  order: Order | null;
  initial: OrderFormValues;
  /** The version the server has now (live updates); differs from ours when someone else saved. */
  latestVersion?: number;
  /** The order as the server has it now: images added here show up without reloading the form. */
  latest?: Order;
  reload?: () => Promise<Order | null>;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const session = useSession();
  const [, navigate] = useLocation();
  const catalog = useCatalog();
  const editing = order !== null;
  const [key] = useIdempotencyKey();
  const create = useCallMutation('orders.create', { idempotencyKey: key });
  const update = useCallMutation('orders.update');
  const saving = create.isPending || update.isPending;
  useAnnounceEditing('order', order?.id ?? null);

  const {
    values,
    setValues,
    errors,
    setErrors,
    general,
    showStale,
    reloading,
    reloaded,
    setReloaded,
    bumpOwnVersion,
    formRef,
    doReload,
    submit,
  } = useEditForm({
    id: order?.id ?? null,
    initial: () => initial,
    version: order?.version ?? 0,
    latestVersion,
    validate: (v) => validateOrderForm(v, { today: today() }),
    create: async (v) => {
      const created = await create.mutateAsync(formToCreateInput(v));
      queryClient.setQueryData(queryKeyOf('orders.get', { id: created.id }), created);
      toast(t(created.kind === 'orcamento' ? 'orders.quoteCreated' : 'orders.created', { number: created.number }));
      navigate(`/pedidos/${created.id}`);
    },
    toUpdateInput: formToUpdateInput,
    update: async (input) => {
      const saved = await update.mutateAsync(input);
      queryClient.setQueryData(queryKeyOf('orders.get', { id: saved.id }), saved);
      toast(t('orders.saved', { number: saved.number }));
      navigate(`/pedidos/${saved.id}`);
    },
    onUnchanged: (id) => {
      toast(t('orders.form.notChanged'));
      navigate(`/pedidos/${id}`);
    },
    serverErrors: (error, v) => mappedFieldsOutcome(error, (fields) => mapOrderServerFields(fields, v.items.length)),
    reload,
    toValues: orderToForm,
    rebase: rebaseOrderForm,
  });

  const totals = orderPreview(values);
  const warnings = orderWarnings(values);

  const set = <K extends keyof OrderFormValues>(name: K, value: OrderFormValues[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) =>
      withoutKeys(e, name === 'freight' ? 'freightCents' : name === 'discount' ? 'discountCents' : name),
    );
    setReloaded(false);
  };
  const setItem = (index: number, patch: Partial<ItemForm> | ((item: ItemForm) => ItemForm)) => {
    setValues((v) => ({
      ...v,
      items: v.items.map((item, i) =>
        i === index ? (typeof patch === 'function' ? patch(item) : { ...item, ...patch }) : item,
      ),
    }));
    setReloaded(false);
  };
  const clearItemError = (index: number, name: string) =>
    setErrors((e) => withoutKeys(withoutKeys(e, `items.${index}.${name}`), 'items'));

  const sellers = choices(
    catalog.staff.filter((s) => s.roles.includes('vendedor')),
    values.sellerId,
  );
  const cancelHref = order ? `/pedidos/${order.id}` : '/pedidos';
  const isQuote = values.kind === 'orcamento';
  const title = editing
    ? t(isQuote ? 'orders.form.editQuote' : 'orders.form.editOrder', { number: order.number })
    : t(isQuote ? 'orders.form.newQuote' : 'orders.form.newOrder');

  return (
    <section className="page page-wide" data-testid="order-form-page">
      <div className="page-header">
        <div>
          <Link href={cancelHref} className="back-link">
            ‹ {order ? order.number : t('orders.nav.orders')}
          </Link>
          <h1>{title}</h1>
        </div>
      </div>

      {order && <PresenceNotice entity="order" id={order.id} />}
      {showStale && (
        <StaleBanner
          message={t('orders.stale')}
          reloadLabel={t('orders.stale.reload')}
          reloading={reloading}
          onReload={() => void doReload()}
        />
      )}
      {reloaded && !showStale && <Notice testId="reloaded-notice">{t('orders.stale.reloaded')}</Notice>}

      <form ref={formRef} className="form order-form" onSubmit={submit} noValidate data-testid="order-form">
        <div className="card">
          {!editing && (
            <fieldset className="field kind-field">
              <legend>{t('orders.form.kind')}</legend>
              <div className="radios">
                {(['pedido', 'orcamento'] as const).map((kind) => (
                  <label key={kind} className="radio">
                    <input
                      type="radio"
                      name="kind"
                      value={kind}
                      checked={values.kind === kind}
                      onChange={() => set('kind', kind)}
                      data-testid={`field-kind-${kind}`}
                    />
                    {t(`orders.kind.${kind}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div className="grid-order-head">
            <Field name="customerId" label={t('orders.field.customer')} error={errors.customerId} className="span-2">
              {(p) => (
                <CustomerPicker
                  control={p}
                  value={values.customerId ? { id: values.customerId, name: values.customerName } : null}
                  onChange={(c) => {
                    setValues((v) => ({ ...v, customerId: c?.id ?? null, customerName: c?.name ?? '' }));
                    setErrors((e) => withoutKeys(e, 'customerId'));
                  }}
                />
              )}
            </Field>
            <Field name="entryDate" label={t('orders.field.entryDate')} error={errors.entryDate}>
              {(p) => <DateInput control={p} value={values.entryDate} onChange={(v) => set('entryDate', v)} />}
            </Field>
            <Field
              name="deliveryDate"
              label={t('orders.field.deliveryDate')}
              error={errors.deliveryDate}
              optional={isQuote}
            >
              {(p) => <DateInput control={p} value={values.deliveryDate} onChange={(v) => set('deliveryDate', v)} />}
            </Field>
            {isQuote && (
              <Field
                name="validUntil"
                label={t('orders.field.validUntil')}
                error={errors.validUntil}
                hint={t('orders.field.validUntilHint')}
                optional
              >
                {(p) => <DateInput control={p} value={values.validUntil} onChange={(v) => set('validUntil', v)} />}
              </Field>
            )}
            <Field name="priority" label={t('orders.field.priority')} error={errors.priority}>
              {(p) => (
                <select
                  {...p}
                  value={values.priority}
                  onChange={(e) => set('priority', e.target.value as OrderFormValues['priority'])}
                >
                  <option value="NORMAL">{t('orders.priority.NORMAL')}</option>
                  <option value="ALTA">{t('orders.priority.ALTA')}</option>
                </select>
              )}
            </Field>
            <Field name="sellerId" label={t('orders.field.seller')} error={errors.sellerId} optional>
              {(p) => (
                <select {...p} value={values.sellerId} onChange={(e) => set('sellerId', e.target.value)}>
                  <option value="">—</option>
                  {sellers.map((s) => (
                    <option key={s.id} value={String(s.id)}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </div>

        <h2 className="section-title">
          {t('orders.items')} <span className="count">({values.items.length})</span>
        </h2>
        {errors.items && (
          <p className="field-error" role="alert" data-testid="error-items">
            {errors.items}
          </p>
        )}
        {values.items.map((item, index) => (
          <ItemEditor
            key={item.key}
            item={item}
            index={index}
            count={values.items.length}
            errors={errors}
            catalog={catalog}
            orderId={order?.id ?? null}
            images={latest?.items.find((i) => i.id === item.id)?.images ?? null}
            canWrite={session.can('orders.write')}
            onChange={(patch) => setItem(index, patch)}
            clearError={(name) => clearItemError(index, name)}
            onRemove={() => {
              setValues((v) => ({ ...v, items: v.items.filter((_, i) => i !== index) }));
              setErrors((e) => withoutKeys(e, 'items'));
            }}
            onDuplicate={() =>
              setValues((v) => ({
                ...v,
                items: [
                  ...v.items.slice(0, index + 1),
                  { ...item, key: newKey(), id: null, extras: item.extras.map((x) => ({ ...x, key: newKey() })) },
                  ...v.items.slice(index + 1),
                ],
              }))
            }
            onImagesChanged={bumpOwnVersion}
          />
        ))}
        <button
          type="button"
          className="btn"
          disabled={values.items.length >= MAX_ITEMS}
          onClick={() => {
            setValues((v) => ({ ...v, items: [...v.items, emptyItem()] }));
            setErrors((e) => withoutKeys(e, 'items'));
          }}
          data-testid="item-add"
        >
          + {t('orders.item.add')}
        </button>

        <div className="card order-money">
          <div className="grid-order-money">
            <Field name="shippingMethodId" label={t('orders.field.shipping')} error={errors.shippingMethodId} optional>
              {(p) => (
                <select
                  {...p}
                  value={values.shippingMethodId}
                  onChange={(e) => {
                    const method = catalog.shippingMethods.find((m) => String(m.id) === e.target.value);
                    set('shippingMethodId', e.target.value);
                    if (method) set('freight', centsToInput(method.freightCents ?? 0));
                  }}
                >
                  <option value="">—</option>
                  {choices(catalog.shippingMethods, values.shippingMethodId).map((m) => (
                    <option key={m.id} value={String(m.id)}>
                      {m.name} ({formatCentsOrDash(m.freightCents)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="freightCents" label={t('orders.field.freight')} error={errors.freightCents}>
              {(p) => (
                <MoneyInput variant="orders" control={p} value={values.freight} onChange={(v) => set('freight', v)} />
              )}
            </Field>
            <Field name="discountCents" label={t('orders.field.discount')} error={errors.discountCents}>
              {(p) => (
                <MoneyInput variant="orders" control={p} value={values.discount} onChange={(v) => set('discount', v)} />
              )}
            </Field>
            <Field
              name="paymentMethodId"
              label={t('orders.field.paymentMethod')}
              error={errors.paymentMethodId}
              optional
            >
              {(p) => (
                <select {...p} value={values.paymentMethodId} onChange={(e) => set('paymentMethodId', e.target.value)}>
                  <option value="">—</option>
                  {choices(catalog.paymentMethods, values.paymentMethodId).map((m) => (
                    <option key={m.id} value={String(m.id)}>
                      {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              name="paymentNotes"
              label={t('orders.field.paymentNotes')}
              error={errors.paymentNotes}
              optional
              className="span-2"
            >
              {(p) => (
                <input
                  {...p}
                  maxLength={1000}
                  autoComplete="off"
                  value={values.paymentNotes}
                  onChange={(e) => set('paymentNotes', e.target.value)}
                />
              )}
            </Field>
          </div>
          <Field name="notes" label={t('orders.field.notes')} error={errors.notes} optional>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={4000}
                value={values.notes}
                onChange={(e) => set('notes', e.target.value)}
              />
            )}
          </Field>
          <dl className="totals" data-testid="order-form-totals">
            <div>
              <dt>{t('orders.totals.items')}</dt>
              <dd data-testid="form-items-total">{formatCents(totals.itemsTotalCents)}</dd>
            </div>
            <div>
              <dt>{t('orders.totals.freight')}</dt>
              <dd>{formatCents(totals.freightCents)}</dd>
            </div>
            <div>
              <dt>{t('orders.totals.discount')}</dt>
              <dd>− {formatCents(totals.discountCents)}</dd>
            </div>
            <div className="total">
              <dt>{t('orders.totals.total')}</dt>
              <dd data-testid="form-total">{formatCents(totals.totalCents)}</dd>
            </div>
          </dl>
          {totals.incomplete && <p className="hint">{t('orders.totals.incomplete')}</p>}
          {warnings.length > 0 && (
            <Notice tone="warn" testId="order-form-warnings">
              {warnings.map((w) => (
                <div key={w}>{w}</div>
              ))}
            </Notice>
          )}
          <p className="hint">{t('orders.totals.serverTruth')}</p>
        </div>

        <ErrorBox error={general} testId="form-error" />
        {Object.keys(errors).length > 0 && !general && (
          <p className="field-error" role="alert">
            {t('orders.form.fixErrors')}
          </p>
        )}
        <div className="form-actions sticky-actions">
          <Link href={cancelHref} className="btn" data-testid="order-cancel">
            {t('common.cancel')}
          </Link>
          <button type="submit" className="btn btn-primary" disabled={saving} data-testid="order-save">
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ItemEditor({
  item,
  index,
  count,
  errors,
  catalog,
  orderId,
  images,
  canWrite,
  onChange,
  clearError,
  onRemove,
  onDuplicate,
  onImagesChanged,
}: {
  item: ItemForm;
  index: number;
  count: number;
  errors: FieldErrors;
  catalog: Catalog;
  orderId: number | null;
  images: Order['items'][number]['images'] | null;
  canWrite: boolean;
  onChange: (patch: Partial<ItemForm> | ((item: ItemForm) => ItemForm)) => void;
  clearError: (name: string) => void;
  onRemove: () => void;
  onDuplicate: () => void;
  onImagesChanged: () => void;
}) {
  const name = (key: string) => `items.${index}.${key}`;
  const err = (key: string) => errors[name(key)];
  const change = (key: keyof ItemForm, value: string) => {
    onChange({ [key]: value } as Partial<ItemForm>);
    clearError(key);
  };
  const preview = itemPreview(item);
  const designers = choices(
    catalog.staff.filter((s) => s.roles.includes('designer')),
    item.designerId,
  );
  const priceLabel =
    item.unit === 'm2'
      ? t('orders.item.priceM2')
      : item.unit === 'm'
        ? t('orders.item.priceM')
        : t('orders.item.priceUnit');
  return (
    <fieldset className="card item-card" data-testid={`item-${index}`}>
      <legend className="item-legend">
        {t('orders.item.title', { n: index + 1 })}
        {item.productName && <span className="muted"> — {item.productName}</span>}
      </legend>
      <div className="item-tools">
        <span className="item-total" data-testid={`item-total-${index}`}>
          {preview.totalCents === null ? '—' : formatCents(preview.totalCents)}
        </span>
        <button type="button" className="btn btn-small btn-ghost" onClick={onDuplicate} disabled={count >= MAX_ITEMS}>
          {t('orders.item.duplicate')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger-outline"
          onClick={onRemove}
          disabled={count <= 1}
          data-testid={`item-remove-${index}`}
        >
          {t('orders.item.remove')}
        </button>
      </div>
      <div className="grid-item">
        <Field name={name('productId')} label={t('orders.item.product')} error={err('productId')} className="span-2">
          {(p) => (
            <ProductPicker
              control={p}
              value={item.productId ? { id: item.productId, name: item.productName } : null}
              onChange={(product) => {
                onChange((it) => withProduct(it, { ...product, priceCents: product.priceCents ?? 0 }));
                clearError('productId');
                clearError('description');
                clearError('unitPriceCents');
              }}
            />
          )}
        </Field>
        <Field
          name={name('description')}
          label={t('orders.item.description')}
          error={err('description')}
          className="span-2"
        >
          {(p) => (
            <input
              {...p}
              maxLength={300}
              autoComplete="off"
              value={item.description}
              onChange={(e) => change('description', e.target.value)}
            />
          )}
        </Field>
        <Field
          name={name('widthMm')}
          label={item.unit === 'm' ? t('orders.item.length') : t('orders.item.width')}
          error={err('widthMm')}
          hint={
            <span data-testid={`item-${index}-widthMm-echo`}>
              {measureEcho(item.widthMm) || t('orders.item.mmHint')}
            </span>
          }
          optional={item.unit === 'un'}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              autoComplete="off"
              maxLength={24}
              placeholder={t('orders.item.measurePlaceholder')}
              value={item.widthMm}
              onChange={(e) => change('widthMm', e.target.value)}
              onBlur={() => onChange(withSizeTyped)}
            />
          )}
        </Field>
        <Field
          name={name('heightMm')}
          label={t('orders.item.height')}
          error={err('heightMm')}
          hint={
            <span data-testid={`item-${index}-heightMm-echo`}>
              {measureEcho(item.heightMm) || t('orders.item.mmHint')}
            </span>
          }
          optional={item.unit !== 'm2'}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              autoComplete="off"
              maxLength={24}
              placeholder={t('orders.item.measurePlaceholder')}
              value={item.heightMm}
              onChange={(e) => change('heightMm', e.target.value)}
            />
          )}
        </Field>
        <Field name={name('quantity')} label={t('orders.item.quantity')} error={err('quantity')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              autoComplete="off"
              value={item.quantity}
              onChange={(e) => change('quantity', onlyInt(e.target.value))}
            />
          )}
        </Field>
        <Field name={name('unitPriceCents')} label={priceLabel} error={err('unitPriceCents')}>
          {(p) => (
            <MoneyInput variant="orders" control={p} value={item.unitPrice} onChange={(v) => change('unitPrice', v)} />
          )}
        </Field>
        <div className="field item-area">
          <span className="label">{t('orders.item.area')}</span>
          <span data-testid={`item-area-${index}`}>{item.unit === 'm2' ? formatArea(preview.areaM2) || '—' : '—'}</span>
        </div>
        <Field name={name('materialId')} label={t('orders.item.material')} error={err('materialId')} optional>
          {(p) => (
            <select {...p} value={item.materialId} onChange={(e) => change('materialId', e.target.value)}>
              <option value="">—</option>
              {choices(catalog.materials, item.materialId).map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={name('finishId')} label={t('orders.item.finish')} error={err('finishId')} optional>
          {(p) => (
            <select
              {...p}
              value={item.finishId}
              onChange={(e) => {
                const id = Number(e.target.value);
                const finish = catalog.finishes.find((f) => f.id === id);
                // Who writes orders sees money, so the price is there; absent would mean no charge.
                onChange((it) => withFinish(it, finish && { ...finish, priceCents: finish.priceCents ?? 0 }));
                clearError('finishId');
              }}
            >
              <option value="">—</option>
              {choices(catalog.finishes, item.finishId).map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.priceCents
                    ? t('orders.item.finishPriced', {
                        name: m.name,
                        price: formatCents(m.priceCents),
                        unit: t(`registry.finishUnit.${m.priceUnit}`),
                      })
                    : m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={name('seams')} label={t('orders.item.seams')} error={err('seams')}>
          {(p) => (
            <select
              {...p}
              value={item.seams}
              onChange={(e) => onChange({ seams: e.target.value as ItemForm['seams'] })}
            >
              <option value="sem">{t('orders.item.seams.sem')}</option>
              <option value="com">{t('orders.item.seams.com')}</option>
            </select>
          )}
        </Field>
        {item.seams === 'com' && (
          <Field name={name('seamCount')} label={t('orders.item.seamCount')} error={err('seamCount')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={item.seamCount}
                onChange={(e) => change('seamCount', onlyInt(e.target.value, 3))}
              />
            )}
          </Field>
        )}
        <Field name={name('designerId')} label={t('orders.item.designer')} error={err('designerId')} optional>
          {(p) => (
            <select {...p} value={item.designerId} onChange={(e) => change('designerId', e.target.value)}>
              <option value="">—</option>
              {designers.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={name('machineId')} label={t('orders.item.machine')} error={err('machineId')} optional>
          {(p) => (
            <select {...p} value={item.machineId} onChange={(e) => change('machineId', e.target.value)}>
              <option value="">—</option>
              {choices(catalog.machines, item.machineId).map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={name('colorProfile')} label={t('orders.item.colorProfile')} error={err('colorProfile')} optional>
          {(p) => (
            <input
              {...p}
              maxLength={60}
              autoComplete="off"
              value={item.colorProfile}
              onChange={(e) => change('colorProfile', e.target.value)}
            />
          )}
        </Field>
        <Field name={name('rip')} label={t('orders.item.rip')} error={err('rip')} optional>
          {(p) => (
            <input
              {...p}
              maxLength={60}
              autoComplete="off"
              value={item.rip}
              onChange={(e) => change('rip', e.target.value)}
            />
          )}
        </Field>
        <Field name={name('artStatus')} label={t('orders.item.artStatus')} error={err('artStatus')}>
          {(p) => (
            <select
              {...p}
              value={item.artStatus}
              onChange={(e) => onChange({ artStatus: e.target.value as ArtStatus })}
            >
              {ART_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`orders.art.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {item.artStatus === 'aprovada' && (
          <Field name={name('artChannel')} label={t('orders.item.artChannel')} error={err('artChannel')}>
            {(p) => (
              <select
                {...p}
                value={item.artChannel || 'balcao'}
                onChange={(e) => onChange({ artChannel: e.target.value as ArtChannel })}
              >
                {ART_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`orders.artChannel.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>

      <Extras item={item} index={index} errors={errors} onChange={onChange} clearError={clearError} />

      <PiecesEditor
        index={index}
        quantity={Number.parseInt(item.quantity, 10) || null}
        sizeGrid={item.sizeGrid}
        names={item.names}
        errors={{ sizeGrid: err('sizeGrid'), names: err('names') }}
        onChange={(patch) => {
          onChange(patch);
          if (patch.sizeGrid) clearError('sizeGrid');
          if (patch.names) clearError('names');
        }}
      />

      <Field name={name('notes')} label={t('orders.item.notes')} error={err('notes')} optional>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            value={item.notes}
            onChange={(e) => change('notes', e.target.value)}
          />
        )}
      </Field>

      {orderId !== null && item.id !== null && images !== null ? (
        <div className="item-images-block">
          <h3>{t('orders.images.title')}</h3>
          <ItemImages
            orderId={orderId}
            item={{ id: item.id, images, description: item.description }}
            canWrite={canWrite}
            onChanged={onImagesChanged}
            index={index}
          />
        </div>
      ) : (
        <p className="hint">{t(orderId === null ? 'orders.images.afterCreate' : 'orders.images.afterSave')}</p>
      )}
    </fieldset>
  );
}

function Extras({
  item,
  index,
  errors,
  onChange,
  clearError,
}: {
  item: ItemForm;
  index: number;
  errors: FieldErrors;
  onChange: (patch: Partial<ItemForm>) => void;
  clearError: (name: string) => void;
}) {
  const setExtra = (j: number, key: 'name' | 'quantity' | 'unitPrice', value: string) => {
    onChange({ extras: item.extras.map((x, i) => (i === j ? { ...x, [key]: value } : x)) });
    clearError(`extras.${j}.${key === 'unitPrice' ? 'unitPriceCents' : key}`);
  };
  return (
    <div className="extras">
      {item.extras.length > 0 && <h3>{t('orders.extras.title')}</h3>}
      {item.extras.map((extra, j) => {
        const at = (key: string) => `items.${index}.extras.${j}.${key}`;
        return (
          <div key={extra.key} className="extra-row" data-testid="extra-row">
            <Field name={at('name')} label={t('orders.extras.name')} error={errors[at('name')]}>
              {(p) => (
                <input
                  {...p}
                  maxLength={40}
                  autoComplete="off"
                  placeholder={t('orders.extras.placeholder')}
                  value={extra.name}
                  onChange={(e) => setExtra(j, 'name', e.target.value)}
                />
              )}
            </Field>
            <Field name={at('quantity')} label={t('orders.extras.quantity')} error={errors[at('quantity')]}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={extra.quantity}
                  onChange={(e) => setExtra(j, 'quantity', onlyInt(e.target.value))}
                />
              )}
            </Field>
            <Field name={at('unitPriceCents')} label={t('orders.extras.price')} error={errors[at('unitPriceCents')]}>
              {(p) => (
                <MoneyInput
                  variant="orders"
                  control={p}
                  value={extra.unitPrice}
                  onChange={(v) => setExtra(j, 'unitPrice', v)}
                />
              )}
            </Field>
            <button
              type="button"
              className="btn btn-small btn-ghost extra-remove"
              onClick={() => onChange({ extras: item.extras.filter((_, i) => i !== j) })}
              aria-label={t('orders.extras.remove')}
            >
              ×
            </button>
          </div>
        );
      })}
      {errors[`items.${index}.extras`] && <p className="field-error">{errors[`items.${index}.extras`]}</p>}
      <button
        type="button"
        className="btn btn-small"
        disabled={item.extras.length >= MAX_EXTRAS}
        onClick={() => onChange({ extras: [...item.extras, emptyExtra()] })}
        data-testid={`extra-add-${index}`}
      >
        + {t('orders.extras.add')}
      </button>
    </div>
  );
}
