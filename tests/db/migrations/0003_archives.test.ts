/** 0003_archives: the classification scheme and the indexed items, on a 0002 store. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsBefore, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0003_archives';
const siteId = '019a0000-0000-7000-8000-000000000001';

afterEach(cleanupStores);

describe('migration 0003_archives', () => {
  it('a 0002 site gains the archive tables and its standard classification scheme, logged as the migration', async () => {
    expect(Object.keys(migrationsBefore(name))).toEqual(['2026_11_23_0001_init', '2026_11_23_0002_registry']);
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: '019a0000-0000-7000-8000-0000000000a1', username: 'admin', role: 'admin' }]);
    old.raw.exec(`INSERT INTO building (id, site_id, code, name, created_at, updated_at) VALUES ('b1', '${siteId}', '1', '1栋', '${T0}', '${T0}')`);
    const staffBefore = rows(old, 'SELECT * FROM staff ORDER BY id');
    const buildingsBefore = rows(old, 'SELECT * FROM building ORDER BY id');
    const lastSeq = rows<{ n: number }>(old, 'SELECT max(seq) AS n FROM change_log')[0]!.n;

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(3);
    expect(store.backupFile).toMatch(/\.v2\..*\.bak$/);
    expect(rows(store, 'SELECT * FROM staff ORDER BY id')).toEqual(staffBefore);
    expect(rows(store, 'SELECT * FROM building ORDER BY id')).toEqual(buildingsBefore);
    expect(rows(store, 'SELECT count(*) AS n FROM archive_category WHERE site_id = ?', siteId)).toEqual([{ n: 6 }]);
    expect(rows(store, 'SELECT count(*) AS n FROM archive_class WHERE site_id = ?', siteId)).toEqual([{ n: 35 }]);
    expect(rows(store, 'SELECT count(*) AS n FROM archive_department WHERE site_id = ?', siteId)).toEqual([{ n: 14 }]);
    // the scheme of that moment: a class with its retention, a department, each category's classes after it
    expect(rows(store, 'SELECT name, default_retention, active FROM archive_class WHERE category_code = 3 AND code = 4'))
      .toEqual([{ name: '各类收文发文', default_retention: '30', active: 1 }]);
    expect(rows(store, 'SELECT name FROM archive_category WHERE code = 6')).toEqual([{ name: '荣誉实物类' }]);
    expect(rows(store, "SELECT code, name FROM archive_department WHERE code IN ('07', '14') ORDER BY code"))
      .toEqual([{ code: '07', name: '综合行政部' }, { code: '14', name: '服务中心G' }]);
    // stamped by the store's clock, ids in the order written, logged right after the older rows
    expect(rows(store, `SELECT DISTINCT created_at, updated_at FROM (SELECT created_at, updated_at FROM archive_category
      UNION ALL SELECT created_at, updated_at FROM archive_class UNION ALL SELECT created_at, updated_at FROM archive_department)`))
      .toEqual([{ created_at: T0, updated_at: T0 }]);
    const logged = rows<{ seq: number; table_name: string; row_id: string }>(store,
      "SELECT seq, table_name, row_id FROM change_log WHERE table_name LIKE 'archive_%' ORDER BY seq");
    expect(logged).toHaveLength(55);
    expect(logged.map((r) => r.seq)).toEqual(Array.from({ length: 55 }, (_, i) => lastSeq + 1 + i));
    expect(logged.map((r) => r.row_id)).toEqual(logged.map((r) => r.row_id).sort());
    expect(logged.slice(0, 6).map((r) => r.table_name)).toEqual(['archive_category', ...Array(5).fill('archive_class')]);
    const ops = rows<{ operation: string }>(store, "SELECT DISTINCT operation FROM change_log WHERE table_name LIKE 'archive_%'");
    expect(ops).toEqual([{ operation: 'store.migrate' }]);

    const triggers = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
    const expected = [
      'archive_item_capture_insert', 'archive_item_no_delete', 'archive_item_code_fixed', 'archive_item_fts_insert', 'archive_class_capture_update',
    ];
    for (const t of expected) expect(triggers.has(t), t).toBe(true);
    const t = '2026-12-01T02:00:00.000Z';
    store.raw.exec(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form,
        created_at, updated_at)
      VALUES ('a1', '${siteId}', 3, 4, '07', 1, '3.4.07—1', '关于消防演练的通知', 2026, '30', 'paper', '${t}', '${t}')`);
    expect(rows(store, "SELECT rowid FROM archive_item_fts WHERE archive_item_fts MATCH '\"消防演练\"'")).toHaveLength(1);
    // an item for a class the scheme does not have is refused by the store itself
    expect(() => store.raw.exec(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form,
        created_at, updated_at)
      VALUES ('a2', '${siteId}', 3, 12, '07', 1, '3.12.07—1', 'x', 2026, '30', 'paper', '${t}', '${t}')`)).toThrow(/FOREIGN KEY/);
    // a reference code never changes, and an item is never deleted
    expect(() => store.raw.exec("UPDATE archive_item SET seq = 2 WHERE id = 'a1'")).toThrow(/never changes/);
    expect(() => store.raw.exec("DELETE FROM archive_item WHERE id = 'a1'")).toThrow(/never deleted/);
  });

  it('a store with no site yet gains the archive tables and no scheme: set-up writes it later', async () => {
    const store = await migrateThrough(await storeBefore(name), name);
    expect(store.version).toBe(3);
    const scheme = 'SELECT (SELECT count(*) FROM archive_category) + (SELECT count(*) FROM archive_class) + (SELECT count(*) FROM archive_department) AS n';
    expect(rows(store, scheme)).toEqual([{ n: 0 }]);
    expect(rows(store, 'SELECT count(*) AS n FROM change_log')).toEqual([{ n: 0 }]);
  });
});
