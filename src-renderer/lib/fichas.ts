import type { InputOf } from '../../src-shared/contract';
import type { PrintKind } from '../../src-shared/contract/bridge';
import { call, getClient } from '../api/client';
import { buildHttpRequest, errorFromResponse } from '../api/http';
import { t } from '../i18n';
import { documentTarget } from './finance';

/** The fichas' PDF routes (opened through signed links, `files.link`). */
export const fichaPaths = {
  order: (orderId: number, itemId?: number) => documentTarget(`/api/orders/${orderId}/fichas.pdf`, { itemId }),
  ficha: (fichaId: number) => `/api/fichas/${fichaId}/ficha.pdf`,
} as const;

/** Whether this window is the desktop app, which prints straight to a printer. */
export const canPrintDirectly = (): boolean => typeof window.balcao?.print === 'function';

/**
 * "Imprimir": in the desktop app the PDF goes straight to the printer remembered for its kind (the
 * system's default until one is chosen); in a LAN browser it opens in a new tab, to print from there.
 * The tab is opened before the link is asked for, so the browser does not take it for a pop-up.
 */
export async function printDocument(kind: PrintKind, path: string, deviceName?: string): Promise<string | null> {
  const bridge = window.balcao;
  if (bridge?.print) {
    const link = await call('files.link', { path });
    const result = await bridge.print({
      kind,
      url: new URL(link.url, window.location.href).href,
      ...(deviceName && { deviceName }),
    });
    if (!result.ok) throw new Error(result.error ?? t('fichas.printFailed'));
    return result.deviceName;
  }
  const tab = window.open('', '_blank');
  try {
    const link = await call('files.link', { path });
    if (tab) {
      tab.opener = null;
      tab.location.href = link.url;
    } else window.location.assign(link.url);
  } catch (err) {
    tab?.close();
    throw err;
  }
  return null;
}

/**
 * A PDF answer as a Blob, for previews shown in the page: over IPC the core's answer carries the
 * bytes; over HTTP the route is fetched with the session's token.
 */
export async function pdfBlob(name: 'fichaTemplates.preview', input: InputOf<'fichaTemplates.preview'>): Promise<Blob> {
  if (window.balcao) {
    const out = (await call(name, input)) as unknown as { body: Uint8Array };
    return new Blob([out.body as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
  }
  const req = buildHttpRequest(name, input, { token: getClient().tokens.get() });
  const res = await window.fetch(req.url, {
    method: req.method,
    headers: { ...req.headers, Accept: 'application/pdf, application/json' },
    ...(req.body !== undefined && { body: req.body }),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok) throw errorFromResponse(res.status, await res.text(), res.headers.get('Retry-After'));
  return res.blob();
}
