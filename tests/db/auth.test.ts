import { siteDateTime } from '../../db/time/site-time.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../db/api/app.js';
import { PASSWORD_COST, verifyPassword } from '../../db/auth/password.js';
import { ROLE_PERMISSIONS } from '../../db/auth/permissions.js';
import {
  ADMIN, SITE, addStaff, cleanup, createTestApp, login, ok, refused, rows, setupSite, snapshotStore, staffIdOf, type TestApp,
} from '../helpers/app.js';

afterEach(cleanup);

const MIN = 60_000;

async function siteWithAdmin(options: { passwordCost?: number } = {}): Promise<{ app: TestApp; admin: string }> {
  const app = await createTestApp(options);
  return { app, admin: await setupSite(app) };
}

/** The audit events (event, actor, detail), oldest first, read through audit.list. */
async function auditEvents(app: App, token: string) {
  const list = await ok(app, token, 'audit.list', { table: 'audit_event', limit: 200 });
  return list.reverse().map((r) => {
    const after = JSON.parse(r.after!) as { event: string; actor_id: string | null; detail: string };
    return { event: after.event, actor_id: after.actor_id, detail: JSON.parse(after.detail) as Record<string, unknown> };
  });
}

describe('first-run set-up', () => {
  it('creates the site and its administrator and signs the administrator in', async () => {
    const app = await createTestApp();
    const before = await ok(app, null, 'auth.me', {});
    expect(before).toMatchObject({ needsSetup: true, site: null, user: null });

    const { envelope, token } = await app.call(null, 'setup.init', {
      siteCode: 'hz-01', siteName: '杭州滨江服务中心', adminUsername: 'Admin', adminDisplayName: '王管理', password: ADMIN.password,
    });
    expect(envelope.ok).toBe(true);
    expect(token).toEqual(expect.any(String));
    expect(rows(app, 'SELECT code, name FROM site')).toEqual([{ code: 'HZ-01', name: '杭州滨江服务中心' }]);
    expect(rows(app, 'SELECT username, display_name, role, active FROM staff')).toEqual([{ username: 'admin', display_name: '王管理', role: 'admin', active: 1 }]);

    const me = await ok(app, token, 'auth.me', {});
    expect(me).toMatchObject({ needsSetup: false, site: { code: 'HZ-01', name: '杭州滨江服务中心' } });
    expect(me.user).toMatchObject({ username: 'admin', role: 'admin', locked: false, permissions: [...ROLE_PERMISSIONS.admin] });
    // the new admin can work straight away
    expect((await ok(app, token, 'staff.list', {})).map((s) => s.username)).toEqual(['admin']);
  });

  it('refuses a second set-up with setup.already_done, whoever asks, and changes nothing', async () => {
    const { app, admin } = await siteWithAdmin();
    const snap = snapshotStore(app);
    const again = { ...SITE, siteCode: 'NB-02', adminUsername: 'boss', adminDisplayName: '老板', password: 'Other2026x' };
    expect((await refused(app, null, 'setup.init', again)).code).toBe('setup.already_done');
    expect((await refused(app, admin, 'setup.init', again)).code).toBe('setup.already_done');
    expect(snapshotStore(app)).toEqual(snap);
    await expect(login(app, 'boss', 'Other2026x')).rejects.toMatchObject({ code: 'auth.bad_credentials' });
  });
});

describe('passwords', () => {
  it('stores scrypt hashes at the desk\'s cost with a salt of their own per user, so equal passwords hash differently', async () => {
    const { app, admin } = await siteWithAdmin({ passwordCost: PASSWORD_COST });
    await addStaff(app, admin, { username: 'li.na', role: 'cashier', password: 'Same2026pw' });
    await addStaff(app, admin, { username: 'zhao.min', role: 'cashier', password: 'Same2026pw' });
    const hashes = rows<{ username: string; password_hash: string }>(app, "SELECT username, password_hash FROM staff WHERE username <> 'admin' ORDER BY username");
    const parts = hashes.map((h) => h.password_hash.split('$'));
    for (const p of parts) {
      expect(p.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
      expect(Buffer.from(p[4]!, 'base64')).toHaveLength(16);
      expect(Buffer.from(p[5]!, 'base64')).toHaveLength(32);
    }
    expect(parts[0]![4]).not.toBe(parts[1]![4]);
    expect(parts[0]![5]).not.toBe(parts[1]![5]);
    expect(await verifyPassword('Same2026pw', hashes[0]!.password_hash)).toBe(true);
    expect(await verifyPassword('Same2026pw', hashes[1]!.password_hash)).toBe(true);
    expect(await verifyPassword('same2026pw', hashes[0]!.password_hash)).toBe(false);
  });

  it('lets a user change their own password only with the current one, and only to a strong one', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    expect((await refused(app, u.token, 'auth.changePassword', { current: 'not-it', next: 'Better2026x' })).code).toBe('auth.bad_password');
    expect((await refused(app, u.token, 'auth.changePassword', { current: u.password, next: 'onlyletters' })).code).toBe('auth.weak_password');
    await ok(app, u.token, 'auth.changePassword', { current: u.password, next: 'Better2026x' });
    await expect(login(app, 'li.na', u.password)).rejects.toMatchObject({ code: 'auth.bad_credentials' });
    await login(app, 'li.na', 'Better2026x');
  });
});

