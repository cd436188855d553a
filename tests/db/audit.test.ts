/**
 * The audit trail (audit.list) over three days of desk work. Every filter is checked
 * against the same question asked of change_log directly, and must not come back empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '../../db/auth/permissions.js';
import type { OpInput } from '../../db/api/types.js';
import { inJobTransaction } from '../../db/jobs/jobs.js';
import { ADMIN, addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, staffIdOf, type TestApp, type TestStaff } from '../helpers/app.js';

let app: TestApp;
let admin: string;
let adminId: string;
let sup: TestStaff;
let cashier: TestStaff;

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set('2026-12-01T01:00:00.000Z');
  admin = await setupSite(app);
  adminId = staffIdOf(app, admin);
  sup = await addStaff(app, admin, { username: 'zhao.min', role: 'supervisor', displayName: '赵敏' });
  cashier = await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' });

  app.clock.set('2026-12-02T03:00:00.000Z');
  admin = await relogin(admin, 'admin');
  sup.token = await relogin(sup.token, 'zhao.min', sup.password);
  cashier.token = await relogin(cashier.token, 'li.na', cashier.password);
  await ok(app, admin, 'settings.update', { siteName: '滨江中心 100%_达标', settings: { idleLockMinutes: 30 } });
  await refused(app, cashier.token, 'staff.list', {});
  await ok(app, admin, 'staff.update', { id: cashier.id, displayName: '李娜娜' });
  await refused(app, null, 'auth.login', { username: 'zhao.min', password: 'not-right-1' });

  app.clock.set('2026-12-03T08:00:00.000Z');
  admin = await relogin(admin, 'admin');
  cashier.token = await relogin(cashier.token, 'li.na', cashier.password);
  await ok(app, cashier.token, 'auth.logout', {});
  const wang = await ok(app, admin, 'staff.create', { username: 'wang.fang', displayName: '王芳', role: 'receptionist', password: 'Desk2026b' });
  await ok(app, admin, 'staff.update', { id: wang.id, active: false });
  sup.token = await relogin(sup.token, 'zhao.min', sup.password); // the reader of the tests below
});
afterAll(cleanup);

/** Sign in again after a night away (sessions idle-lock overnight). */
async function relogin(old: string, username: string, password: string = ADMIN.password): Promise<string> {
  await app.call(old, 'auth.logout', {});
  const { envelope, token } = await app.call(null, 'auth.login', { username, password });
  if (!envelope.ok || !token) throw new Error(`relogin ${username}: ${JSON.stringify(envelope)}`);
  return token;
}

/** The seqs audit.list returns for a filter (as the supervisor), newest first. */
async function listSeqs(filter: OpInput<'audit.list'>, token = sup.token): Promise<number[]> {
  return (await ok(app, token, 'audit.list', { limit: 200, ...filter })).map((r) => r.seq);
}
/** The same question asked of change_log directly. */
function sqlSeqs(where: string, ...params: unknown[]): number[] {
  return rows<{ seq: number }>(app, `SELECT seq FROM change_log WHERE ${where} ORDER BY seq DESC`, ...params).map((r) => r.seq);
}

