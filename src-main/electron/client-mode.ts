import fs from 'node:fs';
import path from 'node:path';

/**
 * A second PC of the shop runs Balcão in client mode: no local database, the window loads the main
 * PC's own UI from the shop network. Here: the shell's remembered choices (`shell.json` in
 * userData), the main PC's address as typed or scanned, where the window may navigate, the
 * reconnect state machine ("sem conexão com o computador principal — tentando de novo…") and the
 * version comparison with the main PC's API.
 */

export const DEFAULT_PORT = 8787;

export interface ShellConfig {
  /** null until the first-run choice: "Este é o computador principal" / "Conectar ao computador principal". */
  role: 'main' | 'client' | null;
  /** The main PC's origin in client mode (`http://192.168.0.10:8787`). */
  mainOrigin: string | null;
  autoStart: boolean;
  balloonShown: boolean;
  /** Set just before an update is installed: what to offer if the new version cannot start. */
  lastUpdate: { fromVersion: string; toVersion: string; backup: string; installer: string | null; at: string } | null;
}

export const DEFAULT_SHELL_CONFIG: ShellConfig = {
  role: null,
  mainOrigin: null,
  autoStart: false,
  balloonShown: false,
  lastUpdate: null,
};

export function loadShellConfig(file: string): ShellConfig {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ShellConfig>;
    const config = { ...DEFAULT_SHELL_CONFIG, ...parsed };
    if (config.role !== 'main' && config.role !== 'client') config.role = null;
    if (config.mainOrigin !== null) config.mainOrigin = normalizeMainAddress(String(config.mainOrigin));
    return config;
  } catch {
    return { ...DEFAULT_SHELL_CONFIG };
  }
}

/** Written whole to a temp file and renamed, so a crash never leaves half a config. */
export function saveShellConfig(file: string, config: ShellConfig): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(config, null, 2));
  fs.renameSync(temp, file);
}

/**
 * The main PC's address as someone types it ("192.168.0.10", "192.168.0.10:8787",
 * "http://loja-pc:8787/", or the URL from its QR code) → its origin, or null when it is not an
 * http(s) address of a host (no credentials, no other path meaning).
 */
export function normalizeMainAddress(text: string): string | null {
  let value = text.trim();
  if (!value) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = `http://${value}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  if (!url.port && url.protocol === 'http:') url.port = String(DEFAULT_PORT);
  return url.origin;
}

/** In client mode the window stays on the main PC's origin; anything else is refused. */
export function isClientNavigationAllowed(url: string, mainOrigin: string): boolean {
  try {
    return new URL(url).origin === mainOrigin;
  } catch {
    return false;
  }
}

export type Skew = { kind: 'same' } | { kind: 'client-older' | 'client-newer'; message: string };

function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split(/[.+-]/)
    .slice(0, 3)
    .map((p) => Number.parseInt(p, 10) || 0);
}

/** This PC's version against the main PC's (its API's `X-Balcao-Version` / `/api/health`). */
export function versionSkew(local: string, main: string): Skew {
  const a = parts(local);
  const b = parts(main);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x < y)
      return {
        kind: 'client-older',
        message: `Este computador tem o Balcão ${local} e o computador principal tem o ${main}. Ele vai se atualizar pelo computador principal; se não conseguir, instale a versão ${main}.`,
      };
    if (x > y)
      return {
        kind: 'client-newer',
        message: `Este computador tem o Balcão ${local}, mais novo que o do computador principal (${main}). Atualize o computador principal primeiro.`,
      };
  }
  return { kind: 'same' };
}

export const OFFLINE_TEXT = 'Sem conexão com o computador principal — tentando de novo…';

export type ConnectionState =
  | { phase: 'connecting'; attempt: number }
  | { phase: 'online'; version: string }
  | { phase: 'offline'; attempt: number; retryInMs: number; reason: string };

/** Asks the main PC whether it is there: its `/api/health` (and version), with a timeout. */
export type Probe = (origin: string) => Promise<{ ok: true; version: string } | { ok: false; reason: string }>;

export function healthProbe(timeoutMs = 3000, fetchImpl: typeof fetch = fetch): Probe {
  return async (origin) => {
    try {
      const res = await fetchImpl(`${origin}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) return { ok: false, reason: `HTTP ${res.status}` };
      const body = (await res.json()) as { version?: unknown };
      const version = res.headers.get('x-balcao-version') ?? (typeof body.version === 'string' ? body.version : '');
      return { ok: true, version };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
  };
}

