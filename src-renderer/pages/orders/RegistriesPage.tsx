import { useEffect, useState } from 'react';
import { type UseFormReturn, useWatch } from 'react-hook-form';
import { Link } from 'wouter';
import { contract, type InputOf, type OutputOf } from '../../../src-shared/contract';
import type { RegistryKey } from '../../../src-shared/contract/registries';
import { call } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { DataTable } from '../../components/DataTable';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { ExportButtons } from '../../components/ExportButtons';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { MoneyInput } from '../../components/MoneyInput';
import { Pagination } from '../../components/Pagination';
import { StaleBanner } from '../../components/StaleBanner';
import { useToast } from '../../components/Toasts';
import { FormField, FormRootError, SelectField, TextField } from '../../form/fields';
import { useContractForm } from '../../form/useContractForm';
import { useDebounced } from '../../hooks/useDebounced';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import { knownFieldsOutcome } from '../../lib/edit-form';
import { formatInt, pageCount } from '../../lib/format';
import {
  displayRegistryValue,
  emptyRegistryForm,
  isOptional,
  REGISTRIES,
  type RegistryDef,
  type RegistryRow,
  type RegistryValues,
  rebaseRegistryForm,
  registryBySlug,
  registryChanges,
  registryFormToInput,
  rowToRegistryForm,
  validateRegistryForm,
} from '../../lib/registry-form';
import type { ColumnList, TableColumn } from '../../lib/table';
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
  const rows: RegistryRow[] | undefined = list.data?.items;
  const tableColumns: ColumnList<RegistryRow> = [
    {
      id: 'name',
      header: t('registry.field.name'),
      required: true,
      sortValue: (row) => row.name.toLocaleLowerCase('pt-BR'),
      cell: (row) => (
        <>
          <span className="row-title">{row.name}</span>
          {!row.active && <span className="badge">{t('common.inactive')}</span>}
        </>
      ),
    },
    ...columns.map(
      (f): TableColumn<RegistryRow> => ({
        id: f.name,
        header: t(f.label),
        num: f.kind === 'money',
        sortValue: (row) => {
          const v = row[f.name];
          return typeof v === 'number' ? v : displayRegistryValue(f, row, userNames).toLocaleLowerCase('pt-BR');
        },
        cell: (row) => displayRegistryValue(f, row, userNames),
      }),
    ),
    canWrite && {
      id: 'actions',
      header: t('registry.actions'),
      required: true,
      actions: true,
      cell: (row) => (
        <>
          <button type="button" className="btn btn-small" onClick={() => setEditing(row)} data-testid="registry-edit">
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
        </>
      ),
    },
  ];
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
      <DataTable
        tableId={`registry-${def.key}`}
        columns={tableColumns}
        rows={rows}
        rowKey={(row) => row.id}
        loading={list.isPending}
        stale={list.isPlaceholderData}
        testId="registry-table"
        rowTestId="registry-row"
        rowClassName={(row) => (row.active ? undefined : 'inactive')}
        empty={
          <div className="empty" data-testid="registry-empty">
            <p>{search || active !== 'true' ? t('registry.empty') : t('registry.firstRun')}</p>
            {canWrite && !search && active === 'true' && (
              <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
                + {t('registry.new', { what: t(def.one) })}
              </button>
            )}
          </div>
        }
      />
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
  const users = useUsers(userOptions && def.key === 'staff');
  const saving = create.isPending || update.isPending;

  const { form, general, showStale, reloading, doReload, submit } = useContractForm({
    id: row?.id ?? null,
    initial: () => (row ? rowToRegistryForm(def, row) : emptyRegistryForm(def)),
    version: row?.version ?? 0,
    // The page's checks (money text, required), then the registry's own create schema.
    schema: contract[`${def.key}.create` as CreateName].input,
    toInput: (v) => registryFormToInput(def, v),
    validate: (v) => validateRegistryForm(def, v),
    fieldOf: (path) => (def.fields.some((f) => f.name === path) ? path : null),
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
      const saved = await update.mutateAsync(input as InputOf<UpdateName>);
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
  const values = useWatch({ control: form.control }) as RegistryValues;

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
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="registry-form">
        {def.fields.map((f) => {
          const optional = isOptional(def, f, values);
          if (f.kind === 'money') {
            return (
              <FormField key={f.name} form={form} name={f.name} label={t(f.label)} optional={optional}>
                {(control, binding) => (
                  <MoneyInput
                    variant="orders"
                    control={control}
                    value={typeof binding.value === 'string' ? binding.value : ''}
                    onChange={(v) => binding.onChange(v)}
                    onBlur={binding.onBlur}
                  />
                )}
              </FormField>
            );
          }
          if (f.kind === 'select') {
            return (
              <SelectField
                key={f.name}
                form={form}
                name={f.name}
                label={t(f.label)}
                optional={optional}
                options={(f.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))}
              />
            );
          }
          if (f.kind === 'productionType') {
            return (
              <ProductionTypeField key={f.name} form={form} name={f.name} label={t(f.label)} optional={optional} />
            );
          }
          if (f.kind === 'multi') {
            return (
              <FormField key={f.name} form={form} name={f.name} label={t(f.label)} optional={optional}>
                {(p, binding) => {
                  const chosen = Array.isArray(binding.value) ? (binding.value as string[]) : [];
                  return (
                    <div className="checks" data-testid={p['data-testid']} id={p.id}>
                      {f.options?.map((o) => (
                        <label key={o.value} className="checkbox">
                          <input
                            type="checkbox"
                            checked={chosen.includes(o.value)}
                            onChange={(e) =>
                              binding.onChange(
                                e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value),
                              )
                            }
                            data-testid={`${p['data-testid']}-${o.value}`}
                          />
                          {t(o.label)}
                        </label>
                      ))}
                    </div>
                  );
                }}
              </FormField>
            );
          }
          if (f.kind === 'user') {
            if (!userOptions) {
              return (
                <FormField key={f.name} form={form} name={f.name} label={t(f.label)} optional={optional}>
                  {(p, binding) => (
                    <input
                      {...p}
                      value={binding.value ? `#${String(binding.value)}` : t('registry.noUser')}
                      readOnly
                      disabled
                    />
                  )}
                </FormField>
              );
            }
            return (
              <SelectField
                key={f.name}
                form={form}
                name={f.name}
                label={t(f.label)}
                optional={optional}
                blank={t('registry.noUser')}
                options={users.map((u) => ({ value: String(u.id), label: `${u.name} (${u.username})` }))}
              />
            );
          }
          return (
            <TextField
              key={f.name}
              form={form}
              name={f.name}
              label={t(f.label)}
              optional={optional}
              input={{ maxLength: f.max }}
            />
          );
        })}
        <FormRootError form={form} />
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

