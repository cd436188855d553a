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

const tested = ['2026_11_23_0001_init', '2026_11_23_0002_registry', '2026_11_23_0003_archives', '2026_11_23_0004_fees', '2026_11_23_0005_complaints', '2026_11_23_0006_archive_loans', '2026_11_23_0007_name_grams', '2026_11_23_0008_fees_room_index', '2026_11_23_0009_bill_cancel'];

describe('migrations', () => {
  it('has an N−1 → N test for every migration in the registry', () => {
    expect(migrationNames).toEqual(tested);
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