describe('audit.list', () => {
  it('lists every change newest first, with who, when, what, and the row before and after as the change log keeps it', async () => {
    const all = await ok(app, sup.token, 'audit.list', { limit: 200 });
    expect(all.map((r) => r.seq)).toEqual(sqlSeqs('1'));
    expect(all.length).toBeGreaterThan(20);
    const rename = all.find((r) => r.operation === 'staff.update' && r.row_id === cashier.id)!;
    expect(rename).toMatchObject({
      actor_id: adminId, actor_name: '王管理', actor_username: 'admin', table_name: 'staff', row_id: cashier.id, kind: 'update',
      at: '2026-12-02T03:00:00.000Z', subject: '李娜娜',
    });
    // the rows go to the screen as the stored JSON text, which the screen reads
    const stored = rows<{ before: string; after: string }>(app, 'SELECT before, after FROM change_log WHERE seq = ?', rename.seq)[0]!;
    expect([rename.before, rename.after]).toEqual([stored.before, stored.after]);
    expect(JSON.parse(rename.before!)).toMatchObject({ display_name: '李娜' });
    expect(JSON.parse(rename.after!)).toMatchObject({ display_name: '李娜娜' });
    expect(JSON.parse(rename.after!)).not.toHaveProperty('password_hash');
    // the default page is the newest 50
    expect((await ok(app, sup.token, 'audit.list', {})).map((r) => r.seq)).toEqual(sqlSeqs('1').slice(0, 50));
  });

  it('filters by the person who made the change', async () => {
    for (const id of [adminId, cashier.id, sup.id]) {
      const got = await listSeqs({ actorId: id });
      expect(got.length, id).toBeGreaterThan(0);
      expect(got).toEqual(sqlSeqs('actor_id = ?', id));
    }
  });

  it('filters by date range, a bare "to" date meaning through the end of that day', async () => {
    const day2 = await listSeqs({ from: '2026-12-02', to: '2026-12-02' });
    expect(day2.length).toBeGreaterThan(0);
    expect(day2).toEqual(sqlSeqs("at >= '2026-12-02T00:00:00.000Z' AND at < '2026-12-03T00:00:00.000Z'"));
    expect(await listSeqs({ from: '2026-12-03' })).toEqual(sqlSeqs("at >= '2026-12-03T00:00:00.000Z'"));
    expect(await listSeqs({ to: '2026-12-01' })).toEqual(sqlSeqs("at < '2026-12-02T00:00:00.000Z'"));
    expect(await listSeqs({ from: '2026-12-02T03:00:00.000Z', to: '2026-12-03T08:00:00.000Z' })).toEqual(sqlSeqs("at >= '2026-12-02T03:00:00.000Z' AND at < '2026-12-03T08:00:00.000Z'"));
    expect(await listSeqs({ from: '2027-01-01' })).toEqual([]);
  });

  it('filters by table and by operation', async () => {
    for (const table of ['site', 'setting', 'staff', 'audit_event']) {
      const got = await listSeqs({ table });
      expect(got.length, table).toBeGreaterThan(0);
      expect(got).toEqual(sqlSeqs('table_name = ?', table));
    }
    for (const operation of ['setup.init', 'staff.create', 'auth.login', 'staff.list', 'settings.update', 'auth.logout']) {
      const got = await listSeqs({ operation });
      expect(got.length, operation).toBeGreaterThan(0);
      expect(got).toEqual(sqlSeqs('operation = ?', operation));
    }
    expect(await listSeqs({ table: 'no_such_table' })).toEqual([]);
  });

  it('finds a word anywhere in the row data, Chinese substrings and LIKE wildcards included', async () => {
    const got = await listSeqs({ text: '娜娜' });
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(sqlSeqs("instr(coalesce(after, ''), '娜娜') > 0 OR instr(coalesce(before, ''), '娜娜') > 0"));
    // % and _ are searched for literally, not as wildcards
    const pct = await listSeqs({ text: '100%_达标' });
    expect(pct).toEqual(sqlSeqs("instr(coalesce(after, ''), '100%_达标') > 0 OR instr(coalesce(before, ''), '100%_达标') > 0"));
    expect(pct.length).toBeGreaterThan(0);
    expect(await listSeqs({ text: '1%0' })).toEqual([]);
    expect(await listSeqs({ text: '_' })).toEqual(sqlSeqs("instr(coalesce(after, ''), '_') > 0 OR instr(coalesce(before, ''), '_') > 0"));
    expect(await listSeqs({ text: "'; DROP TABLE change_log; --" })).toEqual([]);
    expect(rows(app, 'SELECT count(*) AS n FROM change_log')[0]).toEqual({ n: sqlSeqs('1').length });
  });

  it('combines filters', async () => {
    const got = await listSeqs({ actorId: adminId, table: 'staff', from: '2026-12-02', to: '2026-12-03' });
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(sqlSeqs("actor_id = ? AND table_name = 'staff' AND at >= '2026-12-02T00:00:00.000Z' AND at < '2026-12-04T00:00:00.000Z'", adminId));
  });

  it('pages backwards with beforeSeq until the beginning', async () => {
    const pages: number[][] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await listSeqs({ limit: 7, ...(beforeSeq ? { beforeSeq } : {}) });
      if (!page.length) break;
      pages.push(page);
      beforeSeq = page.at(-1)!;
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(pages.flat()).toEqual(sqlSeqs('1'));
    // paging within a filter
    const staffAll = await listSeqs({ table: 'staff' });
    const firstPage = await listSeqs({ table: 'staff', limit: 2 });
    expect(firstPage).toEqual(staffAll.slice(0, 2));
    expect(await listSeqs({ table: 'staff', beforeSeq: firstPage[1]! })).toEqual(staffAll.slice(2));
  });

  it('is readable by the roles holding audit.read (supervisors among them) and refused to the rest (cashiers among them)', async () => {
    expect(ROLE_PERMISSIONS.supervisor).toContain('audit.read');
    expect(ROLE_PERMISSIONS.cashier).not.toContain('audit.read');
    const fresh = await createTestApp();
    const adm = await setupSite(fresh);
    for (const role of ROLES) {
      const u = role === 'admin' ? { token: adm } : await addStaff(fresh, adm, { username: `u.${role}`, role });
      const list = await fresh.call(u.token, 'audit.list', {});
      const actors = await fresh.call(u.token, 'audit.actors', {});
      if (ROLE_PERMISSIONS[role].includes('audit.read')) {
        expect(list.envelope.ok, role).toBe(true);
        expect(actors.envelope.ok, role).toBe(true);
      } else {
        expect(list.envelope.ok ? null : list.envelope.error.code, role).toBe('auth.forbidden');
        expect(actors.envelope.ok ? null : actors.envelope.error.code, role).toBe('auth.forbidden');
      }
    }
  });

  it('lists every staff member, disabled ones included, for the actor filter', async () => {
    const actors = await ok(app, sup.token, 'audit.actors', {});
    expect(actors.map((a) => a.username)).toEqual(['admin', 'li.na', 'wang.fang', 'zhao.min']);
    expect(actors[1]).toEqual({ id: cashier.id, username: 'li.na', display_name: '李娜娜' });
  });

  it('waits while a job holds the store in its transaction, and never shows the change that job then undoes', async () => {
    let wrote!: () => void;
    let release!: () => void;
    const written = new Promise<void>((r) => { wrote = r; });
    const held = new Promise<void>((r) => { release = r; });
    const job = inJobTransaction(app.store, adminId, 'settings.update', async (trx) => {
      await trx.updateTable('site').set({ name: '写了一半的名字' }).execute();
      wrote();
      await held;
      throw new Error('cancelled');
    }).catch((e: Error) => e.message);
    await written;
    let answered = false;
    const page = ok(app, sup.token, 'audit.list', {}).then((p) => { answered = true; return p; });
    // many turns of the event loop, and the trail has not read past the open transaction
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    release();
    expect(await job).toBe('cancelled');
    const newest = await page;
    expect(newest.map((e) => e.seq)).toEqual(sqlSeqs('1').slice(0, 50));
    expect(JSON.stringify(newest)).not.toContain('写了一半的名字');
  });

  it('refuses a date that only looks like one with api.invalid_input', async () => {
    for (const from of ['2026-99-99', '2026-01-01T::', '2026-13-01']) {
      const err = await refused(app, sup.token, 'audit.list', { from });
      expect(err.code, from).toBe('api.invalid_input');
      expect(err.params.field).toBe('from');
    }
  });
});
