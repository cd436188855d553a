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
