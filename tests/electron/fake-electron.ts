import { vi } from 'vitest';

/**
 * A stand-in for the 'electron' module: just enough of app, BrowserWindow, ipcMain, session,
 * protocol, dialog, safeStorage, contextBridge and ipcRenderer for the shell's code to run under Node,
 * recording what it was asked to do. Only Electron is faked; our own code runs for real.
 */
type Listener = (...args: any[]) => unknown;

class Emitter {
  private listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  on(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    const all = this.listeners.get(event) ?? [];
    this.listeners.set(event, all.filter((l) => !l.once));
    for (const l of all) l.fn(...args);
    return all.length > 0;
  }
  listenerCount(event: string) {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A navigation-style event: records whether a handler called preventDefault(). */
export function navEvent(url: string) {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

export class FakeFrame {
  constructor(public url: string, public parent: FakeFrame | null = null) {}
}

let nextContentsId = 1;
export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('');
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  destroyed = false;
  devToolsOpen = false;
  closeDevTools() {
    this.devToolsOpen = false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.mainFrame.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export function createFakeElectron() {
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    visible = false;
    minimized = false;
    focusCount = 0;
    loadedUrl: string | null = null;
    constructor(readonly options: Record<string, any>) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    show() { this.visible = true; }
    focus() { this.focusCount++; }
    restore() { this.minimized = false; }
    minimize() { this.minimized = true; }
    isMinimized() { return this.minimized; }
    isDestroyed() { return this.webContents.destroyed; }
    static getAllWindows() { return [...windows]; }
    static fromWebContents(wc: unknown) { return windows.find((w) => w.webContents === wc) ?? null; }
  }

  const app = Object.assign(new Emitter(), {
    singleInstanceLock: true,
    isPackaged: false,
    appPath: '/nonexistent-app',
    userData: '/nonexistent-user-data',
    requestSingleInstanceLock: vi.fn(() => app.singleInstanceLock),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((_name: string) => app.userData),
    getAppPath: vi.fn(() => app.appPath),
  });

  const ipcMain = {
    handlers: new Map<string, Listener>(),
    handle: vi.fn((channel: string, fn: Listener) => {
      if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipcMain.handlers.set(channel, fn);
    }),
  };

  const defaultSession = {
    headersListener: null as Listener | null,
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    webRequest: { onHeadersReceived: vi.fn((fn: Listener) => { defaultSession.headersListener = fn; }) },
    setPermissionRequestHandler: vi.fn((fn: Listener) => { defaultSession.permissionRequestHandler = fn; }),
    setPermissionCheckHandler: vi.fn((fn: Listener) => { defaultSession.permissionCheckHandler = fn; }),
  };

  const protocol = {
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, fn: (request: Request) => Response | Promise<Response>) => { protocol.handlers.set(scheme, fn); }),
  };

  /**
   * The system's secret store as Electron exposes it: sealed bytes that hold no readable trace
   * of the text (here every byte flipped), opened only while the system still has its key.
   */
  const safeStorage = {
    available: true,
    keyLost: false,
    isEncryptionAvailable: vi.fn(() => safeStorage.available),
    encryptString: vi.fn((text: string) => Buffer.from(Buffer.from(`sealed:${text}`).map((b) => b ^ 0xff))),
    decryptString: vi.fn((sealed: Buffer) => {
      if (safeStorage.keyLost) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const text = Buffer.from(sealed.map((b) => b ^ 0xff)).toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed here');
      return text.slice('sealed:'.length);
    }),
  };

  const module = {
    app,
    safeStorage,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    session: { defaultSession },
    protocol,
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from-main' })) },
  };
  return { module, windows };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
