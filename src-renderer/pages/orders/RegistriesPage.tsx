import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import type { RegistryKey } from '../../../src-shared/contract/registries';
import type { FieldErrors } from '../../../src-shared/errors';
import { call } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { ExportButtons } from '../../components/ExportButtons';
import { Field } from '../../components/Field';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { MoneyInput } from '../../components/MoneyInput';
import { Pagination } from '../../components/Pagination';
import { SkeletonRows } from '../../components/Spinner';
import { StaleBanner } from '../../components/StaleBanner';
import { useToast } from '../../components/Toasts';
import { useDebounced } from '../../hooks/useDebounced';
import { useEditForm } from '../../hooks/useEditForm';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import { knownFieldsOutcome } from '../../lib/edit-form';
import { formatInt, pageCount } from '../../lib/format';
import {
  displayRegistryValue,
  emptyRegistryForm,
  REGISTRIES,
  type RegistryDef,
  type RegistryRow,
  rebaseRegistryForm,
  registryBySlug,
  registryChanges,
  registryFormToInput,
  rowToRegistryForm,
  validateRegistryForm,
} from '../../lib/registry-form';
import { useSession } from '../../session';
import { NotFoundPage } from '../NotFoundPage';

type ListName = `${RegistryKey}.list`;
type GetName = `${RegistryKey}.get`;
type CreateName = `${RegistryKey}.create`;
type UpdateName = `${RegistryKey}.update`;
type ActiveFilter = 'true' | 'false' | 'all';

/** `/cadastros/:slug`: one tab per registry, all served by the same list and dialog. */
export function RegistriesPage({ slug }: { slug: string }) {
  const def = registryBySlug(slug);
  if (!def) return <NotFoundPage />;
  return (
    <section className="page" data-testid="registries-page">
      <div className="page-header">
        <h1>{t('registry.title')}</h1>
      </div>
      <nav className="tabs" aria-label={t('registry.title')}>
        {REGISTRIES.map((r) => (
          <Link
            key={r.key}
            href={`/cadastros/${r.slug}`}
            className={r.slug === slug ? 'tab active' : 'tab'}
            aria-current={r.slug === slug ? 'page' : undefined}
            data-testid={`registry-tab-${r.key}`}
          >
            {t(r.title)}
          </Link>
        ))}
      </nav>
      <RegistryList key={def.key} def={def} />
    </section>
  );
}

