/** 0002_registry: buildings, units, rooms, occupants and their search, on a 0001 store. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/store/open.js';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, execAs, insertFoundation, migrateThrough, migrationsBefore, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0002_registry';

afterEach(cleanupStores);

describe('migration 0002_registry', () => {
  it('a 0001 store with a site and staff gains the registry tables, their triggers and search indexes, and keeps its rows', async () => {
    expect(Object.keys(migrationsBefore(name))).toEqual(['2026_11_23_0001_init']);

    // a store at 0001 with a site, its settings, three staff, a sign-in event and the change log of it all
    const old = await storeBefore(name);
    expect(old.version).toBe(1);
    const siteId = '019a0000-0000-7000-8000-000000000001';
    old.writeContext.operation = 'setup.init';
    insertFoundation(old.raw, siteId, [
      { id: '019a0000-0000-7000-8000-0000000000a1', username: 'admin', role: 'admin', displayName: '王管理' },
      { id: '019a0000-0000-7000-8000-0000000000a2', username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' },
      { id: '019a0000-0000-7000-8000-0000000000a3', username: 'wang.xiulan', role: 'cashier', displayName: '王秀兰' },
    ]);
    old.raw.exec(`INSERT INTO setting (id, site_id, key, value, created_at, updated_at) VALUES
        ('019a0000-0000-7000-8000-0000000000b1', '${siteId}', 'defaultLocale', '"zh-CN"', '${T0}', '${T0}'),
        ('019a0000-0000-7000-8000-0000000000b2', '${siteId}', 'utcOffsetMinutes', '480', '${T0}', '${T0}');
      INSERT INTO audit_event (id, site_id, event, actor_id, detail, created_at, updated_at) VALUES
        ('019a0000-0000-7000-8000-0000000000c1', '${siteId}', 'login.ok', '019a0000-0000-7000-8000-0000000000a1', '{"firstRun":true}', '${T0}', '${T0}')`);
    old.writeContext.operation = null;
    const keep = (s: Store) => ({
      site: rows(s, 'SELECT * FROM site ORDER BY id'),
      staff: rows(s, 'SELECT * FROM staff ORDER BY id'),
      setting: rows(s, 'SELECT * FROM setting ORDER BY id'),
      audit: rows(s, 'SELECT * FROM audit_event ORDER BY id'),
      log: rows(s, 'SELECT * FROM change_log ORDER BY site_id, seq'),
    });
    const seeded = keep(old);
    expect(seeded.staff).toHaveLength(3);
    expect(seeded.log).toHaveLength(7);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(2);
    expect(store.raw.pragma('user_version', { simple: true })).toBe(2);
    expect(store.backupFile).toMatch(/\.v1\..*\.bak$/);
    // the foundation rows (and the log that recorded them) are untouched
    expect(keep(store)).toEqual(seeded);

    const tables = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name")
      .map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining([
      'building', 'unit', 'room', 'occupant', 'occupant_fts', 'occupant_gram', 'household_member', 'vehicle', 'parking_space',
    ]));
    const fts = rows<{ sql: string }>(store, "SELECT sql FROM sqlite_master WHERE name = 'occupant_fts'")[0]!.sql;
    expect(fts).toMatch(/fts5/i);
    expect(fts).toMatch(/trigram/);

    const triggers = new Set(rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
    for (const t of ['building', 'unit', 'room', 'occupant', 'household_member', 'vehicle', 'parking_space']) {
      for (const k of ['insert', 'update', 'delete']) expect(triggers.has(`${t}_capture_${k}`), `${t}_capture_${k}`).toBe(true);
    }
    for (const t of ['room_no_delete', 'occupant_no_delete', 'occupant_fts_insert', 'occupant_fts_update', 'occupant_gram_insert', 'occupant_gram_update']) {
      expect(triggers.has(t), t).toBe(true);
    }
    const indexes = rows<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['room_digits', 'occupant_room', 'occupant_phone_tail', 'occupant_phone2_tail']));

    // capture works on the new tables, numbered after the 0001 rows of the same site
    const lastSeq = Math.max(...seeded.log.map((r) => (r as { seq: number }).seq));
    const t = '2026-12-01T02:00:00.000Z';
    execAs(store, 'test.write', `
      INSERT INTO building (id, site_id, code, name, created_at, updated_at) VALUES ('b3', '${siteId}', '3', '3栋', '${t}', '${t}');
      INSERT INTO room (id, site_id, building_id, unit_id, room_no, code, code_digits, floor, area_centi, usage, state, created_at, updated_at)
        VALUES ('r1', '${siteId}', 'b3', NULL, '501', '3-501', '3501', 5, 8950, 'residential', 'occupied', '${t}', '${t}');
      INSERT INTO occupant (id, site_id, room_id, kind, name, phone, created_at, updated_at)
        VALUES ('o1', '${siteId}', 'r1', 'owner', '欧阳晓梅', '13800138000', '${t}', '${t}');`);
    const logged = rows<{ seq: number; table_name: string; row_id: string; kind: string; operation: string; after: string }>(store,
      'SELECT seq, table_name, row_id, kind, operation, after FROM change_log WHERE site_id = ? AND seq > ? ORDER BY seq', siteId, lastSeq);
    expect(logged.map((r) => [r.seq, r.table_name, r.row_id, r.kind, r.operation])).toEqual([
      [lastSeq + 1, 'building', 'b3', 'insert', 'test.write'],
      [lastSeq + 2, 'room', 'r1', 'insert', 'test.write'],
      [lastSeq + 3, 'occupant', 'o1', 'insert', 'test.write'],
    ]);
    expect(JSON.parse(logged[1]!.after)).toMatchObject({ id: 'r1', code: '3-501', area_centi: 8950, usage: 'residential' });

    // the name is searchable at once: by a three-character piece and by a one-character one
    expect(rows(store, "SELECT rowid FROM occupant_fts WHERE occupant_fts MATCH '\"阳晓梅\"'")).toHaveLength(1);
    expect(rows(store, "SELECT occupant_id FROM occupant_gram WHERE gram = '梅'")).toEqual([{ occupant_id: 'o1' }]);

    // rooms and occupants cannot be deleted, even in SQL
    expect(() => store.raw.exec("DELETE FROM occupant WHERE id = 'o1'")).toThrow(/occupants are never deleted/);
    expect(() => store.raw.exec("DELETE FROM room WHERE id = 'r1'")).toThrow(/rooms are never deleted/);
    expect(rows(store, 'SELECT count(*) AS n FROM room')).toEqual([{ n: 1 }]);
  });
});
