import { type FormEvent, useState } from 'react';
import type { FieldErrors } from '../../src-shared/errors';
import { useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { t } from '../i18n';
import { ErrorBox } from './ErrorBox';
import { Modal } from './Modal';
import { PasswordField } from './PasswordField';
import { useToast } from './Toasts';

/** auth.changePassword: the other sessions of this user end; this one stays. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useCallMutation('auth.changePassword');
  const toast = useToast();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!current) found.currentPassword = t('field.required');
    if (next.length < 8) found.newPassword = t('field.password');
    if (next !== confirm) found.confirm = t('password.mismatch');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await mutation.mutateAsync({ currentPassword: current, newPassword: next });
      toast(t('password.changed'));
      onClose();
    } catch (error) {
      const { fields } = toAppError(error);
      if (fields) setErrors(fields);
    }
  };

  const generalError = mutation.error && !mutation.error.fields ? mutation.error : null;
  return (
    <Modal title={t('password.title')} onClose={onClose} testId="change-password-dialog">
      <form onSubmit={submit} noValidate>
        <PasswordField
          name="currentPassword"
          label={t('password.current')}
          error={errors.currentPassword}
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
        />
        <PasswordField
          name="newPassword"
          label={t('password.new')}
          error={errors.newPassword}
          hint={t('setup.passwordHint')}
          autoComplete="new-password"
          value={next}
          onChange={setNext}
        />
        <PasswordField
          name="confirm"
          label={t('password.confirm')}
          error={errors.confirm}
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
        />
        <ErrorBox error={generalError} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending} data-testid="password-save">
            {mutation.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
