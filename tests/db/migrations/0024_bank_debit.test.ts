/** 0024_bank_debit: debit agreements, batches and results on a store with bills and a paid receipt; all append-only and captured. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite } from './fee-site-sql.js';

const name = '2026_12_05_0024_bank_debit';

afterEach(cleanupStores);

describe('migration 0024_bank_debit', () => {
  it('keeps earlier receipts; agreements check their account, a line has at most one result, a success names its receipt, '
    + 'and nothing is edited or deleted', async () => {
    const old = await storeBefore(name);
    insertFeeSite(old.raw);
    const at = '2026-12-05T02:00:00.000Z';
    old.raw.exec(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
      VALUES ('r1', '${SITE_ID}', 'payment', 2026, 1, 'SJ-2026-000001', '${ROOMS.r101}', 100, '${STAFF.cashier}', '2026-12-05', '${at}', '${at}')`);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, 'SELECT id FROM receipt')).toEqual([{ id: 'r1' }]);
    const stamps = `'${SITE_ID}', '${at}', '${at}'`;
    const agreement = (id: string, account: string, validTo = 'NULL') =>
      `INSERT INTO debit_agreement (id, site_id, created_at, updated_at, room_id, bank, holder, account,
      valid_from, valid_to, created_by) VALUES ('${id}', ${stamps}, '${ROOMS.r101}', '中国银行', '张伟', '${account}', '2026-12', ${validTo}, '${STAFF.cashier}')`;
    expect(() => store.raw.exec(agreement('a0', '6222-0212'))).toThrow(/CHECK/);
    expect(() => store.raw.exec(agreement('a0', '6222021234567890128', "'2026-11'"))).toThrow(/CHECK/);
    store.raw.exec(agreement('a1', '6222021234567890128'));
    store.raw.exec(`INSERT INTO debit_batch (id, site_id, created_at, updated_at, period, seq, number, lines, total, created_by)
      VALUES ('b1', ${stamps}, '2026-12', 1, 'TS-202612-01', 1, 100, '${STAFF.cashier}')`);
    store.raw.exec(`INSERT INTO debit_batch_line (id, site_id, created_at, updated_at, batch_id, line_no, reference, room_id, agreement_id, amount, bills)
      VALUES ('l1', ${stamps}, 'b1', 1, 'TS-202612-01-0001', '${ROOMS.r101}', 'a1', 100, '[{"billId":"x","amount":100}]')`);
    const result = (id: string, outcome: string, receipt: string) =>
      `INSERT INTO debit_result (id, site_id, created_at, updated_at, line_id, outcome, receipt_id, done_by)
      VALUES ('${id}', ${stamps}, 'l1', '${outcome}', ${receipt}, '${STAFF.cashier}')`;
    expect(() => store.raw.exec(result('x0', 'success', 'NULL'))).toThrow(/CHECK/);
    expect(() => store.raw.exec(result('x0', 'failure', "'r1'"))).toThrow(/CHECK/);
    store.raw.exec(result('x1', 'success', "'r1'"));
    expect(() => store.raw.exec(result('x2', 'failure', 'NULL'))).toThrow(/UNIQUE/);
    store.raw.exec(`INSERT INTO debit_agreement_end (id, site_id, created_at, updated_at, agreement_id, reason, ended_by)
      VALUES ('e1', ${stamps}, 'a1', '业主销户', '${STAFF.cashier}')`);
    expect(rows(store, `SELECT table_name FROM change_log WHERE row_id IN ('a1', 'b1', 'l1', 'x1', 'e1') ORDER BY seq`).map((r) => r.table_name))
      .toEqual(['debit_agreement', 'debit_batch', 'debit_batch_line', 'debit_result', 'debit_agreement_end']);
    const written = [['debit_agreement', 'a1'], ['debit_batch', 'b1'], ['debit_batch_line', 'l1'], ['debit_result', 'x1'], ['debit_agreement_end', 'e1']];
    for (const [table, id] of written) {
      expect(() => store.raw.exec(`DELETE FROM ${table} WHERE id = '${id}'`)).toThrow(/append-only/);
      expect(() => store.raw.exec(`UPDATE ${table} SET updated_at = 'x' WHERE id = '${id}'`)).toThrow(/append-only/);
    }
  });
});
