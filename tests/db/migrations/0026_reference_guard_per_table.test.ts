/**
 * 0026_reference_guard_per_table: the guard on head office's rows leaves the change log for
 * the owned tables. A change the store would log itself to a row head office owns is still
 * refused (insert, update, delete); applied rows (capture off) and the site's other rows
 * pass; and the change log has no insert trigger left to slow every change row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, storeBefore } from '../../helpers/migrations.js';
import { insertFeeSite, SITE_ID } from './fee-site-sql.js';

const name = '2026_12_05_0026_reference_guard_per_table';

afterEach(cleanupStores);

describe('migration 0026_reference_guard_per_table', () => {
  it('still refuses the site\'s own change to a row head office owns, lets applied rows through, and leaves the change log without insert triggers', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    old.raw.exec(`
      INSERT INTO fee_item (id, site_id, code, name, kind, meter, unit, applies_to, created_at, updated_at)
        VALUES ('item-gxf', '${SITE_ID}', 'GXF', '公摊费', 'area', NULL, 'm²', 'all', '${T0}', '${T0}');
      INSERT INTO head_office_row (table_name, row_id, ho_id, at) VALUES ('fee_item', 'item-gxf', 'ho-item', '${T0}');`);
    const items = rows(old, 'SELECT * FROM fee_item ORDER BY id');
    const log = rows(old, 'SELECT * FROM change_log ORDER BY site_id, seq');

    const store = await migrateThrough(old, name);
    expect(rows(store, 'SELECT * FROM fee_item ORDER BY id')).toEqual(items);
    expect(rows(store, 'SELECT * FROM change_log ORDER BY site_id, seq')).toEqual(log);
    expect(rows(store, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_log' AND sql LIKE '%INSERT ON change_log%'")).toEqual([]);

    const owned = /head office owns this row/;
    expect(() => store.raw.exec("UPDATE fee_item SET name = '改名' WHERE id = 'item-gxf'")).toThrow(owned);
    expect(() => store.raw.exec("DELETE FROM fee_item WHERE id = 'item-gxf'")).toThrow(owned);
    store.raw.exec(`INSERT INTO head_office_row (table_name, row_id, ho_id, at) VALUES ('notice', 'n-ho', 'ho-notice', '${T0}')`);
    expect(() => store.raw.exec(`INSERT INTO notice (id, site_id, title, body, published_on, created_at, updated_at)
      VALUES ('n-ho', '${SITE_ID}', '通知', '', '2026-12-01', '${T0}', '${T0}')`)).toThrow(owned);
    expect(rows(store, "SELECT name FROM fee_item WHERE id = 'item-gxf'")).toEqual([{ name: '公摊费' }]);

    // head office's own change arriving (capture off) is applied; the site's own rows stay its own
    const seqs = rows<{ n: number }>(store, 'SELECT count(*) AS n FROM change_log')[0]!.n;
    store.writeContext.capturing = false;
    store.raw.exec("UPDATE fee_item SET name = '公摊分摊费' WHERE id = 'item-gxf'");
    store.writeContext.capturing = true;
    expect(rows(store, "SELECT name FROM fee_item WHERE id = 'item-gxf'")).toEqual([{ name: '公摊分摊费' }]);
    expect(rows<{ n: number }>(store, 'SELECT count(*) AS n FROM change_log')[0]!.n).toBe(seqs);
    store.raw.exec(`INSERT INTO fee_item (id, site_id, code, name, kind, meter, unit, applies_to, created_at, updated_at)
      VALUES ('item-own', '${SITE_ID}', 'TCF', '停车费', 'fixed', NULL, '月', 'all', '${T0}', '${T0}')`);
    store.raw.exec("UPDATE fee_item SET name = '停车管理费' WHERE id = 'item-own'");
    expect(rows(store, "SELECT kind FROM change_log WHERE row_id = 'item-own' ORDER BY seq")).toEqual([{ kind: 'insert' }, { kind: 'update' }]);
  });
});
