import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../db/api/app';
import { IPC_CHANNEL, registerIpc, type InvokeEvent } from '../../electron/main/ipc';
import { sameOriginAs } from '../../electron/main/security';
import { FakeFrame, FakeWebContents } from './fake-electron';

/**
 * The IPC host against a real App on a temporary SQLite file. Only ipcMain and the sender
 * objects are stand-ins; validation, sessions and permissions are the real ones.
 */
const RENDERER = 'app://frontdesk/index.html';
const ADMIN = { username: 'admin', password: 'Admin2026desk' };
const SETUP = { siteCode: 'HQ-1', siteName: '锦绣花园服务中心', adminUsername: ADMIN.username, adminDisplayName: '管理员', password: ADMIN.password };

let dir: string;
let app: App;
let handler: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;
const channels: string[] = [];
const ours = new Set<FakeWebContents>();

/** A window of ours, showing the renderer in its top frame. */
function window(url = RENDERER) {
  const contents = new FakeWebContents();
  contents.mainFrame.url = url;
  ours.add(contents);
  return contents;
}
const call = (contents: FakeWebContents, name: string, input: unknown = {}, frame: FakeFrame | null = contents.mainFrame) =>
  handler({ sender: contents, senderFrame: frame }, name, input) as Promise<any>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fd-ipc-'));
  app = await createApp(join(dir, 'frontdesk.sqlite'));
  const fakeIpcMain = {
    handle(channel: string, fn: typeof handler) {
      channels.push(channel);
      handler = fn;
    },
  };
  registerIpc(fakeIpcMain, app, sameOriginAs(RENDERER), (c) => ours.has(c as FakeWebContents));
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the IPC host', () => {
  it('registers exactly one channel', () => {
    expect(channels).toEqual([IPC_CHANNEL]);
    expect(IPC_CHANNEL).toBe('frontdesk:call');
  });

  it('refuses callers that are not our window’s top frame showing our renderer, and they change nothing', async () => {
    const main = window();
    const foreign = window('https://evil.example/');
    const stranger = new FakeWebContents(); // not a window we created
    stranger.mainFrame.url = RENDERER;
    const refusals = await Promise.all([
      call(main, 'setup.init', SETUP, new FakeFrame(RENDERER, main.mainFrame)), // an iframe, even of our own page
      call(main, 'setup.init', SETUP, new FakeFrame('https://evil.example/', main.mainFrame)),
      call(main, 'setup.init', SETUP, null), // frame already gone
      call(foreign, 'setup.init', SETUP),
      call(stranger, 'setup.init', SETUP),
    ]);
    for (const r of refusals) {
      expect(r).toMatchObject({ ok: false, error: { code: 'auth.no_session' } });
      expect(r.error.message['zh-CN']).toBe('请先登录。');
    }
    // None of them reached the store: the site is still not set up.
    const me = await call(main, 'auth.me');
    expect(me).toMatchObject({ ok: true, value: { needsSetup: true, user: null } });
  });

  it('signs in only the window that ran set-up; another window has no session', async () => {
    const first = window();
    const second = window();
    const init = await call(first, 'setup.init', SETUP);
    expect(init).toMatchObject({ ok: true, value: { username: 'admin', role: 'admin' } });
    expect(Object.keys(init)).toEqual(['ok', 'value']); // only the envelope crosses the bridge
    expect(JSON.stringify(init)).not.toMatch(/token/i);

    expect(await call(first, 'auth.me')).toMatchObject({ ok: true, value: { needsSetup: false, user: { username: 'admin' } } });
    expect(await call(second, 'auth.me')).toMatchObject({ ok: true, value: { needsSetup: false, user: null } });
    expect(await call(second, 'staff.list')).toMatchObject({ ok: false, error: { code: 'auth.no_session' } });
    expect(await call(first, 'staff.list')).toMatchObject({ ok: true });
  });

  it('refuses a permission through IPC with exactly the envelope app.call gives', async () => {
    const admin = window();
    await call(admin, 'auth.login', ADMIN);
    const created = await call(admin, 'staff.create', { username: 'clerk', displayName: '前台小王', role: 'receptionist', password: 'Clerk2026desk' });
    expect(created).toMatchObject({ ok: true });

    const clerk = window();
    expect(await call(clerk, 'auth.login', { username: 'clerk', password: 'Clerk2026desk' })).toMatchObject({ ok: true, value: { role: 'receptionist' } });
    const viaIpc = await call(clerk, 'staff.list');

    const { token } = await app.call(null, 'auth.login', { username: 'clerk', password: 'Clerk2026desk' });
    const direct = await app.call(token, 'staff.list', {});
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(viaIpc).toEqual(direct.envelope);
  });

  it('passes validation errors and unknown operations through unchanged', async () => {
    const w = window();
    expect(await call(w, 'no.such.op')).toMatchObject({ ok: false, error: { code: 'api.unknown_op' } });
    expect(await call(w, 'auth.login', { username: 'x' })).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
  });

  it('does not sign a window out when a call that began before its sign-in finishes after it', async () => {
    const w = window();
    const [login, me] = await Promise.all([call(w, 'auth.login', ADMIN), call(w, 'auth.me')]);
    expect(login).toMatchObject({ ok: true });
    expect(me).toMatchObject({ ok: true });
    expect(await call(w, 'auth.me')).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
  });

  it('forgets a window’s session when its webContents is destroyed', async () => {
    const w = window();
    await call(w, 'auth.login', ADMIN);
    expect(await call(w, 'auth.me')).toMatchObject({ value: { user: { username: 'admin' } } });
    w.destroy();
    // Electron never reuses an id, but if it did, the new page must start signed out.
    expect(await call(w, 'auth.me')).toMatchObject({ ok: true, value: { user: null } });
  });

  it('signs out on the server side too when the window closes', async () => {
    const w = window();
    await call(w, 'auth.login', ADMIN);
    // The token never leaves main; wrap the real sessions.create (still doing the work) to learn it.
    const created: string[] = [];
    const create = app.sessions.create.bind(app.sessions);
    app.sessions.create = (s) => { const session = create(s); created.push(session.token); return session; };
    try {
      await call(w, 'auth.login', ADMIN); // sign in again, capturing this window's token
    } finally {
      app.sessions.create = create;
    }
    expect(app.sessions.get(created[0])).not.toBeNull();
    w.destroy();
    expect(app.sessions.get(created[0])).toBeNull();
  });
});
