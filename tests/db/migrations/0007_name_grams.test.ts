/** 0007_name_grams: cheaper upkeep of the 1- and 2-character name index, same rows. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/store/open.js';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_11_23_0007_name_grams';
const siteId = '019a0000-0000-7000-8000-000000000001';

afterEach(cleanupStores);

describe('migration 0007_name_grams', () => {
  it('the name index keeps its rows, and new writes add and remove exactly what the old triggers did', async () => {
    // no assumption about which migration precedes this one
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: '019a0000-0000-7000-8000-0000000000a1', username: 'desk', role: 'receptionist' }]);
    old.raw.exec(`INSERT INTO building (id, site_id, code, name, created_at, updated_at) VALUES ('b3', '${siteId}', '3', '3栋', '${T0}', '${T0}');
      INSERT INTO room (id, site_id, building_id, room_no, code, code_digits, area_centi, usage, state, created_at, updated_at)
        VALUES ('r1', '${siteId}', 'b3', '501', '3-501', '3501', 8900, 'shop', 'vacant', '${T0}', '${T0}')`);
    const people: [string, string, string][] = [['o1', '欧阳晓梅', '13800138000'], ['o2', 'Li Na', '13900139000'], ['o3', '王', '13700137000']];
    const addOccupant = old.raw.prepare(`INSERT INTO occupant (id, site_id, room_id, kind, name, phone, created_at, updated_at)
      VALUES (?, ?, 'r1', 'tenant', ?, ?, ?, ?)`);
    for (const [id, n, phone] of people) addOccupant.run(id, siteId, n, phone, T0, T0);
    const grams = (s: Store) => rows(s, 'SELECT site_id, gram, moved_out, name, occupant_id FROM occupant_gram ORDER BY name, gram');
    const before = grams(old);
    expect(before.filter((g: any) => g.name === '欧阳晓梅').map((g: any) => g.gram)).toEqual(['晓', '晓梅', '梅', '欧', '欧阳', '阳', '阳晓']);
    // what the old triggers do on a rename and a move-out, then undone
    old.raw.exec(`UPDATE occupant SET name = 'Li Nana' WHERE id = 'o2'`);
    old.raw.exec(`UPDATE occupant SET move_out = '2026-11-01' WHERE name = '王'`);
    const oldAfterWrites = grams(old);
    old.raw.exec(`UPDATE occupant SET name = 'Li Na' WHERE id = 'o2'`);
    old.raw.exec(`UPDATE occupant SET move_out = NULL WHERE name = '王'`);
    expect(grams(old)).toEqual(before);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(grams(store)).toEqual(before);
    // the same writes under the new triggers leave the same rows
    store.raw.exec(`UPDATE occupant SET name = 'Li Nana' WHERE id = 'o2'`);
    store.raw.exec(`UPDATE occupant SET move_out = '2026-11-01' WHERE name = '王'`);
    expect(grams(store)).toEqual(oldAfterWrites);
    expect(rows(store, 'SELECT count(*) AS n FROM name_position')).toEqual([{ n: 40 }]);
    // a new occupant gets its pieces from the new triggers
    store.raw.exec(`INSERT INTO occupant (id, site_id, room_id, kind, name, created_at, updated_at)
      VALUES ('o4', '${siteId}', 'r1', 'owner', '司马', '${T0}', '${T0}')`);
    expect(rows(store, "SELECT gram FROM occupant_gram WHERE occupant_id = 'o4' ORDER BY gram"))
      .toEqual([{ gram: '司' }, { gram: '司马' }, { gram: '马' }]);
  });
});
