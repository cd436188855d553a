/**
 * 0013_sync_reference: a 0011 store with a receipt and an exported batch migrates; the
 * batch record keeps every column (as a change batch), receipts stay and their numbers are
 * unique per site from now on, notices arrive captured, and head office's rows are guarded:
 * a change the store would log itself to a row head office owns is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite } from './fee-site-sql.js';

const name = '2026_12_05_0013_sync_reference';

afterEach(cleanupStores);

describe('migration 0013_sync_reference', () => {
  it('keeps receipts and batch records, adds notices with capture, makes receipt numbers unique per site and guards head office\'s rows', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    old.raw.exec(`
      INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('r1', '${SITE_ID}', 'payment', 2026, 1, 'SJ-2026-000001', '${ROOMS.r101}', 100, '${STAFF.cashier}', '2026-11-23', '${T0}', '${T0}');
      INSERT INTO sync_batch (direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at)
        VALUES ('out', '${SITE_ID}', 1, 10, 10, 'h', 'f', 'HZ-01/000000000001-000000000010.fdsync', 11, '${T0}');
      INSERT INTO fee_item (id, site_id, code, name, kind, meter, unit, applies_to, created_at, updated_at)
        VALUES ('item-gxf', '${SITE_ID}', 'GXF', '公摊费', 'area', NULL, 'm²', 'all', '${T0}', '${T0}');`);
    const receipts = rows(old, 'SELECT * FROM receipt ORDER BY id');
    const batches = rows(old, 'SELECT * FROM sync_batch');

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT * FROM receipt ORDER BY id')).toEqual(receipts);
    expect(rows(store, 'SELECT * FROM sync_batch')).toEqual(batches.map((b) => ({ ...b, kind: 'changes' })));
    // a second receipt with the same number at the same site is refused by the store
    expect(() => store.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('r2', '${SITE_ID}', 'payment', 2026, 2, 'SJ-2026-000001', '${ROOMS.r101}', 100, '${STAFF.cashier}', '2026-11-23', '${T0}', '${T0}')`)).toThrow(/UNIQUE/);
    // a reference batch may hold fewer rows than its range is wide
    store.raw.exec(`INSERT INTO sync_batch (direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at, kind)
        VALUES ('in', 'ho', 1, 50, 3, 'h', 'f', 'head-office/x.fdsync', 13, '${T0}', 'reference')`);

    // notices are captured like every table of site data
    const before = rows<{ n: number }>(store, 'SELECT count(*) AS n FROM change_log')[0]!.n;
    store.raw.exec(`INSERT INTO notice (id, site_id, title, body, published_on, created_at, updated_at) VALUES ('n1', '${SITE_ID}', '通知', '', '2026-12-01', '${T0}', '${T0}')`);
    expect(rows(store, "SELECT table_name, kind FROM change_log WHERE row_id = 'n1'")).toEqual([{ table_name: 'notice', kind: 'insert' }]);
    expect(rows<{ n: number }>(store, 'SELECT count(*) AS n FROM change_log')[0]!.n).toBe(before + 1);

    // once head office owns the fee item, the store refuses the site's own change to it; other rows stay the site's
    store.raw.exec(`INSERT INTO head_office_row (table_name, row_id, ho_id, at) VALUES ('fee_item', 'item-gxf', 'ho-item', '${T0}')`);
    expect(() => store.raw.exec(`UPDATE fee_item SET name = '改名' WHERE id = 'item-gxf'`)).toThrow(/head office owns this row/);
    expect(rows(store, "SELECT name FROM fee_item WHERE id = 'item-gxf'")).toEqual([{ name: '公摊费' }]);
    store.raw.exec(`UPDATE notice SET title = '通知（改）' WHERE id = 'n1'`);
  });
});
