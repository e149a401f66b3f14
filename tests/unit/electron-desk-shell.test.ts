import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SHELL_CONFIG,
  isClientNavigationAllowed,
  loadShellConfig,
  normalizeMainAddress,
  saveShellConfig,
  versionSkew,
} from '../../src-main/electron/client-mode';
import { closeToTray, requestQuit, TRAY_BALLOON, trayMenuModel } from '../../src-main/electron/tray';
import {
  CHECK_EVERY_MS,
  createUpdateController,
  inStagedRollout,
  type ProgressLike,
  type readyPrompt,
  type UpdateInfoLike,
  type UpdaterLike,
  type UpdateState,
} from '../../src-main/electron/update-policy';

/** electron-updater's autoUpdater, as far as the controller uses it: the test says what the server answers. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = true;
  channel: string | null = null;
  isUserWithinRollout: (info: UpdateInfoLike) => boolean | Promise<boolean> = () => true;
  feeds: Array<{ provider: 'generic'; url: string; channel?: string }> = [];
  checks = 0;
  downloads = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  /** What the next check finds (null: nothing newer). */
  server: UpdateInfoLike | null = null;
  failCheck: Error | null = null;

  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void {
    this.feeds.push(options);
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    if (this.failCheck) {
      this.emit('error', this.failCheck);
      throw this.failCheck;
    }
    // electron-updater asks isUserWithinRollout before saying an update is there.
    if (this.server && (await this.isUserWithinRollout(this.server))) this.emit('update-available', this.server);
    else this.emit('update-not-available', { version: '0.1.0' });
    return null;
  }
  async downloadUpdate(): Promise<unknown> {
    this.downloads++;
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
  progress(percent: number): void {
    const p: ProgressLike = { percent, bytesPerSecond: 1000, transferred: percent * 1000, total: 100_000 };
    this.emit('download-progress', p);
  }
  downloaded(version: string): void {
    this.emit('update-downloaded', { version, downloadedFile: `C:\\cache\\Balcao-Setup-${version}.exe` });
  }
}

/** A staging id whose last 4 bytes put this machine at ~25% of the rollout range. */
const AT_25 = '00000000-0000-4000-8000-000040000000';

