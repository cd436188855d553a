import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole preload: one object, two methods, two channels. A sandboxed preload can require
 * only 'electron', and everything it exposes is reachable by any script in the page, so it
 * exposes functions that forward their arguments, not ipcRenderer itself.
 * The channel strings must equal IPC_CHANNEL (electron/main/ipc.ts) and PDF_CHANNEL
 * (electron/main/pdf.ts); a test checks.
 */
const bridge = {
  call: (name: string, input: unknown) => ipcRenderer.invoke('frontdesk:call', name, input),
  savePdf: (fileName: string) => ipcRenderer.invoke('frontdesk:save-pdf', fileName),
};

contextBridge.exposeInMainWorld('frontdesk', bridge);
