import { type FormEvent, useState } from 'react';
import type { OutputOf } from '../../src-shared/contract';
import type { AppError, FieldErrors } from '../../src-shared/errors';
import { ROLES, type Role } from '../../src-shared/permissions';
import { call } from '../api/client';
import { useCall, useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { ErrorBox } from '../components/ErrorBox';
import { type ControlProps, Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { Pagination } from '../components/Pagination';
import { PasswordField } from '../components/PasswordField';
import { SkeletonRows } from '../components/Spinner';
import { useToast } from '../components/Toasts';
import { useIdempotencyKey } from '../hooks/useIdempotencyKey';
import { roleLabel, t } from '../i18n';
import { USERNAME_RE } from '../lib/validation';
import { useSession } from '../session';

type User = OutputOf<'users.list'>['items'][number];

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

const PER_PAGE = 50;

/** Users admin (admin only): list, create, edit name/role/active, reset password. */
export function UsersPage() {
  const session = useSession();
  const [page, setPage] = useState(1);
  const list = useCall('users.list', { page, perPage: PER_PAGE }, { keepPrevious: true });
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <section className="page" data-testid="users-page">
      <div className="page-header">
        <h1>{t('users.title')}</h1>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="user-new"
        >
          + {t('users.new')}
        </button>
      </div>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('users.col.name')}</th>
              <th>{t('users.col.username')}</th>
              <th>{t('users.col.role')}</th>
              <th>{t('users.col.status')}</th>
              <th>
                <span className="visually-hidden">{t('common.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.isPending && <SkeletonRows rows={3} cols={5} />}
            {list.data?.items.map((user) => (
              <tr key={user.id} data-testid="user-row" className={user.active ? undefined : 'inactive'}>
                <td data-label={t('users.col.name')}>
                  {user.name}
                  {user.id === session.me.user.id && <span className="muted"> ({t('users.you')})</span>}
                </td>
                <td data-label={t('users.col.username')}>{user.username}</td>
                <td data-label={t('users.col.role')}>{roleLabel(user.role)}</td>
                <td data-label={t('users.col.status')}>
                  <span className={user.active ? 'badge badge-ok' : 'badge'}>
                    {user.active ? t('common.active') : t('common.inactive')}
                  </span>
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setDialog({ kind: 'edit', user })}
                    data-testid="user-edit"
                  >
                    {t('users.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setDialog({ kind: 'password', user })}
                    data-testid="user-reset-password"
                  >
                    {t('users.resetPassword')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && list.data.items.length === 0 && <p className="empty">{t('users.empty')}</p>}
      </div>
      {list.data && list.data.total > PER_PAGE && (
        <Pagination page={page} perPage={PER_PAGE} total={list.data.total} busy={list.isFetching} onPage={setPage} />
      )}
      {dialog?.kind === 'create' && <CreateUserDialog onClose={close} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === 'password' && <ResetPasswordDialog user={dialog.user} onClose={close} />}
    </section>
  );
}

function RoleSelect({
  value,
  onChange,
  control,
}: {
  value: Role;
  onChange: (role: Role) => void;
  control: ControlProps;
}) {
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </select>
  );
}

function FormButtons({ onClose, busy, testId }: { onClose: () => void; busy: boolean; testId: string }) {
  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid={testId}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </div>
  );
}

/** A server error: field messages go under the fields, the rest above the buttons. */
function splitError(error: AppError): { fields: FieldErrors; general: AppError | null } {
  if (error.fields && Object.keys(error.fields).length > 0) {
    return { fields: error.fields, general: error.code === 'VALIDATION' ? null : error };
  }
  return { fields: {}, general: error };
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('vendedor');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<AppError | null>(null);
  const [key] = useIdempotencyKey();
  const create = useCallMutation('users.create', { idempotencyKey: key });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t('field.required');
    if (!USERNAME_RE.test(username.trim())) found.username = t('field.username');
    if (password.length < 8) found.password = t('field.password');
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    try {
      await create.mutateAsync({ name: name.trim(), username: username.trim(), role, password });
      toast(t('users.created'));
      onClose();
    } catch (err) {
      const split = splitError(toAppError(err));
      setErrors(split.fields);
      setGeneral(split.general);
    }
  };

  return (
    <Modal title={t('users.new')} onClose={onClose} testId="user-dialog">
      <form onSubmit={submit} noValidate>
        <Field name="name" label={t('users.name')} error={errors.name}>
          {(p) => <input {...p} maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field name="username" label={t('users.username')} error={errors.username} hint={t('setup.usernameHint')}>
          {(p) => (
            <input
              {...p}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              value={username}
              onChange={(e) => setUsername(e.target.value.toLowerCase())}
            />
          )}
        </Field>
        <Field name="role" label={t('users.role')} error={errors.role}>
          {(p) => <RoleSelect control={p} value={role} onChange={setRole} />}
        </Field>
        <PasswordField
          name="password"
          label={t('users.password')}
          error={errors.password}
          hint={t('setup.passwordHint')}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <ErrorBox error={general} />
        <FormButtons onClose={onClose} busy={create.isPending} testId="user-save" />
      </form>
    </Modal>
  );
}

/** Fetches the current copy of a user after a 409, so the next save names the right version. */
async function freshUser(id: number): Promise<User | null> {
  for (let page = 1; page <= 20; page++) {
    const out = await call('users.list', { page, perPage: 200 });
    const found = out.items.find((u) => u.id === id);
    if (found) return found;
    if (page * 200 >= out.total) return null;
  }
  return null;
}

function EditUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const toast = useToast();
  const [base, setBase] = useState(user);
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [active, setActive] = useState(user.active);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const update = useCallMutation('users.update');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t('field.required');
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    const changes = {
      ...(name.trim() !== base.name && { name: name.trim() }),
      ...(role !== base.role && { role }),
      ...(active !== base.active && { active }),
    };
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ id: base.id, version: base.version, ...changes });
      toast(t('users.saved'));
      onClose();
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'STALE_VERSION') {
        const fresh = await freshUser(base.id).catch(() => null);
        if (fresh) setBase(fresh);
        setNotice(t('users.stale'));
        return;
      }
      const split = splitError(error);
      setErrors(split.fields);
      setGeneral(split.general);
    }
  };

  return (
    <Modal title={t('users.editTitle')} onClose={onClose} testId="user-dialog">
      <form onSubmit={submit} noValidate>
        <p className="muted">{user.username}</p>
        {notice && (
          <div className="alert alert-warn" role="alert" data-testid="stale-banner">
            {notice}
          </div>
        )}
        <Field name="name" label={t('users.name')} error={errors.name}>
          {(p) => <input {...p} maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field name="role" label={t('users.role')} error={errors.role}>
          {(p) => <RoleSelect control={p} value={role} onChange={setRole} />}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
            data-testid="field-active"
          />
          {t('users.active')}
        </label>
        <ErrorBox error={general} />
        <FormButtons onClose={onClose} busy={update.isPending} testId="user-save" />
      </form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const toast = useToast();
  const [version, setVersion] = useState(user.version);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<AppError | null>(null);
  const update = useCallMutation('users.update');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (password.length < 8) found.password = t('field.password');
    if (password !== confirm) found.confirm = t('password.mismatch');
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    try {
      await update.mutateAsync({ id: user.id, version, password });
      toast(t('users.passwordReset'));
      onClose();
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'STALE_VERSION') {
        // A password reset does not depend on the other fields: take the current version and try again.
        const fresh = await freshUser(user.id).catch(() => null);
        if (fresh && fresh.version !== version) {
          setVersion(fresh.version);
          try {
            await update.mutateAsync({ id: user.id, version: fresh.version, password });
            toast(t('users.passwordReset'));
            onClose();
            return;
          } catch (again) {
            setGeneral(toAppError(again));
            return;
          }
        }
      }
      const split = splitError(error);
      setErrors(split.fields);
      setGeneral(split.general);
    }
  };

  return (
    <Modal title={t('users.resetTitle', { name: user.name })} onClose={onClose} testId="user-password-dialog">
      <form onSubmit={submit} noValidate>
        <PasswordField
          name="password"
          label={t('users.newPassword')}
          error={errors.password}
          hint={t('setup.passwordHint')}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <PasswordField
          name="confirm"
          label={t('password.confirm')}
          error={errors.confirm}
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
        />
        <ErrorBox error={general} />
        <FormButtons onClose={onClose} busy={update.isPending} testId="user-save" />
      </form>
    </Modal>
  );
}
