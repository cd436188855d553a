import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { startWebHost, type WebHost } from '../../electron/web/host.js';

/** Browser mode's own guards, over real HTTP on loopback against a real store. */
interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(host: WebHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, host.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const json = (host: WebHost, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  origin: host.url.replace(/\/$/, ''),
  ...extra,
});

function callApi(host: WebHost, name: string, input: unknown, headers: Record<string, string> = {}) {
  return send(host, '/api/call', { method: 'POST', headers: { ...json(host), ...headers }, body: JSON.stringify({ name, input }) });
}

describe('browser mode host', () => {
  let dir: string;
  let app: App;
  let host: WebHost;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fd-web-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    app = await createApp(join(dir, 'store.sqlite'));
    host = await startWebHost({ app, rendererDir, port: 0 });
  });

  afterEach(async () => {
    await host.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('serves the renderer with the strict CSP, and never a file outside it', async () => {
    const page = await send(host, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await send(host, '/..%2fsecret.txt');
    expect(escape.body).not.toContain('not for the browser');
    const other = await send(host, '/../secret.txt');
    expect(other.body).not.toContain('not for the browser');
  });

  it('signs in with an HttpOnly SameSite=Strict cookie that later calls carry', async () => {
    const setup = await callApi(host, 'setup.init', { siteCode: 'T1', siteName: '测试站', adminUsername: 'admin', adminDisplayName: '管理员', password: 'Admin2026' });
    const cookie = String(setup.headers['set-cookie']);
    expect(cookie).toMatch(/^fd_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    const me = JSON.parse((await callApi(host, 'auth.me', {}, { cookie: cookie.split(';')[0]! })).body);
    expect(me.value.user.username).toBe('admin');
    const signedOut = await callApi(host, 'auth.logout', {}, { cookie: cookie.split(';')[0]! });
    expect(String(signedOut.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('binds a session to the origin it signed in through: the same cookie under the other host name is no session', async () => {
    const setup = await callApi(host, 'setup.init', { siteCode: 'T1', siteName: '测试站', adminUsername: 'admin', adminDisplayName: '管理员', password: 'Admin2026' });
    const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
    const port = new URL(host.url).port;
    const other = await callApi(host, 'auth.me', {}, { cookie, host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(JSON.parse(other.body).value.user).toBeNull();
    const own = await callApi(host, 'auth.me', {}, { cookie });
    expect(JSON.parse(own.body).value.user.username).toBe('admin');
  });

  it('refuses calls from another origin, without the JSON content type, or under a foreign host name', async () => {
    const before = app.store.raw.prepare('SELECT count(*) AS n FROM change_log').get();
    const setupInput = { siteCode: 'T1', siteName: '测试站', adminUsername: 'admin', adminDisplayName: '管理员', password: 'Admin2026' };
    const foreign = await callApi(host, 'setup.init', setupInput, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'auth.no_session' } });
    const form = await send(host, '/api/call', { method: 'POST', headers: json(host, { 'content-type': 'text/plain' }), body: JSON.stringify({ name: 'setup.init', input: setupInput }) });
    expect(form.status).toBe(403);
    const rebinding = await send(host, '/api/call', { method: 'POST', headers: json(host, { host: 'evil.example' }), body: '{}' });
    expect(rebinding.status).toBe(421);
    expect(app.store.raw.prepare('SELECT count(*) AS n FROM change_log').get()).toEqual(before);
  });

  it('answers a body that is too large or not JSON with a bilingual refusal', async () => {
    const big = await send(host, '/api/call', { method: 'POST', headers: json(host), body: 'x'.repeat(3 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message['zh-CN']).toContain('过长或过大');
    const garbled = await send(host, '/api/call', { method: 'POST', headers: json(host), body: '{"name": ' });
    expect(garbled.status).toBe(400);
    const refusal = JSON.parse(garbled.body);
    expect(refusal.error.code).toBe('api.invalid_input');
    expect(refusal.error.message['en-US']).toContain('not valid JSON');
  });

  it('accepts only POST on the API', async () => {
    expect((await send(host, '/api/call')).status).toBe(405);
  });

  it('answers malformed percent-encoding in a path with 400 and keeps serving', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js']) {
      const bad = await send(host, path);
      expect(bad.status).toBe(400);
    }
    expect((await send(host, '/')).status).toBe(200);
  });

  it('treats a malformed session cookie as no session, never as an internal error', async () => {
    for (const cookie of ['fd_session=%', 'fd_session=%E0%A4%A; other=1', 'fd_session']) {
      const reply = await callApi(host, 'auth.me', {}, { cookie });
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body);
      expect(body.ok).toBe(true);
      expect(body.value.user ?? null).toBeNull();
    }
    expect((await send(host, '/')).status).toBe(200);
  });

  it('passes on how long ago the person last typed, so a polling page lets the session idle', async () => {
    await host.close();
    await app.close();
    const clock = fakeClock('2026-12-01T01:00:00.000Z');
    app = await createApp(join(dir, 'store.sqlite'), { clock });
    host = await startWebHost({ app, rendererDir: join(dir, 'renderer'), port: 0 });
    const setup = await callApi(host, 'setup.init', { siteCode: 'T1', siteName: '测试站', adminUsername: 'admin', adminDisplayName: '管理员', password: 'Admin2026' });
    const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
    const poll = (idleMs: number) => send(host, '/api/call', { method: 'POST', headers: { ...json(host), cookie }, body: JSON.stringify({ name: 'auth.me', input: {}, idleMs }) });
    // the page polls each 5 minutes; nobody has touched it since sign-in (the idle lock is 15)
    for (let m = 5; m <= 15; m += 5) {
      clock.advance(5 * 60_000);
      expect(JSON.parse((await poll(m * 60_000)).body).value.user.locked).toBe(false);
    }
    clock.advance(60_000);
    expect(JSON.parse((await poll(16 * 60_000)).body).value.user.locked).toBe(true);
  });
});
