import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../db/api/app.js';
import type { OpInput, OpName } from '../../db/api/types.js';
import {
  ADMIN, addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore, staffIdOf,
} from '../helpers/app.js';
import { capturedColumnsOf, SECRET_COLUMNS } from '../../db/store/capture.js';
import { feeSite } from './fees-fixture.js';
import { HEAD_OFFICE_TABLES } from '../../db/sync/reference.js';
import type { ChangeLogRow } from '../../db/store/schema.js';

afterEach(cleanup);

type LogRow = ChangeLogRow;

const log = (app: App, since = 0) => rows<LogRow>(app, 'SELECT * FROM change_log WHERE seq > ? ORDER BY site_id, seq', since);
const maxSeq = (app: App) => rows<{ m: number | null }>(app, 'SELECT max(seq) AS m FROM change_log')[0]!.m ?? 0;

/** Run a call and return the change-log rows it wrote. */
async function changesOf<N extends OpName>(app: App, token: string | null, name: N, input: OpInput<N>, expectOk = true) {
  const before = maxSeq(app);
  const r = await app.call(token, name, input);
  expect(r.envelope.ok).toBe(expectOk);
  return { rows: log(app, before), token: r.token };
}

describe('change capture through the API', () => {
  it('logs every write of an operation with a gapless per-site seq, the actor and the operation name', async () => {
    const app = await createTestApp();
    const setup = await changesOf(app, null, 'setup.init', {
      siteCode: 'HZ-01', siteName: '杭州滨江服务中心', adminUsername: ADMIN.username, adminDisplayName: ADMIN.displayName, password: ADMIN.password, defaultLocale: 'en-US',
    });
    const admin = setup.token!;
    const adminId = staffIdOf(app, admin);
    // first-run set-up has no signed-in actor yet; only settings that differ from the defaults are written;
    // the sign-in event is attributed to the person it names
    const seededTable = (t: string) => t.startsWith('archive_') || t === 'holiday_calendar';
    expect(setup.rows.filter((r) => !seededTable(r.table_name)).map((r) => [r.table_name, r.kind, r.actor_id, r.operation])).toEqual([
      ['site', 'insert', null, 'setup.init'],
      ['setting', 'insert', null, 'setup.init'],
      ['staff', 'insert', null, 'setup.init'],
      ['audit_event', 'insert', adminId, 'setup.init'],
    ]);
    // the standard archive classification scheme is seeded with the site: 6 categories, 35 classes, 14 departments
    const seeded = setup.rows.filter((r) => r.table_name.startsWith('archive_'));
    expect(seeded.filter((r) => r.table_name === 'archive_category')).toHaveLength(6);
    expect(seeded.filter((r) => r.table_name === 'archive_class')).toHaveLength(35);
    expect(seeded.filter((r) => r.table_name === 'archive_department')).toHaveLength(14);
    // the national holiday calendar of the year (2026: 33 holidays, 6 make-up working days)
    expect(setup.rows.filter((r) => r.table_name === 'holiday_calendar')).toHaveLength(39);

    app.clock.advance(60_000);
    const created = await changesOf(app, admin, 'staff.create', { username: 'li.na', displayName: '李娜', role: 'cashier', password: 'Desk2026a' });
    expect(created.rows.map((r) => [r.table_name, r.kind, r.actor_id, r.operation, r.at])).toEqual([
      ['staff', 'insert', adminId, 'staff.create', app.clock.now().toISOString()],
    ]);
    const cashierId = created.rows[0]!.row_id;

    const updated = await changesOf(app, admin, 'staff.update', { id: cashierId, displayName: '李娜娜' });
    expect(updated.rows.map((r) => [r.table_name, r.kind, r.actor_id, r.operation, r.row_id])).toEqual([['staff', 'update', adminId, 'staff.update', cashierId]]);

    const settings = await changesOf(app, admin, 'settings.update', { siteName: '滨江中心', settings: { idleLockMinutes: 10 } });
    expect(settings.rows.map((r) => [r.table_name, r.kind, r.actor_id, r.operation])).toEqual([
      ['site', 'update', adminId, 'settings.update'],
      ['setting', 'insert', adminId, 'settings.update'],
    ]);

    // a refused sign-in still writes its bookkeeping; nobody is signed in, so the counter has no actor,
    // while the security event is attributed to the account it names
    const failed = await changesOf(app, null, 'auth.login', { username: 'li.na', password: 'wrong-one' }, false);
    expect(failed.rows.map((r) => [r.table_name, r.kind, r.actor_id, r.operation])).toEqual([
      ['staff', 'update', null, 'auth.login'],
      ['audit_event', 'insert', rows<{ id: string }>(app, "SELECT id FROM staff WHERE username = 'li.na'")[0]!.id, 'auth.login'],
    ]);

    const loggedOut = await changesOf(app, admin, 'auth.logout', {});
    expect(loggedOut.rows.map((r) => [r.table_name, r.kind, r.actor_id, r.operation])).toEqual([['audit_event', 'insert', adminId, 'auth.logout']]);

    // one site, seq 1..n with no gaps, in commit order
    const all = log(app);
    const siteId = rows<{ id: string }>(app, 'SELECT id FROM site')[0]!.id;
    expect(new Set(all.map((r) => r.site_id))).toEqual(new Set([siteId]));
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.map((r) => r.at)).toEqual([...all.map((r) => r.at)].sort());
  });

  it('stores the row before and after each change as JSON matching the table', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const cashier = await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' });
    const viewCols = 'id, site_id, created_at, updated_at, username, display_name, role, password_changed_at, failed_attempts, locked_until, active';
    const rowNow = () => rows(app, `SELECT ${viewCols} FROM staff WHERE id = ?`, cashier.id)[0];
    const insert = rows<LogRow>(app, "SELECT * FROM change_log WHERE table_name = 'staff' AND row_id = ? AND kind = 'insert'", cashier.id)[0]!;
    expect(insert.before).toBeNull();
    const asInserted = rowNow();

    app.clock.advance(5 * 60_000);
    const { rows: [upd] } = await changesOf(app, admin, 'staff.update', { id: cashier.id, displayName: '李娜（夜班）', role: 'receptionist' });
    expect(upd!.kind).toBe('update');
    expect(JSON.parse(upd!.before!)).toEqual(asInserted);
    expect(JSON.parse(insert.after!)).toEqual(asInserted);
    expect(JSON.parse(upd!.after!)).toEqual(rowNow());
    expect(JSON.parse(upd!.after!)).toMatchObject({ display_name: '李娜（夜班）', role: 'receptionist', updated_at: app.clock.now().toISOString() });
  });

  it('never copies a password hash into the change log', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const a = await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    app.clock.advance(60_000);
    await ok(app, admin, 'staff.resetPassword', { id: a.id, password: 'Reset2026x' });
    const b = await addStaff(app, admin, { username: 'zhao.min', role: 'supervisor' });
    app.clock.advance(60_000);
    await ok(app, b.token, 'auth.changePassword', { current: b.password, next: 'Changed2026y' });

    const hashes = rows<{ password_hash: string }>(app, 'SELECT password_hash FROM staff').map((r) => r.password_hash);
    expect(hashes).toHaveLength(3);
    const staffLog = rows<LogRow>(app, "SELECT * FROM change_log WHERE table_name = 'staff'");
    // each password change is still logged, as an update of password_changed_at
    expect(staffLog.filter((r) => r.kind === 'update' && JSON.parse(r.before!).password_changed_at !== JSON.parse(r.after!).password_changed_at)).toHaveLength(2);
    const everything = rows<LogRow>(app, 'SELECT * FROM change_log').map((r) => `${r.before ?? ''}|${r.after ?? ''}`).join('\n');
    expect(everything).not.toContain('password_hash');
    expect(everything).not.toContain('scrypt$');
    for (const h of hashes) {
      expect(everything).not.toContain(h);
      expect(everything).not.toContain(h.split('$')[5]!); // nor the bare derived key
    }
  });

  it('leaves no change-log rows when an operation that had already written is refused', async () => {
    const app = await createTestApp();
    const before = snapshotStore(app);
    // setup.init writes the site and its settings, then refuses the weak admin password
    const err = await refused(app, null, 'setup.init', {
      siteCode: 'HZ-01', siteName: '杭州滨江服务中心', adminUsername: 'admin', adminDisplayName: '王管理', password: 'weak', defaultLocale: 'en-US',
    });
    expect(err.code).toBe('auth.weak_password');
    expect(snapshotStore(app)).toEqual(before);
    expect(rows(app, 'SELECT count(*) AS n FROM change_log')).toEqual([{ n: 0 }]);
    expect(rows(app, 'SELECT count(*) AS n FROM site')).toEqual([{ n: 0 }]);
    // and the next set-up still starts at seq 1
    await setupSite(app, { defaultLocale: 'en-US' });
    const logged = rows<{ seq: number; table_name: string }>(app, 'SELECT seq, table_name FROM change_log ORDER BY seq');
    expect(logged.map((r) => r.seq)).toEqual(logged.map((_, i) => i + 1));
    expect(logged.filter((r) => !r.table_name.startsWith('archive_') && r.table_name !== 'holiday_calendar')).toEqual([
      { seq: 1, table_name: 'site' }, { seq: 2, table_name: 'setting' }, { seq: 97, table_name: 'staff' }, { seq: 98, table_name: 'audit_event' },
    ]); // 3…57: the archive scheme seeded with the site; 58…96: the holiday calendar
  });
});

