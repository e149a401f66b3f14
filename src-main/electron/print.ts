import fs from 'node:fs/promises';
import type { PrintersInfo, PrintKind, PrintRequest, PrintResult } from '../../src-shared/contract/bridge';

/**
 * Printing straight to a printer from the desktop app (`window.balcao.print`): the renderer hands a
 * signed document link, main turns it into the core's local URL, loads it in a hidden window and
 * prints it with `webContents.print({silent, deviceName})`. The printer is remembered per document
 * kind (fichas on the production printer, receipts at the counter) in `<userData>/printers.json`.
 * Electron stays out of this file (its pieces come in `PrintDeps`), so it is tested with fakes.
 */

export const PRINT_KINDS: readonly PrintKind[] = ['ficha', 'recibo', 'documento'];

/** What the service needs of a hidden BrowserWindow. */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    print(
      options: { silent: boolean; deviceName?: string; printBackground: boolean },
      callback: (success: boolean, failureReason: string) => void,
    ): void;
  };
  destroy(): void;
}

export interface PrinterLike {
  name: string;
  displayName: string;
  isDefault?: boolean;
}

export interface PrintDeps {
  openHidden(): PrintWindowLike;
  /** `app://balcao/api/….pdf?u=…` → the core's `http://127.0.0.1:PORT/api/….pdf?u=…`, else null. */
  toLocalUrl(url: string): string | null;
  /** Where the printer per kind is kept. */
  prefsFile: string;
}

type Prefs = Partial<Record<PrintKind, string>>;

const isKind = (v: unknown): v is PrintKind => typeof v === 'string' && (PRINT_KINDS as readonly string[]).includes(v);

export function createPrinting(deps: PrintDeps) {
  async function readPrefs(): Promise<Prefs> {
    try {
      const parsed = JSON.parse(await fs.readFile(deps.prefsFile, 'utf8')) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => isKind(k) && typeof v === 'string')) as Prefs;
    } catch {
      return {};
    }
  }

  async function remember(kind: PrintKind, deviceName: string): Promise<void> {
    const prefs = await readPrefs();
    prefs[kind] = deviceName;
    await fs.writeFile(deps.prefsFile, JSON.stringify(prefs, null, 2));
  }

  return {
    /** Prints one document; never throws (the renderer shows `error`). */
    async print(request: unknown): Promise<PrintResult> {
      const r = (request ?? {}) as Partial<PrintRequest>;
      if (
        !isKind(r.kind) ||
        typeof r.url !== 'string' ||
        (r.deviceName !== undefined && typeof r.deviceName !== 'string')
      )
        return { ok: false, deviceName: '', error: 'Pedido de impressão inválido.' };
      const local = deps.toLocalUrl(r.url);
      if (!local || !/\.pdf$/.test(new URL(local).pathname))
        return { ok: false, deviceName: '', error: 'Só documentos PDF do Balcão podem ser impressos.' };
      if (r.deviceName !== undefined) await remember(r.kind, r.deviceName);
      const deviceName = r.deviceName ?? (await readPrefs())[r.kind] ?? '';
      const win = deps.openHidden();
      try {
        await win.loadURL(local);
        const failure = await new Promise<string | null>((resolve) => {
          win.webContents.print(
            { silent: true, printBackground: true, ...(deviceName && { deviceName }) },
            (success, reason) => resolve(success ? null : reason || 'falha'),
          );
        });
        return failure
          ? { ok: false, deviceName, error: `A impressora não imprimiu (${failure}).` }
          : { ok: true, deviceName };
      } catch (err) {
        return { ok: false, deviceName, error: `Não foi possível abrir o documento (${(err as Error).message}).` };
      } finally {
        win.destroy();
      }
    },

    async printers(list: () => Promise<PrinterLike[]>): Promise<PrintersInfo> {
      const printers = (await list()).map((p) => ({
        name: p.name,
        displayName: p.displayName || p.name,
        isDefault: p.isDefault ?? false,
      }));
      return { printers, remembered: await readPrefs() };
    },

    async setPrinter(kind: unknown, deviceName: unknown): Promise<void> {
      if (!isKind(kind) || typeof deviceName !== 'string' || deviceName.length > 300) return;
      await remember(kind, deviceName);
    },
  };
}
