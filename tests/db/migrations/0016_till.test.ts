/** 0016_till: payment references, day reopenings and undone prints, on a store with a paid receipt and a closed day. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite } from './fee-site-sql.js';

const name = '2026_12_05_0016_till';

afterEach(cleanupStores);

describe('migration 0016_till', () => {
  it('keeps earlier payments (with an empty reference), and the new rows are captured and append-only', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    const at = '2026-12-05T02:00:00.000Z';
    old.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('r1', '${SITE_ID}', 'payment', 2026, 1, 'SJ-2026-000001', '${ROOMS.r101}', 100, '${STAFF.cashier}', '2026-12-05', '${at}', '${at}');
      INSERT INTO receipt_payment (id, site_id, receipt_id, method, amount, created_at, updated_at) VALUES ('p1', '${SITE_ID}', 'r1', 'wechat', 100, '${at}', '${at}');
      INSERT INTO receipt_print (id, site_id, receipt_id, copy, paper, printed_by, created_at, updated_at) VALUES ('pr1', '${SITE_ID}', 'r1', 0, 'A5', '${STAFF.cashier}', '${at}', '${at}');
      INSERT INTO day_close (id, site_id, cashier_id, day, summary, closed_by, created_at, updated_at) VALUES ('d1', '${SITE_ID}', '${STAFF.cashier}', '2026-12-05', '{}', '${STAFF.cashier}', '${at}', '${at}');`);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT id, method, amount, reference, reference_note FROM receipt_payment')).toEqual([{ id: 'p1', method: 'wechat', amount: 100, reference: '', reference_note: '' }]);
    const t = '2026-12-05T09:00:00.000Z';
    store.raw.exec(`INSERT INTO receipt_payment (id, site_id, receipt_id, method, amount, reference, created_at, updated_at)
      VALUES ('p2', '${SITE_ID}', 'r1', 'alipay', 1, '2026120522001', '${t}', '${t}')`);
    const reopen = store.raw.prepare(`INSERT INTO day_reopening (id, site_id, cashier_id, day, kind, reason, done_by, approved_by, created_at, updated_at)
      VALUES (?, '${SITE_ID}', '${STAFF.cashier}', '2026-12-05', 'reopen', ?, '${STAFF.cashier}', ?, '${t}', '${t}')`);
    expect(() => reopen.run('o0', '', STAFF.supervisor)).toThrow(/CHECK/);
    expect(() => reopen.run('o1', '晚到的业主', null)).toThrow(/CHECK/);
    reopen.run('o2', '晚到的业主', STAFF.supervisor);
    store.raw.exec(`INSERT INTO receipt_print_undone (id, site_id, print_id, receipt_id, done_by, created_at, updated_at)
      VALUES ('u1', '${SITE_ID}', 'pr1', 'r1', '${STAFF.cashier}', '${t}', '${t}')`);
    expect(rows(store, `SELECT table_name, row_id, kind, json_extract(after, '$.reference') AS ref FROM change_log
      WHERE row_id IN ('p2', 'o2', 'u1') ORDER BY seq`)).toEqual([
      { table_name: 'receipt_payment', row_id: 'p2', kind: 'insert', ref: '2026120522001' },
      { table_name: 'day_reopening', row_id: 'o2', kind: 'insert', ref: null },
      { table_name: 'receipt_print_undone', row_id: 'u1', kind: 'insert', ref: null },
    ]);
    expect(() => store.raw.exec("DELETE FROM day_reopening WHERE id = 'o2'")).toThrow(/append-only/);
    expect(() => store.raw.exec("UPDATE receipt_print_undone SET done_by = done_by WHERE id = 'u1'")).toThrow(/append-only/);
  });
});
