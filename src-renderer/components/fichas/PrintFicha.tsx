import { useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import type { PrintersInfo } from '../../../src-shared/contract/bridge';
import { call } from '../../api/client';
import { toAppError } from '../../api/http';
import { t } from '../../i18n';
import { canPrintDirectly, fichaPaths, printDocument } from '../../lib/fichas';
import { Spinner } from '../Spinner';
import { useToast } from '../Toasts';

const errorText = (err: unknown) =>
  err instanceof Error && !('code' in err) ? err.message || t('fichas.printFailed') : toAppError(err).message;

/** Prints, then says where it went (desktop) or nothing (the PDF opened in a tab). */
function usePrint() {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (path: string) => {
    setBusy(true);
    try {
      const printer = await printDocument('ficha', path);
      if (printer !== null) toast(printer ? t('fichas.printedTo', { printer }) : t('fichas.printedDefault'));
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

/**
 * "Imprimir ficha": the order's fichas (every item), or one item's. Straight to the printer in the
 * desktop app, a new tab with the PDF in a LAN browser.
 */
export function PrintFichaButton({
  orderId,
  itemId,
  label,
  ariaLabel,
  testId,
  className,
}: {
  orderId: number;
  itemId?: number;
  label?: string;
  ariaLabel?: string;
  testId?: string;
  className?: string;
}) {
  const { busy, run } = usePrint();
  return (
    <button
      type="button"
      className={className ?? 'btn btn-small'}
      onClick={() => void run(fichaPaths.order(orderId, itemId))}
      disabled={busy}
      aria-label={ariaLabel}
      data-testid={testId ?? 'print-ficha'}
    >
      {busy && <Spinner small />}
      {label ?? t('fichas.print')}
    </button>
  );
}

/** Desktop only: which printer the fichas go to (remembered by the app); nothing in a browser. */
export function FichaPrinterChoice() {
  const [info, setInfo] = useState<PrintersInfo | null>(null);
  const toast = useToast();
  useEffect(() => {
    if (!canPrintDirectly()) return;
    void window.balcao?.printers?.().then(setInfo);
  }, []);
  if (!info) return null;
  return (
    <label className="inline-field small">
      {t('fichas.choosePrinter')}{' '}
      <select
        value={info.remembered.ficha ?? ''}
        onChange={(e) => {
          const deviceName = e.target.value;
          setInfo({ ...info, remembered: { ...info.remembered, ficha: deviceName } });
          void window.balcao?.setPrinter?.('ficha', deviceName).catch(() => toast(t('fichas.printFailed')));
        }}
        data-testid="ficha-printer"
      >
        <option value="">{t('fichas.defaultPrinter')}</option>
        {info.printers.map((p) => (
          <option key={p.name} value={p.name}>
            {p.displayName}
          </option>
        ))}
      </select>
    </label>
  );
}

type Batch = OutputOf<'fichas.batchStatus'>;

/**
 * A batch of fichas (orders selected, a board column, today's printing): generated in the
 * background with its progress shown, then printed (desktop) or opened (browser).
 */
export function useFichaBatch() {
  const toast = useToast();
  const [batch, setBatch] = useState<Batch | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { run } = usePrint();
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const start = async (input: InputOf<'fichas.batchStart'>) => {
    try {
      let status = await call('fichas.batchStart', input);
      setBatch(status);
      while (!status.ready && !status.failed) {
        await new Promise<void>((resolve) => {
          timer.current = setTimeout(resolve, 400);
        });
        status = await call('fichas.batchStatus', { id: status.id });
        setBatch(status);
      }
      if (status.failed || !status.file) throw new Error(t('fichas.batch.failed'));
      // The desktop app prints at once; a browser opens the PDF when asked (a click, or it is a pop-up).
      if (canPrintDirectly()) {
        await run(status.file);
        setTimeout(() => setBatch((b) => (b?.id === status.id ? null : b)), 4000);
      }
    } catch (err) {
      setBatch(null);
      toast(errorText(err));
    }
  };
  const open = () => {
    if (batch?.file) void run(batch.file);
  };
  const dismiss = () => setBatch(null);
  return { batch, start, open, dismiss };
}

/** The batch's progress line ("Gerando fichas: 37 de 100"), with a bar. */
export function BatchProgress({
  batch,
  onOpen,
  onClose,
}: {
  batch: Batch | null;
  onOpen: () => void;
  onClose: () => void;
}) {
  if (!batch) return null;
  return (
    <div className="alert alert-info batch-progress" role="status" data-testid="ficha-batch-progress">
      {batch.ready ? (
        <>
          {t('fichas.batch.ready', { total: batch.total })}{' '}
          {!canPrintDirectly() && (
            <button type="button" className="btn btn-small btn-primary" onClick={onOpen} data-testid="ficha-batch-open">
              {t('fichas.batch.open')}
            </button>
          )}{' '}
          <button type="button" className="btn btn-small" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      ) : (
        <>
          <Spinner small /> {t('fichas.batch.progress', { done: batch.done, total: batch.total })}
        </>
      )}
      <progress max={batch.total} value={batch.done} />
    </div>
  );
}
