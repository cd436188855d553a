/**
 * One test per migration: a store at version N−1 (with rows in it, once there is an N−1)
 * migrated to N. Adding a migration without adding its test here fails the first test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/store/open.js';
import { addStaff, cleanup, createTestApp, ok, rows, setupSite, tempStoreFile } from '../helpers/app.js';
import { migrationNames, migrationsBefore, migrationsThrough } from '../helpers/migrations.js';
import { feeSite, openLinesFromScratch } from './fees-fixture.js';

afterEach(cleanup);

const tested = ['2026_11_23_0001_init', '2026_11_23_0002_registry', '2026_11_23_0003_archives', '2026_11_23_0004_fees', '2026_11_23_0005_complaints', '2026_11_23_0006_archive_loans', '2026_11_23_0007_name_grams', '2026_11_23_0008_fees_room_index', '2026_11_23_0009_bill_cancel', '2026_12_05_0011_sync']; // 0011's test: tests/db/migrations/0011_sync.test.ts

describe('migrations', () => {
  it('has an N−1 → N test for every migration in the registry', () => {
    expect(migrationNames).toEqual(tested);
  });

  it('0001_init: from an empty file, creates the foundation tables, their triggers, and working change capture', async () => {
    const name = '2026_11_23_0001_init';
    expect(Object.keys(migrationsBefore(name))).toEqual([]);
    const store = await openStore(tempStoreFile(), { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(1);
      expect(store.raw.pragma('user_version', { simple: true })).toBe(1);

      const tables = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name").map((r) => r.name);
      expect(tables).toEqual(['audit_event', 'change_log', 'setting', 'site', 'staff']);

      const triggers = rows<{ name: string; tbl_name: string }>(store, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
      const expected = [
        ...['site', 'setting', 'staff', 'audit_event'].flatMap((t) => ['insert', 'update', 'delete'].map((k) => ({ name: `${t}_capture_${k}`, tbl_name: t }))),
        { name: 'change_log_no_update', tbl_name: 'change_log' },
        { name: 'change_log_no_delete', tbl_name: 'change_log' },
        { name: 'audit_event_no_update', tbl_name: 'audit_event' },
        { name: 'audit_event_no_delete', tbl_name: 'audit_event' },
        { name: 'staff_no_delete', tbl_name: 'staff' },
      ];
      expect(triggers).toEqual(expect.arrayContaining(expected));
      expect(triggers).toHaveLength(expected.length);

      const indexes = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['change_log_at', 'change_log_row', 'change_log_actor', 'audit_event_at']));

      // capture works: a write in an operation's context lands in change_log with seq 1
      store.writeContext.actorId = null;
      store.writeContext.operation = 'test.write';
      store.raw.prepare("INSERT INTO site (id, site_id, code, name, created_at, updated_at) VALUES ('s1', 's1', 'T1', '测试站', 'a', 'a')").run();
      store.writeContext.operation = null;
      expect(rows(store, 'SELECT site_id, seq, operation, table_name, row_id, kind, before, after FROM change_log')).toEqual([{
        site_id: 's1', seq: 1, operation: 'test.write', table_name: 'site', row_id: 's1', kind: 'insert', before: null,
        after: JSON.stringify({ id: 's1', site_id: 's1', created_at: 'a', updated_at: 'a', code: 'T1', name: '测试站' }),
      }]);
    } finally {
      await store.close();
    }
  });
  it('0002_registry: a 0001 store with a site and staff gains the registry tables, their triggers and search indexes, and keeps its rows', async () => {
    const name = '2026_11_23_0002_registry';
    const before = migrationsBefore(name);
    expect(Object.keys(before)).toEqual(['2026_11_23_0001_init']);

    // a store at 0001 with a site, staff and some change log, written through the app
    const old = await createTestApp({ migrations: before });
    const admin = await setupSite(old);
    await addStaff(old, admin, { username: 'li.xiaomei', role: 'receptionist' });
    await addStaff(old, admin, { username: 'wang.xiulan', role: 'cashier' });
    expect(old.store.version).toBe(1);
    const file = old.file;
    const keep = (s: Parameters<typeof rows>[0]) => ({
      site: rows(s, 'SELECT * FROM site ORDER BY id'),
      staff: rows(s, 'SELECT * FROM staff ORDER BY id'),
      setting: rows(s, 'SELECT * FROM setting ORDER BY id'),
      audit: rows(s, 'SELECT * FROM audit_event ORDER BY id'),
      log: rows(s, 'SELECT * FROM change_log ORDER BY site_id, seq'),
    });
    const seeded = keep(old);
    expect(seeded.staff).toHaveLength(3);
    await old.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(2);
      expect(store.raw.pragma('user_version', { simple: true })).toBe(2);
      expect(store.backupFile).toMatch(/\.v1\..*\.bak$/);
      // the foundation rows (and the log that recorded them) are untouched
      expect(keep(store)).toEqual(seeded);

      const tables = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name").map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['building', 'unit', 'room', 'occupant', 'occupant_fts', 'occupant_gram', 'household_member', 'vehicle', 'parking_space']));
      const fts = rows<{ sql: string }>(store, "SELECT sql FROM sqlite_master WHERE name = 'occupant_fts'")[0]!.sql;
      expect(fts).toMatch(/fts5/i);
      expect(fts).toMatch(/trigram/);

      const triggers = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
      for (const t of ['building', 'unit', 'room', 'occupant', 'household_member', 'vehicle', 'parking_space']) {
        for (const k of ['insert', 'update', 'delete']) expect(triggers.has(`${t}_capture_${k}`), `${t}_capture_${k}`).toBe(true);
      }
      for (const t of ['room_no_delete', 'occupant_no_delete', 'occupant_fts_insert', 'occupant_fts_update', 'occupant_gram_insert', 'occupant_gram_update']) expect(triggers.has(t), t).toBe(true);
      const indexes = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['room_digits', 'occupant_room', 'occupant_phone_tail', 'occupant_phone2_tail']));

      // capture works on the new tables, numbered after the 0001 rows of the same site
      const siteId = (seeded.site[0] as { id: string }).id;
      const lastSeq = Math.max(...seeded.log.map((r) => (r as { seq: number }).seq));
      const t = '2026-12-01T02:00:00.000Z';
      store.writeContext.operation = 'test.write';
      store.raw.exec(`
        INSERT INTO building (id, site_id, code, name, created_at, updated_at) VALUES ('b3', '${siteId}', '3', '3栋', '${t}', '${t}');
        INSERT INTO room (id, site_id, building_id, unit_id, room_no, code, code_digits, floor, area_centi, usage, state, created_at, updated_at)
          VALUES ('r1', '${siteId}', 'b3', NULL, '501', '3-501', '3501', 5, 8950, 'residential', 'occupied', '${t}', '${t}');
        INSERT INTO occupant (id, site_id, room_id, kind, name, phone, created_at, updated_at) VALUES ('o1', '${siteId}', 'r1', 'owner', '欧阳晓梅', '13800138000', '${t}', '${t}');`);
      store.writeContext.operation = null;
      const logged = rows<{ seq: number; table_name: string; row_id: string; kind: string; operation: string; after: string }>(store,
        'SELECT seq, table_name, row_id, kind, operation, after FROM change_log WHERE site_id = ? AND seq > ? ORDER BY seq', siteId, lastSeq);
      expect(logged.map((r) => [r.seq, r.table_name, r.row_id, r.kind, r.operation])).toEqual([
        [lastSeq + 1, 'building', 'b3', 'insert', 'test.write'],
        [lastSeq + 2, 'room', 'r1', 'insert', 'test.write'],
        [lastSeq + 3, 'occupant', 'o1', 'insert', 'test.write'],
      ]);
      expect(JSON.parse(logged[1]!.after)).toMatchObject({ id: 'r1', code: '3-501', area_centi: 8950, usage: 'residential' });

      // the name is searchable at once: by a three-character piece and by a one-character one
      expect(rows(store, "SELECT rowid FROM occupant_fts WHERE occupant_fts MATCH '\"阳晓梅\"'")).toHaveLength(1);
      expect(rows(store, "SELECT occupant_id FROM occupant_gram WHERE gram = '梅'")).toEqual([{ occupant_id: 'o1' }]);

      // rooms and occupants cannot be deleted, even in SQL
      expect(() => store.raw.exec("DELETE FROM occupant WHERE id = 'o1'")).toThrow(/occupants are never deleted/);
      expect(() => store.raw.exec("DELETE FROM room WHERE id = 'r1'")).toThrow(/rooms are never deleted/);
      expect(rows(store, 'SELECT count(*) AS n FROM room')).toEqual([{ n: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('0003_archives: a 0002 site gains the archive tables and its standard classification scheme, logged as the migration', async () => {
    const name = '2026_11_23_0003_archives';
    const before = migrationsBefore(name);
    expect(Object.keys(before)).toEqual(['2026_11_23_0001_init', '2026_11_23_0002_registry']);
    const old = await createTestApp({ migrations: before });
    await setupSite(old);
    const file = old.file;
    const siteId = rows<{ id: string }>(old, 'SELECT id FROM site')[0]!.id;
    const staffBefore = rows(old, 'SELECT * FROM staff ORDER BY id');
    await old.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(3);
      expect(store.backupFile).toMatch(/\.v2\..*\.bak$/);
      expect(rows(store, 'SELECT * FROM staff ORDER BY id')).toEqual(staffBefore);
      expect(rows(store, 'SELECT count(*) AS n FROM archive_category WHERE site_id = ?', siteId)).toEqual([{ n: 6 }]);
      expect(rows(store, 'SELECT count(*) AS n FROM archive_class WHERE site_id = ?', siteId)).toEqual([{ n: 35 }]);
      expect(rows(store, 'SELECT count(*) AS n FROM archive_department WHERE site_id = ?', siteId)).toEqual([{ n: 14 }]);
      const ops = rows<{ operation: string }>(store, "SELECT DISTINCT operation FROM change_log WHERE table_name LIKE 'archive_%'");
      expect(ops).toEqual([{ operation: 'store.migrate' }]);
      const triggers = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
      for (const t of ['archive_item_capture_insert', 'archive_item_no_delete', 'archive_item_code_fixed', 'archive_item_fts_insert', 'archive_class_capture_update']) expect(triggers.has(t), t).toBe(true);
      const t = '2026-12-01T02:00:00.000Z';
      store.raw.exec(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, created_at, updated_at)
        VALUES ('a1', '${siteId}', 3, 4, '07', 1, '3.4.07—1', '关于消防演练的通知', 2026, '30', 'paper', '${t}', '${t}')`);
      expect(rows(store, "SELECT rowid FROM archive_item_fts WHERE archive_item_fts MATCH '\"消防演练\"'")).toHaveLength(1);
      // an item for a class the scheme does not have is refused by the store itself
      expect(() => store.raw.exec(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, created_at, updated_at)
        VALUES ('a2', '${siteId}', 3, 12, '07', 1, '3.12.07—1', 'x', 2026, '30', 'paper', '${t}', '${t}')`)).toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });
  it('0007_name_grams: the name index keeps its rows, and new writes add and remove exactly what the old triggers did', async () => {
    const name = '2026_11_23_0007_name_grams';
    // no assumption about which migration precedes this one
    const old = await createTestApp({ migrations: migrationsBefore(name) });
    const admin = await setupSite(old);
    const desk = await addStaff(old, admin, { username: 'desk', role: 'receptionist' });
    const call = async (op: string, input: unknown) => {
      const r = await old.call(desk.token, op, input);
      if (!r.envelope.ok) throw new Error(JSON.stringify(r.envelope.error));
      return r.envelope.value as { id: string };
    };
    const b = await call('registry.saveBuilding', { code: '3', name: '3栋' });
    const room = await call('registry.saveRoom', { buildingId: b.id, unitId: null, roomNo: '501', area: '89', usage: 'shop', state: 'vacant' });
    const people: [string, string][] = [['欧阳晓梅', '13800138000'], ['Li Na', '13900139000'], ['王', '13700137000']];
    for (const [n, phone] of people) await call('registry.saveOccupant', { roomId: room.id, kind: 'tenant', name: n, phone });
    const grams = (s: Parameters<typeof rows>[0]) => rows(s, 'SELECT site_id, gram, moved_out, name, occupant_id FROM occupant_gram ORDER BY name, gram');
    const before = grams(old);
    expect(before.filter((g: any) => g.name === '欧阳晓梅').map((g: any) => g.gram)).toEqual(['晓', '晓梅', '梅', '欧', '欧阳', '阳', '阳晓']);
    // what the old triggers do on a rename and a move-out, written on a copy of the 0006-or-earlier store
    const file = old.file;
    const occ = rows<{ id: string; name: string }>(old, 'SELECT id, name FROM occupant ORDER BY name');
    const li = occ.find((o) => o.name === 'Li Na')!.id;
    old.store.raw.exec(`UPDATE occupant SET name = 'Li Nana' WHERE id = '${li}'`);
    old.store.raw.exec(`UPDATE occupant SET move_out = '2026-11-01' WHERE name = '王'`);
    const oldAfterWrites = grams(old);
    old.store.raw.exec(`UPDATE occupant SET name = 'Li Na' WHERE id = '${li}'`);
    old.store.raw.exec(`UPDATE occupant SET move_out = NULL WHERE name = '王'`);
    expect(grams(old)).toEqual(before);
    await old.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
      expect(grams(store)).toEqual(before);
      // the same writes under the new triggers leave the same rows
      store.raw.exec(`UPDATE occupant SET name = 'Li Nana' WHERE id = '${li}'`);
      store.raw.exec(`UPDATE occupant SET move_out = '2026-11-01' WHERE name = '王'`);
      expect(grams(store)).toEqual(oldAfterWrites);
      expect(rows(store, 'SELECT count(*) AS n FROM name_position')).toEqual([{ n: 40 }]);
    } finally {
      await store.close();
    }
  });
  it('0004_fees: a 0003 site with a room gains the fee tables; receipts refuse a gap and a bill line refuses overpayment in the store itself', async () => {
    const name = '2026_11_23_0004_fees';
    const before = migrationsBefore(name);
    expect(Object.keys(before)).toEqual(['2026_11_23_0001_init', '2026_11_23_0002_registry', '2026_11_23_0003_archives']);
    const old = await createTestApp({ migrations: before });
    const admin = await setupSite(old);
    const desk = await addStaff(old, admin, { username: 'desk', role: 'supervisor' });
    const { envelope } = await old.call(desk.token, 'registry.saveBuilding', { code: '1', name: '1栋' });
    expect(envelope.ok).toBe(true);
    const file = old.file;
    const siteId = rows<{ id: string }>(old, 'SELECT id FROM site')[0]!.id;
    const buildingsBefore = rows(old, 'SELECT * FROM building');
    await old.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(4);
      expect(store.backupFile).toMatch(/\.v3\..*\.bak$/);
      expect(rows(store, 'SELECT * FROM building')).toEqual(buildingsBefore);
      const tables = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
      for (const t of ['fee_item', 'fee_rate', 'bill', 'receipt', 'receipt_line', 'receipt_payment', 'receipt_void', 'receipt_print', 'day_close', 'meter_reading', 'dunning_log']) expect(tables.has(t), t).toBe(true);
      const t = '2026-12-01T02:00:00.000Z';
      const bId = rows<{ id: string }>(store, 'SELECT id FROM building')[0]!.id;
      const staffId = rows<{ id: string }>(store, "SELECT id FROM staff WHERE username = 'desk'")[0]!.id;
      store.raw.exec(`INSERT INTO room (id, site_id, building_id, room_no, code, code_digits, area_centi, usage, state, created_at, updated_at)
        VALUES ('r1', '${siteId}', '${bId}', '101', '1-101', '1101', 8950, 'residential', 'occupied', '${t}', '${t}');
        INSERT INTO fee_item (id, site_id, code, name, kind, created_at, updated_at) VALUES ('i1', '${siteId}', 'WYF', '物业费', 'area', '${t}', '${t}');
        INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, created_by, created_at, updated_at)
          VALUES ('b1', '${siteId}', 'r1', 'i1', '2026-11', 'generated', 8950, 23500, 21033, '2026-11-30', '${staffId}', '${t}', '${t}')`);
      const receipt = (id: string, seq: number) => `INSERT INTO receipt (id, site_id, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('${id}', '${siteId}', 2026, ${seq}, 'SJ-2026-${seq}', 'r1', 21033, '${staffId}', '2026-12-01', '${t}', '${t}')`;
      store.raw.exec(receipt('p1', 1));
      expect(() => store.raw.exec(receipt('p3', 3))).toThrow(/gapless/);
      expect(() => store.raw.exec(receipt('p1b', 1))).toThrow(/UNIQUE|gapless/);
      const line = (id: string, amount: number) => `INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
        VALUES ('${id}', '${siteId}', 'p1', 'bill', 'b1', ${amount}, '${t}', '${t}')`;
      store.raw.exec(line('l1', 20000));
      expect(() => store.raw.exec(line('l2', 1034))).toThrow(/beyond what it owes/);
      store.raw.exec(line('l3', 1033));
      expect(() => store.raw.exec("UPDATE receipt SET total = 1")).toThrow(/append-only/);
      expect(() => store.raw.exec("DELETE FROM receipt_line")).toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });
  it('0005_complaints: the store before it (whatever that is) gains the ledger tables, its guards and search, and keeps its rows', async () => {
    const name = '2026_11_23_0005_complaints';
    // no assumption about which migration precedes this one: other areas land theirs before it
    const old = await createTestApp({ migrations: migrationsBefore(name) });
    await setupSite(old);
    const file = old.file;
    const siteId = rows<{ id: string }>(old, 'SELECT id FROM site')[0]!.id;
    const staffId = rows<{ id: string }>(old, 'SELECT id FROM staff')[0]!.id;
    const tablesBefore = rows<{ name: string }>(old, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    const staffBefore = rows(old, 'SELECT * FROM staff ORDER BY id');
    await old.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
      expect(rows(store, 'SELECT * FROM staff ORDER BY id')).toEqual(staffBefore);
      const tables = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
      expect(tables.filter((t) => !tablesBefore.includes(t) && !t.startsWith('complaint_case_fts_'))).toEqual(['complaint_case', 'complaint_case_fts', 'complaint_category', 'complaint_event']);
      const t = '2026-12-01T02:00:00.000Z';
      const insert = (id: string, no: string, seq: number) => store.raw.exec(`INSERT INTO complaint_case (id, site_id, case_no, year, seq, kind, channel, complainant, category, severity, matter,
        received_at, receiver_id, due_at, manager_at, created_at, updated_at)
        VALUES ('${id}', '${siteId}', '${no}', 2026, ${seq}, 'complaint', 'phone', '张先生', 'noise', 'ordinary', '楼上装修电钻噪音扰民',
        '${t}', '${staffId}', '${t}', '${t}', '${t}', '${t}')`);
      insert('c1', '2026-00001', 1);
      expect(rows(store, "SELECT rowid FROM complaint_case_fts WHERE complaint_case_fts MATCH '\"电钻噪音\"'")).toHaveLength(1);
      expect(rows<{ n: number }>(store, "SELECT count(*) AS n FROM change_log WHERE table_name = 'complaint_case'")[0]!.n).toBe(1);
      // the store itself keeps the ledger honest
      expect(() => insert('c2', '2026-00002', 1)).toThrow(/UNIQUE/);
      expect(() => store.raw.exec("DELETE FROM complaint_case WHERE id = 'c1'")).toThrow(/never deleted/);
      expect(() => store.raw.exec("UPDATE complaint_case SET stage = 'replied' WHERE id = 'c1'")).toThrow(/stages go in order/);
      expect(() => store.raw.exec("UPDATE complaint_case SET matter = 'x' WHERE id = 'c1'")).toThrow(/never rewritten/);
      store.raw.exec("UPDATE complaint_case SET stage = 'handling' WHERE id = 'c1'");
      store.raw.exec(`INSERT INTO complaint_event (id, site_id, case_id, at, event, created_at, updated_at) VALUES ('e1', '${siteId}', 'c1', '${t}', 'received', '${t}', '${t}')`);
      expect(() => store.raw.exec("UPDATE complaint_event SET event = 'note'")).toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });
  it('0006_archive_loans: a store at the migration before it, with a filed item, gains scans, requests, loans, the register and appraisals, and keeps its rows', async () => {
    const name = '2026_11_23_0006_archive_loans';
    // whatever ran before (other areas' migrations may sit between 0003 and this one)
    const before = migrationsBefore(name);
    expect(Object.keys(before)).toContain('2026_11_23_0003_archives');
    const old = await createTestApp({ migrations: before });
    const admin = await setupSite(old);
    const archivist = await addStaff(old, admin, { username: 'zhao.dang', role: 'archivist' });
    const filed = await old.call(archivist.token, 'archives.index', { category: 3, cls: 4, department: '07', title: '关于消防演练的通知', year: 2015, form: 'paper' });
    expect(filed.envelope.ok).toBe(true);
    const file = old.file;
    const itemsBefore = rows(old, 'SELECT * FROM archive_item');
    const staffId = rows<{ id: string }>(old, "SELECT id FROM staff WHERE username = 'zhao.dang'")[0]!.id;
    const versionBefore = Object.keys(before).length;
    await old.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(versionBefore + 1);
      expect(rows(store, 'SELECT * FROM archive_item')).toEqual(itemsBefore);
      // the browse tree's counts start from the items already filed
      expect(rows(store, 'SELECT category_code, class_code, n FROM archive_class_count')).toEqual([{ category_code: 3, class_code: 4, n: 1 }]);
      const tables = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
      for (const t of ['archive_scan', 'archive_request', 'archive_request_item', 'archive_loan', 'archive_register', 'archive_appraisal']) expect(tables.has(t), t).toBe(true);
      const item = itemsBefore[0] as { id: string; site_id: string };
      const t = '2026-12-01T02:00:00.000Z';
      const ins = (sql: string) => store.raw.exec(sql);
      ins(`INSERT INTO archive_request (id, site_id, kind, requester, purpose, due_on, entered_by, created_at, updated_at) VALUES ('q1', '${item.site_id}', 'borrow', '李四', '审计', '2026-12-10', '${staffId}', '${t}', '${t}')`);
      ins(`INSERT INTO archive_loan (id, site_id, item_id, request_id, borrower, lent_by, lent_at, due_on, created_at, updated_at) VALUES ('l1', '${item.site_id}', '${item.id}', 'q1', '李四', '${staffId}', '${t}', '2026-12-10', '${t}', '${t}')`);
      // one open loan per item, in the store itself
      expect(() => ins(`INSERT INTO archive_loan (id, site_id, item_id, request_id, borrower, lent_by, lent_at, due_on, created_at, updated_at) VALUES ('l2', '${item.site_id}', '${item.id}', 'q1', '王五', '${staffId}', '${t}', '2026-12-10', '${t}', '${t}')`)).toThrow(/UNIQUE/);
      ins(`UPDATE archive_loan SET returned_at = '${t}', return_condition = 'good' WHERE id = 'l1'`);
      expect(() => ins(`UPDATE archive_loan SET return_condition = 'damaged' WHERE id = 'l1'`)).toThrow(/final/);
      // a borrow request needs a due date; the register is append-only
      expect(() => ins(`INSERT INTO archive_request (id, site_id, kind, requester, purpose, entered_by, created_at, updated_at) VALUES ('q2', '${item.site_id}', 'borrow', '李四', '审计', '${staffId}', '${t}', '${t}')`)).toThrow(/CHECK/);
      ins(`INSERT INTO archive_register (id, site_id, item_id, ref_code, event, staff_id, at, created_at, updated_at) VALUES ('g1', '${item.site_id}', '${item.id}', '3.4.07—1', 'lent', '${staffId}', '${t}', '${t}', '${t}')`);
      expect(() => ins(`DELETE FROM archive_register WHERE id = 'g1'`)).toThrow(/append-only/);
      expect(rows(store, "SELECT table_name, kind FROM change_log WHERE table_name IN ('archive_loan', 'archive_register') ORDER BY seq")).toEqual([
        { table_name: 'archive_loan', kind: 'insert' }, { table_name: 'archive_loan', kind: 'update' }, { table_name: 'archive_register', kind: 'insert' },
      ]);
      // a destroyed item stays destroyed
      ins(`UPDATE archive_item SET status = 'destroyed' WHERE id = '${item.id}'`);
      expect(() => ins(`UPDATE archive_item SET status = 'in' WHERE id = '${item.id}'`)).toThrow(/stays destroyed/);
    } finally {
      await store.close();
    }
  });

  it('0008_fees_room_index: bills lose their room index, open lines gain one; what rooms owe reads the same, through the new index', async () => {
    const name = '2026_11_23_0008_fees_room_index';
    const s = await feeSite({ migrations: migrationsBefore(name) });
    await s.app.call(s.cashier.token, 'fees.generate', { period: '2026-10', commit: true });
    const file = s.app.file;
    const openBefore = rows(s.app, 'SELECT * FROM bill_open ORDER BY bill_id');
    expect(openBefore).toHaveLength(5);
    await s.app.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
      const indexes = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('bill', 'bill_open')").map((r) => r.name);
      expect(indexes).not.toContain('bill_room');
      expect(indexes).toContain('bill_open_room');
      expect(rows(store, 'SELECT * FROM bill_open ORDER BY bill_id')).toEqual(openBefore);
      const plan = (q: string) => rows<{ detail: string }>(store, `EXPLAIN QUERY PLAN ${q}`, 'x').map((r) => r.detail).join('; ');
      expect(plan('SELECT bill_id, owed FROM bill_open WHERE room_id = ?')).toMatch(/bill_open_room/);
      // the generator's "billed already?" probe keeps its own index
      expect(plan("SELECT 1 FROM bill b WHERE b.period = '2026-10' AND b.item_id = ? AND b.room_id = 'r' AND b.source != 'manual'")).toMatch(/bill_generated_once/);
    } finally {
      await store.close();
    }
    // the desk works on the migrated store: the next month bills, and the room's account lists both months
    const again = await createTestApp({ file, migrations: migrationsThrough(name) });
    const token = (await again.call(null, 'auth.login', { username: 'qian.min', password: s.cashier.password })).token!;
    expect((await again.call(token, 'fees.generate', { period: '2026-11', commit: true })).envelope).toMatchObject({ ok: true, value: { lines: 5 } });
    const acct = await ok(again, token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    expect(acct.lines.map((l) => `${l.period} ${l.itemCode}`)).toEqual(['2026-10 LJF', '2026-10 WYF', '2026-11 LJF', '2026-11 WYF']);
    const { derived, scratch } = openLinesFromScratch(again);
    expect(derived).toEqual(scratch);
  });

  it('0009_bill_cancel: a store with bills and a payment gains cancellations; the store refuses to cancel a paid line or pay a cancelled one', async () => {
    const name = '2026_11_23_0009_bill_cancel';
    const s = await feeSite({ migrations: migrationsBefore(name) });
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-10', commit: true });
    const [paidLine, openLine] = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 })).lines;
    // a payment of 1.00 on the first line, written as the program before this one did (its pay op reads the new table)
    const sid = rows<{ id: string }>(s.app, 'SELECT id FROM site')[0]!.id;
    const at = '2026-11-23T02:00:00.000Z';
    s.app.store.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('r1', '${sid}', 'payment', 2026, 1, 'SJ-2026-000001', '${s.rooms.r101}', 100, '${s.cashier.id}', '2026-11-23', '${at}', '${at}');
      INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at) VALUES ('l1', '${sid}', 'r1', 'bill', '${paidLine!.id}', 100, '${at}', '${at}');`);
    const file = s.app.file;
    const billsBefore = rows(s.app, 'SELECT * FROM bill ORDER BY id');
    await s.app.close();

    const store = await openStore(file, { migrations: migrationsThrough(name) });
    try {
      expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
      expect(rows(store, 'SELECT * FROM bill ORDER BY id')).toEqual(billsBefore);
      const siteId = rows<{ id: string }>(store, 'SELECT id FROM site')[0]!.id;
      const t = '2026-12-01T02:00:00.000Z';
      const cancel = store.raw.prepare(`INSERT INTO bill_cancel (id, site_id, bill_id, reason, cancelled_by, approved_by, created_at, updated_at) VALUES (?, ?, ?, '录入错误', ?, ?, ?, ?)`);
      expect(() => cancel.run('c1', siteId, paidLine!.id, s.cashier.id, s.supervisor.id, t, t)).toThrow(/void the receipt first/);
      expect(() => cancel.run('c2', siteId, openLine!.id, s.cashier.id, s.cashier.id, t, t)).toThrow(/CHECK/);
      cancel.run('c3', siteId, openLine!.id, s.cashier.id, s.supervisor.id, t, t);
      expect(rows(store, 'SELECT bill_id FROM bill_open WHERE bill_id = ?', openLine!.id)).toEqual([]);
      expect(() => store.raw.prepare(`INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at) VALUES ('l9', ?, 'r9', 'bill', ?, 1, ?, ?)`)
        .run(siteId, openLine!.id, t, t)).toThrow(/cancelled bill line cannot be paid/);
      expect(rows(store, "SELECT kind, row_id FROM change_log WHERE table_name = 'bill_cancel'")).toEqual([{ kind: 'insert', row_id: 'c3' }]);
    } finally {
      await store.close();
    }
  });
});
