import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MessageBoxOptions,
  MessageChannelMain,
  nativeImage,
  net,
  protocol,
  session,
  shell,
  Tray,
  type UtilityProcess,
  utilityProcess,
} from 'electron';
import QRCode from 'qrcode';
import { lanAddresses } from '../modules/settings/network';
import { type CoreReport, HELLO_CHANNEL, isCoreReport } from './channels';
import {
  createReconnector,
  healthProbe,
  isClientNavigationAllowed,
  loadShellConfig,
  normalizeMainAddress,
  offlinePage,
  type ShellConfig,
  saveShellConfig,
  versionSkew,
} from './client-mode';
import { handPort } from './ports';
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createRendererHandler,
  RENDERER_URL,
} from './renderer-protocol';
import {
  clientWindowOptions,
  contentSecurityPolicy,
  documentUrlToOpen,
  externalUrlToOpen,
  isNavigationAllowed,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
} from './security';
import { buildCoreEnv, createSupervisor } from './supervisor';
import { closeToTray, requestQuit, trayMenuModel } from './tray';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon';
import { installerFor, keepInstaller, publishRunningVersion } from './update-mirror';
import { type Channel, createUpdateController, type UpdateController, type UpdaterLike } from './update-policy';

/**
 * Electron main process: a supervisor, nothing more. It starts the core (database, modules, LAN
 * server) in a utilityProcess, hands each window a MessagePort to it, and never touches SQLite.
 * Bundled to dist/electron/main.cjs, so `__dirname` is dist/electron.
 */

/**
 * Where the core's LAN server listens unless the environment says otherwise: the shop's network
 * mode in settings ("Rede da loja" every interface, "Só este computador" 127.0.0.1; `core.ts` →
 * `FROM_SETTING`); the port matches the headless default.
 */
const DEFAULT_HOST = 'network-setting';
const DEFAULT_PORT = '8787';
const CORE_STOP_TIMEOUT_MS = 10_000;
/** Where the first-run address form "submits": a reserved name (.invalid), caught before any request. */
const CONNECT_FORM_URL = 'http://balcao-connect.invalid/';

