/** 0008_fees_room_index: a room's bills found through what it owes, not an index of every bill. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ITEMS, ROOMS, SITE_ID, STAFF, insertFeeSite, insertGeneratedBills, openLinesFromScratch } from './fee-site-sql.js';

const name = '2026_11_23_0008_fees_room_index';

afterEach(cleanupStores);

describe('migration 0008_fees_room_index', () => {
  it('bills lose their room index, open lines gain one; what rooms owe reads the same, through the new index', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    expect(insertGeneratedBills(old.raw, '2026-10', '2026-10-31')).toBe(5);
    const openBefore = rows(old, 'SELECT * FROM bill_open ORDER BY bill_id');
    expect(openBefore).toHaveLength(5);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    const indexes = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('bill', 'bill_open')")
      .map((r) => r.name);
    expect(indexes).not.toContain('bill_room');
    expect(indexes).toContain('bill_open_room');
    expect(rows(store, 'SELECT * FROM bill_open ORDER BY bill_id')).toEqual(openBefore);
    const plan = (q: string) => rows<{ detail: string }>(store, `EXPLAIN QUERY PLAN ${q}`, 'x').map((r) => r.detail).join('; ');
    expect(plan('SELECT bill_id, owed FROM bill_open WHERE room_id = ?')).toMatch(/bill_open_room/);
    // the generator's "billed already?" probe keeps its own index
    expect(plan("SELECT 1 FROM bill b WHERE b.period = '2026-10' AND b.item_id = ? AND b.room_id = 'r' AND b.source != 'manual'"))
      .toMatch(/bill_generated_once/);

    // the next month bills on the migrated store, once only, and the room's open lines list both months
    expect(insertGeneratedBills(store.raw, '2026-11', '2026-11-30')).toBe(5);
    const billAgain = store.raw.prepare(`INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on,
        created_by, created_at, updated_at)
      VALUES ('again', ?, ?, ?, '2026-11', 'generated', 8950, 23500, 21033, '2026-11-30', ?, 'a', 'a')`);
    expect(() => billAgain.run(SITE_ID, ROOMS.r101, ITEMS.property, STAFF.cashier)).toThrow(/UNIQUE/);
    const account = `SELECT b.period || ' ' || i.code AS line FROM bill_open o JOIN bill b ON b.id = o.bill_id JOIN fee_item i ON i.id = b.item_id
      WHERE o.room_id = ? ORDER BY b.period, i.code`;
    expect(rows<{ line: string }>(store, account, ROOMS.r101).map((r) => r.line)).toEqual(['2026-10 LJF', '2026-10 WYF', '2026-11 LJF', '2026-11 WYF']);
    expect(plan(account)).toMatch(/bill_open_room/);
    // a payment keeps the open lines equal to what is owed computed from scratch
    const at = '2026-12-01T02:00:00.000Z';
    store.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('p1', '${SITE_ID}', 'payment', 2026, 1, 'SJ-2026-000001', '${ROOMS.r101}', 1500, '${STAFF.cashier}', '2026-12-01', '${at}', '${at}');
      INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
        VALUES ('pl1', '${SITE_ID}', 'p1', 'bill', 'bill-2026-10-${ROOMS.r101}-ljf', 1500, '${at}', '${at}')`);
    expect(rows<{ line: string }>(store, account, ROOMS.r101).map((r) => r.line)).toEqual(['2026-10 WYF', '2026-11 LJF', '2026-11 WYF']);
    const { derived, scratch } = openLinesFromScratch(store.raw);
    expect(derived).toHaveLength(9);
    expect(derived).toEqual(scratch);
  });
});
