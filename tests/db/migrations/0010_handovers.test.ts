/**
 * 0010_handovers: a 0009 store with rooms, metered items, readings and their bills migrates;
 * meter_reading is rebuilt with a kind, every row kept (as periodic readings), its capture
 * and append-only triggers and the bills pointing at it intact; the handover tables arrive
 * with their guards.
 */
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../../db/store/open.js';
import { cleanup, ok, rows } from '../../helpers/app.js';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations.js';
import { feeSite } from '../fees-fixture.js';

afterEach(cleanup);

const name = '2026_12_05_0010_handovers';

it('a 0009 store with rooms, meters and readings keeps every row; readings become periodic; only periodic readings are one per period', async () => {
  const s = await feeSite({ migrations: migrationsBefore(name) });
  const water = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '吨' })).id;
  await ok(s.app, s.admin, 'fees.addRate', { itemId: water, validFrom: '2026-01', price: '3.45' });
  // readings written as the program before this one did (its op writes the new kind column)
  const sid = rows<{ id: string }>(s.app, 'SELECT id FROM site')[0]!.id;
  const at = '2026-11-23T02:00:00.000Z';
  s.app.store.raw.exec(`INSERT INTO meter_reading (id, site_id, room_id, meter, period, read_on, previous_centi, reading_centi, confirmed_jump, created_by, created_at, updated_at)
      VALUES ('m1', '${sid}', '${s.rooms.r101}', 'water', '2026-09', '2026-09-25', 10000, 10000, 0, '${s.cashier.id}', '${at}', '${at}'),
             ('m2', '${sid}', '${s.rooms.r101}', 'water', '2026-10', '2026-10-25', 10000, 11000, 0, '${s.cashier.id}', '${at}', '${at}');
    INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
      VALUES ('b1', '${sid}', '${s.rooms.r101}', '${water}', '2026-10', 'meter', 1000, 34500, 3450, '2026-10-31', 'm2', '${s.cashier.id}', '${at}', '${at}');`);
  const readings = rows(s.app, 'SELECT * FROM meter_reading ORDER BY id');
  const bills = rows(s.app, 'SELECT * FROM bill ORDER BY id');
  const rooms = rows(s.app, 'SELECT * FROM room ORDER BY id');
  const occupants = rows(s.app, 'SELECT * FROM occupant ORDER BY id');
  const logged = rows(s.app, 'SELECT count(*) AS n FROM change_log')[0];
  const file = s.app.file;
  await s.app.close();

  const store = await openStore(file, { migrations: migrationsThrough(name) });
  try {
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT * FROM meter_reading ORDER BY id')).toEqual(readings.map((r) => ({ ...r, kind: 'periodic' })));
    expect(rows(store, 'SELECT * FROM bill ORDER BY id')).toEqual(bills);
    expect(rows(store, 'SELECT * FROM room ORDER BY id')).toEqual(rooms);
    expect(rows(store, 'SELECT * FROM occupant ORDER BY id')).toEqual(occupants);
    // copying the rows into the rebuilt table logged nothing
    expect(rows(store, 'SELECT count(*) AS n FROM change_log')[0]).toEqual(logged);
    expect(rows(store, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);

    const t = '2026-12-01T02:00:00.000Z';
    const insert = store.raw.prepare(`INSERT INTO meter_reading (id, site_id, room_id, meter, kind, period, read_on, previous_centi, reading_centi, created_by, created_at, updated_at)
      VALUES (?, ?, ?, 'water', ?, '2026-10', '2026-10-30', ?, ?, ?, ?, ?)`);
    // a second periodic reading of a period is refused, a base reading beside it is not
    expect(() => insert.run('m3', sid, s.rooms.r101, 'periodic', 11000, 11500, s.cashier.id, t, t)).toThrow(/UNIQUE/);
    insert.run('m4', sid, s.rooms.r101, 'base', 11200, 11200, s.cashier.id, t, t);
    expect(() => insert.run('m5', sid, s.rooms.r101, 'base', 11200, 11300, s.cashier.id, t, t)).toThrow(/CHECK/);
    expect(() => store.raw.prepare("UPDATE meter_reading SET reading_centi = 1 WHERE id = 'm1'").run()).toThrow(/append-only/);
    expect(rows(store, "SELECT kind, row_id, json_extract(after, '$.kind') AS k FROM change_log WHERE table_name = 'meter_reading'").at(-1)).toEqual({ kind: 'insert', row_id: 'm4', k: 'base' });
    // a reading's bill is one per reading
    expect(() => store.raw.prepare(`INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
      VALUES ('b2', ?, ?, ?, '2026-11', 'meter', 1, 1, 1, '2026-11-30', 'm2', ?, ?, ?)`).run(sid, s.rooms.r101, water, s.cashier.id, t, t)).toThrow(/UNIQUE/);
    for (const table of ['handover', 'handover_signature', 'handover_list_item']) {
      expect(rows(store, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%capture%'", table)).toEqual([{ n: 3 }]);
    }
  } finally {
    await store.close();
  }
});
