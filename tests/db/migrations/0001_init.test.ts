/** 0001_init: the foundation, from an empty file. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsBefore, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0001_init';

afterEach(cleanupStores);

describe('migration 0001_init', () => {
  it('from an empty file, creates the foundation tables, their triggers, and working change capture', async () => {
    expect(Object.keys(migrationsBefore(name))).toEqual([]);
    const empty = await storeBefore(name);
    expect(empty.version).toBe(0);
    const store = await migrateThrough(empty, name);
    expect(store.version).toBe(1);
    expect(store.raw.pragma('user_version', { simple: true })).toBe(1);

    const tables = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name")
      .map((r) => r.name);
    expect(tables).toEqual(['audit_event', 'change_log', 'setting', 'site', 'staff']);

    const triggers = rows<{ name: string; tbl_name: string }>(store, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
    const expected = [
      ...['site', 'setting', 'staff', 'audit_event'].flatMap((t) => ['insert', 'update', 'delete'].map((k) => ({ name: `${t}_capture_${k}`, tbl_name: t }))),
      { name: 'change_log_no_update', tbl_name: 'change_log' },
      { name: 'change_log_no_delete', tbl_name: 'change_log' },
      { name: 'audit_event_no_update', tbl_name: 'audit_event' },
      { name: 'audit_event_no_delete', tbl_name: 'audit_event' },
      { name: 'staff_no_delete', tbl_name: 'staff' },
    ];
    expect(triggers).toEqual(expect.arrayContaining(expected));
    expect(triggers).toHaveLength(expected.length);

    const indexes = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['change_log_at', 'change_log_row', 'change_log_actor', 'audit_event_at']));

    // capture works: a write in an operation's context lands in change_log with seq 1
    store.writeContext.actorId = null;
    store.writeContext.operation = 'test.write';
    store.raw.prepare("INSERT INTO site (id, site_id, code, name, created_at, updated_at) VALUES ('s1', 's1', 'T1', '测试站', 'a', 'a')").run();
    store.writeContext.operation = null;
    expect(rows(store, 'SELECT site_id, seq, operation, table_name, row_id, kind, before, after FROM change_log')).toEqual([{
      site_id: 's1', seq: 1, operation: 'test.write', table_name: 'site', row_id: 's1', kind: 'insert', before: null,
      after: JSON.stringify({ id: 's1', site_id: 's1', created_at: 'a', updated_at: 'a', code: 'T1', name: '测试站' }),
    }]);
    // the password hash never reaches the log, and the audit trail and log refuse changes
    store.raw.exec(`INSERT INTO staff (id, site_id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
      VALUES ('u1', 's1', 'admin', '王管理', 'admin', 'secret-hash', 'a', 'a', 'a')`);
    expect(rows<{ after: string }>(store, "SELECT after FROM change_log WHERE table_name = 'staff'")[0]!.after).not.toContain('secret-hash');
    expect(() => store.raw.exec("DELETE FROM staff WHERE id = 'u1'")).toThrow(/never deleted/);
    expect(() => store.raw.exec('DELETE FROM change_log')).toThrow(/append-only/);
  });
});
