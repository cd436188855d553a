/**
 * 0027_bill_open_paid_in_full: a payment line removes a bill paid in full from the open lines
 * at once and lowers what a part payment leaves; the open lines stay what is owed computed
 * from scratch through part payments, payments in full, a refused overpayment and a void.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite, insertGeneratedBills, openLinesFromScratch } from './fee-site-sql.js';

const name = '2026_12_07_0027_bill_open_paid_in_full';
const AT = '2026-12-07T02:00:00.000Z';

afterEach(cleanupStores);

describe('migration 0027_bill_open_paid_in_full', () => {
  it('keeps what each bill owes through part payments, payments in full, a refused overpayment and a void', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    insertGeneratedBills(old.raw, '2026-11', '2026-11-30');
    const openBefore = rows(old, 'SELECT * FROM bill_open ORDER BY bill_id');

    const store = await migrateThrough(old, name);
    expect(rows(store, 'SELECT * FROM bill_open ORDER BY bill_id')).toEqual(openBefore);
    const trigger = rows<{ sql: string }>(store, "SELECT sql FROM sqlite_master WHERE name = 'bill_open_on_line'")[0]!.sql;
    expect(trigger.indexOf('DELETE FROM bill_open')).toBeLessThan(trigger.indexOf('UPDATE bill_open'));

    let seq = 0;
    const pay = (bill: string, amount: number) => {
      seq++;
      store.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
          VALUES ('p${seq}', '${SITE_ID}', 'payment', 2026, ${seq}, 'SJ-2026-${String(seq).padStart(6, '0')}', '${ROOMS.r101}', ${amount},
            '${STAFF.cashier}', '2026-12-07', '${AT}', '${AT}');
        INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
          VALUES ('pl${seq}', '${SITE_ID}', 'p${seq}', 'bill', '${bill}', ${amount}, '${AT}', '${AT}')`);
    };
    const owed = (bill: string) => rows<{ owed: number }>(store, 'SELECT owed FROM bill_open WHERE bill_id = ?', bill).map((r) => r.owed);
    const agrees = () => {
      const { derived, scratch } = openLinesFromScratch(store.raw);
      expect(derived).toEqual(scratch);
    };

    const property = `bill-2026-11-${ROOMS.r101}-wyf`; // 89.50 m² × 2.35 元 = 210.33 元
    const refuse = `bill-2026-11-${ROOMS.r101}-ljf`; // 15.00 元
    pay(property, 10_000);
    expect(owed(property)).toEqual([11_033]);
    agrees();
    pay(property, 11_033);
    expect(owed(property)).toEqual([]);
    agrees();
    pay(refuse, 1_500);
    expect(owed(refuse)).toEqual([]);
    agrees();

    // nothing is left to pay: the line is refused and the open lines are as they were
    const before = rows(store, 'SELECT * FROM bill_open ORDER BY bill_id');
    expect(() => pay(refuse, 1)).toThrow(/paid beyond what it owes/);
    expect(rows(store, 'SELECT * FROM bill_open ORDER BY bill_id')).toEqual(before);

    // voiding the part payment opens the property fee again for what that receipt paid
    store.raw.exec(`INSERT INTO receipt_void (id, site_id, receipt_id, day, reason, voided_by, approved_by, created_at, updated_at)
      VALUES ('v1', '${SITE_ID}', 'p1', '2026-12-07', '收错房号', '${STAFF.cashier}', '${STAFF.supervisor}', '${AT}', '${AT}')`);
    expect(owed(property)).toEqual([10_000]);
    agrees();
  });
});