describe('change capture in the store itself', () => {
  it('captures insert, update and delete on every site table, in the same transaction as the write', async () => {
    const app = await createTestApp();
    await setupSite(app);
    const raw = app.store.raw;
    const siteId = rows<{ id: string }>(app, 'SELECT id FROM site')[0]!.id;
    const start = maxSeq(app);
    const t = '2026-12-01T02:00:00.000Z';
    raw.exec(`
      UPDATE site SET name = '改名' WHERE id = '${siteId}';
      INSERT INTO setting (id, site_id, key, value, created_at, updated_at) VALUES ('set-x', '${siteId}', 'x', '1', '${t}', '${t}');
      UPDATE setting SET value = '2' WHERE id = 'set-x';
      DELETE FROM setting WHERE id = 'set-x';
      INSERT INTO staff (id, site_id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
        VALUES ('st-x', '${siteId}', 'raw.user', '直插', 'cashier', 'scrypt$1$1$1$c2FsdA==$aGFzaA==', '${t}', '${t}', '${t}');
      UPDATE staff SET active = 0 WHERE id = 'st-x';
      INSERT INTO audit_event (id, site_id, event, actor_id, detail, created_at, updated_at) VALUES ('ev-x', '${siteId}', 'logout', NULL, '{}', '${t}', '${t}');
    `);
    const got = log(app, start).map((r) => [r.seq, r.table_name, r.kind, r.row_id, r.before === null, r.after === null]);
    expect(got).toEqual([
      [start + 1, 'site', 'update', siteId, false, false],
      [start + 2, 'setting', 'insert', 'set-x', true, false],
      [start + 3, 'setting', 'update', 'set-x', false, false],
      [start + 4, 'setting', 'delete', 'set-x', false, true],
      [start + 5, 'staff', 'insert', 'st-x', true, false],
      [start + 6, 'staff', 'update', 'st-x', false, false],
      [start + 7, 'audit_event', 'insert', 'ev-x', true, false],
    ]);
    expect(JSON.parse(log(app, start)[3]!.before!)).toMatchObject({ id: 'set-x', key: 'x', value: '2' });

    // a site row's own insert and delete (a bare second site: the first has rows referring to it)
    raw.exec(`INSERT INTO site (id, site_id, code, name, created_at, updated_at) VALUES ('site-z', 'site-z', 'ZZ', '临时', '${t}', '${t}');
      DELETE FROM site WHERE id = 'site-z';`);
    expect(rows(app, "SELECT seq, table_name, kind, row_id FROM change_log WHERE site_id = 'site-z' ORDER BY seq")).toEqual([
      { seq: 1, table_name: 'site', kind: 'insert', row_id: 'site-z' },
      { seq: 2, table_name: 'site', kind: 'delete', row_id: 'site-z' },
    ]);

    // a rolled-back transaction leaves neither the row nor its change-log row
    const snap = snapshotStore(app);
    expect(() => raw.transaction(() => {
      raw.prepare(`INSERT INTO setting (id, site_id, key, value, created_at, updated_at) VALUES ('set-y', ?, 'y', '1', ?, ?)`).run(siteId, t, t);
      throw new Error('abandon');
    })()).toThrow('abandon');
    expect(snapshotStore(app)).toEqual(snap);
  });

  it('gives every table with a site_id column its three capture triggers', async () => {
    const app = await createTestApp();
    // occupant_gram, archive_class_count and bill_open are derived by triggers (a name index, class counts, what bills still owe), not site data
    const tables = rows<{ name: string }>(app, "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'site_id') AND m.name NOT IN ('change_log', 'occupant_gram', 'archive_class_count', 'bill_open') ORDER BY m.name").map((r) => r.name);
    // the query really finds site tables (a new area's tables are checked by the same loop)
    expect(tables).toEqual(expect.arrayContaining([
      'archive_category', 'archive_class', 'archive_department', 'archive_item',
      'audit_event', 'building', 'household_member', 'occupant', 'parking_space', 'room', 'setting', 'site', 'staff', 'unit', 'vehicle',
    ]));
    const triggers = new Set(rows<{ name: string }>(app, "SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
    for (const t of tables) for (const k of ['insert', 'update', 'delete']) expect(triggers.has(`${t}_capture_${k}`), `${t}_capture_${k}`).toBe(true);
  });

  it('guards every table head office owns, and only those, against the site\'s own changes (a table added to the owned list without its guard fails here)', async () => {
    const app = await createTestApp();
    const guarded = rows<{ name: string }>(app, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_head\\_office\\_guard\\_%' ESCAPE '\\'")
      .map((r) => r.name).sort();
    expect(guarded).toEqual(HEAD_OFFICE_TABLES.flatMap((t) => ['delete', 'insert', 'update'].map((k) => `${t.table}_head_office_guard_${k}`)).sort());
  });

  it('numbers change-log rows per site, each site from 1 without gaps', async () => {
    const app = await createTestApp();
    await setupSite(app);
    const raw = app.store.raw;
    const first = rows<{ id: string }>(app, 'SELECT id FROM site')[0]!.id;
    const t = '2026-12-01T02:00:00.000Z';
    raw.exec(`
      INSERT INTO site (id, site_id, code, name, created_at, updated_at) VALUES ('site-b', 'site-b', 'NB-02', '宁波', '${t}', '${t}');
      INSERT INTO setting (id, site_id, key, value, created_at, updated_at) VALUES ('b-1', 'site-b', 'k', '1', '${t}', '${t}');
      INSERT INTO setting (id, site_id, key, value, created_at, updated_at) VALUES ('a-1', '${first}', 'k', '1', '${t}', '${t}');
      UPDATE setting SET value = '3' WHERE id = 'b-1';
    `);
    const seqs = (site: string) => rows<{ seq: number }>(app, 'SELECT seq FROM change_log WHERE site_id = ? ORDER BY seq', site).map((r) => r.seq);
    expect(seqs('site-b')).toEqual([1, 2, 3]);
    const a = seqs(first);
    expect(a).toEqual(a.map((_, i) => i + 1));
  });

  it('refuses UPDATE and DELETE on change_log and audit_event, and DELETE on staff, at the SQL level', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    const raw = app.store.raw;
    const snap = snapshotStore(app);
    const attempts: [string, RegExp][] = [
      ["UPDATE change_log SET actor_id = 'someone-else'", /change log is append-only: rows cannot be changed/],
      ["UPDATE change_log SET after = '{}' WHERE seq = 1", /append-only/],
      ['DELETE FROM change_log', /change log is append-only: rows cannot be deleted/],
      ['DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log)', /append-only/],
      ["UPDATE audit_event SET event = 'nothing'", /audit trail is append-only: rows cannot be changed/],
      ['DELETE FROM audit_event', /audit trail is append-only: rows cannot be deleted/],
      ["DELETE FROM staff WHERE username = 'li.na'", /staff accounts are disabled, never deleted/],
      ['DELETE FROM staff', /never deleted/],
    ];
    for (const [stmt, msg] of attempts) expect(() => raw.exec(stmt), stmt).toThrow(msg);
    expect(snapshotStore(app)).toEqual(snap);
    // appending is still allowed
    expect(() => raw.prepare("INSERT INTO change_log (site_id, seq, at, table_name, row_id, kind) VALUES ('x', 1, 'a', 't', 'r', 'insert')").run()).not.toThrow();
  });
});

describe('change capture for sync', () => {
  it('covers exactly each captured table\'s current columns, less its secrets, in all three triggers (a migration that forgets to re-run capture fails here)', async () => {
    const app = await createTestApp();
    const captured = rows<{ tbl_name: string }>(app, "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_capture_insert' ORDER BY tbl_name").map((r) => r.tbl_name);
    expect(captured).toEqual(expect.arrayContaining(['site', 'staff', 'room', 'receipt', 'complaint_case', 'archive_item']));
    for (const table of captured) {
      const columns = rows<{ name: string }>(app, 'SELECT name FROM pragma_table_info(?) ORDER BY cid', table).map((c) => c.name);
      const expected = columns.filter((c) => !(SECRET_COLUMNS[table] ?? []).includes(c)).sort();
      for (const kind of ['insert', 'update', 'delete']) {
        const sqlText = rows<{ sql: string }>(app, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", `${table}_capture_${kind}`)[0]?.sql ?? '';
        // every json_object in the trigger (update has two: before and after)
        const objects = [...sqlText.matchAll(/json_object\(([^)]*)\)/g)].map((m) => capturedColumnsOf(`json_object(${m[1]})`).sort());
        expect(objects.length, `${table}_capture_${kind}`).toBe(kind === 'update' ? 2 : 1);
        for (const cols of objects) expect(cols, `${table}_capture_${kind}`).toEqual(expected);
        expect(sqlText, `${table}_capture_${kind}`).toMatch(/WHEN fd_capturing\(\)/);
        expect(sqlText, `${table}_capture_${kind}`).toMatch(/fd_tx\(\)/);
      }
    }
  });

  it('stamps every change of one operation call with one transaction id, and each call with its own', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const setupTx = rows<{ tx: string | null }>(app, 'SELECT DISTINCT tx FROM change_log');
    expect(setupTx).toHaveLength(1); // site, settings, the archive scheme, the admin and the sign-in event: one transaction
    expect(setupTx[0]!.tx).toMatch(/^[0-9a-f-]{36}$/);
    const before = maxSeq(app);
    await addStaff(app, admin, { username: 'li.na', role: 'cashier' });
    await ok(app, admin, 'settings.update', { siteName: '滨江中心', settings: { idleLockMinutes: 10 } });
    const later = log(app, before);
    const byTx = new Map<string, string[]>();
    for (const r of later as (LogRow & { tx: string })[]) byTx.set(r.tx, [...(byTx.get(r.tx) ?? []), `${r.operation}:${r.table_name}`]);
    expect([...byTx.values()]).toEqual([
      ['staff.create:staff'],
      ['auth.login:audit_event'],
      ['settings.update:site', 'settings.update:setting'],
    ]);
    expect(byTx.has(setupTx[0]!.tx!)).toBe(false);
  });

  it('logs nothing while capture is off, while the derived tables (what bills owe, name grams, class counts, search) still follow', async () => {
    const s = await feeSite();
    const { app } = s;
    const siteId = rows<{ id: string }>(app, 'SELECT id FROM site')[0]!.id;
    const cashierId = s.cashier.id;
    const start = maxSeq(app);
    const t = '2026-12-01T02:00:00.000Z';
    app.store.writeContext.capturing = false;
    try {
      app.store.raw.exec(`
        INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, created_by, created_at, updated_at)
          VALUES ('bill-x', '${siteId}', '${s.rooms.r102}', '${s.items.property}', '2026-10', 'manual', 100, 10000, 1234, '2026-10-31', '${cashierId}', '${t}', '${t}');
        INSERT INTO occupant (id, site_id, room_id, kind, name, phone, phone2, id_type, id_number, remarks, created_at, updated_at)
          VALUES ('occ-x', '${siteId}', '${s.rooms.r102}', 'tenant', '欧阳娜娜', '', '', 'none', '', '', '${t}', '${t}');
        INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, piece_count,
            location_room, cabinet, shelf, box, confidentiality, remarks, fonds_no, library_no, status, created_at, updated_at)
          VALUES ('arc-x', '${siteId}', 1, 1, '01', 1, '1.1.01—1', '物业服务合同', 2026, '30', 'paper', 1, '', '', '', '', 'internal', '', '', '', 'in', '${t}', '${t}');
      `);
    } finally {
      app.store.writeContext.capturing = true;
    }
    expect(maxSeq(app)).toBe(start);
    expect(rows(app, "SELECT owed FROM bill_open WHERE bill_id = 'bill-x'")).toEqual([{ owed: 1234 }]);
    expect((rows<{ n: number }>(app, "SELECT count(*) AS n FROM occupant_gram WHERE occupant_id = 'occ-x'")[0]!.n)).toBeGreaterThan(0);
    expect(rows(app, "SELECT rowid FROM occupant_fts WHERE occupant_fts MATCH '欧阳娜'")).toHaveLength(1);
    expect(rows(app, "SELECT n FROM archive_class_count WHERE site_id = ? AND category_code = 1 AND class_code = 1", siteId)).toEqual([{ n: 1 }]);
    // and capture is back on for the next write
    await ok(app, s.admin, 'settings.update', { siteName: '滨江中心', settings: {} });
    expect(maxSeq(app)).toBe(start + 1);
  });
});
