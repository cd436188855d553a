/**
 * 0011 → 0012_handover_registers: a store with the site's edited handover lists keeps them
 * as the lists for every room type (rebuilt with a usage), captured with the new column;
 * the desk key register arrives with its guards (a closed loan never changes, none deleted).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rows, T0 } from '../../helpers/app.js';
import { cleanupStores, execAs, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { SITE_ID, STAFF, insertFeeSite } from './fee-site-sql.js';

const name = '2026_12_05_0012_handover_registers';

afterEach(cleanupStores);

describe('migration 0012_handover_registers', () => {
  it('keeps the edited lists as every room type\'s, and brings the key register with its guards', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    old.raw.exec(`INSERT INTO handover_list_item (id, site_id, list, name, sort, active, created_at, updated_at) VALUES
      ('l1', '${SITE_ID}', 'facility', '入户门', 0, 1, '${T0}', '${T0}'), ('l2', '${SITE_ID}', 'facility', '阳台', 1, 0, '${T0}', '${T0}')`);
    const before = rows<Record<string, unknown>>(old, 'SELECT * FROM handover_list_item ORDER BY id');
    const logged = rows(old, 'SELECT count(*) AS n FROM change_log')[0];

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT * FROM handover_list_item ORDER BY id')).toEqual(before.map((r) => ({ ...r, usage: '' })));
    expect(rows(store, 'SELECT count(*) AS n FROM change_log')[0]).toEqual(logged);
    // the same name may now stand in a shop's list beside every type's; it is captured with its usage
    execAs(store, 'test', `INSERT INTO handover_list_item (id, site_id, list, usage, name, sort, active, created_at, updated_at) VALUES ('l3', '${SITE_ID}', 'facility', 'shop', '入户门', 0, 1, '${T0}', '${T0}')`);
    expect(JSON.parse(rows<{ after: string }>(store, "SELECT after FROM change_log WHERE row_id = 'l3'")[0]!.after)).toMatchObject({ usage: 'shop', name: '入户门' });
    expect(() => store.raw.exec("DELETE FROM handover_list_item WHERE id = 'l1'")).toThrow(/retired, never deleted/);

    execAs(store, 'test', `INSERT INTO desk_key (id, site_id, label, kind, room_id, count, created_at, updated_at) VALUES ('k1', '${SITE_ID}', '天台门', 'public', NULL, 2, '${T0}', '${T0}');
      INSERT INTO desk_key_loan (id, site_id, key_id, borrower, lent_at, lent_by, created_at, updated_at) VALUES ('n1', '${SITE_ID}', 'k1', '维修班王师傅', '${T0}', '${STAFF.cashier}', '${T0}', '${T0}')`);
    expect(() => store.raw.exec(`INSERT INTO desk_key (id, site_id, label, kind, room_id, count, created_at, updated_at) VALUES ('k2', '${SITE_ID}', '备用钥匙', 'spare', NULL, 1, '${T0}', '${T0}')`)).toThrow(/CHECK/);
    expect(() => store.raw.exec(`INSERT INTO desk_key_loan (id, site_id, key_id, borrower, lent_at, lent_by, created_at, updated_at) VALUES ('n2', '${SITE_ID}', 'k1', '保洁', '${T0}', '${STAFF.cashier}', '${T0}', '${T0}')`)).toThrow(/UNIQUE/);
    store.raw.exec(`UPDATE desk_key_loan SET returned_at = '${T0}', returned_by = '${STAFF.cashier}' WHERE id = 'n1'`);
    expect(() => store.raw.exec(`UPDATE desk_key_loan SET borrower = '别人' WHERE id = 'n1'`)).toThrow(/closed by its return, once/);
    expect(() => store.raw.exec(`DELETE FROM desk_key_loan WHERE id = 'n1'`)).toThrow(/never deleted/);
    expect(rows(store, "SELECT count(*) AS n FROM change_log WHERE table_name IN ('desk_key', 'desk_key_loan')")[0]).toEqual({ n: 3 });
  });
});
