import { contextBridge, ipcRenderer } from 'electron';
import type { BalcaoBridge } from '../../src-shared/contract/bridge';
import { createBridgeClient, type RendererPortLike } from './bridge-client';
import { HELLO_CHANNEL, PORT_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL, SET_PRINTER_CHANNEL } from './channels';

/**
 * Sandboxed preload (bundled into one CJS file): the page gets `window.balcao` and nothing
 * else — no ipcRenderer, no port, no Node.
 */
const client = createBridgeClient();

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const port: RendererPortLike | undefined = event.ports[0];
  if (port) client.connect(port);
});

/** Printing straight to a printer (`electron/print.ts`): three invokes, checked by main. */
const printBridge: Pick<BalcaoBridge, 'print' | 'printers' | 'setPrinter'> = {
  print: (request) => ipcRenderer.invoke(PRINT_CHANNEL, request),
  printers: () => ipcRenderer.invoke(PRINTERS_CHANNEL),
  setPrinter: (kind, deviceName) => ipcRenderer.invoke(SET_PRINTER_CHANNEL, kind, deviceName),
};

contextBridge.exposeInMainWorld('balcao', { ...client.bridge, ...printBridge });

// Ask for a port now that the listener is in place: covers the first load and every reload.
ipcRenderer.send(HELLO_CHANNEL);
