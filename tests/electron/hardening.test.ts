import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { navEvent } from './fake-electron';

const fake = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

const { createMainWindow, frameMayGo } = await import('../../electron/main/window');
const { sameOriginAs } = await import('../../electron/main/security');
const { APP_INDEX_URL } = await import('../../electron/main/app-protocol');

const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const isTrustedUrl = sameOriginAs(APP_INDEX_URL);
const dirs: string[] = [];
/** a fuse's state in the wire: the characters '0' and '1' */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * An executable with Electron's fuse wire in it, as a stock Electron ships it: the sentinel,
 * wire version 1, eight fuses (RunAsNode on, cookie encryption off, NODE_OPTIONS on,
 * --inspect on, asar integrity off, only-from-asar off, V8 snapshot off, file:// privileges on).
 */
function stockElectron(file: string): void {
  const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
}

describe('the packaged build\'s fuses', () => {
  it('electron-builder runs build/after-pack.cjs after packing', () => {
    expect(readFileSync(join(ROOT, 'build/electron-builder.yml'), 'utf8')).toMatch(/^afterPack: build\/after-pack\.cjs$/m);
  });

  it('the hook turns RunAsNode, NODE_OPTIONS and --inspect off and cookie encryption, asar integrity and asar-only on, read back from the binary', async () => {
    const afterPack = require(join(ROOT, 'build/after-pack.cjs')) as (ctx: unknown) => Promise<void>;
    for (const [platform, name] of [['linux', 'front-desk'], ['win32', 'Front Desk.exe']] as const) {
      const appOutDir = mkdtempSync(join(tmpdir(), 'fd-fuses-'));
      dirs.push(appOutDir);
      stockElectron(join(appOutDir, name));
      await afterPack({ electronPlatformName: platform, appOutDir, arch: 1, packager: { appInfo: { productFilename: 'Front Desk' }, executableName: 'front-desk' } });
      const wire = await getCurrentFuseWire(join(appOutDir, name));
      expect(wire[FuseV1Options.RunAsNode], platform).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    }
  });

  it('a binary without a fuse wire fails the build instead of shipping unhardened', async () => {
    const afterPack = require(join(ROOT, 'build/after-pack.cjs')) as (ctx: unknown) => Promise<void>;
    const appOutDir = mkdtempSync(join(tmpdir(), 'fd-fuses-'));
    dirs.push(appOutDir);
    copyFileSync(join(ROOT, 'package.json'), join(appOutDir, 'front-desk'));
    await expect(afterPack({ electronPlatformName: 'linux', appOutDir, arch: 1, packager: { appInfo: { productFilename: 'Front Desk' }, executableName: 'front-desk' } }))
      .rejects.toThrow();
  });
});

describe('the packaged window', () => {
  it('has no DevTools in production (and closes them if anything opens them), but keeps them in development', () => {
    createMainWindow({ url: APP_INDEX_URL, isTrustedUrl, production: true });
    const win = fake.windows.at(-1)!;
    expect(win.options.webPreferences.devTools).toBe(false);
    win.webContents.devToolsOpen = true;
    win.webContents.emit('devtools-opened');
    expect(win.webContents.devToolsOpen).toBe(false);
    createMainWindow({ url: APP_INDEX_URL, isTrustedUrl });
    expect(fake.windows.at(-1)!.options.webPreferences.devTools).toBe(true);
  });

  it('keeps every frame at home: a frame may not navigate to a foreign page, but may show our pages, our blobs and the PDF viewer', () => {
    createMainWindow({ url: APP_INDEX_URL, isTrustedUrl, production: true });
    const contents = fake.windows.at(-1)!.webContents;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'blob:https://evil.example/1', 'javascript:alert(1)', 'chrome-extension://other/']) {
      const e = navEvent(url);
      contents.emit('will-frame-navigate', e);
      expect(e.defaultPrevented, url).toBe(true);
    }
    for (const url of ['app://frontdesk/index.html#/archives', 'about:blank', 'blob:app://frontdesk/0b1c', 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html']) {
      const e = navEvent(url);
      contents.emit('will-frame-navigate', e);
      expect(e.defaultPrevented, url).toBe(false);
      expect(frameMayGo(isTrustedUrl, url)).toBe(true);
    }
  });
});
