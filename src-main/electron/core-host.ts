import { attachPort, type PortBridgeDeps, type PortLike } from '../rpc/port-bridge';
import { isCoreControlMessage } from './channels';

/**
 * The part of Electron's `process.parentPort` (in a utilityProcess) that the core uses. Electron's
 * `ParentPort` satisfies it structurally (checked in tests/unit/electron-core-host.test.ts), so
 * this file needs nothing from Electron at run time and runs under plain Node in tests.
 */
export interface ParentPortLike {
  on(event: 'message', listener: (event: ParentMessageEvent) => void): unknown;
  off(event: 'message', listener: (event: ParentMessageEvent) => void): unknown;
}

/** What Electron delivers on `parentPort`: the message in `data`, transferred ports in `ports`. */
export interface ParentMessageEvent {
  data: unknown;
  ports: readonly PortLike[];
}

export interface CoreHostDeps extends PortBridgeDeps {
  /** Stops the core (jobs, LAN server, database) before the process exits on `{type:'shutdown'}`. */
  stop(): Promise<void> | void;
  /** Ends the process; defaults to `process.exit`. */
  exit?: (code: number) => void;
  /** desk: a request from main other than connect/shutdown (a backup from the tray or before an update). */
  onRequest?: (request: import('./channels').CoreRequest) => void;
}

/**
 * Serves the windows of the desktop app from inside the core's utilityProcess. Main sends
 * `{type:'connect'}` with a transferred `MessagePortMain` for each window (and again after a
 * reload or a core restart); each port is served by `attachPort`. `{type:'shutdown'}` detaches
 * every port, awaits `stop()` and exits (0, or 1 when stop failed).
 *
 * Call it once the dispatcher is ready: Electron queues parent messages until a listener exists.
 * Returns a function that stops listening and detaches every port (without exiting).
 */
export function hostOnParentPort(parentPort: ParentPortLike, deps: CoreHostDeps): () => void {
  const { log } = deps;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const detachers = new Set<() => void>();
  let shuttingDown = false;

  const detachAll = (): void => {
    for (const detach of [...detachers]) detach();
    detachers.clear();
  };

  const connect = (port: PortLike): void => {
    if (shuttingDown) {
      port.close();
      return;
    }
    const detach = attachPort(port, deps);
    const entry = (): void => {
      detachers.delete(entry);
      detach();
    };
    detachers.add(entry);
    // Forget ports the renderer closed (window closed or reloaded) so the set does not grow.
    port.on('close', () => detachers.delete(entry));
  };

  const shutdown = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    detachAll();
    let code = 0;
    try {
      await deps.stop();
    } catch (err) {
      log('[core-host] falha ao encerrar o núcleo', err);
      code = 1;
    }
    exit(code);
  };

  const onMessage = (event: ParentMessageEvent): void => {
    const message = event.data;
    if (!isCoreControlMessage(message)) return;
    if (message.type === 'shutdown') {
      void shutdown();
      return;
    }
    if (message.type === 'backup') {
      deps.onRequest?.(message);
      return;
    }
    const port = event.ports[0];
    if (port) connect(port);
  };

  parentPort.on('message', onMessage);
  return () => {
    parentPort.off('message', onMessage);
    detachAll();
  };
}
