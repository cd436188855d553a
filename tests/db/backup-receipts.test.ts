import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFinished } from '../../db/backup/runner.js';
import { ADMIN, cleanup, createTestApp, login, ok, refused, rows, tempDir } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('the receipt sequence after a lost WAL', () => {
  it('a store behind the receipt numbers a backup saw issues no number until a supervisor accounts for the gap; the lost numbers are recorded, never issued again', async () => {
    const s = await feeSite();
    const folder = tempDir('fd-backups-');
    await ok(s.app, s.admin, 'backup.saveSettings', { folder, hour: 12, keepDays: 7 });
    const pay = (app = s.app, token = s.cashier.token) =>
      ok(app, token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 1000, methods: [{ method: 'cash', amount: 1000 }] });
    await pay();
    const old = join(tempDir(), 'old.sqlite');
    await s.app.store.raw.backup(old);
    await pay();
    const third = await pay();
    await ok(s.app, s.admin, 'backup.start', {});
    await backupFinished(s.app.desk.dataDir);

    // the PC crashed and the WAL was deleted: the store is back at its first receipt
    const file = s.app.file;
    await s.app.close();
    copyFileSync(old, file);
    for (const part of ['-wal', '-shm']) rmSync(file + part, { force: true });
    const app = await createTestApp({ file, clock: s.app.clock });
    expect(rows(app, 'SELECT count(*) AS n FROM receipt')[0]!.n).toBe(1);
    const cashier = await login(app, s.cashier.username, 'Desk2026a');
    const e = await refused(app, cashier, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 1000, methods: [{ method: 'cash', amount: 1000 }] });
    expect(e.code).toBe('backup.receipts_behind');
    expect(e.params).toMatchObject({ year: 2026, have: 1, known: 3 });
    expect(e.message['zh-CN']).toContain('收据编号暂停');
    expect(e.message['en-US']).toContain('Receipt numbers are held');
    expect((await ok(app, cashier, 'backup.health', {})).receiptGap).toMatchObject({ have: 1, known: 3 });
    expect((await refused(app, cashier, 'backup.releaseReceipts', { reason: '核对纸质收据' })).code).toBe('auth.forbidden');

    const supervisor = await login(app, s.supervisor.username, 'Desk2026a');
    const numberOf = (seq: number) => third.number.replace(/\d+$/, (d) => String(seq).padStart(d.length, '0'));
    expect(await ok(app, supervisor, 'backup.releaseReceipts', { reason: '第2、3号纸质收据已收回作废' }))
      .toEqual({ released: true, numbers: [numberOf(2), numberOf(3)] });
    // the next receipt takes the number after the lost ones: 2 and 3 are on paper already
    expect((await pay(app, cashier)).number).toBe(numberOf(4));
    expect(rows(app, 'SELECT number, cause, reason, done_by FROM receipt_number_skip ORDER BY seq')).toEqual([
      { number: numberOf(2), cause: 'lost', reason: '第2、3号纸质收据已收回作废', done_by: s.supervisor.id },
      { number: numberOf(3), cause: 'lost', reason: '第2、3号纸质收据已收回作废', done_by: s.supervisor.id },
    ]);
    const admin = await login(app, ADMIN.username, ADMIN.password);
    expect((await ok(app, admin, 'backup.skippedNumbers', {})).map((r) => r.number)).toEqual([numberOf(3), numberOf(2)]);
    const audit = rows<{ detail: string }>(app, "SELECT detail FROM audit_event WHERE event = 'receipts.gap_released'");
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ kind: 'payment', year: 2026, have: 1, known: 3, reason: '第2、3号纸质收据已收回作废' });
    // the store itself refuses a receipt that would reuse a lost number
    const r = rows<{ id: string }>(app, 'SELECT id FROM receipt ORDER BY seq DESC LIMIT 1')[0]!.id;
    expect(() => app.store.raw.prepare(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, total, cashier_id, day, created_at, updated_at)
      SELECT 'x', site_id, kind, year, 2, 'x2', room_id, 1, cashier_id, day, created_at, updated_at FROM receipt WHERE id = ?`).run(r)).toThrow(/gapless/);

    // confirmed once: the next start does not hold again
    await app.close();
    const again = await createTestApp({ file, clock: s.app.clock });
    expect((await ok(again, await login(again, s.cashier.username, 'Desk2026a'), 'backup.health', {})).receiptGap).toBeNull();
  });
});
