/** 0017_archive_corrections: class 3.4 takes the scheme's name 各类收文、发文; a site's own name stays. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_12_05_0017_archive_corrections';
const siteId = '019a0000-0000-7000-8000-000000000001';

afterEach(cleanupStores);

describe('migration 0017_archive_corrections', () => {
  it('renames the seeded class 3.4 to 各类收文、发文, leaves the other classes alone, and logs the change', async () => {
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: '019a0000-0000-7000-8000-0000000000a1', username: 'admin', role: 'admin' }]);
    old.raw.exec(`INSERT INTO archive_category (id, site_id, code, name, created_at, updated_at) VALUES ('ac3', '${siteId}', 3, '文书类', '${T0}', '${T0}');
      INSERT INTO archive_class (id, site_id, category_code, code, name, default_retention, created_at, updated_at) VALUES
      ('al4', '${siteId}', 3, 4, '各类收文发文', '30', '${T0}', '${T0}'),
      ('al3', '${siteId}', 3, 3, '请示报告批复', '30', '${T0}', '${T0}')`);
    const logBefore = rows<{ n: number }>(old, 'SELECT count(*) AS n FROM change_log')[0]!.n;

    const store = await migrateThrough(old, name);
    expect(rows(store, 'SELECT id, name FROM archive_class ORDER BY id')).toEqual([
      { id: 'al3', name: '请示报告批复' }, { id: 'al4', name: '各类收文、发文' },
    ]);
    const logged = rows<{ table_name: string; row_id: string }>(store, 'SELECT table_name, row_id FROM change_log ORDER BY seq DESC LIMIT 1');
    expect(rows<{ n: number }>(store, 'SELECT count(*) AS n FROM change_log')[0]!.n).toBe(logBefore + 1);
    expect(logged[0]).toEqual({ table_name: 'archive_class', row_id: 'al4' });
  });
});
