import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeClient, type RendererPortLike } from './bridge-client';
import { HELLO_CHANNEL, PORT_CHANNEL } from './channels';

/**
 * Sandboxed preload (bundled into one CJS file): the page gets `window.balcao` and nothing
 * else — no ipcRenderer, no port, no Node.
 */
const client = createBridgeClient();

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const port: RendererPortLike | undefined = event.ports[0];
  if (port) client.connect(port);
});

contextBridge.exposeInMainWorld('balcao', client.bridge);

// Ask for a port now that the listener is in place: covers the first load and every reload.
ipcRenderer.send(HELLO_CHANNEL);
