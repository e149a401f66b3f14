/**
 * How the desktop app updates itself, as a small controller over electron-updater's `autoUpdater`
 * (`UpdaterLike` is the part it uses, so tests drive it with a fake): a generic provider whose
 * manifest URL comes from the build (`electron-builder.yml` → `publish`) unless the settings name
 * another, a check at start and every 6 hours, the download in the background with its progress,
 * then "Atualização pronta — reiniciar agora / depois". It never restarts without the user's yes,
 * warns when people use Balcão from other devices, and makes a backup before installing. Staged
 * rollouts (`stagingPercentage` in latest.yml) are decided by `inStagedRollout`, handed to
 * electron-updater as its `isUserWithinRollout`.
 */

export const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export interface UpdateInfoLike {
  version: string;
  stagingPercentage?: number;
  releaseNotes?: unknown;
}

export interface ProgressLike {
  percent: number;
  bytesPerSecond: number;
  transferred: number;
  total: number;
}

/** The part of electron-updater's AppUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  isUserWithinRollout: (info: UpdateInfoLike) => boolean | Promise<boolean>;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-not-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike & { downloadedFile?: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: ProgressLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type UpdateState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'none'; checkedAt: number }
  | { phase: 'downloading'; version: string; percent: number }
  | { phase: 'ready'; version: string; file: string | null }
  | { phase: 'postponed'; version: string; file: string | null }
  | { phase: 'installing'; version: string }
  | { phase: 'error'; message: string };

export type Channel = 'stable' | 'beta';

/**
 * Whether this machine is inside a staged rollout of `percentage` %: the same rule as
 * electron-updater's own (`isStagingMatch`): the last 4 bytes of the machine's staging UUID as a
 * fraction of 2³²−1, below the percentage. No percentage (or a broken one) means everyone.
 */
export function inStagedRollout(percentage: number | undefined, stagingUserId: string): boolean {
  if (percentage === undefined || percentage === null) return true;
  const pct = Number.parseInt(String(percentage), 10);
  if (Number.isNaN(pct)) return true;
  const hex = stagingUserId.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return true;
  const value = Number.parseInt(hex.slice(24, 32), 16);
  return value / 0xffffffff < pct / 100;
}

/** "1 pessoa está usando…" / "3 pessoas estão usando o Balcão pela rede". */
export function lanUsersText(count: number): string {
  return count === 1 ? '1 pessoa está usando o Balcão pela rede' : `${count} pessoas estão usando o Balcão pela rede`;
}

/** The question when an update is ready: restart now or later, with a warning when others are connected. */
export function readyPrompt(
  version: string,
  lanUsers: number,
): { message: string; detail: string; buttons: [string, string] } {
  const warning =
    lanUsers > 0
      ? `\n\nAtenção: ${lanUsersText(lanUsers)}. Ao reiniciar, eles ficam sem o sistema por alguns minutos.`
      : '';
  return {
    message: `Atualização pronta — Balcão ${version}`,
    detail: `Um backup será feito antes de instalar. O Balcão vai fechar e abrir de novo.${warning}`,
    buttons: ['Reiniciar agora', 'Depois'],
  };
}

export interface UpdateControllerDeps {
  updater: UpdaterLike;
  /** Where the manifest is (null: the build's) and which channel (settings override the build's URL). */
  feed: () => { url: string | null; channel: Channel };
  /** The machine's staging id (electron-updater keeps it in userData/.updaterId). */
  stagingUserId: string;
  lanUsers: () => number;
  /** Shows `readyPrompt`; resolves with the user's choice. */
  ask: (prompt: ReturnType<typeof readyPrompt>) => Promise<'now' | 'later'>;
  /** A verified backup of kind "before update"; rejects or `ok: false` when it could not be made. */
  backup: () => Promise<{ ok: boolean; detail: string }>;
  /** Called just before installing: the shell remembers the backup and the version it came from. */
  beforeInstall?: (info: { version: string; backup: string; file: string | null }) => void;
  onState?: (state: UpdateState) => void;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  now?: () => number;
  log?: (message: string, err?: unknown) => void;
}

