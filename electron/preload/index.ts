import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole preload: one object, one method, one channel. A sandboxed preload can require
 * only 'electron', and everything it exposes is reachable by any script in the page, so it
 * exposes a function that forwards name and input, not ipcRenderer itself.
 * The channel string must equal IPC_CHANNEL in electron/main/ipc.ts (a test checks).
 */
const bridge = {
  call: (name: string, input: unknown) => ipcRenderer.invoke('frontdesk:call', name, input),
};

contextBridge.exposeInMainWorld('frontdesk', bridge);
