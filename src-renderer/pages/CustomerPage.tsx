import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { INTERACTION_KINDS } from '../../src-shared/contract/customers';
import { formatDateBR, formatInstantBR } from '../../src-shared/domain/dates';
import { formatCents } from '../../src-shared/domain/money';
import type { AppError } from '../../src-shared/errors';
import { call } from '../api/client';
import { useCall, useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { queryKeyOf } from '../api/query-keys';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { CustomerFinance } from '../components/finance/CustomerFinance';
import { HealthCard } from '../components/health/HealthCard';
import { ConfirmDialog } from '../components/Modal';
import { CustomerOrders } from '../components/orders/CustomerOrders';
import { RecordNotFound } from '../components/RecordNotFound';
import { Loading, Spinner } from '../components/Spinner';
import { useToast } from '../components/Toasts';
import { useIdempotencyKey } from '../hooks/useIdempotencyKey';
import { t } from '../i18n';
import type { Customer } from '../lib/customer-form';
import { maskDateTimeBR, parseDateTimeBR } from '../lib/datetime';
import { addressLines, displayDocument, displayPhone, documentLabel, whatsappUrl } from '../lib/format';
import { useSession } from '../session';
import { CustomerMessages } from './messages/OutboxPages';

type InteractionKind = (typeof INTERACTION_KINDS)[number];

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <div className="dl-item">
      <dt>{label}</dt>
      <dd data-testid={testId} className={empty ? 'muted' : undefined}>
        {empty ? t('customer.noData') : children}
      </dd>
    </div>
  );
}

export function CustomerPage({ id }: { id: number }) {
  const valid = Number.isSafeInteger(id) && id > 0;
  const customer = useCall('customers.get', { id }, { enabled: valid });

  if (!valid || customer.error?.code === 'NOT_FOUND') {
    return (
      <RecordNotFound testId="customer-not-found" back={{ href: '/clientes', label: t('customer.backToList') }}>
        {t('customer.notFound')}
      </RecordNotFound>
    );
  }
  if (customer.isPending) return <Loading />;
  if (customer.isError) return <ErrorBox error={customer.error} onRetry={() => void customer.refetch()} />;
  return <CustomerView customer={customer.data} refreshing={customer.isFetching} />;
}

type Pending = 'deactivate' | 'hardDelete' | null;