/**
 * The product's production type, from the production settings; who may change settings can add a
 * new type right here (it is saved to the settings and chosen).
 */
function ProductionTypeField({
  form,
  name,
  label,
  optional,
}: {
  form: UseFormReturn<RegistryValues>;
  name: string;
  label: string;
  optional: boolean;
}) {
  const session = useSession();
  const toast = useToast();
  const settings = useCall('settings.production.get', {});
  const save = useCallMutation('settings.production.update');
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const types = settings.data?.productionTypes ?? [];
  const canAdd = session.can('settings.write');

  const add = async () => {
    const type = text.trim();
    if (!type) return;
    const known = types.find((x) => x.toLocaleLowerCase('pt-BR') === type.toLocaleLowerCase('pt-BR'));
    try {
      if (!known) {
        await save.mutateAsync({ productionTypes: [...types, type] });
        toast(t('registry.typeAdded', { type }));
      }
      form.setValue(name, known ?? type, { shouldDirty: true, shouldValidate: true });
      setAdding(false);
      setText('');
    } catch {
      // Shown under the box.
    }
  };

  return (
    <>
      <SelectField
        form={form}
        name={name}
        label={label}
        optional={optional}
        blank="—"
        options={types.map((type) => ({ value: type, label: type }))}
      />
      {canAdd && !adding && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setAdding(true)}
          data-testid="production-type-add"
        >
          + {t('registry.newType')}
        </button>
      )}
      {adding && (
        <div className="inline-add">
          <label htmlFor="new-production-type" className="visually-hidden">
            {t('registry.newType')}
          </label>
          <input
            id="new-production-type"
            maxLength={40}
            value={text}
            autoComplete="off"
            placeholder={t('registry.newTypePlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            data-testid="production-type-new"
          />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void add()}
            disabled={save.isPending}
            data-testid="production-type-save"
          >
            {t('registry.addType')}
          </button>
          <ErrorBox error={save.error} />
        </div>
      )}
      {settings.data && types.length === 0 && <Notice tone="warn">{t('registry.noProductionTypes')}</Notice>}
    </>
  );
}
