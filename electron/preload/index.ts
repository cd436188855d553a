import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole preload: one object, two methods, two channels. A sandboxed preload can require
 * only 'electron', and everything it exposes is reachable by any script in the page, so it
 * exposes functions that forward their arguments, not ipcRenderer itself.
 * The channel strings must equal IPC_CHANNEL (electron/main/ipc.ts) and PDF_CHANNEL
 * (electron/main/pdf.ts); a test checks.
 */
const bridge = {
  // idleMs: how long ago the person last typed or clicked (a screen's own polling must not keep the session alive)
  call: (name: string, input: unknown, idleMs?: number) =>
    idleMs === undefined ? ipcRenderer.invoke('frontdesk:call', name, input) : ipcRenderer.invoke('frontdesk:call', name, input, idleMs),
  savePdf: (fileName: string) => ipcRenderer.invoke('frontdesk:save-pdf', fileName),
};

contextBridge.exposeInMainWorld('frontdesk', bridge);
