/** 0004_fees: fee items and rates, bills, receipts and their guards, on a 0003 store. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsBefore, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0004_fees';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a2';

afterEach(cleanupStores);

describe('migration 0004_fees', () => {
  it('a 0003 site with a building gains the fee tables; receipts refuse a gap and a bill line refuses overpayment in the store itself', async () => {
    expect(Object.keys(migrationsBefore(name))).toEqual(['2026_11_23_0001_init', '2026_11_23_0002_registry', '2026_11_23_0003_archives']);
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [
      { id: '019a0000-0000-7000-8000-0000000000a1', username: 'admin', role: 'admin' },
      { id: staffId, username: 'desk', role: 'supervisor' },
    ]);
    old.raw.exec(`INSERT INTO building (id, site_id, code, name, created_at, updated_at)
      VALUES ('019a0000-0000-7000-8000-0000000000d1', '${siteId}', '1', '1栋', '${T0}', '${T0}')`);
    const buildingsBefore = rows(old, 'SELECT * FROM building');

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(4);
    expect(store.backupFile).toMatch(/\.v3\..*\.bak$/);
    expect(rows(store, 'SELECT * FROM building')).toEqual(buildingsBefore);
    const tables = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
    const feeTables = [
      'fee_item', 'fee_rate', 'bill', 'receipt', 'receipt_line', 'receipt_payment', 'receipt_void', 'receipt_print',
      'day_close', 'meter_reading', 'dunning_log',
    ];
    for (const t of feeTables) expect(tables.has(t), t).toBe(true);
    const t = '2026-12-01T02:00:00.000Z';
    const bId = rows<{ id: string }>(store, 'SELECT id FROM building')[0]!.id;
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
    expect(() => store.raw.exec('UPDATE receipt SET total = 1')).toThrow(/append-only/);
    expect(() => store.raw.exec('DELETE FROM receipt_line')).toThrow(/append-only/);
    // what the line still owes is kept as it is paid: nothing, once paid in full
    expect(rows(store, "SELECT owed FROM bill_open WHERE bill_id = 'b1'")).toEqual([]);
  });
});