export interface UpdateController {
  start(): void;
  stop(): void;
  check(): Promise<void>;
  /** "Reiniciar agora" from the tray or the prompt: backup, then install (asks nothing more). */
  installNow(): Promise<boolean>;
  /** The prompt again (tray item "Atualização pronta…"). */
  offer(): Promise<void>;
  readonly state: UpdateState;
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater } = deps;
  const log = deps.log ?? (() => {});
  const now = deps.now ?? Date.now;
  const every = deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const clear = deps.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  let state: UpdateState = { phase: 'idle' };
  let timer: unknown = null;
  let configuredFor = '';
  /** A downloaded update waiting for the user's yes (kept across a failed backup). */
  let ready: { version: string; file: string | null } | null = null;

  const set = (next: UpdateState) => {
    state = next;
    deps.onState?.(next);
  };

  /** The settings' URL (or the main PC's mirror) replaces the build's `app-update.yml`; null keeps the build's. */
  const configure = (): void => {
    const { url, channel } = deps.feed();
    const key = `${url ?? ''}|${channel}`;
    if (key === configuredFor) return;
    if (url) updater.setFeedURL({ provider: 'generic', url, ...(channel === 'beta' && { channel: 'beta' }) });
    updater.channel = channel === 'beta' ? 'beta' : 'latest';
    updater.allowPrerelease = channel === 'beta';
    configuredFor = key;
  };

  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.isUserWithinRollout = (info) => inStagedRollout(info.stagingPercentage, deps.stagingUserId);

  updater.on('update-not-available', () => {
    if (state.phase === 'checking') set({ phase: 'none', checkedAt: now() });
  });
  updater.on('update-available', (info) => {
    set({ phase: 'downloading', version: info.version, percent: 0 });
    updater.downloadUpdate().catch((err: unknown) => {
      log('[updater] falha ao baixar', err);
      set({ phase: 'error', message: errorText(err) });
    });
  });
  updater.on('download-progress', (progress) => {
    if (state.phase === 'downloading')
      set({
        phase: 'downloading',
        version: state.version,
        percent: Math.max(0, Math.min(100, Math.round(progress.percent))),
      });
  });
  updater.on('update-downloaded', (info) => {
    ready = { version: info.version, file: info.downloadedFile ?? null };
    set({ phase: 'ready', ...ready });
    void offer();
  });
  updater.on('error', (err) => {
    log('[updater] erro', err);
    // A failed check or download leaves the app as it is; the next check is in 6 hours.
    if (!ready) set({ phase: 'error', message: errorText(err) });
  });

  async function check(): Promise<void> {
    if (ready || state.phase === 'downloading' || state.phase === 'checking') return;
    configure();
    set({ phase: 'checking' });
    try {
      await updater.checkForUpdates();
    } catch (err) {
      log('[updater] falha ao procurar atualizações', err);
      set({ phase: 'error', message: errorText(err) });
    }
  }

  async function offer(): Promise<void> {
    if (!ready) return;
    const choice = await deps.ask(readyPrompt(ready.version, deps.lanUsers()));
    if (choice === 'now') await installNow();
    else set({ phase: 'postponed', ...ready });
  }

  async function installNow(): Promise<boolean> {
    if (!ready || state.phase === 'installing') return false;
    const { version, file } = ready;
    set({ phase: 'installing', version });
    let backup: { ok: boolean; detail: string };
    try {
      backup = await deps.backup();
    } catch (err) {
      backup = { ok: false, detail: errorText(err) };
    }
    if (!backup.ok) {
      // Never install without a backup to come back to: the update waits.
      set({
        phase: 'error',
        message: `O backup antes da atualização falhou; a atualização não foi instalada. ${backup.detail}`,
      });
      return false;
    }
    deps.beforeInstall?.({ version, backup: backup.detail, file });
    updater.quitAndInstall(false, true);
    return true;
  }

  return {
    start() {
      if (timer !== null) return;
      void check();
      timer = every(() => void check(), CHECK_EVERY_MS);
    },
    stop() {
      if (timer !== null) clear(timer);
      timer = null;
    },
    check,
    installNow,
    offer,
    get state() {
      return state;
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