function CustomerView({ customer: c, refreshing }: { customer: Customer; refreshing: boolean }) {
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState<Pending>(null);
  const deactivate = useCallMutation('customers.delete');
  const reactivate = useCallMutation('customers.reactivate');
  const [hardDeleting, setHardDeleting] = useState(false);
  const [hardDeleteError, setHardDeleteError] = useState<AppError | null>(null);
  const canWrite = session.can('customers.write');
  const lines = addressLines(c.address);

  const doDeactivate = async () => {
    try {
      await deactivate.mutateAsync({ id: c.id, hard: false });
      setConfirming(null);
      toast(t('customer.deactivated'));
    } catch {
      // Shown in the dialog.
    }
  };

  const doHardDelete = async () => {
    setHardDeleting(true);
    setHardDeleteError(null);
    try {
      await call('customers.delete', { id: c.id, hard: true });
      navigate('/clientes');
      toast(t('customer.deleted'));
      // Once this page has unmounted: forget the deleted customer and refresh the lists.
      setTimeout(() => {
        queryClient.removeQueries({ queryKey: queryKeyOf('customers.get', { id: c.id }) });
        queryClient.removeQueries({
          predicate: (q) =>
            q.queryKey[1] === 'customers.interactions.list' && (q.queryKey[2] as { id?: number })?.id === c.id,
        });
        void queryClient.invalidateQueries({ queryKey: ['customers'] });
      }, 0);
    } catch (error) {
      setHardDeleteError(toAppError(error));
      setHardDeleting(false);
    }
  };

  const doReactivate = async () => {
    try {
      await reactivate.mutateAsync({ id: c.id });
      toast(t('customer.reactivated'));
    } catch {
      // Shown below the buttons.
    }
  };

  return (
    <section className="page" data-testid="customer-page">
      <div className="page-header">
        <div>
          <Link href="/clientes" className="back-link">
            ‹ {t('nav.customers')}
          </Link>
          <h1 data-testid="customer-name">
            {c.name} {refreshing && <Spinner small label={t('common.updating')} />}
          </h1>
          <p className="muted">
            {t(`customer.kind.${c.kind}`)} · {t('customer.since', { date: formatDateBR(c.joinedAt) })}
          </p>
        </div>
        {canWrite && (
          <div className="actions">
            <Link href={`/clientes/${c.id}/editar`} className="btn btn-primary" data-testid="customer-edit">
              {t('common.edit')}
            </Link>
            {c.active ? (
              <button
                type="button"
                className="btn"
                onClick={() => setConfirming('deactivate')}
                data-testid="customer-deactivate"
              >
                {t('customer.deactivate')}
              </button>
            ) : (
              <button
                type="button"
                className="btn"
                onClick={() => void doReactivate()}
                disabled={reactivate.isPending}
                data-testid="customer-reactivate"
              >
                {t('customer.reactivate')}
              </button>
            )}
            {session.can('customers.hardDelete') && (
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => setConfirming('hardDelete')}
                data-testid="customer-delete"
              >
                {t('customer.hardDelete')}
              </button>
            )}
          </div>
        )}
      </div>

      {!c.active && (
        <Notice tone="warn" testId="customer-inactive">
          {t('customer.inactiveBanner')}
        </Notice>
      )}
      <ErrorBox error={reactivate.error} />

      <div className="columns">
        <div className="card">
          <h2>{t('customer.section.data')}</h2>
          <dl className="dl">
            {c.document !== undefined && (
              <Item label={documentLabel(c.document)} testId="customer-document">
                {displayDocument(c.document)}
              </Item>
            )}
            {c.birthDate !== undefined && (
              <Item
                label={c.kind === 'PJ' ? t('customer.foundedDate') : t('customer.birthDate')}
                testId="customer-birthDate"
              >
                {formatDateBR(c.birthDate)}
              </Item>
            )}
            {c.kind === 'PJ' && (
              <>
                <Item label={t('customer.legalName')} testId="customer-legalName">
                  {c.legalName}
                </Item>
                <Item label={t('customer.tradeName')} testId="customer-tradeName">
                  {c.tradeName}
                </Item>
                {c.stateRegistration !== undefined && (
                  <Item label={t('customer.stateRegistration')} testId="customer-stateRegistration">
                    {c.stateRegistration}
                  </Item>
                )}
                <Item label={t('customer.contactName')} testId="customer-contactName">
                  {c.contactName}
                </Item>
              </>
            )}
            <Item label={t('customer.joinedAt')}>{formatDateBR(c.joinedAt)}</Item>
            {c.creditLimitCents !== undefined && (
              <Item label={t('credit.creditLimit')} testId="customer-credit-limit">
                {c.creditLimitCents === null ? t('finance.statement.noLimit') : formatCents(c.creditLimitCents)}
              </Item>
            )}
            <Item label={t('customer.tags')}>
              {c.tags.length > 0 && (
                <span className="chips">
                  {c.tags.map((tag) => (
                    <span key={tag} className="chip">
                      {tag}
                    </span>
                  ))}
                </span>
              )}
            </Item>
            <Item label={t('customer.preferences')}>
              {c.preferences && <span className="pre">{c.preferences}</span>}
            </Item>
          </dl>
          {c.privateNotes !== undefined && (
            <div className="private-notes" data-testid="customer-private-notes">
              <h3>{t('customer.privateNotes')}</h3>
              {c.privateNotes ? (
                <p className="pre">{c.privateNotes}</p>
              ) : (
                <p className="muted">{t('customer.noData')}</p>
              )}
            </div>
          )}
          <p className="muted small">
            {t('customer.createdAt')} {formatInstantBR(c.createdAt)} · {t('customer.updatedAt')}{' '}
            {formatInstantBR(c.updatedAt)}
          </p>
        </div>

        <div className="card">
          <h2>{t('customer.section.contact')}</h2>
          <dl className="dl">
            <Item label={t('customer.phone')} testId="customer-phone">
              {c.phone && <a href={`tel:+55${c.phone}`}>{displayPhone(c.phone)}</a>}
            </Item>
            <Item label={t('customer.whatsapp')} testId="customer-whatsapp">
              {c.whatsapp && (
                <a
                  href={whatsappUrl(c.whatsapp)}
                  target="_blank"
                  rel="noreferrer noopener"
                  title={t('customer.openWhatsapp')}
                  data-testid="customer-whatsapp-link"
                >
                  {displayPhone(c.whatsapp)} ↗
                </a>
              )}
            </Item>
            <Item label={t('customer.email')} testId="customer-email">
              {c.email}
            </Item>
            {c.address !== undefined && (
              <Item label={t('customer.address')} testId="customer-address">
                {lines.length > 0 && (
                  <span className="address">
                    {lines.map((line) => (
                      <span key={line}>{line}</span>
                    ))}
                  </span>
                )}
              </Item>
            )}
          </dl>
        </div>
      </div>

      <CustomerFinance customerId={c.id} active={c.active} />

      <CustomerOrders customerId={c.id} active={c.active} />

      <HealthCard customerId={c.id} />

      <Interactions customerId={c.id} />
      <CustomerMessages customerId={c.id} />

      {confirming === 'deactivate' && (
        <ConfirmDialog
          title={t('customer.confirmDeactivateTitle')}
          message={t('customer.confirmDeactivate', { name: c.name })}
          confirmLabel={t('customer.deactivate')}
          busy={deactivate.isPending}
          error={<ErrorBox error={deactivate.error} />}
          onConfirm={() => void doDeactivate()}
          onCancel={() => {
            deactivate.reset();
            setConfirming(null);
          }}
        />
      )}
      {confirming === 'hardDelete' && (
        <ConfirmDialog
          title={t('customer.confirmHardDeleteTitle')}
          message={t('customer.confirmHardDelete', { name: c.name })}
          confirmLabel={t('customer.hardDelete')}
          danger
          busy={hardDeleting}
          error={<ErrorBox error={hardDeleteError} />}
          onConfirm={() => void doHardDelete()}
          onCancel={() => {
            setHardDeleteError(null);
            setConfirming(null);
          }}
        />
      )}
    </section>
  );
}

