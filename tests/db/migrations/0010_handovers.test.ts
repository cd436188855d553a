/**
 * 0010_handovers: a 0009 store with rooms, metered items, readings and their bills migrates;
 * meter_reading is rebuilt with a kind, every row kept (as periodic readings), its capture
 * and append-only triggers and the bills pointing at it intact; only periodic readings stay
 * one per room, meter and period; the handover tables arrive with their guards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite } from './fee-site-sql.js';

const name = '2026_12_05_0010_handovers';

afterEach(cleanupStores);

describe('migration 0010_handovers', () => {
  it('a 0009 store with rooms, meters and readings keeps every row; readings become periodic; only periodic readings are one per period', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    const s = SITE_ID;
    // a metered water item, two readings and the bill of the second, in the SQL of the store before this one
    old.raw.exec(`
      INSERT INTO fee_item (id, site_id, code, name, kind, meter, unit, applies_to, created_at, updated_at)
        VALUES ('item-sf', '${s}', 'SF', '水费', 'metered', 'water', '吨', 'all', '${T0}', '${T0}');
      INSERT INTO meter_reading (id, site_id, room_id, meter, period, read_on, previous_centi, reading_centi, confirmed_jump, created_by, created_at, updated_at) VALUES
        ('m1', '${s}', '${ROOMS.r101}', 'water', '2026-09', '2026-09-25', 10000, 10000, 0, '${STAFF.cashier}', '${T0}', '${T0}'),
        ('m2', '${s}', '${ROOMS.r101}', 'water', '2026-10', '2026-10-25', 10000, 11000, 0, '${STAFF.cashier}', '${T0}', '${T0}');
      INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
        VALUES ('b1', '${s}', '${ROOMS.r101}', 'item-sf', '2026-10', 'meter', 1000, 34500, 3450, '2026-10-31', 'm2', '${STAFF.cashier}', '${T0}', '${T0}');`);
    const readings = rows(old, 'SELECT * FROM meter_reading ORDER BY id');
    const bills = rows(old, 'SELECT * FROM bill ORDER BY id');
    const rooms = rows(old, 'SELECT * FROM room ORDER BY id');
    const logged = rows(old, 'SELECT count(*) AS n FROM change_log')[0];

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT * FROM meter_reading ORDER BY id')).toEqual(readings.map((r) => ({ ...r, kind: 'periodic' })));
    expect(rows(store, 'SELECT * FROM bill ORDER BY id')).toEqual(bills);
    expect(rows(store, 'SELECT * FROM room ORDER BY id')).toEqual(rooms);
    // copying the rows into the rebuilt table logged nothing
    expect(rows(store, 'SELECT count(*) AS n FROM change_log')[0]).toEqual(logged);
    expect(rows(store, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);

    const t = '2026-12-01T02:00:00.000Z';
    const insert = store.raw.prepare(`INSERT INTO meter_reading (id, site_id, room_id, meter, kind, period, read_on, previous_centi, reading_centi, created_by, created_at, updated_at)
      VALUES (?, ?, ?, 'water', ?, '2026-10', '2026-10-30', ?, ?, ?, ?, ?)`);
    // a second periodic reading of a period is refused, a base reading beside it is not
    expect(() => insert.run('m3', s, ROOMS.r101, 'periodic', 11000, 11500, STAFF.cashier, t, t)).toThrow(/UNIQUE/);
    insert.run('m4', s, ROOMS.r101, 'base', 11200, 11200, STAFF.cashier, t, t);
    expect(() => insert.run('m5', s, ROOMS.r101, 'base', 11200, 11300, STAFF.cashier, t, t)).toThrow(/CHECK/);
    expect(() => store.raw.prepare("UPDATE meter_reading SET reading_centi = 1 WHERE id = 'm1'").run()).toThrow(/append-only/);
    expect(rows(store, "SELECT kind, row_id, json_extract(after, '$.kind') AS k FROM change_log WHERE table_name = 'meter_reading'").at(-1)).toEqual({ kind: 'insert', row_id: 'm4', k: 'base' });
    // a reading's bill is one per reading
    expect(() => store.raw.prepare(`INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
      VALUES ('b2', ?, ?, 'item-sf', '2026-11', 'meter', 1, 1, 1, '2026-11-30', 'm2', ?, ?, ?)`).run(s, ROOMS.r101, STAFF.cashier, t, t)).toThrow(/UNIQUE/);
    for (const table of ['handover', 'handover_signature', 'handover_list_item']) {
      expect(rows(store, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%capture%'", table)).toEqual([{ n: 3 }]);
    }
  });
});