describe('lockout after wrong passwords', () => {
  it('locks the account after five wrong passwords, refuses even the right one for 15 minutes, then lets it in', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    // the fifth locks the account, but only the right password is told so (a guesser learns nothing)
    for (let i = 1; i <= 5; i++) {
      expect((await refused(app, null, 'auth.login', { username: 'li.na', password: `wrong-${i}` })).code).toBe('auth.bad_credentials');
    }
    const locked = await refused(app, null, 'auth.login', { username: 'li.na', password: u.password });
    expect(locked.code).toBe('auth.account_locked');
    // the message names the end of the lockout as the desk's clock shows it
    const until = siteDateTime(new Date(app.clock.now().getTime() + 15 * MIN).toISOString());
    expect(locked.params).toEqual({ until });
    expect(locked.message['zh-CN']).toContain(until);
    expect(locked.message['en-US']).toContain(until);

    expect((await refused(app, null, 'auth.login', { username: 'li.na', password: u.password })).code).toBe('auth.account_locked');
    app.clock.advance(15 * MIN - 1000);
    expect((await refused(app, null, 'auth.login', { username: 'li.na', password: u.password })).code).toBe('auth.account_locked');
    app.clock.advance(1000);
    const token = await login(app, 'li.na', u.password);
    expect((await ok(app, token, 'auth.me', {})).user?.username).toBe('li.na');
    // the slate is clean again
    expect(rows(app, "SELECT failed_attempts, locked_until FROM staff WHERE username = 'li.na'")).toEqual([{ failed_attempts: 0, locked_until: null }]);
  });

  it('puts every failed sign-in and the lockout in the audit trail', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    const before = (await auditEvents(app, admin)).length;
    for (let i = 1; i <= 5; i++) await refused(app, null, 'auth.login', { username: 'li.na', password: `wrong-${i}` });
    await refused(app, null, 'auth.login', { username: 'li.na', password: u.password });
    await refused(app, null, 'auth.login', { username: 'nobody', password: 'whatever' });

    const events = (await auditEvents(app, admin)).slice(before);
    expect(events).toEqual([
      { event: 'login.failed', actor_id: u.id, detail: { attempts: 1 } },
      { event: 'login.failed', actor_id: u.id, detail: { attempts: 2 } },
      { event: 'login.failed', actor_id: u.id, detail: { attempts: 3 } },
      { event: 'login.failed', actor_id: u.id, detail: { attempts: 4 } },
      { event: 'account.locked', actor_id: u.id, detail: { until: new Date(app.clock.now().getTime() + 15 * MIN).toISOString() } },
      { event: 'login.refused', actor_id: u.id, detail: { reason: 'locked' } },
      // a name that names nobody may be a password typed in the wrong field: never stored as typed
      { event: 'login.failed', actor_id: null, detail: { username: 'no…(6)', reason: 'unknown user' } },
    ]);
    // and the counter itself moved in the change log: four increments, then the lock
    const staffChanges = await ok(app, admin, 'audit.list', { table: 'staff', operation: 'auth.login', limit: 200 });
    expect(staffChanges.reverse().map((r) => JSON.parse(r.after!) as { failed_attempts: number; locked_until: string | null }).map((a) => [a.failed_attempts, a.locked_until !== null])).toEqual([[1, false], [2, false], [3, false], [4, false], [0, true]]);
  });
});

