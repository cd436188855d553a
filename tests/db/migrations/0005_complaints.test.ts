/** 0005_complaints: the complaint and repair ledger, on the store before it. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsBefore, migrationsThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0005_complaints';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a1';

afterEach(cleanupStores);

describe('migration 0005_complaints', () => {
  it('the store before it gains the ledger tables, its guards and search, and keeps its rows', async () => {
    // it assumes nothing of the store before it beyond site, staff, room and building
    expect(Object.keys(migrationsBefore(name))).toContain('2026_11_23_0002_registry');
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: staffId, username: 'admin', role: 'admin' }]);
    const tablesBefore = rows<{ name: string }>(old, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    const staffBefore = rows(old, 'SELECT * FROM staff ORDER BY id');

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT * FROM staff ORDER BY id')).toEqual(staffBefore);
    const tables = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables.filter((t) => !tablesBefore.includes(t) && !t.startsWith('complaint_case_fts_')))
      .toEqual(['complaint_case', 'complaint_case_fts', 'complaint_category', 'complaint_event']);
    const t = '2026-12-01T02:00:00.000Z';
    const insert = (id: string, no: string, seq: number) => store.raw.exec(`INSERT INTO complaint_case (id, site_id, case_no, year, seq, kind, channel,
      complainant, category, severity, matter, received_at, receiver_id, due_at, manager_at, created_at, updated_at)
      VALUES ('${id}', '${siteId}', '${no}', 2026, ${seq}, 'complaint', 'phone', '张先生', 'noise', 'ordinary', '楼上装修电钻噪音扰民',
      '${t}', '${staffId}', '${t}', '${t}', '${t}', '${t}')`);
    insert('c1', '2026-00001', 1);
    expect(rows(store, "SELECT rowid FROM complaint_case_fts WHERE complaint_case_fts MATCH '\"电钻噪音\"'")).toHaveLength(1);
    expect(rows<{ n: number }>(store, "SELECT count(*) AS n FROM change_log WHERE table_name = 'complaint_case'")[0]!.n).toBe(1);
    // the store itself keeps the ledger honest
    expect(() => insert('c2', '2026-00002', 1)).toThrow(/UNIQUE/);
    expect(() => store.raw.exec("DELETE FROM complaint_case WHERE id = 'c1'")).toThrow(/never deleted/);
    expect(() => store.raw.exec("UPDATE complaint_case SET stage = 'replied' WHERE id = 'c1'")).toThrow(/stages go in order/);
    expect(() => store.raw.exec("UPDATE complaint_case SET matter = 'x' WHERE id = 'c1'")).toThrow(/never rewritten/);
    store.raw.exec("UPDATE complaint_case SET stage = 'handling' WHERE id = 'c1'");
    store.raw.exec(`INSERT INTO complaint_event (id, site_id, case_id, at, event, created_at, updated_at)
      VALUES ('e1', '${siteId}', 'c1', '${t}', 'received', '${t}', '${t}')`);
    expect(() => store.raw.exec("UPDATE complaint_event SET event = 'note'")).toThrow(/append-only/);
  });
});
