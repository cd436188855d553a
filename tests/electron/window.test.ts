import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { navEvent } from './fake-electron';

const fake = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

const { createMainWindow, WINDOW_TITLE } = await import('../../electron/main/window');
const { contentSecurityPolicy, installSessionGuards, rendererUrl, sameOriginAs } = await import('../../electron/main/security');
const { APP_INDEX_URL, registerAppScheme, rendererResponse, resolveRendererFile, serveRenderer } = await import('../../electron/main/app-protocol');

const isTrustedUrl = sameOriginAs(APP_INDEX_URL);

function openWindow() {
  createMainWindow({ url: APP_INDEX_URL, isTrustedUrl });
  return fake.windows.at(-1)!;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('the desk window', () => {
  it('runs the renderer sandboxed, context-isolated, without Node, with only our preload', () => {
    const win = openWindow();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    // only for Chromium's own PDF viewer (archive scans): the sandbox and isolation stand
    expect(prefs.plugins).toBe(true);
    expect(prefs.preload.replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/);
    expect(win.options.title).toBe('物业服务前台 Front Desk');
    expect(WINDOW_TITLE).toBe(win.options.title);
    expect(win.loadedUrl).toBe('app://frontdesk/index.html');
  });

  it('stays hidden until ready-to-show, then shows', () => {
    const win = openWindow();
    expect(win.options.show).toBe(false);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('prevents navigation and redirects to any foreign URL but allows its own pages', () => {
    const contents = openWindow().webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'app://frontdesk@evil.example/']) {
        const e = navEvent(url);
        contents.emit(event, e, url);
        expect(e.defaultPrevented, `${event} ${url}`).toBe(true);
      }
      const own = navEvent('app://frontdesk/index.html#/fees');
      contents.emit(event, own, own.url);
      expect(own.defaultPrevented).toBe(false);
    }
  });

  it('denies window.open and refuses to attach webviews', () => {
    const contents = openWindow().webContents;
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: APP_INDEX_URL })).toEqual({ action: 'deny' });
    const e = navEvent('');
    contents.emit('will-attach-webview', e);
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('the session guards', () => {
  installSessionGuards(fake.module.session.defaultSession as never, contentSecurityPolicy());
  const { headersListener, permissionRequestHandler, permissionCheckHandler } = fake.module.session.defaultSession;

  it('put one strict Content-Security-Policy on every response: scripts only from self, no eval', () => {
    const callback = vi.fn();
    headersListener!({ responseHeaders: { 'X-Kept': ['1'], 'content-security-policy': ["script-src *"] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['X-Kept']).toEqual(['1']); // other headers pass through
    const policies = Object.entries(headers).filter(([k]) => k.toLowerCase() === 'content-security-policy');
    expect(policies).toHaveLength(1); // a server's looser policy is replaced, not added to
    const csp = policies[0]![1][0]!;
    expect(csp).not.toContain('unsafe-eval');
    const d = directives(csp);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]); // antd's CSS-in-JS
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(d.get(name)).toEqual(["'none'"]);
  });

  it('relax the policy in development only for the Vite dev server, still without eval', () => {
    const d = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(contentSecurityPolicy('http://localhost:5173/')).not.toContain('unsafe-eval');
  });

  it('refuse every permission request and check', () => {
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) permissionRequestHandler!({}, permission, callback);
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(permissionCheckHandler!({}, 'media')).toBe(false);
  });
});

describe('which renderer is trusted', () => {
  it('trusts a URL only with the renderer’s exact scheme, host and port', () => {
    const dev = sameOriginAs('http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://localhost:5173.evil.example/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://user@localhost:5173/')).toBe(false);
    expect(dev('not a url')).toBe(false);
    expect(isTrustedUrl('app://frontdesk/assets/x.js')).toBe(true);
    expect(isTrustedUrl('app://frontdesk.evil/')).toBe(false);
  });

  it('loads the dev server only when not packaged, so an environment variable cannot redirect an installed desk', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(rendererUrl(false, env)).toEqual({ url: 'http://localhost:5173', dev: true });
    expect(rendererUrl(true, env)).toEqual({ url: APP_INDEX_URL, dev: false });
    expect(rendererUrl(false, {})).toEqual({ url: APP_INDEX_URL, dev: false });
  });
});

describe('the app:// scheme', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-renderer-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the renderer');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is registered as a privileged, secure, standard scheme', () => {
    registerAppScheme(fake.module.protocol as never);
    const [[schemes]] = fake.module.protocol.registerSchemesAsPrivileged.mock.calls as unknown as [[{ scheme: string; privileges: Record<string, boolean> }[]]];
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(schemes[0]!.privileges.bypassCSP).toBeFalsy();
  });

  it('serves files from the renderer folder with their type and the CSP', async () => {
    const csp = contentSecurityPolicy();
    serveRenderer(fake.module.protocol as never, rendererDir, csp);
    const handler = fake.module.protocol.handlers.get('app')!;
    const index = await handler(new Request('app://frontdesk/'));
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>desk</title>');
    expect(index.headers.get('content-security-policy')).toBe(csp);
    const js = await handler(new Request('app://frontdesk/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await handler(new Request('app://frontdesk/assets/missing.js'))).status).toBe(404);
  });

  it('refuses path traversal and other hosts', async () => {
    const attempts = [
      'app://frontdesk/../secret.txt',
      'app://frontdesk/%2e%2e/secret.txt',
      'app://frontdesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://frontdesk/..%5csecret.txt',
      `app://frontdesk/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      'app://frontdesk/index.html%00.png',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
    ];
    for (const url of attempts) {
      const file = resolveRendererFile(rendererDir, url);
      if (file !== null) expect(file.startsWith(rendererDir + '/') || file.startsWith(rendererDir + '\\'), url).toBe(true);
      const res = await rendererResponse(rendererDir, url, 'x');
      expect(await res.text(), url).not.toContain('not for the renderer');
    }
    // The URL parser already folds plain and %2e dot segments; an encoded slash survives it
    // and is what the folder check itself must catch.
    const sneaky = 'app://frontdesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt';
    expect(resolveRendererFile(rendererDir, sneaky)).toBeNull();
    expect((await rendererResponse(rendererDir, sneaky, 'x')).status).toBe(403);
    expect((await rendererResponse(rendererDir, 'app://elsewhere/index.html', 'x')).status).toBe(403);
  });
});
