/**
 * 0009 → 0011 (0010, handovers, lands beside it): a fee site at the previous version
 * keeps every row and its change log, learns which site it is, and has every capture
 * trigger rebuilt — switchable, stamping transactions, over the table's current columns,
 * password hashes still out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/store/open.js';
import { capturedColumnsOf } from '../../../db/store/capture.js';
import { cleanup, createTestApp, ok, rows, tableNames } from '../../helpers/app.js';
import { migrationNames, migrationsBefore, migrationsThrough } from '../../helpers/migrations.js';
import { feeSite } from '../fees-fixture.js';

afterEach(cleanup);

const NAME = '2026_12_05_0011_sync';
const allColumns = (x: Parameters<typeof rows>[0], t: string) => rows<{ name: string }>(x, 'SELECT name FROM pragma_table_info(?)', t).map((c) => `"${c.name}"`).join(', ');

describe('migration 0011_sync', () => {
  it('migrates a fee site at the previous version, keeping its rows and change log, recording which site the store is', async () => {
    const before = migrationsBefore(NAME);
    expect(Object.keys(before)).toEqual(migrationNames.slice(0, migrationNames.indexOf(NAME)));
    const s = await feeSite({ migrations: before });
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    await ok(s.app, s.cashier.token, 'fees.pay', {
      roomId: s.rooms.r101, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: acct.lines.reduce((a, l) => a + l.owed, 0) }],
    });
    const file = s.app.file;
    const oldTables = tableNames(s.app).filter((t) => !t.startsWith('kysely_'));
    const keep = (x: Parameters<typeof rows>[0]) => Object.fromEntries(oldTables.filter((t) => !t.includes("_fts") && t !== "change_log").map((t) => [t, rows(x, `SELECT * FROM "${t}" ORDER BY ${allColumns(x, t)}`)]));
    const seeded = keep(s.app);
    const siteId = rows<{ id: string }>(s.app, 'SELECT id FROM site')[0]!.id;
    const oldLog = rows<Record<string, unknown>>(s.app, 'SELECT * FROM change_log ORDER BY site_id, seq');
    expect(oldLog.length).toBeGreaterThan(50);
    const oldCaptured = rows<{ name: string }>(s.app, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_capture\\_%' ESCAPE '\\' ORDER BY name").map((r) => r.name);
    await s.app.close();

    const store = await openStore(file, { migrations: migrationsThrough(NAME) });
    try {
      expect(store.version).toBe(migrationNames.indexOf(NAME) + 1);
      expect(store.backupFile).not.toBeNull();
      const after = keep(store);
      // every row kept; the change log gains only its (empty) transaction column
      for (const t of oldTables.filter((x) => !x.includes('_fts') && x !== 'change_log')) expect(after[t], t).toEqual(seeded[t]);
      expect(rows(store, 'SELECT * FROM change_log ORDER BY site_id, seq')).toEqual(oldLog.map((r) => ({ ...r, tx: null })));
      expect(rows(store, 'SELECT id, local_site_id, mode FROM store_identity')).toEqual([{ id: 1, local_site_id: siteId, mode: 'site' }]);
      expect(rows(store, 'SELECT count(*) AS n FROM sync_peer')).toEqual([{ n: 0 }]);

      // the same capture triggers, each rebuilt switchable and stamping the transaction
      const captured = rows<{ name: string; sql: string }>(store, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_capture\\_%' ESCAPE '\\' ORDER BY name");
      expect(captured.map((r) => r.name)).toEqual(oldCaptured);
      for (const t of captured) {
        expect(t.sql, t.name).toMatch(/WHEN fd_capturing\(\)/);
        expect(t.sql, t.name).toMatch(/fd_tx\(\)/);
      }
      const staffCols = capturedColumnsOf(captured.find((t) => t.name === 'staff_capture_insert')!.sql);
      expect(staffCols).not.toContain('password_hash');
      expect(staffCols).toContain('failed_attempts');
      expect(rows(store, "SELECT sql FROM sqlite_master WHERE name = 'audit_event_capture_insert'")[0]).toMatchObject({ sql: expect.stringContaining('COALESCE(fd_actor(), NEW.actor_id)') });
    } finally {
      await store.close();
    }

    // the migrated store works: the next payment continues the sequence, in one stamped transaction
    const app = await createTestApp({ file });
    const { login } = await import('../../helpers/app.js');
    const cashier = await login(app, 'qian.min', 'Desk2026a');
    const seqBefore = rows<{ m: number }>(app, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', siteId)[0]!.m;
    const acct2 = await ok(app, cashier, 'fees.roomAccount', { roomId: s.rooms.r102 });
    const paid = await ok(app, cashier, 'fees.pay', { roomId: s.rooms.r102, lines: [{ billId: acct2.lines[0]!.id, amount: acct2.lines[0]!.owed }], methods: [{ method: 'wechat', amount: acct2.lines[0]!.owed }] });
    expect(paid.number).toBe('SJ-2026-000002');
    const fresh = rows<{ seq: number; tx: string | null; operation: string }>(app, "SELECT seq, tx, operation FROM change_log WHERE site_id = ? AND seq > ? AND operation = 'fees.pay' ORDER BY seq", siteId, seqBefore);
    expect(fresh.length).toBeGreaterThanOrEqual(3); // receipt, line, payment
    expect(fresh[0]!.seq).toBeGreaterThan(seqBefore);
    expect(new Set(fresh.map((r) => r.tx)).size).toBe(1);
    expect(fresh[0]!.tx).not.toBeNull();
  });
});
