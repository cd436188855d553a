/** 0006_archive_loans: scans, requests, loans, the register and appraisals, on the store before it. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsBefore, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0006_archive_loans';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a2';
const itemId = '019a0000-0000-7000-8000-0000000000e1';

afterEach(cleanupStores);

describe('migration 0006_archive_loans', () => {
  it('a store at the migration before it, with a filed item, gains scans, requests, loans, the register and appraisals, and keeps its rows', async () => {
    // whatever ran before (other areas' migrations may sit between 0003 and this one)
    const before = migrationsBefore(name);
    expect(Object.keys(before)).toContain('2026_11_23_0003_archives');
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [
      { id: '019a0000-0000-7000-8000-0000000000a1', username: 'admin', role: 'admin' },
      { id: staffId, username: 'zhao.dang', role: 'archivist' },
    ]);
    // the piece of the scheme the item is filed under, and the item (3.4.07—1) as the desk filed it
    old.raw.exec(`INSERT INTO archive_category (id, site_id, code, name, created_at, updated_at) VALUES ('ac3', '${siteId}', 3, '文书类', '${T0}', '${T0}');
      INSERT INTO archive_class (id, site_id, category_code, code, name, default_retention, created_at, updated_at)
        VALUES ('al4', '${siteId}', 3, 4, '各类收文发文', '30', '${T0}', '${T0}');
      INSERT INTO archive_department (id, site_id, code, name, created_at, updated_at) VALUES ('ad7', '${siteId}', '07', '综合行政部', '${T0}', '${T0}');
      INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, created_at, updated_at)
        VALUES ('${itemId}', '${siteId}', 3, 4, '07', 1, '3.4.07—1', '关于消防演练的通知', 2015, '30', 'paper', '${T0}', '${T0}')`);
    const itemsBefore = rows(old, 'SELECT * FROM archive_item');
    expect(itemsBefore).toHaveLength(1);
    const versionBefore = Object.keys(before).length;

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(versionBefore + 1);
    expect(rows(store, 'SELECT * FROM archive_item')).toEqual(itemsBefore);
    // the browse tree's counts start from the items already filed
    expect(rows(store, 'SELECT category_code, class_code, n FROM archive_class_count')).toEqual([{ category_code: 3, class_code: 4, n: 1 }]);
    const tables = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
    for (const t of ['archive_scan', 'archive_request', 'archive_request_item', 'archive_loan', 'archive_register', 'archive_appraisal']) {
      expect(tables.has(t), t).toBe(true);
    }
    const t = '2026-12-01T02:00:00.000Z';
    const ins = (sql: string) => store.raw.exec(sql);
    ins(`INSERT INTO archive_request (id, site_id, kind, requester, purpose, due_on, entered_by, created_at, updated_at)
      VALUES ('q1', '${siteId}', 'borrow', '李四', '审计', '2026-12-10', '${staffId}', '${t}', '${t}')`);
    ins(`INSERT INTO archive_loan (id, site_id, item_id, request_id, borrower, lent_by, lent_at, due_on, created_at, updated_at)
      VALUES ('l1', '${siteId}', '${itemId}', 'q1', '李四', '${staffId}', '${t}', '2026-12-10', '${t}', '${t}')`);
    // one open loan per item, in the store itself
    expect(() => ins(`INSERT INTO archive_loan (id, site_id, item_id, request_id, borrower, lent_by, lent_at, due_on, created_at, updated_at)
      VALUES ('l2', '${siteId}', '${itemId}', 'q1', '王五', '${staffId}', '${t}', '2026-12-10', '${t}', '${t}')`)).toThrow(/UNIQUE/);
    ins(`UPDATE archive_loan SET returned_at = '${t}', return_condition = 'good' WHERE id = 'l1'`);
    expect(() => ins(`UPDATE archive_loan SET return_condition = 'damaged' WHERE id = 'l1'`)).toThrow(/final/);
    // a borrow request needs a due date; the register is append-only
    expect(() => ins(`INSERT INTO archive_request (id, site_id, kind, requester, purpose, entered_by, created_at, updated_at)
      VALUES ('q2', '${siteId}', 'borrow', '李四', '审计', '${staffId}', '${t}', '${t}')`)).toThrow(/CHECK/);
    ins(`INSERT INTO archive_register (id, site_id, item_id, ref_code, event, staff_id, at, created_at, updated_at)
      VALUES ('g1', '${siteId}', '${itemId}', '3.4.07—1', 'lent', '${staffId}', '${t}', '${t}', '${t}')`);
    expect(() => ins(`DELETE FROM archive_register WHERE id = 'g1'`)).toThrow(/append-only/);
    expect(rows(store, "SELECT table_name, kind FROM change_log WHERE table_name IN ('archive_loan', 'archive_register') ORDER BY seq")).toEqual([
      { table_name: 'archive_loan', kind: 'insert' }, { table_name: 'archive_loan', kind: 'update' }, { table_name: 'archive_register', kind: 'insert' },
    ]);
    // a destroyed item stays destroyed
    ins(`UPDATE archive_item SET status = 'destroyed' WHERE id = '${itemId}'`);
    expect(() => ins(`UPDATE archive_item SET status = 'in' WHERE id = '${itemId}'`)).toThrow(/stays destroyed/);
    // an item filed after the migration is counted too
    ins(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, retention, form, created_at, updated_at)
      VALUES ('i2', '${siteId}', 3, 4, '07', 2, '3.4.07—2', '关于电梯年检的通知', 2016, '30', 'paper', '${t}', '${t}')`);
    expect(rows(store, 'SELECT n FROM archive_class_count')).toEqual([{ n: 2 }]);
  });
});
