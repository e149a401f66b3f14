import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrinting, type PrintWindowLike } from '../../src-main/electron/print';
import { APP_ORIGIN } from '../../src-main/electron/renderer-protocol';
import { documentUrlToOpen } from '../../src-main/electron/security';

/** Printing from the desktop app, with a fake hidden window: what gets loaded, which printer, what is remembered. */
function setup(result: { success: boolean; reason?: string } = { success: true }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-print-'));
  const windows: Array<{ loaded: string[]; printed: unknown[]; destroyed: boolean }> = [];
  const printing = createPrinting({
    openHidden: (): PrintWindowLike => {
      const w = { loaded: [] as string[], printed: [] as unknown[], destroyed: false };
      windows.push(w);
      return {
        loadURL: async (url) => {
          w.loaded.push(url);
        },
        webContents: {
          print: (options, callback) => {
            w.printed.push(options);
            callback(result.success, result.reason ?? '');
          },
        },
        destroy: () => {
          w.destroyed = true;
        },
      };
    },
    toLocalUrl: (url) => documentUrlToOpen(url, APP_ORIGIN, 'http://127.0.0.1:8787'),
    prefsFile: path.join(dir, 'printers.json'),
  });
  return { printing, windows, prefs: () => JSON.parse(fs.readFileSync(path.join(dir, 'printers.json'), 'utf8')) };
}

const FICHA = 'app://balcao/api/orders/7/fichas.pdf?itemId=3&u=1&exp=2&sig=abc';

describe('printing straight to a printer', () => {
  it('loads the signed PDF from the local core and prints it silently to the system default at first', async () => {
    const { printing, windows } = setup();
    const out = await printing.print({ kind: 'ficha', url: FICHA });
    expect(out).toEqual({ ok: true, deviceName: '' });
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:8787/api/orders/7/fichas.pdf?itemId=3&u=1&exp=2&sig=abc']);
    expect(windows[0]?.printed).toEqual([{ silent: true, printBackground: true }]);
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('remembers the printer chosen for each kind of document', async () => {
    const { printing, windows, prefs } = setup();
    await printing.print({ kind: 'ficha', url: FICHA, deviceName: 'Epson Produção' });
    await printing.setPrinter('recibo', 'Bematech Balcão');
    await printing.print({ kind: 'ficha', url: FICHA });
    expect(windows[1]?.printed).toEqual([{ silent: true, printBackground: true, deviceName: 'Epson Produção' }]);
    expect(prefs()).toEqual({ ficha: 'Epson Produção', recibo: 'Bematech Balcão' });
    const info = await printing.printers(async () => [
      { name: 'Epson Produção', displayName: 'Epson', isDefault: true },
    ]);
    expect(info.remembered).toEqual({ ficha: 'Epson Produção', recibo: 'Bematech Balcão' });
    expect(info.printers).toEqual([{ name: 'Epson Produção', displayName: 'Epson', isDefault: true }]);
  });

  it('refuses anything but a PDF of the app, and says why a print failed', async () => {
    const { printing, windows } = setup({ success: false, reason: 'Print job canceled' });
    for (const url of [
      'https://evil.example/x.pdf',
      'app://balcao/api/orders/export.csv?u=1',
      'app://balcao/pedidos/7',
      'file:///etc/passwd',
    ]) {
      const out = await printing.print({ kind: 'ficha', url });
      expect(out.ok, url).toBe(false);
    }
    expect((await printing.print({ kind: 'outro', url: FICHA })).ok).toBe(false);
    expect(windows).toHaveLength(0);
    const failed = await printing.print({ kind: 'ficha', url: FICHA });
    expect(failed).toMatchObject({ ok: false, error: 'A impressora não imprimiu (Print job canceled).' });
    expect(windows[0]?.destroyed).toBe(true);
  });
});