export interface ReconnectorDeps {
  origin: string;
  probe: Probe;
  onState: (state: ConnectionState) => void;
  /** Delays between attempts, the last one repeated (default 1 s, 2 s, 5 s, then every 10 s). */
  delaysMs?: readonly number[];
  /** While online, how often to check the main PC is still there (default 15 s). */
  watchMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface Reconnector {
  start(): void;
  stop(): void;
  /** The window lost the main PC (a load failed, the page's socket dropped): probe now. */
  lost(reason: string): void;
  readonly state: ConnectionState;
}

/**
 * connecting → online (the window loads the main PC's UI) → offline when a probe fails (the window
 * shows `OFFLINE_TEXT`) → tries again by itself with growing delays → online again (the window
 * reloads). Never gives up.
 */
export function createReconnector(deps: ReconnectorDeps): Reconnector {
  const delays = deps.delaysMs ?? [1000, 2000, 5000, 10_000];
  const watchMs = deps.watchMs ?? 15_000;
  const later = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let state: ConnectionState = { phase: 'connecting', attempt: 1 };
  let timer: unknown = null;
  let running = false;
  let generation = 0;

  const set = (next: ConnectionState) => {
    state = next;
    deps.onState(next);
  };
  const schedule = (fn: () => void, ms: number) => {
    if (timer !== null) cancel(timer);
    timer = later(() => {
      timer = null;
      fn();
    }, ms);
  };

  async function attempt(n: number): Promise<void> {
    if (!running) return;
    const mine = ++generation;
    if (state.phase !== 'online') set({ phase: 'connecting', attempt: n });
    const result = await deps.probe(deps.origin);
    if (!running || mine !== generation) return;
    if (result.ok) {
      if (state.phase !== 'online' || state.version !== result.version)
        set({ phase: 'online', version: result.version });
      schedule(() => void attempt(1), watchMs);
      return;
    }
    const retryInMs = delays[Math.min(n - 1, delays.length - 1)] ?? 10_000;
    set({ phase: 'offline', attempt: n, retryInMs, reason: result.reason });
    schedule(() => void attempt(n + 1), retryInMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void attempt(1);
    },
    stop() {
      running = false;
      generation++;
      if (timer !== null) cancel(timer);
      timer = null;
    },
    lost(_reason) {
      if (!running) return;
      if (timer !== null) cancel(timer);
      timer = null;
      void attempt(1);
    },
    get state() {
      return state;
    },
  };
}

/** The page shown in client mode while the main PC is unreachable (a data: URL; no script). */
export function offlinePage(
  state: Extract<ConnectionState, { phase: 'offline' | 'connecting' }>,
  origin: string,
): string {
  const detail =
    state.phase === 'offline'
      ? `Próxima tentativa em ${Math.ceil(state.retryInMs / 1000)} s (tentativa ${state.attempt}).`
      : 'Conectando…';
  const html = `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Balcão</title>
<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0;background:#f6f7f9;color:#1f2933">
<main style="max-width:32rem;padding:1.5rem;text-align:center"><h1 style="font-size:1.3rem">${OFFLINE_TEXT}</h1>
<p>Computador principal: <code>${escapeHtml(origin)}</code></p><p>${escapeHtml(detail)}</p>
<p style="color:#52606d">Confira se o Balcão está aberto no computador principal e se este computador está na mesma rede.</p></main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
