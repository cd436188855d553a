import { BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** out/main/index.js is ESM, which has no __dirname; preload and renderer sit beside it in out/. */
const here = dirname(fileURLToPath(import.meta.url));
export const PRELOAD_FILE = join(here, '../preload/index.cjs');
export const RENDERER_DIR = join(here, '../renderer');
export const WINDOW_TITLE = '物业服务前台 Front Desk';

export interface MainWindowOptions {
  /** the renderer to load: the Vite dev server, or app://frontdesk/index.html */
  url: string;
  isTrustedUrl(url: string): boolean;
}

/**
 * The desk window, hardened per Electron's security checklist: the renderer is a sandboxed
 * web page with no Node, talking to the main process only through the preload's one bridge
 * object; it cannot navigate away, open windows or embed webviews.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false, // shown at ready-to-show, so the clerk never sees a blank white frame
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Chromium's built-in PDF viewer, for archive scans shown in a frame; it runs no
      // third-party plugin (Electron has none) and the CSP limits frames to self and blob:.
      plugins: true,
      preload: PRELOAD_FILE,
    },
  });
  win.once('ready-to-show', () => win.show());

  const contents = win.webContents;
  const keepHome = (event: { url: string; preventDefault(): void }) => {
    if (!options.isTrustedUrl(event.url)) event.preventDefault();
  };
  // A link or a redirect to anywhere else would hand the bridge to a foreign page.
  contents.on('will-navigate', (event) => keepHome(event));
  contents.on('will-redirect', (event) => keepHome(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  win.loadURL(options.url).catch((e: unknown) => console.error('[front-desk] could not load the renderer:', e));
  return win;
}
