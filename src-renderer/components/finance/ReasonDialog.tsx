import { type FormEvent, type ReactNode, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { t } from '../../i18n';
import { ErrorBox } from '../ErrorBox';
import { Field } from '../Field';
import { Modal } from '../Modal';

/** A confirmation that needs a written reason (reversal, cancelling a crediário). */
export function ReasonDialog({
  title,
  message,
  label,
  confirmLabel,
  busy,
  error,
  maxLength = 500,
  testId = 'reason-dialog',
  onConfirm,
  onCancel,
}: {
  title: string;
  message: ReactNode;
  label: string;
  confirmLabel: string;
  busy: boolean;
  error: AppError | null;
  maxLength?: number;
  testId?: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(t('field.required'));
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <Modal title={title} onClose={onCancel} testId={testId}>
      <form onSubmit={submit} noValidate>
        <p>{message}</p>
        <Field name="reason" label={label} error={problem ?? error?.fields?.reason}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={maxLength}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setProblem(null);
              }}
            />
          )}
        </Field>
        {error && !error.fields?.reason && <ErrorBox error={error} />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onCancel} data-testid="reason-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy} data-testid="reason-confirm">
            {busy ? t('common.saving') : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