const distDir = path.join(__dirname, '..');
const corePath = path.join(distDir, 'core.mjs');
const rendererDir = path.join(distDir, 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

function openExternally(url: string): void {
  const port = process.env.BALCAO_PORT ?? DEFAULT_PORT;
  const safe =
    externalUrlToOpen(url) ?? documentUrlToOpen(url, APP_ORIGIN, port === '0' ? null : `http://127.0.0.1:${port}`);
  if (safe) void shell.openExternal(safe);
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const host = process.env.BALCAO_HOST ?? DEFAULT_HOST;
  const port = process.env.BALCAO_PORT ?? DEFAULT_PORT;
  const devTools = !app.isPackaged || process.env.BALCAO_DEVTOOLS === '1';
  const userData = app.getPath('userData');
  const dataDir = path.join(userData, 'data');
  const updatesDir = path.join(userData, 'updates');
  const installersDir = path.join(userData, 'installers');
  const shellFile = path.join(userData, 'shell.json');
  let config: ShellConfig = loadShellConfig(shellFile);
  const saveConfig = (patch: Partial<ShellConfig>) => {
    config = { ...config, ...patch };
    try {
      saveShellConfig(shellFile, config);
    } catch (err) {
      console.error('[shell] não foi possível gravar shell.json', err);
    }
  };
  /** Started by Windows at login ("Iniciar com o Windows"): only the tray, no window. */
  const startHidden = process.argv.includes('--hidden');
  const windows = new Set<BrowserWindow>();
  const createChannel = () => new MessageChannelMain();

  /** What main knows from the core's reports (LAN users, the network setting). */
  let lanUsers = 0;
  let network: Extract<CoreReport, { type: 'network' }> | null = null;
  let coreStarted = false;
  let quitting = false;
  let tray: Tray | null = null;
  let role: 'main' | 'client' = 'main';
  let mainOrigin: string | null = null;
  let updates: UpdateController | null = null;
  let backupRunning = false;
  /** Set for one start of the core: restore this backup first (after an update that cannot start). */
  let rescueFrom: string | null = null;
  let nextBackupId = 1;
  let lastDeviceBalloon = 0;
  const pendingBackups = new Map<number, (result: { ok: boolean; detail: string }) => void>();

  const supervisor = createSupervisor<UtilityProcess>({
    fork: () => {
      const env = buildCoreEnv(process.env, { dataDir, host, port });
      env.BALCAO_UPDATES_DIR = updatesDir;
      if (rescueFrom) env.BALCAO_RESCUE_FROM = rescueFrom;
      rescueFrom = null;
      return utilityProcess.fork(corePath, [], { env, serviceName: 'Balcão core' });
    },
    // Every (re)started core gets a fresh port for every open window, and main listens to its reports.
    onStart: (core) => {
      core.on('message', (message: unknown) => {
        if (isCoreReport(message)) onReport(message);
      });
      for (const win of windows) if (!win.isDestroyed()) handPort(core, win.webContents, createChannel);
    },
    onGiveUp: () => void (afterFailedUpdate() ? rescueAfterUpdate() : askAfterGiveUp()),
    onFatal: ({ message }) => void (afterFailedUpdate() ? rescueAfterUpdate(message) : explainAndQuit(message)),
  });

  function onReport(report: CoreReport): void {
    if (report.type === 'lan-users') {
      lanUsers = report.count;
      refreshTray();
    } else if (report.type === 'network') {
      network = report;
      if (!coreStarted) {
        coreStarted = true;
        // The new version started: the update went well.
        if (config.lastUpdate?.toVersion === app.getVersion()) saveConfig({ lastUpdate: null });
      }
      refreshTray();
      startUpdates();
    } else if (report.type === 'device-waiting') {
      // At most one balloon a minute, however many devices knock.
      if (Date.now() - lastDeviceBalloon < 60_000) return;
      lastDeviceBalloon = Date.now();
      tray?.displayBalloon({
        title: 'Um aparelho pede acesso ao Balcão',
        content: `Código ${report.code}${report.address ? ` (${report.address})` : ''}. Aprove em Configurações → Rede e aparelhos.`,
        iconType: 'info',
      });
    } else {
      pendingBackups.get(report.requestId)?.({ ok: report.ok, detail: report.detail });
      pendingBackups.delete(report.requestId);
    }
  }

  /** A backup made by the core (tray, or before an update); resolves when it is verified or failed. */
  function requestBackup(kind: 'manual' | 'before_update'): Promise<{ ok: boolean; detail: string }> {
    const core = supervisor.current;
    if (!core) return Promise.resolve({ ok: false, detail: 'O serviço interno do Balcão não está rodando.' });
    const requestId = nextBackupId++;
    return new Promise((resolve) => {
      pendingBackups.set(requestId, resolve);
      core.postMessage({ type: 'backup', kind, requestId });
    });
  }

  /** The core fails right after an update to this version: the user is offered the backup made before it. */
  function afterFailedUpdate(): boolean {
    return !coreStarted && config.lastUpdate?.toVersion === app.getVersion();
  }

  async function rescueAfterUpdate(detail?: string): Promise<void> {
    const last = config.lastUpdate;
    if (!last) return;
    const previous = last.installer ?? installerFor(last.fromVersion, installersDir);
    const options: MessageBoxOptions = {
      type: 'error',
      title: 'Balcão',
      message: `O Balcão ${last.toVersion} não conseguiu abrir os dados depois da atualização.`,
      detail:
        `${detail ? `${detail}\n\n` : ''}Backup de antes da atualização: ${last.backup}\n` +
        `Instalador da versão anterior (${last.fromVersion}): ${previous ?? 'não guardado neste computador — peça ao suporte'}\n\n` +
        'Restaurar o backup volta os dados ao momento antes da atualização. Se o problema continuar, instale a versão anterior com o instalador acima.',
      buttons: ['Restaurar o backup de antes da atualização', 'Tentar novamente', 'Sair'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    };
    const { response } = await dialog.showMessageBox(options);
    if (response === 0) {
      rescueFrom = last.backup;
      supervisor.start();
    } else if (response === 1) supervisor.start();
    else app.quit();
  }

  /** The core cannot start for a reason a restart will not fix (e.g. Balcão is already open on this folder). */
  async function explainAndQuit(detail: string): Promise<void> {
    await dialog.showMessageBox({
      type: 'error',
      title: 'Balcão',
      message: 'O Balcão não pode abrir os dados.',
      detail,
      buttons: ['Sair'],
      noLink: true,
    });
    quitting = true;
    app.quit();
  }

  async function askAfterGiveUp(): Promise<void> {
    const options: MessageBoxOptions = {
      type: 'error',
      title: 'Balcão',
      message: 'O Balcão não conseguiu iniciar o serviço interno.',
      detail:
        'O serviço que guarda os dados parou várias vezes seguidas logo depois de iniciar. Seus dados não foram apagados.\n\n' +
        'Tente novamente. Se o problema continuar, reinicie o computador ou chame o suporte.',
      buttons: ['Tentar novamente', 'Sair'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    };
    const parent = [...windows].find((win) => !win.isDestroyed());
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (response === 0) supervisor.start();
    else {
      quitting = true;
      app.quit();
    }
  }

  function firstWindow(): BrowserWindow | undefined {
    return [...windows].find((w) => !w.isDestroyed());
  }

  function showWindow(): void {
    const win = firstWindow() ?? (role === 'client' ? createClientWindow() : createWindow());
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  function track(win: BrowserWindow): void {
    windows.add(win);
    win.on('closed', () => windows.delete(win));
    if (role === 'main') {
      // The main PC stays in the tray: the LAN server keeps serving the shop.
      win.on(
        'close',
        closeToTray({
          quitting: () => quitting,
          hide: () => win.hide(),
          balloonShown: () => config.balloonShown,
          showBalloon: (b) => tray?.displayBalloon({ title: b.title, content: b.content, iconType: 'info' }),
          markBalloonShown: () => saveConfig({ balloonShown: true }),
        }),
      );
    }
  }

  function createWindow(): BrowserWindow {
    const win = new BrowserWindow(mainWindowOptions(preloadPath, { devTools }));
    track(win);
    win.once('ready-to-show', () => {
      if (!startHidden || windows.size > 1) win.show();
    });
    void win.loadURL(RENDERER_URL);
    return win;
  }

  // ---- client mode: the window shows the main PC's UI, no database here ----

  let reconnector: ReturnType<typeof createReconnector> | null = null;
  let skewShown = false;

  function createClientWindow(): BrowserWindow {
    const origin = mainOrigin as string;
    const win = new BrowserWindow(clientWindowOptions({ devTools }));
    track(win);
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-fail-load', (_event, _code, description, _url, isMainFrame) => {
      if (isMainFrame) reconnector?.lost(description);
    });
    void win.loadURL(offlinePage({ phase: 'connecting', attempt: 1 }, origin));
    return win;
  }

  function startClient(origin: string): void {
    mainOrigin = origin;
    createClientWindow();
    reconnector = createReconnector({
      origin,
      probe: healthProbe(3000, (input, init) => net.fetch(String(input), init)),
      onState: (state) => {
        const win = firstWindow();
        if (!win) return;
        const onMain = isClientNavigationAllowed(win.webContents.getURL(), origin);
        if (state.phase === 'online') {
          if (!onMain) void win.loadURL(`${origin}/`);
          const skew = versionSkew(app.getVersion(), state.version);
          if (skew.kind !== 'same' && !skewShown) {
            skewShown = true;
            void dialog.showMessageBox(win, {
              type: 'warning',
              title: 'Balcão',
              message: skew.message,
              buttons: ['OK'],
            });
            void updates?.check();
          }
        } else if (!onMain || state.phase === 'offline') {
          void win.loadURL(offlinePage(state, origin));
        }
      },
    });
    reconnector.start();
    startUpdates();
  }

  // ---- first run: this PC holds the data, or connects to the one that does ----

  async function chooseRole(): Promise<{ role: 'main' } | { role: 'client'; origin: string } | null> {
    const forced = process.env.BALCAO_ROLE;
    if (forced === 'main') return { role: 'main' };
    const forcedOrigin = normalizeMainAddress(process.env.BALCAO_MAIN_ADDRESS ?? '');
    if (forced === 'client' && forcedOrigin) return { role: 'client', origin: forcedOrigin };
    if (config.role === 'main') return { role: 'main' };
    if (config.role === 'client' && config.mainOrigin) return { role: 'client', origin: config.mainOrigin };
    // An install from before this choice existed already holds the shop's data.
    if (fs.existsSync(path.join(dataDir, 'balcao.sqlite'))) {
      saveConfig({ role: 'main' });
      return { role: 'main' };
    }
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: 'Balcão',
      message: 'Como este computador vai usar o Balcão?',
      detail:
        'O computador principal guarda os dados da loja; os outros computadores e celulares usam o Balcão por ele, pela rede da loja.',
      buttons: ['Este é o computador principal', 'Conectar ao computador principal', 'Sair'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (response === 0) {
      saveConfig({ role: 'main' });
      return { role: 'main' };
    }
    if (response === 1) {
      const origin = await askMainAddress();
      if (origin) {
        saveConfig({ role: 'client', mainOrigin: origin });
        return { role: 'client', origin };
      }
    }
    return null;
  }

  /** A small form (no preload, no script): the address typed or read from the main PC's QR code. */
  function askMainAddress(): Promise<string | null> {
    return new Promise((resolve) => {
      const win = new BrowserWindow({
        ...clientWindowOptions({ devTools: false }),
        width: 520,
        height: 320,
        minWidth: 360,
        minHeight: 280,
      });
      let done = false;
      const finish = (origin: string | null) => {
        if (done) return;
        done = true;
        resolve(origin);
        if (!win.isDestroyed()) win.close();
      };
      const page = (error: string) =>
        `data:text/html;charset=utf-8,${encodeURIComponent(`<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Conectar ao computador principal</title>
<body style="font-family:system-ui,sans-serif;padding:1.5rem"><h1 style="font-size:1.2rem">Conectar ao computador principal</h1>
<p>No computador principal, abra Configurações → Rede e digite aqui o endereço mostrado (ex.: 192.168.0.10:8787).</p>
<form action="${CONNECT_FORM_URL}" method="get"><input name="address" autofocus required style="font-size:1.1rem;width:100%;padding:.4rem" placeholder="192.168.0.10:8787">
<p style="color:#b42318">${error}</p><button type="submit" style="font-size:1rem;padding:.4rem 1rem">Conectar</button></form></body></html>`)}`;
      win.webContents.on('will-navigate', (event, url) => {
        if (!url.startsWith(CONNECT_FORM_URL)) return;
        event.preventDefault();
        const origin = normalizeMainAddress(new URL(url).searchParams.get('address') ?? '');
        if (origin) finish(origin);
        else void win.loadURL(page('Endereço inválido. Use o número mostrado no computador principal.'));
      });
      win.on('closed', () => finish(null));
      void win.loadURL(page(''));
    });
  }

  // ---- tray ----

  function shopAddress(): string | null {
    if (network?.mode !== 'lan') return null;
    const port = network.port;
    const found = Object.values(os.networkInterfaces())
      .flat()
      .find((n) => n && n.family === 'IPv4' && !n.internal && !n.address.startsWith('169.254.'));
    return found ? `http://${found.address}:${port}/` : null;
  }

  function refreshTray(): void {
    if (!tray) return;
    const state = updates?.state;
    const model = trayMenuModel({
      role,
      address: role === 'main' ? shopAddress() : null,
      autoStart: config.autoStart,
      updateReady: state && (state.phase === 'ready' || state.phase === 'postponed') ? state.version : null,
      backupRunning,
    });
    const clicks: Record<string, () => void> = {
      open: () => showWindow(),
      address: () => void showAddresses(),
      backup: () => void backupNow(),
      autostart: () => {
        saveConfig({ autoStart: !config.autoStart });
        app.setLoginItemSettings({ openAtLogin: config.autoStart, args: ['--hidden'] });
        refreshTray();
      },
      update: () => void updates?.offer(),
      quit: () =>
        void requestQuit({
          lanUsers: () => lanUsers,
          confirm: async (q) =>
            (
              await dialog.showMessageBox({
                type: 'warning',
                title: 'Balcão',
                message: q.message,
                detail: q.detail,
                buttons: q.buttons,
                defaultId: 1,
                cancelId: 1,
                noLink: true,
              })
            ).response === 0,
          quit: () => {
            quitting = true;
            app.quit();
          },
        }),
    };
    tray.setContextMenu(
      Menu.buildFromTemplate(
        model.map((item) =>
          item.type === 'separator'
            ? { type: 'separator' as const }
            : {
                label: item.label,
                type: item.type ?? ('normal' as const),
                ...(item.checked !== undefined && { checked: item.checked }),
                enabled: item.enabled ?? true,
                click: clicks[item.id],
              },
        ),
      ),
    );
    const downloading = state?.phase === 'downloading' ? ` — baixando atualização ${state.percent}%` : '';
    tray.setToolTip(`Balcão${lanUsers > 0 ? ` — ${lanUsers} pela rede` : ''}${downloading}`);
  }

  async function backupNow(): Promise<void> {
    if (backupRunning) return;
    backupRunning = true;
    refreshTray();
    const result = await requestBackup('manual');
    backupRunning = false;
    refreshTray();
    if (result.ok) tray?.displayBalloon({ title: 'Backup concluído', content: result.detail, iconType: 'info' });
    else
      void dialog.showMessageBox({
        type: 'error',
        title: 'Balcão',
        message: 'O backup falhou.',
        detail: result.detail,
      });
  }

  /** The shop-network addresses with a QR code each, for a phone's camera. */
  async function showAddresses(): Promise<void> {
    if (!network) return;
    const list = await lanAddresses(network.port);
    const blocks = await Promise.all(
      list.map(
        async (a) =>
          `<section style="display:inline-block;margin:1rem;text-align:center"><div style="width:220px">${await QRCode.toString(a.url, { type: 'svg', margin: 1 })}</div><p style="font-size:1.2rem"><b>${a.url}</b><br><small>${a.interface}</small></p></section>`,
      ),
    );
    const html = `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Endereço na rede da loja</title><body style="font-family:system-ui,sans-serif;padding:1rem">
<h1 style="font-size:1.2rem">Aponte a câmera do celular para o QR code (mesma rede Wi-Fi da loja)</h1>${blocks.join('') || '<p>Nenhum endereço de rede encontrado. Confira a conexão deste computador.</p>'}</body></html>`;
    const win = new BrowserWindow({
      ...clientWindowOptions({ devTools: false }),
      width: 640,
      height: 520,
      minWidth: 360,
      minHeight: 300,
    });
    void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  }

  // ---- updates ----

  function stagingUserId(): string {
    const file = path.join(userData, '.updaterId');
    try {
      const id = fs.readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f-]{36}$/i.test(id)) return id;
    } catch {
      // first run: made below
    }
    const id = randomUUID();
    try {
      fs.writeFileSync(file, id);
    } catch {
      // not kept: a new id next time
    }
    return id;
  }

  /** Installed builds only: electron-updater behind `update-policy.ts`. */
  function startUpdates(): void {
    if (updates || !app.isPackaged || process.env.BALCAO_NO_UPDATES === '1') return;
    void import('electron-updater')
      .then(({ autoUpdater }) => {
        if (updates) return;
        autoUpdater.on('update-downloaded', (info) => {
          try {
            keepInstaller({ ...info, files: [...info.files] }, installersDir);
          } catch (err) {
            console.error('[updater] não foi possível guardar o instalador', err);
          }
        });
        updates = createUpdateController({
          updater: autoUpdater as unknown as UpdaterLike,
          feed: () =>
            role === 'client' && mainOrigin
              ? { url: `${mainOrigin}/updates/`, channel: 'stable' as Channel }
              : { url: network?.updateUrl ?? null, channel: network?.updateChannel ?? 'stable' },
          stagingUserId: stagingUserId(),
          lanUsers: () => lanUsers,
          ask: async (prompt) => {
            const win = firstWindow();
            const options: MessageBoxOptions = {
              type: 'info',
              title: 'Balcão',
              message: prompt.message,
              detail: prompt.detail,
              buttons: prompt.buttons,
              defaultId: 0,
              cancelId: 1,
              noLink: true,
            };
            const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
            return response === 0 ? 'now' : 'later';
          },
          backup: () =>
            role === 'main'
              ? requestBackup('before_update')
              : Promise.resolve({ ok: true, detail: 'sem dados neste computador' }),
          beforeInstall: ({ version, backup }) =>
            saveConfig({
              lastUpdate: {
                fromVersion: app.getVersion(),
                toVersion: version,
                backup,
                installer: installerFor(app.getVersion(), installersDir),
                at: new Date().toISOString(),
              },
            }),
          onState: (state) => {
            const win = firstWindow();
            win?.setProgressBar(state.phase === 'downloading' ? state.percent / 100 : -1);
            if (state.phase === 'installing') quitting = true;
            refreshTray();
          },
          log: (message, err) => console.error(message, err ?? ''),
        });
        updates.start();
      })
      .catch((err: unknown) => console.error('[updater] falha ao iniciar as atualizações', err));
  }

  // ---- app events ----

  app.on('second-instance', () => showWindow());

  // Every web contents: no navigation away from the app (client mode: from the main PC), no new windows, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (event.url.startsWith(CONNECT_FORM_URL)) {
        event.preventDefault(); // the first-run address form: read by its own window, never opened
        return;
      }
      if (
        role === 'client' && mainOrigin
          ? isClientNavigationAllowed(event.url, mainOrigin)
          : isNavigationAllowed(event.url, APP_ORIGIN)
      )
        return;
      event.preventDefault();
      openExternally(event.url);
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (role === 'client' && mainOrigin && isClientNavigationAllowed(url, mainOrigin)) void shell.openExternal(url);
      else openExternally(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  // The one IPC channel: a renderer (first load or reload) asks for its port to the core.
  // Client mode has no preload, so the main PC's pages never reach it.
  ipcMain.on(HELLO_CHANNEL, (event) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame, APP_ORIGIN)) return;
    const core = supervisor.current;
    // With the core down the window gets its port from onStart once the core is back.
    if (core) handPort(core, frame, createChannel);
  });

  // Quit: stop the core gracefully (it closes the database) before the app goes.
  let coreStopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (coreStopped || role === 'client') return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void supervisor.stop(CORE_STOP_TIMEOUT_MS).finally(() => {
      coreStopped = true;
      app.quit();
    });
  });
  // The main PC keeps running in the tray with no window; a client PC quits with its last window.
  app.on('window-all-closed', () => {
    if (role === 'client' || quitting) app.quit();
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(isPermissionAllowed(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
    if (app.isPackaged) Menu.setApplicationMenu(null);

    const choice = await chooseRole();
    if (!choice) {
      quitting = true;
      app.quit();
      return;
    }
    role = choice.role;
    tray = new Tray(nativeImage.createFromDataURL(`data:image/png;base64,${TRAY_ICON_PNG_BASE64}`));
    tray.on('click', () => showWindow());
    tray.on('balloon-click', () => showWindow());
    refreshTray();
    if (choice.role === 'client') {
      startClient(choice.origin);
      return;
    }

    // Port 0 (any free port) leaves no known origin: the renderer then gets nothing from the LAN server.
    const csp = contentSecurityPolicy(port === '0' ? {} : { coreOrigin: `http://127.0.0.1:${port}` });
    protocol.handle(
      APP_SCHEME,
      createRendererHandler({
        rootDir: rendererDir,
        csp,
        ...(port !== '0' && { apiOrigin: `http://127.0.0.1:${port}`, fetch: (url: string) => net.fetch(url) }),
      }),
    );
    try {
      // Client PCs update from this PC to exactly the version it runs.
      publishRunningVersion(app.getVersion(), installersDir, updatesDir);
    } catch (err) {
      console.error('[updater] não foi possível publicar o instalador para a rede', err);
    }
    supervisor.start();
    createWindow();
  });
}

main();
