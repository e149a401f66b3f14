import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { t } from '../../i18n';
import { ErrorBox } from '../ErrorBox';
import { Modal } from '../Modal';

/** The charge message for an installment, composed (and logged as an interaction) by the server. */
export function useWhatsappCharge() {
  const whatsapp = useCallMutation('installments.whatsapp');
  const [ready, setReady] = useState<{ url: string; message: string } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const send = async (installmentId: number) => {
    setError(null);
    try {
      const result = await whatsapp.mutateAsync({ id: installmentId });
      const opened = window.open(result.url, '_blank');
      if (opened) opened.opener = null;
      else setReady(result); // A blocked pop-up leaves the link on screen to be clicked.
    } catch (e) {
      setError(toAppError(e));
    }
  };
  const ui = (
    <>
      <ErrorBox error={error} testId="whatsapp-error" />
      {ready && (
        <Modal title={t('credit.whatsappReady')} onClose={() => setReady(null)} testId="whatsapp-dialog">
          <p className="pre">{ready.message}</p>
          <div className="form-actions">
            <a
              href={ready.url}
              target="_blank"
              rel="noopener noreferrer"
              className="btn btn-primary"
              data-testid="whatsapp-open"
              onClick={() => setReady(null)}
            >
              {t('credit.whatsappOpen')}
            </a>
          </div>
        </Modal>
      )}
    </>
  );
  return { send, pending: whatsapp.isPending, ui };
}
