/**
 * 0010 → 0011: a fee site at the previous version, written in the SQL of its moment, keeps
 * every row and its change log, learns which site it is, and has every capture trigger
 * rebuilt — switchable, stamping transactions, over the table's current columns,
 * password hashes still out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { capturedColumnsOf } from '../../../db/store/capture.js';
import { beginWrite, endWrite } from '../../../db/store/open.js';
import { rows, tableNames } from '../../helpers/app.js';
import { cleanupStores, execAs, migrateThrough, migrationNames, migrationsBefore, storeBefore } from '../../helpers/migrations.js';
import { ROOMS, SITE_ID, STAFF, insertFeeSite, insertGeneratedBills } from './fee-site-sql.js';

afterEach(cleanupStores);

const NAME = '2026_12_05_0011_sync';
const allColumns = (x: Parameters<typeof rows>[0], t: string) => rows<{ name: string }>(x, 'SELECT name FROM pragma_table_info(?)', t).map((c) => `"${c.name}"`).join(', ');
const at = '2026-11-23T02:00:00.000Z';

describe('migration 0011_sync', () => {
  it('migrates a fee site at the previous version, keeping its rows and change log, recording which site the store is', async () => {
    const before = migrationsBefore(NAME);
    expect(Object.keys(before)).toEqual(migrationNames.slice(0, migrationNames.indexOf(NAME)));
    // the site, a month's bills and a paid receipt, written in the SQL of their moment with capture on
    const old = await storeBefore(NAME);
    old.writeContext.actorId = STAFF.admin;
    old.writeContext.operation = 'seed.site';
    try {
      insertFeeSite(old.raw);
      insertGeneratedBills(old.raw, '2026-11', '2026-11-30');
    } finally {
      old.writeContext.actorId = old.writeContext.operation = null;
    }
    const lines = rows<{ id: string; amount: number }>(old, 'SELECT id, amount FROM bill WHERE room_id = ? ORDER BY id', ROOMS.r101);
    const total = lines.reduce((a, l) => a + l.amount, 0);
    execAs(old, 'fees.pay', `
      INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
        VALUES ('r1', '${SITE_ID}', 'payment', 2026, 1, 'SJ-2026-000001', '${ROOMS.r101}', ${total}, '${STAFF.cashier}', '2026-11-23', '${at}', '${at}');
      ${lines.map((l, i) => `INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
        VALUES ('l${i}', '${SITE_ID}', 'r1', 'bill', '${l.id}', ${l.amount}, '${at}', '${at}');`).join('\n')}
      INSERT INTO receipt_payment (id, site_id, receipt_id, method, amount, created_at, updated_at)
        VALUES ('p1', '${SITE_ID}', 'r1', 'cash', ${total}, '${at}', '${at}');`, STAFF.cashier);
    const oldTables = tableNames(old).filter((t) => !t.startsWith('kysely_'));
    const keep = (x: Parameters<typeof rows>[0]) => Object.fromEntries(oldTables.filter((t) => !t.includes('_fts') && t !== 'change_log')
      .map((t) => [t, rows(x, `SELECT * FROM "${t}" ORDER BY ${allColumns(x, t)}`)]));
    const seeded = keep(old);
    const oldLog = rows<Record<string, unknown>>(old, 'SELECT * FROM change_log ORDER BY site_id, seq');
    expect(oldLog.length).toBeGreaterThan(20);
    const oldCaptured = rows<{ name: string }>(old, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_capture\\_%' ESCAPE '\\' ORDER BY name")
      .map((r) => r.name);

    const store = await migrateThrough(old, NAME);
    expect(store.version).toBe(migrationNames.indexOf(NAME) + 1);
    const after = keep(store);
    // every row kept; the change log gains only its (empty) transaction column
    for (const t of oldTables.filter((x) => !x.includes('_fts') && x !== 'change_log')) expect(after[t], t).toEqual(seeded[t]);
    expect(rows(store, 'SELECT * FROM change_log ORDER BY site_id, seq')).toEqual(oldLog.map((r) => ({ ...r, tx: null })));
    expect(rows(store, 'SELECT id, local_site_id, mode FROM store_identity')).toEqual([{ id: 1, local_site_id: SITE_ID, mode: 'site' }]);
    expect(rows(store, 'SELECT count(*) AS n FROM sync_peer')).toEqual([{ n: 0 }]);

    // the same capture triggers, each rebuilt switchable and stamping the transaction
    const captured = rows<{ name: string; sql: string }>(store,
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_capture\\_%' ESCAPE '\\' ORDER BY name");
    expect(captured.map((r) => r.name)).toEqual(oldCaptured);
    for (const t of captured) {
      expect(t.sql, t.name).toMatch(/WHEN fd_capturing\(\)/);
      expect(t.sql, t.name).toMatch(/fd_tx\(\)/);
    }
    const staffCols = capturedColumnsOf(captured.find((t) => t.name === 'staff_capture_insert')!.sql);
    expect(staffCols).not.toContain('password_hash');
    expect(staffCols).toContain('failed_attempts');
    expect(rows(store, "SELECT sql FROM sqlite_master WHERE name = 'audit_event_capture_insert'")[0])
      .toMatchObject({ sql: expect.stringContaining('COALESCE(fd_actor(), NEW.actor_id)') });

    // the next payment's rows continue the sequence, stamped with one transaction
    const seqBefore = rows<{ m: number }>(store, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', SITE_ID)[0]!.m;
    const line = rows<{ id: string; amount: number }>(store, 'SELECT id, amount FROM bill WHERE room_id = ? ORDER BY id', ROOMS.r102)[0]!;
    beginWrite(store, STAFF.cashier, 'fees.pay');
    try {
      store.raw.transaction(() => store.raw.exec(`
        INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
          VALUES ('r2', '${SITE_ID}', 'payment', 2026, 2, 'SJ-2026-000002', '${ROOMS.r102}', ${line.amount}, '${STAFF.cashier}', '2026-11-24', '${at}', '${at}');
        INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at)
          VALUES ('l9', '${SITE_ID}', 'r2', 'bill', '${line.id}', ${line.amount}, '${at}', '${at}');
        INSERT INTO receipt_payment (id, site_id, receipt_id, method, amount, created_at, updated_at)
          VALUES ('p2', '${SITE_ID}', 'r2', 'wechat', ${line.amount}, '${at}', '${at}');`))();
    } finally {
      endWrite(store);
    }
    const fresh = rows<{ seq: number; tx: string | null }>(store, "SELECT seq, tx FROM change_log WHERE site_id = ? AND seq > ? AND operation = 'fees.pay' ORDER BY seq",
      SITE_ID, seqBefore);
    expect(fresh.length).toBeGreaterThanOrEqual(3); // receipt, line, payment
    expect(fresh[0]!.seq).toBe(seqBefore + 1);
    expect(new Set(fresh.map((r) => r.tx)).size).toBe(1);
    expect(fresh[0]!.tx).not.toBeNull();
  });
});
