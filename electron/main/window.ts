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
  /** a packaged build: no DevTools (a clerk's F12 must not open a console onto the store's bridge) */
  production?: boolean;
}

/** Chromium's PDF viewer (archive scans shown in a frame) runs as this built-in extension. */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

/**
 * Where a frame inside the desk may go: our own pages, a blank frame, a blob: of our own
 * origin (a scan opened in the viewer) and Chromium's PDF viewer; nowhere else.
 */
export function frameMayGo(isTrustedUrl: (url: string) => boolean, url: string): boolean {
  if (isTrustedUrl(url) || url === 'about:blank' || url === 'about:srcdoc') return true;
  if (url.startsWith('blob:')) return isTrustedUrl(url.slice('blob:'.length));
  return url.startsWith(PDF_VIEWER_ORIGIN);
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
      devTools: !options.production,
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
  // …and a frame inside the page (an <iframe> a stored payload might sneak in) may not go elsewhere either
  contents.on('will-frame-navigate', (event) => {
    if (!frameMayGo(options.isTrustedUrl, event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (options.production) contents.on('devtools-opened', () => contents.closeDevTools());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  win.loadURL(options.url).catch((e: unknown) => console.error('[front-desk] could not load the renderer:', e));
  return win;
}
