import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MessageBoxOptions,
  MessageChannelMain,
  net,
  protocol,
  session,
  shell,
  type UtilityProcess,
  utilityProcess,
} from 'electron';
import { HELLO_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL, SET_PRINTER_CHANNEL } from './channels';
import { handPort } from './ports';
import { createPrinting } from './print';
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createRendererHandler,
  RENDERER_URL,
} from './renderer-protocol';
import {
  contentSecurityPolicy,
  documentUrlToOpen,
  externalUrlToOpen,
  isNavigationAllowed,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
} from './security';
import { buildCoreEnv, createSupervisor } from './supervisor';

/**
 * Electron main process: a supervisor, nothing more. It starts the core (database, modules, LAN
 * server) in a utilityProcess, hands each window a MessagePort to it, and never touches SQLite.
 * Bundled to dist/electron/main.cjs, so `__dirname` is dist/electron.
 */

/**
 * Where the core's LAN server listens unless the environment says otherwise. The desktop app is
 * the shop's main PC, so it listens on every interface for the other PCs and phones; the port
 * matches the headless default.
 */
const DEFAULT_HOST = '0.0.0.0';
const DEFAULT_PORT = '8787';
const CORE_STOP_TIMEOUT_MS = 10_000;

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
  const windows = new Set<BrowserWindow>();
  const createChannel = () => new MessageChannelMain();

  const supervisor = createSupervisor<UtilityProcess>({
    fork: () =>
      utilityProcess.fork(corePath, [], {
        env: buildCoreEnv(process.env, { dataDir: path.join(app.getPath('userData'), 'data'), host, port }),
        serviceName: 'Balcão core',
      }),
    // Every (re)started core gets a fresh port for every open window.
    onStart: (core) => {
      for (const win of windows) if (!win.isDestroyed()) handPort(core, win.webContents, createChannel);
    },
    onGiveUp: () => void askAfterGiveUp(),
    onFatal: ({ message }) => void explainAndQuit(message),
  });

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
    else app.quit();
  }

  function createWindow(): BrowserWindow {
    const win = new BrowserWindow(mainWindowOptions(preloadPath, { devTools }));
    windows.add(win);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => windows.delete(win));
    void win.loadURL(RENDERER_URL);
    return win;
  }

  app.on('second-instance', () => {
    const win = [...windows].find((w) => !w.isDestroyed());
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  // Every web contents: no navigation away from the app, no new windows, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (isNavigationAllowed(event.url, APP_ORIGIN)) return;
      event.preventDefault();
      openExternally(event.url);
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  // The one IPC channel: a renderer (first load or reload) asks for its port to the core.
  ipcMain.on(HELLO_CHANNEL, (event) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame, APP_ORIGIN)) return;
    const core = supervisor.current;
    // With the core down the window gets its port from onStart once the core is back.
    if (core) handPort(core, frame, createChannel);
  });

  // Printing straight to a printer (fichas, receipts): only from the app's own top-level frame.
  const printing = createPrinting({
    openHidden: () => new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } }),
    toLocalUrl: (url) => documentUrlToOpen(url, APP_ORIGIN, port === '0' ? null : `http://127.0.0.1:${port}`),
    prefsFile: path.join(app.getPath('userData'), 'printers.json'),
  });
  ipcMain.handle(PRINT_CHANNEL, (event, request: unknown) =>
    isTrustedSender(event.senderFrame, APP_ORIGIN)
      ? printing.print(request)
      : { ok: false, deviceName: '', error: 'Origem não permitida.' },
  );
  ipcMain.handle(PRINTERS_CHANNEL, (event) =>
    isTrustedSender(event.senderFrame, APP_ORIGIN)
      ? printing.printers(() => event.sender.getPrintersAsync())
      : { printers: [], remembered: {} },
  );
  ipcMain.handle(SET_PRINTER_CHANNEL, (event, kind: unknown, deviceName: unknown) =>
    isTrustedSender(event.senderFrame, APP_ORIGIN) ? printing.setPrinter(kind, deviceName) : undefined,
  );

  // Quit: stop the core gracefully (it closes the database) before the app goes.
  let coreStopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void supervisor.stop(CORE_STOP_TIMEOUT_MS).finally(() => {
      coreStopped = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
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
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(isPermissionAllowed(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
    if (app.isPackaged) Menu.setApplicationMenu(null);

    supervisor.start();
    createWindow();
    checkForUpdates();
  });
}

/** Installed builds only: looks for an update on the configured generic server and notifies. */
function checkForUpdates(): void {
  if (!app.isPackaged || process.env.BALCAO_NO_UPDATES === '1') return;
  import('electron-updater')
    .then(({ autoUpdater }) => autoUpdater.checkForUpdatesAndNotify())
    .catch((err: unknown) => console.error('[updater] falha ao procurar atualizações', err));
}

main();
