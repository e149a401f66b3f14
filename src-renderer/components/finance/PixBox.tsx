import QRCode from 'qrcode';
import { useEffect, useId, useRef, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { t } from '../../i18n';
import { formatMoney } from '../../lib/finance';
import { ErrorBox } from '../ErrorBox';
import { Loading } from '../Spinner';

interface PixData {
  payload: string;
  amountCents: number;
}

/**
 * A Pix charge: the QR code (drawn here from the BR Code) and the copia-e-cola text. A shop without
 * a Pix key gets the server's 422 message instead.
 */
export function PixBox({
  data,
  error,
  pending,
  onRetry,
  testId = 'pix',
}: {
  data: PixData | undefined;
  error: AppError | null;
  pending: boolean;
  onRetry?: () => void;
  testId?: string;
}) {
  const [image, setImage] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const textId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const payload = data?.payload;

  useEffect(() => {
    setImage(null);
    setCopied(false);
    if (!payload) return;
    let alive = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 232 })
      .then((url) => {
        if (alive) setImage(url);
      })
      .catch(() => {
        if (alive) setImage(null);
      });
    return () => {
      alive = false;
    };
  }, [payload]);

  const copy = async () => {
    if (!payload) return;
    try {
      // The clipboard API exists only on secure origins (not on http://192.168.… of the LAN).
      await navigator.clipboard.writeText(payload);
      setCopied(true);
    } catch {
      const area = textRef.current;
      if (!area) return;
      area.focus();
      area.select();
      setCopied(document.execCommand('copy'));
    }
  };

  if (error) return <ErrorBox error={error} onRetry={onRetry} testId={`${testId}-error`} />;
  if (pending || !data) return <Loading />;
  return (
    <div className="fin-pix" data-testid={testId}>
      <div className="fin-pix-qr">
        {image ? (
          <img src={image} alt={t('finance.pix.qrAlt')} width={232} height={232} data-testid={`${testId}-qr`} />
        ) : (
          <Loading />
        )}
      </div>
      <div className="fin-pix-text">
        <p className="fin-pix-amount">
          {t('finance.pix.amount')} <strong data-testid={`${testId}-amount`}>{formatMoney(data.amountCents)}</strong>
        </p>
        <label htmlFor={textId}>{t('finance.pix.copyPaste')}</label>
        <textarea
          id={textId}
          ref={textRef}
          readOnly
          rows={4}
          className="fin-pix-payload"
          value={data.payload}
          onFocus={(e) => e.currentTarget.select()}
          data-testid={`${testId}-payload`}
        />
        <button type="button" className="btn btn-small" onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {copied ? t('finance.pix.copied') : t('finance.pix.copy')}
        </button>
      </div>
    </div>
  );
}
