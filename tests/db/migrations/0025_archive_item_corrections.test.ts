/** 0025_archive_item_corrections: a filed item's corrections and moves are kept, append-only and captured, and can never name its code. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_12_05_0025_archive_item_corrections';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a1';

afterEach(cleanupStores);

describe('migration 0025_archive_item_corrections', () => {
  it('keeps the items as they were and adds a captured, append-only history that refuses a code among the changes', async () => {
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: staffId, username: 'admin', role: 'admin' }]);
    old.raw.exec(`INSERT INTO archive_category (id, site_id, code, name, created_at, updated_at) VALUES ('ac1', '${siteId}', 1, '综合管理类', '${T0}', '${T0}');
      INSERT INTO archive_class (id, site_id, category_code, code, name, default_retention, created_at, updated_at) VALUES ('al1', '${siteId}', 1, 4, '安全管理', '30', '${T0}', '${T0}');
      INSERT INTO archive_department (id, site_id, code, name, created_at, updated_at) VALUES ('ad7', '${siteId}', '07', '客户服务部', '${T0}', '${T0}');
      INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, box, created_at, updated_at)
        VALUES ('ai1', '${siteId}', 1, 4, '07', 1, '1.4.07—1', '消防安全巡查记录', 2026, '30', 'paper', '12', '${T0}', '${T0}')`);

    const store = await migrateThrough(old, name);
    expect(rows(store, 'SELECT id, ref_code, box FROM archive_item')).toEqual([{ id: 'ai1', ref_code: '1.4.07—1', box: '12' }]);
    const add = store.raw.prepare(`INSERT INTO archive_correction (id, site_id, item_id, kind, changes, reason, done_by, created_at, updated_at)
      VALUES (?, '${siteId}', 'ai1', ?, ?, ?, '${staffId}', '${T0}', '${T0}')`);
    add.run('c1', 'move', '{"box":["12","30"]}', '库房整理');
    expect(() => add.run('c2', 'correct', '{"ref_code":["1.4.07—1","1.4.07—2"]}', '改号')).toThrow(/CHECK/);
    expect(() => add.run('c3', 'correct', '{}', '无变化')).toThrow(/CHECK/);
    expect(() => add.run('c4', 'rename', '{"title":["a","b"]}', '改名')).toThrow(/CHECK/);
    expect(() => add.run('c5', 'correct', '{"title":["a","b"]}', '')).toThrow(/CHECK/);
    expect(rows(store, "SELECT table_name, row_id, kind FROM change_log WHERE table_name = 'archive_correction'")).toEqual([
      { table_name: 'archive_correction', row_id: 'c1', kind: 'insert' },
    ]);
    expect(() => store.raw.exec("UPDATE archive_correction SET reason = 'x' WHERE id = 'c1'")).toThrow(/append-only/);
    expect(() => store.raw.exec("DELETE FROM archive_correction WHERE id = 'c1'")).toThrow(/append-only/);
  });
});
