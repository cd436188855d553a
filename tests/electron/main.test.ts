import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../db/api/app';
import { IPC_CHANNEL } from '../../electron/main/ipc';
import { PDF_CHANNEL } from '../../electron/main/pdf';
import { createFakeElectron, FakeWebContents, navEvent, type FakeElectron } from './fake-electron';

/**
 * The real entry point, electron/main/index.ts, run under a fake 'electron' once per test.
 * The factory runs once per file, so the mocked module forwards to whichever fake is current.
 */
const holder = vi.hoisted(() => ({ fake: null as unknown as FakeElectron }));
vi.mock('electron', () => ({
  get app() { return holder.fake.module.app; },
  get BrowserWindow() { return holder.fake.module.BrowserWindow; },
  get ipcMain() { return holder.fake.module.ipcMain; },
  get session() { return holder.fake.module.session; },
  get protocol() { return holder.fake.module.protocol; },
  get dialog() { return holder.fake.module.dialog; },
  get Menu() { return holder.fake.module.Menu; },
  get safeStorage() { return holder.fake.module.safeStorage; },
}));

let fake: FakeElectron;
let dir: string;
let dataDir: string;
const savedEnv = { ...process.env };

/**
 * An app folder laid out like the project after build/electron-native.mjs, except that the
 * addon is the Node build from node_modules: the shell's path logic runs for real while the
 * suite never needs the Electron build.
 */
