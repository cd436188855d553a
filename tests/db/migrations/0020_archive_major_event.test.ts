/** 0020_archive_major_event: catalogue items gain a major-event mark, set where the title says 重大, captured like the rest. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_12_05_0020_archive_major_event';
const siteId = '019a0000-0000-7000-8000-000000000001';

afterEach(cleanupStores);

describe('migration 0020_archive_major_event', () => {
  it('marks the items whose title says 重大 as major events, leaves the others unmarked, and captures the new column', async () => {
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: '019a0000-0000-7000-8000-0000000000a1', username: 'admin', role: 'admin' }]);
    old.raw.exec(`INSERT INTO archive_category (id, site_id, code, name, created_at, updated_at) VALUES ('ac1', '${siteId}', 1, '综合管理类', '${T0}', '${T0}');
      INSERT INTO archive_class (id, site_id, category_code, code, name, default_retention, created_at, updated_at) VALUES ('al1', '${siteId}', 1, 4, '安全管理', '30', '${T0}', '${T0}');
      INSERT INTO archive_department (id, site_id, code, name, created_at, updated_at) VALUES ('ad7', '${siteId}', '07', '客户服务部', '${T0}', '${T0}')`);
    const item = old.raw.prepare(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, created_at, updated_at)
      VALUES (?, '${siteId}', 1, 4, '07', ?, ?, ?, 2026, '30', 'paper', '${T0}', '${T0}')`);
    item.run('ai1', 1, '1.4.07—1', '台风重大事件处置记录');
    item.run('ai2', 2, '1.4.07—2', '消防安全巡查记录');

    const store = await migrateThrough(old, name);
    expect(rows(store, 'SELECT id, major_event FROM archive_item ORDER BY id')).toEqual([{ id: 'ai1', major_event: 1 }, { id: 'ai2', major_event: 0 }]);
    const logged = rows<{ row_id: string; after: string }>(store, "SELECT row_id, after FROM change_log WHERE table_name = 'archive_item' ORDER BY seq DESC LIMIT 1")[0]!;
    expect([logged.row_id, JSON.parse(logged.after).major_event]).toEqual(['ai1', 1]);
    expect(() => store.raw.prepare("UPDATE archive_item SET major_event = 2 WHERE id = 'ai2'").run()).toThrow(/CHECK/);
  });
});
