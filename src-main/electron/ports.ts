import { type CoreControlMessage, PORT_CHANNEL } from './channels';

/** Electron's `MessagePortMain`, as far as handing it over goes. */
export interface ClosablePort {
  close(): void;
}

export interface PortPair<P extends ClosablePort> {
  port1: P;
  port2: P;
}

/** The core's `UtilityProcess`. */
export interface CorePortTarget<P> {
  postMessage(message: CoreControlMessage, transfer?: P[]): void;
}

/** A window's `WebContents` or the `WebFrameMain` that said hello. */
export interface RendererPortTarget<P> {
  postMessage(channel: string, message: unknown, transfer?: P[]): void;
}

/**
 * Gives one renderer its own channel to the core: `port1` goes to the core with
 * `{type:'connect'}`, `port2` to the renderer on 'balcao:port'. If either side cannot take its
 * end, the ends still held are closed, so neither side keeps a port whose peer never arrives.
 * Returns whether both ends were delivered.
 */
export function handPort<P extends ClosablePort>(
  core: CorePortTarget<P>,
  renderer: RendererPortTarget<P>,
  createChannel: () => PortPair<P>,
): boolean {
  const { port1, port2 } = createChannel();
  try {
    core.postMessage({ type: 'connect' }, [port1]);
  } catch {
    port1.close();
    port2.close();
    return false;
  }
  try {
    renderer.postMessage(PORT_CHANNEL, null, [port2]);
  } catch {
    // The core already holds port1; closing port2 makes it detach that end.
    port2.close();
    return false;
  }
  return true;
}
