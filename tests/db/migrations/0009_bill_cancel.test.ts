/** 0009_bill_cancel: cancelling a charge issued in error, on a store with bills and a payment. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite, insertGeneratedBills } from './fee-site-sql.js';

const name = '2026_11_23_0009_bill_cancel';

afterEach(cleanupStores);

describe('migration 0009_bill_cancel', () => {
  it('a store with bills and a payment gains cancellations; the store refuses to cancel a paid line or pay a cancelled one', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    insertGeneratedBills(old.raw, '2026-10', '2026-10-31');
    // room 101's two lines of October: a payment of 1.00 on the first, written as the program before this one did
    const [paidLine, openLine] = rows<{ id: string }>(old, "SELECT id FROM bill WHERE room_id = ? AND period = '2026-10' ORDER BY id", ROOMS.r101);
    const at = '2026-11-23T02:00:00.000Z';
    old.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('r1', '${SITE_ID}', 'payment', 2026, 1, 'SJ-2026-000001', '${ROOMS.r101}', 100, '${STAFF.cashier}', '2026-11-23', '${at}', '${at}');
      INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
        VALUES ('l1', '${SITE_ID}', 'r1', 'bill', '${paidLine!.id}', 100, '${at}', '${at}');`);
    const billsBefore = rows(old, 'SELECT * FROM bill ORDER BY id');

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT * FROM bill ORDER BY id')).toEqual(billsBefore);
    const t = '2026-12-01T02:00:00.000Z';
    const cancel = store.raw.prepare(`INSERT INTO bill_cancel (id, site_id, bill_id, reason, cancelled_by, approved_by, created_at, updated_at)
      VALUES (?, ?, ?, '录入错误', ?, ?, ?, ?)`);
    expect(() => cancel.run('c1', SITE_ID, paidLine!.id, STAFF.cashier, STAFF.supervisor, t, t)).toThrow(/void the receipt first/);
    expect(() => cancel.run('c2', SITE_ID, openLine!.id, STAFF.cashier, STAFF.cashier, t, t)).toThrow(/CHECK/);
    cancel.run('c3', SITE_ID, openLine!.id, STAFF.cashier, STAFF.supervisor, t, t);
    expect(rows(store, 'SELECT bill_id FROM bill_open WHERE bill_id = ?', openLine!.id)).toEqual([]);
    expect(() => store.raw.prepare(`INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
      VALUES ('l9', ?, 'r9', 'bill', ?, 1, ?, ?)`)
      .run(SITE_ID, openLine!.id, t, t)).toThrow(/cancelled bill line cannot be paid/);
    expect(rows(store, "SELECT kind, row_id FROM change_log WHERE table_name = 'bill_cancel'")).toEqual([{ kind: 'insert', row_id: 'c3' }]);
    // a cancellation is final
    expect(() => store.raw.exec("DELETE FROM bill_cancel WHERE id = 'c3'")).toThrow(/append-only/);
  });
});