function RegistryList({ def }: { def: RegistryDef }) {
  const session = useSession();
  const toast = useToast();
  const canWrite = session.can('registries.write');
  const [search, setSearch] = useState('');
  const [active, setActive] = useState<ActiveFilter>('true');
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(50);
  const [editing, setEditing] = useState<RegistryRow | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<RegistryRow | null>(null);
  const debounced = useDebounced(search.trim(), 250);
  const list = useCall(
    `${def.key}.list` as ListName,
    { page, perPage, active, ...(debounced && { search: debounced }) },
    { keepPrevious: true },
  );
  const deactivate = useCallMutation(`${def.key}.deactivate` as `${RegistryKey}.deactivate`);
  const reactivate = useCallMutation(`${def.key}.reactivate` as `${RegistryKey}.reactivate`);
  const userNames = useUserNames(def.key === 'staff' && session.can('users.manage'));
  // Prices and costs arrive only for who sees money (`money.read`): production gets no such columns.
  const columns = def.fields.filter((f) => f.column && (f.kind !== 'money' || session.can('money.read')));
  const rows: RegistryRow[] = list.data?.items ?? [];
  const total = list.data?.total;

  useEffect(() => {
    if (total === undefined) return;
    const last = pageCount(perPage, total);
    if (page > last) setPage(last);
  }, [total, page, perPage]);

  const doDeactivate = async () => {
    if (!deactivating) return;
    try {
      await deactivate.mutateAsync({ id: deactivating.id });
      toast(t('registry.deactivated', { name: deactivating.name }));
      setDeactivating(null);
    } catch {
      // Shown in the dialog.
    }
  };
  const doReactivate = async (row: RegistryRow) => {
    try {
      await reactivate.mutateAsync({ id: row.id });
      toast(t('registry.reactivated', { name: row.name }));
    } catch (error) {
      toast(toAppError(error).message);
    }
  };

  return (
    <div data-testid={`registry-${def.key}`}>
      {def.key === 'products' && (
        <ExportButtons
          base="/api/products"
          params={{ active, ...(debounced && { search: debounced }) }}
          testId="products"
        />
      )}
      <div className="searchbar">
        <label htmlFor="registry-search" className="visually-hidden">
          {t('registry.search')}
        </label>
        <input
          id="registry-search"
          type="search"
          className="search-input"
          placeholder={t('registry.search')}
          autoComplete="off"
          maxLength={100}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          data-testid="registry-search"
        />
        <label className="inline-label">
          {t('registry.filter.active')}
          <select
            value={active}
            onChange={(e) => {
              setActive(e.target.value as ActiveFilter);
              setPage(1);
            }}
            data-testid="registry-active"
          >
            <option value="true">{t('registry.filter.active.true')}</option>
            <option value="false">{t('registry.filter.active.false')}</option>
            <option value="all">{t('registry.filter.active.all')}</option>
          </select>
        </label>
        {canWrite && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing('new')}
            data-testid="registry-new"
          >
            + {t('registry.new', { what: t(def.one) })}
          </button>
        )}
      </div>

      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <div className={list.isPlaceholderData ? 'table-wrap stale' : 'table-wrap'}>
        <table className="table" data-testid="registry-table">
          <thead>
            <tr>
              <th>{t('registry.field.name')}</th>
              {columns.map((f) => (
                <th key={f.name} className={f.kind === 'money' ? 'num' : undefined}>
                  {t(f.label)}
                </th>
              ))}
              {canWrite && <th className="row-actions">{t('registry.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.isPending && <SkeletonRows rows={5} cols={columns.length + 2} />}
            {rows.map((row) => (
              <tr key={row.id} className={row.active ? undefined : 'inactive'} data-testid="registry-row">
                <td data-label={t('registry.field.name')}>
                  <span className="row-title">{row.name}</span>
                  {!row.active && <span className="badge">{t('common.inactive')}</span>}
                </td>
                {columns.map((f) => (
                  <td key={f.name} data-label={t(f.label)} className={f.kind === 'money' ? 'num' : undefined}>
                    {displayRegistryValue(f, row, userNames)}
                  </td>
                ))}
                {canWrite && (
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setEditing(row)}
                      data-testid="registry-edit"
                    >
                      {t('common.edit')}
                    </button>
                    {row.active ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setDeactivating(row)}
                        data-testid="registry-deactivate"
                      >
                        {t('registry.deactivate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => void doReactivate(row)}
                        disabled={reactivate.isPending}
                        data-testid="registry-reactivate"
                      >
                        {t('registry.reactivate')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && rows.length === 0 && (
          <div className="empty" data-testid="registry-empty">
            <p>{t('registry.empty')}</p>
          </div>
        )}
      </div>
      {list.data && (
        <Pagination
          page={page}
          perPage={perPage}
          total={list.data.total}
          busy={list.isFetching}
          onPage={setPage}
          onPerPage={(n) => {
            setPerPage(n);
            setPage(1);
          }}
        />
      )}
      {list.data && <p className="muted small">{t('registry.count', { n: formatInt(list.data.total) })}</p>}

      {editing && (
        <RegistryDialog
          def={def}
          row={editing === 'new' ? null : editing}
          userOptions={session.can('users.manage')}
          onClose={() => setEditing(null)}
        />
      )}
      {deactivating && (
        <ConfirmDialog
          title={t('registry.deactivateTitle')}
          message={t('registry.deactivateConfirm', { name: deactivating.name })}
          confirmLabel={t('registry.deactivate')}
          busy={deactivate.isPending}
          error={<ErrorBox error={deactivate.error} />}
          onConfirm={() => void doDeactivate()}
          onCancel={() => {
            deactivate.reset();
            setDeactivating(null);
          }}
        />
      )}
    </div>
  );
}

type UserRow = OutputOf<'users.list'>['items'][number];

/** Login users (admin only may list them): for linking a staff member to a user. */
function useUsers(enabled: boolean): UserRow[] {
  const users = useCall('users.list', { page: 1, perPage: 200 }, { enabled });
  return users.data?.items ?? [];
}

function useUserNames(enabled: boolean): ((id: number) => string | undefined) | undefined {
  const users = useUsers(enabled);
  if (!enabled) return undefined;
  return (id) => users.find((u) => u.id === id)?.name;
}

function withoutKey(errors: FieldErrors, key: string): FieldErrors {
  if (!(key in errors)) return errors;
  const { [key]: _removed, ...rest } = errors;
  return rest;
}

/** Create or edit one registry row; an edit names the version it read (409 → reload keeps what was typed). */
function RegistryDialog({
  def,
  row,
  userOptions,
  onClose,
}: {
  def: RegistryDef;
  row: RegistryRow | null;
  userOptions: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const [key] = useIdempotencyKey();
  const create = useCallMutation(`${def.key}.create` as CreateName, { idempotencyKey: key });
  const update = useCallMutation(`${def.key}.update` as UpdateName);
  const settings = useCall('settings.production.get', {}, { enabled: def.key === 'products' });
  const users = useUsers(userOptions && def.key === 'staff');
  const saving = create.isPending || update.isPending;

  const { values, setValues, errors, setErrors, general, showStale, reloading, doReload, submit } = useEditForm({
    id: row?.id ?? null,
    initial: () => (row ? rowToRegistryForm(def, row) : emptyRegistryForm(def)),
    version: row?.version ?? 0,
    validate: (v) => validateRegistryForm(def, v),
    create: async (v) => {
      const created = await create.mutateAsync(registryFormToInput(def, v) as InputOf<CreateName>);
      toast(t('registry.created', { name: created.name }));
      onClose();
    },
    toUpdateInput: (original, current, target) => {
      const changes = registryChanges(def, original, current);
      return changes ? ({ ...target, ...changes } as InputOf<UpdateName>) : null;
    },
    update: async (input) => {
      const saved = await update.mutateAsync(input);
      toast(t('registry.saved', { name: saved.name }));
      onClose();
    },
    onUnchanged: onClose,
    serverErrors: (error) =>
      knownFieldsOutcome(
        error,
        def.fields.map((f) => f.name),
      ),
    ...(row && { reload: async () => (await call(`${def.key}.get` as GetName, { id: row.id })) as RegistryRow }),
    toValues: (fresh: RegistryRow) => rowToRegistryForm(def, fresh),
    rebase: rebaseRegistryForm,
  });

  const set = (name: string, value: string | string[]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => withoutKey(e, name));
  };

  const productionTypes = settings.data?.productionTypes ?? [];
  const title = row ? t('registry.editTitle', { name: row.name }) : t('registry.new', { what: t(def.one) });
  return (
    <Modal title={title} onClose={onClose} testId="registry-dialog">
      {showStale && (
        <StaleBanner
          message={t('registry.stale')}
          reloadLabel={t('orders.stale.reload')}
          reloading={reloading}
          onReload={() => void doReload()}
        />
      )}
      <form onSubmit={submit} noValidate data-testid="registry-form">
        {def.fields.map((f) => {
          const value = values[f.name];
          const textValue = typeof value === 'string' ? value : '';
          return (
            <Field key={f.name} name={f.name} label={t(f.label)} error={errors[f.name]} optional={f.optional}>
              {(p) => {
                if (f.kind === 'money') {
                  return <MoneyInput variant="orders" control={p} value={textValue} onChange={(v) => set(f.name, v)} />;
                }
                if (f.kind === 'select') {
                  return (
                    <select {...p} value={textValue} onChange={(e) => set(f.name, e.target.value)}>
                      {f.options?.map((o) => (
                        <option key={o.value} value={o.value}>
                          {t(o.label)}
                        </option>
                      ))}
                    </select>
                  );
                }
                if (f.kind === 'productionType') {
                  return (
                    <select {...p} value={textValue} onChange={(e) => set(f.name, e.target.value)}>
                      <option value="">—</option>
                      {textValue && !productionTypes.includes(textValue) && (
                        <option value={textValue}>{textValue}</option>
                      )}
                      {productionTypes.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
                  );
                }
                if (f.kind === 'multi') {
                  const chosen = Array.isArray(value) ? value : [];
                  return (
                    <div className="checks" data-testid={p['data-testid']} id={p.id}>
                      {f.options?.map((o) => (
                        <label key={o.value} className="checkbox">
                          <input
                            type="checkbox"
                            checked={chosen.includes(o.value)}
                            onChange={(e) =>
                              set(f.name, e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))
                            }
                            data-testid={`${p['data-testid']}-${o.value}`}
                          />
                          {t(o.label)}
                        </label>
                      ))}
                    </div>
                  );
                }
                if (f.kind === 'user') {
                  if (!userOptions) {
                    return (
                      <input {...p} value={textValue ? `#${textValue}` : t('registry.noUser')} readOnly disabled />
                    );
                  }
                  return (
                    <select {...p} value={textValue} onChange={(e) => set(f.name, e.target.value)}>
                      <option value="">{t('registry.noUser')}</option>
                      {users.map((u) => (
                        <option key={u.id} value={String(u.id)}>
                          {u.name} ({u.username})
                        </option>
                      ))}
                    </select>
                  );
                }
                return (
                  <input
                    {...p}
                    maxLength={f.max}
                    autoComplete="off"
                    value={textValue}
                    onChange={(e) => set(f.name, e.target.value)}
                  />
                );
              }}
            </Field>
          );
        })}
        {def.key === 'products' && productionTypes.length === 0 && settings.data && (
          <Notice tone="warn">{t('registry.noProductionTypes')}</Notice>
        )}
        <ErrorBox error={general} testId="form-error" />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} data-testid="registry-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving} data-testid="registry-save">
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