function controller(
  opts: { lanUsers?: number; answer?: 'now' | 'later'; backupOk?: boolean; stagingUserId?: string } = {},
) {
  const updater = new FakeUpdater();
  const states: UpdateState[] = [];
  const intervals: Array<{ fn: () => void; ms: number }> = [];
  const ask = vi.fn(async (_p: ReturnType<typeof readyPrompt>) => opts.answer ?? 'later');
  const backup = vi.fn(async () => ({ ok: opts.backupOk ?? true, detail: '/dados/backups/antes.zip' }));
  const beforeInstall = vi.fn();
  const c = createUpdateController({
    updater,
    feed: () => ({ url: 'https://atualizacoes.exemplo.com.br/balcao/', channel: 'stable' }),
    stagingUserId: opts.stagingUserId ?? AT_25,
    lanUsers: () => opts.lanUsers ?? 0,
    ask,
    backup,
    beforeInstall,
    onState: (s) => states.push(s),
    setInterval: (fn, ms) => {
      intervals.push({ fn, ms });
      return intervals.length;
    },
    clearInterval: () => {},
  });
  return { c, updater, states, intervals, ask, backup, beforeInstall };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('updates (electron-updater behind a small policy)', () => {
  it('checks at start and every 6 hours on the generic feed, never downloading or installing by itself', async () => {
    const { c, updater, states, intervals } = controller();
    c.start();
    await flush();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://atualizacoes.exemplo.com.br/balcao/' }]);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.checks).toBe(1);
    expect(states.at(-1)?.phase).toBe('none');
    expect(intervals).toHaveLength(1);
    expect(intervals[0]?.ms).toBe(CHECK_EVERY_MS);
    intervals[0]?.fn();
    await flush();
    expect(updater.checks).toBe(2);
    expect(updater.installs).toEqual([]);
  });

  it('an update is downloaded in the background with its progress, then offered; "Depois" never restarts', async () => {
    const { c, updater, states, ask } = controller({ answer: 'later' });
    updater.server = { version: '0.2.0' };
    await c.check();
    expect(updater.downloads).toBe(1);
    updater.progress(12.4);
    updater.progress(57.9);
    expect(states.filter((s) => s.phase === 'downloading').map((s) => (s as { percent: number }).percent)).toEqual([
      0, 12, 58,
    ]);
    updater.downloaded('0.2.0');
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
    const prompt = ask.mock.calls[0]?.[0];
    expect(prompt?.message).toBe('Atualização pronta — Balcão 0.2.0');
    expect(prompt?.buttons).toEqual(['Reiniciar agora', 'Depois']);
    expect(c.state).toMatchObject({ phase: 'postponed', version: '0.2.0' });
    expect(updater.installs).toEqual([]);
    // A later check does not start over while the update waits.
    await c.check();
    expect(updater.checks).toBe(1);
  });

  it('"Reiniciar agora" makes the backup first, remembers it, then installs; LAN users are warned in the question', async () => {
    const { c, updater, ask, backup, beforeInstall } = controller({ answer: 'now', lanUsers: 3 });
    updater.server = { version: '0.2.0' };
    await c.check();
    updater.downloaded('0.2.0');
    await flush();
    await flush();
    const prompt = ask.mock.calls[0]?.[0];
    expect(prompt?.detail).toContain('3 pessoas estão usando o Balcão pela rede');
    expect(backup).toHaveBeenCalledTimes(1);
    expect(beforeInstall).toHaveBeenCalledWith({
      version: '0.2.0',
      backup: '/dados/backups/antes.zip',
      file: 'C:\\cache\\Balcao-Setup-0.2.0.exe',
    });
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('a failed backup keeps the update waiting and installs nothing', async () => {
    const { c, updater, states } = controller({ answer: 'now', backupOk: false });
    updater.server = { version: '0.2.0' };
    await c.check();
    updater.downloaded('0.2.0');
    await flush();
    await flush();
    expect(updater.installs).toEqual([]);
    expect(states.at(-1)).toMatchObject({ phase: 'error' });
    expect((states.at(-1) as { message: string }).message).toContain('backup antes da atualização falhou');
  });

  it('an error (no internet, broken manifest) is shown and the app carries on; the next check tries again', async () => {
    const { c, updater, states } = controller();
    updater.failCheck = new Error('net::ERR_INTERNET_DISCONNECTED');
    await c.check();
    expect(states.at(-1)).toEqual({ phase: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
    updater.failCheck = null;
    await c.check();
    expect(states.at(-1)?.phase).toBe('none');
  });

  it('a staged rollout excludes a machine outside its percentage, as electron-updater counts it', async () => {
    expect(inStagedRollout(undefined, AT_25)).toBe(true);
    expect(inStagedRollout(10, AT_25)).toBe(false);
    expect(inStagedRollout(30, AT_25)).toBe(true);
    expect(inStagedRollout(100, '00000000-0000-4000-8000-ffffffff0000'.replace(/0000$/, 'ffff'))).toBe(false);
    expect(inStagedRollout(0, '00000000-0000-4000-8000-000000000000')).toBe(false);

    const { c, updater, states } = controller({ stagingUserId: AT_25 });
    updater.server = { version: '0.2.0', stagingPercentage: 10 };
    await c.check();
    expect(updater.downloads).toBe(0);
    expect(states.at(-1)?.phase).toBe('none');
    updater.server = { version: '0.2.0', stagingPercentage: 50 };
    await c.check();
    expect(updater.downloads).toBe(1);
  });

  it("the beta channel allows pre-releases; the settings' URL replaces the build's", async () => {
    const updater = new FakeUpdater();
    let feed = { url: 'https://a.example/balcao/', channel: 'stable' as 'stable' | 'beta' };
    const c = createUpdateController({
      updater,
      feed: () => feed,
      stagingUserId: AT_25,
      lanUsers: () => 0,
      ask: async () => 'later',
      backup: async () => ({ ok: true, detail: '' }),
    });
    await c.check();
    expect(updater.channel).toBe('latest');
    expect(updater.allowPrerelease).toBe(false);
    feed = { url: 'http://192.168.0.10:8787/updates/', channel: 'beta' };
    await c.check();
    expect(updater.feeds.at(-1)).toEqual({
      provider: 'generic',
      url: 'http://192.168.0.10:8787/updates/',
      channel: 'beta',
    });
    expect(updater.channel).toBe('beta');
    expect(updater.allowPrerelease).toBe(true);
  });
});

describe('the tray: closing keeps Balcão running, quitting warns about LAN users', () => {
  it('closing the window hides it and explains once with a balloon', () => {
    let shown = false;
    const hide = vi.fn();
    const showBalloon = vi.fn();
    const onClose = closeToTray({
      quitting: () => false,
      hide,
      balloonShown: () => shown,
      showBalloon,
      markBalloonShown: () => {
        shown = true;
      },
    });
    const first = { preventDefault: vi.fn() };
    onClose(first);
    onClose({ preventDefault: vi.fn() });
    expect(first.preventDefault).toHaveBeenCalled();
    expect(hide).toHaveBeenCalledTimes(2);
    expect(showBalloon).toHaveBeenCalledTimes(1);
    expect(showBalloon).toHaveBeenCalledWith(TRAY_BALLOON);
  });

  it('once quitting, the window really closes', () => {
    const hide = vi.fn();
    const onClose = closeToTray({
      quitting: () => true,
      hide,
      balloonShown: () => true,
      showBalloon: () => {},
      markBalloonShown: () => {},
    });
    const event = { preventDefault: vi.fn() };
    onClose(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(hide).not.toHaveBeenCalled();
  });

  it('"Sair" with 3 people on the network asks first; "Cancelar" keeps it running; nobody connected quits at once', async () => {
    const quit = vi.fn();
    const confirm = vi.fn(async (_q: { message: string; detail: string; buttons: [string, string] }) => false);
    expect(await requestQuit({ lanUsers: () => 3, confirm, quit })).toBe(false);
    expect(confirm.mock.calls[0]?.[0]).toMatchObject({
      message: '3 pessoas estão usando o Balcão pela rede.',
      buttons: ['Sair mesmo assim', 'Cancelar'],
    });
    expect(quit).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce(true);
    expect(await requestQuit({ lanUsers: () => 1, confirm, quit })).toBe(true);
    expect(confirm.mock.calls[1]?.[0].message).toBe('1 pessoa está usando o Balcão pela rede.');
    expect(quit).toHaveBeenCalledTimes(1);
    const noAsk = vi.fn(async () => false);
    expect(await requestQuit({ lanUsers: () => 0, confirm: noAsk, quit })).toBe(true);
    expect(noAsk).not.toHaveBeenCalled();
  });

  it('the menu: open, the network address, backup now, start with Windows (off by default), quit', () => {
    const menu = trayMenuModel({
      role: 'main',
      address: 'http://192.168.0.10:8787/',
      autoStart: DEFAULT_SHELL_CONFIG.autoStart,
      updateReady: null,
      backupRunning: false,
    });
    expect(menu.map((i) => i.id)).toEqual(['open', 'address', 'backup', 'autostart', 'separator', 'quit']);
    expect(menu.find((i) => i.id === 'autostart')).toMatchObject({ type: 'checkbox', checked: false });
    expect(menu[0]?.label).toBe('Abrir Balcão');
    expect(menu.at(-1)?.label).toBe('Sair');
    const client = trayMenuModel({
      role: 'client',
      address: null,
      autoStart: true,
      updateReady: '0.2.0',
      backupRunning: false,
    });
    expect(client.map((i) => i.id)).toEqual(['open', 'autostart', 'update', 'separator', 'quit']);
  });
});

describe("client mode: the main PC's address, navigation, versions, remembered choice", () => {
  it('accepts the address as typed or from the QR code', () => {
    expect(normalizeMainAddress('192.168.0.10')).toBe('http://192.168.0.10:8787');
    expect(normalizeMainAddress(' 192.168.0.10:9000 ')).toBe('http://192.168.0.10:9000');
    expect(normalizeMainAddress('http://192.168.0.10:8787/')).toBe('http://192.168.0.10:8787');
    expect(normalizeMainAddress('https://loja.local')).toBe('https://loja.local');
    expect(normalizeMainAddress('file:///etc/passwd')).toBeNull();
    expect(normalizeMainAddress('http://ana:senha@192.168.0.10')).toBeNull();
    expect(normalizeMainAddress('')).toBeNull();
  });

  it("navigation stays on the main PC's origin", () => {
    const origin = 'http://192.168.0.10:8787';
    expect(isClientNavigationAllowed('http://192.168.0.10:8787/pedidos/12', origin)).toBe(true);
    expect(isClientNavigationAllowed('http://192.168.0.11:8787/', origin)).toBe(false);
    expect(isClientNavigationAllowed('https://192.168.0.10:8787/', origin)).toBe(false);
    expect(isClientNavigationAllowed('http://evil.example/', origin)).toBe(false);
  });

  it('says clearly when this PC is older or newer than the main PC', () => {
    expect(versionSkew('0.2.0', '0.2.0')).toEqual({ kind: 'same' });
    expect(versionSkew('0.1.0', '0.2.0')).toMatchObject({ kind: 'client-older' });
    const newer = versionSkew('0.3.0', '0.2.9');
    expect(newer.kind).toBe('client-newer');
    expect((newer as { message: string }).message).toContain('Atualize o computador principal primeiro');
  });

  it('remembers the first-run choice and the main PC in shell.json', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-shell-')), 'shell.json');
    expect(loadShellConfig(file)).toEqual(DEFAULT_SHELL_CONFIG);
    saveShellConfig(file, { ...DEFAULT_SHELL_CONFIG, role: 'client', mainOrigin: 'http://192.168.0.10:8787' });
    expect(loadShellConfig(file)).toMatchObject({
      role: 'client',
      mainOrigin: 'http://192.168.0.10:8787',
      autoStart: false,
    });
    fs.writeFileSync(file, '{ quebrado');
    expect(loadShellConfig(file)).toEqual(DEFAULT_SHELL_CONFIG);
  });
});
