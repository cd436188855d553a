/** 0022_receipt_number_skip: lost receipt numbers share the receipts' gapless sequence, on a store with two paid receipts. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite } from './fee-site-sql.js';

const name = '2026_12_05_0022_receipt_number_skip';

afterEach(cleanupStores);

describe('migration 0022_receipt_number_skip', () => {
  it('keeps earlier receipts; a lost number must be the next one, and a receipt after it can neither reuse it nor leave a hole', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    const at = '2026-12-05T02:00:00.000Z';
    const receipt = (id: string, seq: number) => `INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
      VALUES ('${id}', '${SITE_ID}', 'payment', 2026, ${seq}, 'SJ-2026-00000${seq}', '${ROOMS.r101}', 100, '${STAFF.cashier}', '2026-12-05', '${at}', '${at}')`;
    old.raw.exec(`${receipt('r1', 1)}; ${receipt('r2', 2)};`);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT id, seq FROM receipt ORDER BY seq')).toEqual([{ id: 'r1', seq: 1 }, { id: 'r2', seq: 2 }]);
    const t = '2026-12-05T09:00:00.000Z';
    const skip = store.raw.prepare(`INSERT INTO receipt_number_skip (id, site_id, kind, year, seq, number, cause, reason, done_by, created_at, updated_at)
      VALUES (?, '${SITE_ID}', 'payment', 2026, ?, ?, ?, ?, '${STAFF.supervisor}', '${t}', '${t}')`);
    expect(() => skip.run('k0', 2, 'SJ-2026-000002', 'lost', '纸质收据已核对')).toThrow(/gapless/);
    expect(() => skip.run('k0', 4, 'SJ-2026-000004', 'lost', '纸质收据已核对')).toThrow(/gapless/);
    expect(() => skip.run('k0', 3, 'SJ-2026-000003', 'spoiled', '纸质收据已核对')).toThrow(/CHECK/);
    expect(() => skip.run('k0', 3, 'SJ-2026-000003', 'lost', '')).toThrow(/CHECK/);
    skip.run('k3', 3, 'SJ-2026-000003', 'lost', '纸质收据已核对');
    expect(() => store.raw.exec(receipt('r3', 3))).toThrow(/gapless/);
    expect(() => store.raw.exec(receipt('r5', 5))).toThrow(/gapless/);
    store.raw.exec(receipt('r4', 4));
    expect(rows(store, `SELECT table_name, row_id, json_extract(after, '$.cause') AS cause FROM change_log WHERE row_id IN ('k3', 'r4') ORDER BY seq`)).toEqual([
      { table_name: 'receipt_number_skip', row_id: 'k3', cause: 'lost' },
      { table_name: 'receipt', row_id: 'r4', cause: null },
    ]);
    expect(() => store.raw.exec("DELETE FROM receipt_number_skip WHERE id = 'k3'")).toThrow(/append-only/);
    expect(() => store.raw.exec("UPDATE receipt_number_skip SET reason = 'x' WHERE id = 'k3'")).toThrow(/append-only/);
  });
});