function appFolderWithAddon(): string {
  const appPath = join(dir, 'app');
  const target = join(appPath, '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  mkdirSync(dirname(target), { recursive: true });
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  copyFileSync(join(dirname(pkg), 'build/Release/better_sqlite3.node'), target);
  return appPath;
}

async function start() {
  vi.resetModules();
  await import('../../electron/main/index');
}

beforeEach(() => {
  fake = holder.fake = createFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'fd-main-'));
  dataDir = join(dir, 'data');
  process.env.FRONTDESK_DATA_DIR = dataDir;
  delete process.env.ELECTRON_RENDERER_URL;
  fake.module.app.appPath = appFolderWithAddon();
});
afterEach(async () => {
  // Let a started desk close its store before its folder goes.
  fake.module.app.emit('will-quit', navEvent(''));
  await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalled());
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

describe('the main process', () => {
  it('quits at once as a second instance, opening nothing', async () => {
    fake.module.app.singleInstanceLock = false;
    await start();
    expect(fake.module.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.module.app.whenReady).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.module.ipcMain.handle).not.toHaveBeenCalled();
    expect(existsSync(dataDir)).toBe(false);
  });

  it('opens the store in the data folder, serves app://, wires the API and PDF channels and shows one window', async () => {
    await start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const { protocol, app, ipcMain } = fake.module;
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]!);
    expect(existsSync(join(dataDir, 'frontdesk.sqlite'))).toBe(true);
    expect(protocol.handlers.has('app')).toBe(true);
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNEL, PDF_CHANNEL]);
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toBe('app://frontdesk/index.html');
    expect(fake.module.session.defaultSession.headersListener).not.toBeNull();

    // The window's own page reaches the store; another webContents does not.
    const handler = ipcMain.handlers.get(IPC_CHANNEL)!;
    const me = await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'auth.me', {});
    expect(me).toMatchObject({ ok: true, value: { needsSetup: true } });
    const other = new FakeWebContents();
    other.mainFrame.url = 'app://frontdesk/index.html';
    expect(await handler({ sender: other, senderFrame: other.mainFrame }, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'auth.no_session' } });
  });

  it('focuses and restores its window when a second instance starts', async () => {
    await start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const win = fake.windows[0]!;
    win.minimize();
    fake.module.app.emit('second-instance', navEvent(''), [], '/');
    expect(win.minimized).toBe(false);
    expect(win.focusCount).toBe(1);
  });

  it('closes the store before letting Electron quit', async () => {
    await start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    // In WAL mode SQLite removes the -wal file when the last connection closes cleanly.
    const wal = join(dataDir, 'frontdesk.sqlite-wal');
    expect(existsSync(wal)).toBe(true);

    const quitting = navEvent('');
    fake.module.app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true); // held until the store is closed
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledTimes(1));
    expect(existsSync(wal)).toBe(false);
    const again = navEvent('');
    fake.module.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false); // the second time it lets Electron go

    const reopened = await createApp(join(dataDir, 'frontdesk.sqlite'));
    expect((await reopened.call(null, 'auth.me', {})).envelope).toMatchObject({ ok: true });
    await reopened.close();
  });

  it('quits when the last window closes', async () => {
    await start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    fake.module.app.emit('window-all-closed');
    expect(fake.module.app.quit).toHaveBeenCalled();
  });

  it('loads the Vite dev server in development, without the app:// handler', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    await start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.windows[0]!.loadedUrl).toBe('http://localhost:5173/');
    expect(fake.module.protocol.handle).not.toHaveBeenCalled();
  });

  it('opens on the recovery screen for a damaged store: every call answers in both languages to restore the last backup, and the file stays as it was', async () => {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'frontdesk.sqlite');
    const garbage = Buffer.from('this is a spreadsheet, not a desk store\n'.repeat(64));
    writeFileSync(file, garbage);
    await start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.module.dialog.showErrorBox).not.toHaveBeenCalled();
    const win = fake.windows[0]!;
    win.webContents.mainFrame.url = 'app://frontdesk/index.html';
    const handler = fake.module.ipcMain.handlers.get(IPC_CHANNEL)!;
    const me = await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'auth.me', {}) as { ok: false; error: { code: string; message: Record<string, string> } };
    expect(me.error.code).toBe('backup.needs_restore');
    expect(me.error.message['zh-CN']).toContain('从最近一次备份恢复');
    expect(me.error.message['en-US']).toContain('restore the last backup');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('says the Electron build of SQLite is missing rather than blaming the data file', async () => {
    fake.module.app.appPath = join(dir, 'no-native-build');
    await start();
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalled());
    const text = (fake.module.dialog.showErrorBox.mock.calls[0] as unknown as [string, string])[1];
    expect(text).toContain('缺少 Electron 版 SQLite 组件');
    expect(text).toContain('electron-native.mjs');
    expect(text).not.toContain('damaged');
    expect(existsSync(join(dataDir, 'frontdesk.sqlite'))).toBe(false);
  });

  describe('head office\'s server connection string', () => {
    const URL = 'postgresql://frontdesk:s3cret-Pw@db-host:5432/frontdesk_hq';
    /** A head-office PC's store in a folder of its own (the connection string is kept beside it). */
    async function deskIn(name: string) {
      const { openStore } = await import('../../db/store/open');
      mkdirSync(join(dir, name));
      return openStore(join(dir, name, 'frontdesk.sqlite'));
    }
    /** The shell started (with whatever secret store the fake system has), and a head-office PC's store; the module the shell configured. */
    async function startedBesideHeadOffice() {
      await start();
      await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
      return { config: await import('../../db/headoffice-pg/config'), hq: await deskIn('hq') };
    }

    it('is sealed by the system\'s secret store: the file holds no trace of it, a clear copy kept before is sealed at first use, a copy taken to another account opens nothing', async () => {
      const { config: { pgUrlOf, savePgUrl }, hq } = await startedBesideHeadOffice();
      try {
        await savePgUrl(hq, URL);
        const sealed = readFileSync(join(dir, 'hq', 'headoffice-pg.url.sealed'));
        expect(sealed.toString('latin1')).not.toMatch(/s3cret|frontdesk|db-host/);
        expect(existsSync(join(dir, 'hq', 'headoffice-pg.url'))).toBe(false);
        expect(pgUrlOf(hq)).toEqual({ url: URL, source: 'file' });

        // kept in the clear by an earlier version: sealed as soon as it is read, the clear file gone
        const older = await deskIn('older');
        writeFileSync(join(dir, 'older', 'headoffice-pg.url'), `${URL}\n`, { mode: 0o600 });
        expect(pgUrlOf(older)?.url).toBe(URL);
        expect(existsSync(join(dir, 'older', 'headoffice-pg.url'))).toBe(false);
        expect(readFileSync(join(dir, 'older', 'headoffice-pg.url.sealed')).toString('latin1')).not.toContain('s3cret');
        await older.close();

        // the data folder copied to another account: its sealed file does not open, and nothing is connected to
        const copy = await deskIn('copy');
        copyFileSync(join(dir, 'hq', 'headoffice-pg.url.sealed'), join(dir, 'copy', 'headoffice-pg.url.sealed'));
        fake.module.safeStorage.keyLost = true;
        const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
        expect(pgUrlOf(copy)).toBeNull();
        expect(logged).toHaveBeenCalled();
        logged.mockRestore();
        await copy.close();

        await savePgUrl(hq, null);
        expect(existsSync(join(dir, 'hq', 'headoffice-pg.url.sealed'))).toBe(false);
        expect(pgUrlOf(hq)).toBeNull();
      } finally {
        await hq.close();
      }
    });

    it('is kept readable by this account only where the system has no secret store', async () => {
      fake.module.safeStorage.available = false;
      const { config: { pgUrlOf, savePgUrl }, hq } = await startedBesideHeadOffice();
      try {
        await savePgUrl(hq, URL);
        const file = join(dir, 'hq', 'headoffice-pg.url');
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(existsSync(`${file}.sealed`)).toBe(false);
        expect(pgUrlOf(hq)?.url).toBe(URL);
        expect(fake.module.safeStorage.encryptString).not.toHaveBeenCalled();
      } finally {
        await hq.close();
      }
    });
  });
});