describe('sessions', () => {
  it('refuses signed-in operations without a session with auth.no_session', async () => {
    const { app } = await siteWithAdmin();
    for (const token of [null, '', 'made-up-token', 'x'.repeat(10_000)]) {
      for (const name of ['staff.list', 'settings.get', 'audit.list', 'auth.logout', 'auth.unlock', 'home.today'] as const) {
        const err = await refused(app, token, name, {});
        expect(err.code, `${name} with ${String(token).slice(0, 20)}`).toBe('auth.no_session');
      }
    }
  });

  it('locks a session after the idle time: only unlock, sign-out and who-am-I work until the password is given', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'zhao.min', role: 'supervisor' });
    // activity keeps it alive
    app.clock.advance(14 * MIN);
    await ok(app, u.token, 'audit.actors', {});
    app.clock.advance(14 * MIN);
    await ok(app, u.token, 'audit.actors', {});
    // then 15 minutes of nothing (default idleLockMinutes) and a little more
    app.clock.advance(15 * MIN + 1000);
    expect((await refused(app, u.token, 'audit.actors', {})).code).toBe('auth.session_locked');
    expect((await refused(app, u.token, 'audit.list', {})).code).toBe('auth.session_locked');
    expect((await refused(app, u.token, 'settings.get', {})).code).toBe('auth.session_locked');
    expect((await ok(app, u.token, 'auth.me', {})).user).toMatchObject({ username: 'zhao.min', locked: true });
    // the wrong password does not unlock it
    expect((await refused(app, u.token, 'auth.unlock', { password: 'not-mine-1' })).code).toBe('auth.bad_credentials');
    expect((await refused(app, u.token, 'audit.actors', {})).code).toBe('auth.session_locked');
    // the right one does
    expect(await ok(app, u.token, 'auth.unlock', { password: u.password })).toMatchObject({ username: 'zhao.min', locked: false });
    await ok(app, u.token, 'audit.actors', {});
    const events = (await auditEvents(app, u.token)).map((e) => e.event);
    expect(events.slice(-2)).toEqual(['login.failed', 'session.unlocked']);
    // the admin's own session idled too; sign-out still works on a locked session
    expect((await refused(app, admin, 'staff.list', {})).code).toBe('auth.session_locked');
    await ok(app, admin, 'auth.logout', {});
    expect((await refused(app, admin, 'staff.list', {})).code).toBe('auth.no_session');
  });

  it('refuses a cashier\'s staff.list with auth.forbidden and records the refusal in the audit trail', async () => {
    const { app, admin } = await siteWithAdmin();
    const cashier = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    const before = snapshotStore(app);
    const err = await refused(app, cashier.token, 'staff.list', {});
    expect(err.code).toBe('auth.forbidden');
    expect(err.message['zh-CN']).toContain('收费员');
    expect(err.message['en-US']).toContain('Cashier');
    for (const name of ['staff.create', 'settings.update', 'audit.list', 'roles.matrix'] as const) {
      expect((await refused(app, cashier.token, name, name === 'staff.create' ? { username: 'x.y', displayName: 'x', role: 'admin', password: 'Evil2026x' } : name === 'settings.update' ? { settings: { idleLockMinutes: 0 } } : {})).code).toBe('auth.forbidden');
    }
    const denied = rows<{ actor_id: string; operation: string; after: string }>(app,
      "SELECT actor_id, operation, after FROM change_log WHERE table_name = 'audit_event' AND json_extract(after, '$.event') = 'permission.denied' ORDER BY seq");
    expect(denied.map((d) => [d.actor_id, d.operation, JSON.parse(JSON.parse(d.after).detail).operation])).toEqual([
      [cashier.id, 'staff.list', 'staff.list'],
      [cashier.id, 'staff.create', 'staff.create'],
      [cashier.id, 'settings.update', 'settings.update'],
      [cashier.id, 'audit.list', 'audit.list'],
      [cashier.id, 'roles.matrix', 'roles.matrix'],
    ]);
    // the refusals' audit events are the only writes: nobody was created, no setting changed
    const after = snapshotStore(app);
    for (const t of ['site', 'setting', 'staff']) expect(after[t], t).toBe(before[t]);
    expect(rows(app, "SELECT count(*) AS n FROM staff WHERE username = 'x.y'")).toEqual([{ n: 0 }]);
  });

  it('stamps every change an operation makes with the signed-in actor', async () => {
    const { app, admin } = await siteWithAdmin();
    const adminId = staffIdOf(app, admin);
    const sup = await addStaff(app, admin, { username: 'zhao.min', role: 'supervisor' });
    const from = rows<{ m: number }>(app, 'SELECT max(seq) AS m FROM change_log')[0]!.m;
    await ok(app, admin, 'staff.update', { id: sup.id, displayName: '赵敏' });
    await ok(app, admin, 'settings.update', { settings: { idleLockMinutes: 20 } });
    await ok(app, sup.token, 'auth.changePassword', { current: sup.password, next: 'Newer2026z' });
    await ok(app, sup.token, 'auth.logout', {});
    expect(rows(app, 'SELECT actor_id, operation, table_name FROM change_log WHERE seq > ? ORDER BY seq', from)).toEqual([
      { actor_id: adminId, operation: 'staff.update', table_name: 'staff' },
      { actor_id: adminId, operation: 'settings.update', table_name: 'setting' },
      { actor_id: sup.id, operation: 'auth.changePassword', table_name: 'staff' },
      { actor_id: sup.id, operation: 'auth.logout', table_name: 'audit_event' },
    ]);
  });

  it('ends a user\'s sessions when the admin disables them, and refuses their next sign-in', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    const second = await login(app, 'li.na', u.password);
    await ok(app, u.token, 'auth.me', {});
    await ok(app, admin, 'staff.update', { id: u.id, active: false });
    for (const t of [u.token, second]) expect((await refused(app, t, 'home.today', { dayStart: '2026-12-01T00:00:00.000Z' })).code).toBe('auth.no_session');
    expect((await ok(app, u.token, 'auth.me', {})).user).toBeNull();
    await expect(login(app, 'li.na', u.password)).rejects.toMatchObject({ code: 'auth.account_disabled' });
  });

  it('ends a user\'s sessions when the admin changes their role; they sign in again with the new role', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    await ok(app, admin, 'staff.update', { id: u.id, role: 'supervisor' });
    expect((await refused(app, u.token, 'auth.logout', {})).code).toBe('auth.no_session');
    const t = await login(app, 'li.na', u.password);
    expect((await ok(app, t, 'auth.me', {})).user).toMatchObject({ role: 'supervisor', permissions: [...ROLE_PERMISSIONS.supervisor] });
    // renaming alone does not sign anyone out
    await ok(app, admin, 'staff.update', { id: u.id, displayName: '李娜' });
    await ok(app, t, 'audit.actors', {});
  });

  it('never disables or demotes the last active administrator', async () => {
    const { app, admin } = await siteWithAdmin();
    const adminId = staffIdOf(app, admin);
    const snap = snapshotStore(app);
    expect((await refused(app, admin, 'staff.update', { id: adminId, active: false })).code).toBe('staff.last_admin');
    expect((await refused(app, admin, 'staff.update', { id: adminId, role: 'manager' })).code).toBe('staff.last_admin');
    expect(snapshotStore(app)).toEqual(snap);
    await ok(app, admin, 'staff.list', {});
    // with a second admin, the first may step down; the second is then the last
    const other = await addStaff(app, admin, { username: 'sun.li', role: 'admin' });
    await ok(app, admin, 'staff.update', { id: adminId, role: 'manager' });
    expect((await refused(app, other.token, 'staff.update', { id: other.id, active: false })).code).toBe('staff.last_admin');
    expect(rows(app, "SELECT username FROM staff WHERE role = 'admin' AND active = 1")).toEqual([{ username: 'sun.li' }]);
  });

  it('uses the idle time an admin sets in settings.update (0 = never lock)', async () => {
    const { app, admin } = await siteWithAdmin();
    const u = await addStaff(app, admin, { username: 'zhao.min', role: 'supervisor' });
    expect((await ok(app, admin, 'settings.update', { settings: { idleLockMinutes: 5 } })).idleLockMinutes).toBe(5);
    expect((await ok(app, u.token, 'settings.get', {})).settings.idleLockMinutes).toBe(5);
    expect((await ok(app, null, 'auth.me', {})).idleLockMinutes).toBe(5);
    app.clock.advance(5 * MIN + 1000);
    expect((await refused(app, u.token, 'audit.actors', {})).code).toBe('auth.session_locked');
    expect((await refused(app, admin, 'settings.get', {})).code).toBe('auth.session_locked');
    await ok(app, admin, 'auth.unlock', { password: ADMIN.password });
    await ok(app, admin, 'settings.update', { settings: { idleLockMinutes: 0 } });
    app.clock.advance(24 * 60 * MIN);
    await ok(app, admin, 'staff.list', {});
    // a supervisor may not change it
    await ok(app, u.token, 'auth.unlock', { password: u.password });
    expect((await refused(app, u.token, 'settings.update', { settings: { idleLockMinutes: 240 } })).code).toBe('auth.forbidden');
    expect((await ok(app, u.token, 'settings.get', {})).settings.idleLockMinutes).toBe(0);
  });
});