const PAGE = 20;

/** The interaction history (newest first, 20 at a time) and the form to log a new one. */
function Interactions({ customerId }: { customerId: number }) {
  const session = useSession();
  const toast = useToast();
  const [shown, setShown] = useState(PAGE);
  const list = useCall(
    'customers.interactions.list',
    { id: customerId, page: 1, perPage: shown },
    { keepPrevious: true },
  );
  const [kind, setKind] = useState<InteractionKind>('ligacao');
  const [notes, setNotes] = useState('');
  const [at, setAt] = useState('');
  const [notesError, setNotesError] = useState<string | null>(null);
  const [atError, setAtError] = useState<string | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const create = useCallMutation('customers.interactions.create', { idempotencyKey: key });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!notes.trim()) {
      setNotesError(t('field.required'));
      return;
    }
    const when = at.trim() ? parseDateTimeBR(at) : null;
    if (at.trim() && !when) {
      setAtError(t('field.date'));
      return;
    }
    if (when && when.getTime() > Date.now() + 60_000) {
      setAtError(t('field.futureDate'));
      return;
    }
    try {
      await create.mutateAsync({
        id: customerId,
        kind,
        notes: notes.trim(),
        ...(when && { at: when.toISOString() }),
      });
      renewKey();
      setNotes('');
      setAt('');
      setNotesError(null);
      setAtError(null);
      toast(t('interaction.added'));
    } catch (error) {
      const { fields } = toAppError(error);
      if (fields?.notes) setNotesError(fields.notes);
      if (fields?.at) setAtError(fields.at);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <div className="card" data-testid="interactions">
      <h2>{t('customer.section.interactions')}</h2>
      {session.can('customers.interact') && (
        <form className="interaction-form" onSubmit={submit} noValidate>
          <div className="row">
            <Field name="interaction-kind" label={t('interaction.kind')}>
              {(p) => (
                <select {...p} value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)}>
                  {INTERACTION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`interaction.kind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              name="interaction-at"
              label={t('interaction.at')}
              hint={t('interaction.atHint')}
              error={atError}
              optional
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  placeholder={t('interaction.atPlaceholder')}
                  maxLength={16}
                  autoComplete="off"
                  value={at}
                  onChange={(e) => {
                    setAt(maskDateTimeBR(e.target.value));
                    setAtError(null);
                  }}
                />
              )}
            </Field>
          </div>
          <Field name="interaction-notes" label={t('interaction.notes')} error={notesError}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={4000}
                value={notes}
                onChange={(e) => {
                  setNotes(e.target.value);
                  setNotesError(null);
                }}
              />
            )}
          </Field>
          {create.error && !create.error.fields?.notes && <ErrorBox error={create.error} />}
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={create.isPending}
              data-testid="interaction-save"
            >
              {create.isPending ? t('common.saving') : t('interaction.add')}
            </button>
          </div>
        </form>
      )}
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending && <Loading />}
      {list.data && items.length === 0 && <p className="muted">{t('interaction.empty')}</p>}
      <ol className="timeline">
        {items.map((i) => (
          <li key={i.id} className="timeline-item" data-testid="interaction">
            <div className="timeline-head">
              <span className={`badge kind-${i.kind}`}>{t(`interaction.kind.${i.kind}`)}</span>
              <time dateTime={i.at}>{formatInstantBR(i.at)}</time>
              {i.byName && <span className="muted">{t('interaction.by', { name: i.byName })}</span>}
            </div>
            <p className="pre">{i.notes}</p>
          </li>
        ))}
      </ol>
      {list.data && list.data.total > items.length && shown < 200 && (
        <button
          type="button"
          className="btn btn-ghost"
          disabled={list.isFetching}
          onClick={() => setShown((n) => Math.min(200, n + PAGE))}
          data-testid="interactions-more"
        >
          {list.isFetching ? t('common.loading') : t('interaction.more')}
        </button>
      )}
    </div>
  );
}
