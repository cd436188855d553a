import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { AppError } from '../../db/errors.js';
import { useSecretSealer } from '../../db/headoffice-pg/config.js';
import { resolveDataDir, STORE_FILE } from '../shared/data-dir.js';
import { registerIpc } from './ipc.js';
import { registerPdf } from './pdf.js';
import { missingBindingMessage, nativeBindingPath } from './native.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { contentSecurityPolicy, installSessionGuards, rendererUrl, sameOriginAs } from './security.js';
import { createMainWindow, RENDERER_DIR } from './window.js';

/**
 * The desktop shell's lifecycle: one instance, open the store, wire IPC, show the window,
 * close the store on quit. Business rules live in db/; this file only connects things.
 */
registerAppScheme(protocol); // Electron accepts privileged schemes only before 'ready'

if (!app.requestSingleInstanceLock()) {
  // The first instance holds the store's one-desk lock; it gets focused via 'second-instance'.
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let desk: App | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Closing the store is async (Kysely's destroy): hold the quit, close, then quit again
    // (desk is null by then, so the second will-quit passes).
    if (!desk) return;
    event.preventDefault();
    const closing = desk;
    desk = null;
    closing.close()
      .catch((e: unknown) => console.error('[front-desk] closing the store failed:', e))
      .finally(() => app.quit());
  });

  app.whenReady().then(async () => {
    // head office's server password is kept sealed by Windows for this account (DPAPI), when the system offers it
    if (safeStorage.isEncryptionAvailable()) {
      useSecretSealer({ seal: (text) => safeStorage.encryptString(text), open: (sealed) => safeStorage.decryptString(sealed) });
    }
    desk = await openDesk();
    if (!desk) {
      app.quit();
      return;
    }
    const renderer = rendererUrl(app.isPackaged, process.env);
    const isTrustedUrl = sameOriginAs(renderer.url);
    const csp = contentSecurityPolicy(renderer.dev ? renderer.url : undefined);
    installSessionGuards(session.defaultSession, csp);
    if (!renderer.dev) serveRenderer(protocol, RENDERER_DIR, csp);
    const isOurs = (contents: { id: number }) => win !== null && !win.isDestroyed() && contents.id === win.webContents.id;
    registerIpc(ipcMain, desk, isTrustedUrl, isOurs);
    registerPdf(ipcMain, isTrustedUrl, isOurs, {
      chooseFile: async (defaultPath) => {
        const r = win ? await dialog.showSaveDialog(win, { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] }) : { canceled: true, filePath: '' };
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      writeFile: (path, data) => writeFile(path, data),
    });
    // A packaged desk has no menu (its View menu would offer reload and DevTools) and no DevTools.
    if (app.isPackaged) Menu.setApplicationMenu(null);
    win = createMainWindow({ url: renderer.url, isTrustedUrl, production: app.isPackaged });
    win.on('closed', () => { win = null; });
  }).catch((e: unknown) => {
    console.error('[front-desk] start-up failed:', e);
    app.quit();
  });
}

/** Open the store, or explain in both languages why not and return null; the file is left as it was. */
async function openDesk(): Promise<App | null> {
  const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'));
  const nativeBinding = nativeBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
  const missing = missingBindingMessage(nativeBinding);
  if (missing) return fail(missing);
  try {
    mkdirSync(dataDir, { recursive: true });
    return await createApp(join(dataDir, STORE_FILE), { nativeBinding });
  } catch (e) {
    if (e instanceof AppError) return fail(e.toApiError().message);
    console.error('[front-desk] could not open the store:', e);
    const detail = e instanceof Error ? e.message : String(e);
    return fail({ 'zh-CN': `前台无法启动：${detail}`, 'en-US': `Front Desk could not start: ${detail}` });
  }
}

function fail(message: { 'zh-CN': string; 'en-US': string }): null {
  dialog.showErrorBox('物业服务前台 Front Desk', `${message['zh-CN']}\n\n${message['en-US']}`);
  return null;
}
