import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../db/api/app.js';
import { backupsToDrop, dailyBackupDue } from '../../db/backup/rules.js';
import { backupFinished } from '../../db/backup/runner.js';
import { ADMIN, cleanup, createTestApp, login, ok, refused, rows, tempDir } from '../helpers/app.js';
import { feeSite, type FeeSite } from './fees-fixture.js';
import { damageTablePage } from '../helpers/damage.js';

afterEach(cleanup);

async function paid(s: FeeSite, n: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 1000 + i, methods: [{ method: 'cash', amount: 1000 + i }] });
    numbers.push(r.number);
  }
  return numbers;
}

/** A site with two receipts, one stored scan file, and a backup folder chosen. */
async function siteWithFolder() {
  const s = await feeSite();
  const folder = tempDir('fd-backups-');
  await ok(s.app, s.admin, 'backup.saveSettings', { folder, hour: 12, keepDays: 7 });
  await paid(s, 2);
  mkdirSync(join(s.app.dir, 'scans', 'ab'), { recursive: true });
  writeFileSync(join(s.app.dir, 'scans', 'ab', 'scan-1.pdf'), '%PDF-1.4 a scan');
  return { s, folder };
}

async function backUp(app: App, token: string) {
  await ok(app, token, 'backup.start', {});
  await backupFinished(app.desk.dataDir);
  const status = await ok(app, token, 'backup.status', {});
  expect(status?.state).toBe('done');
  return status!;
}


describe('backups', () => {
  it('writes a verified backup with the online backup API and the stored files, and lists it with time, size and state', async () => {
    const { s, folder } = await siteWithFolder();
    const run = await backUp(s.app, s.admin);
    expect(run.verified).toBe(true);
    const dir = join(folder, run.name!);
    expect(readdirSync(dir).sort()).toEqual(['frontdesk.sqlite', 'manifest.json', 'scans']);
    expect(readFileSync(join(dir, 'scans', 'ab', 'scan-1.pdf'), 'utf8')).toBe('%PDF-1.4 a scan');
    const copy = new Database(join(dir, 'frontdesk.sqlite'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM receipt').get() as { n: number }).n).toBe(2);
    copy.close();
    const list = await ok(s.app, s.admin, 'backup.list', {});
    expect(list.backups).toHaveLength(1);
    expect(list.backups[0]).toMatchObject({ name: run.name, state: 'verified', reason: 'manual', receiptCount: 2, at: s.app.clock.now().toISOString() });
    expect(list.backups[0]!.bytes).toBeGreaterThan(10_000);
  });

  it('a cancelled backup leaves nothing in the folder', async () => {
    const { s, folder } = await siteWithFolder();
    await ok(s.app, s.admin, 'backup.start', {});
    await ok(s.app, s.admin, 'backup.cancel', {});
    await backupFinished(s.app.desk.dataDir);
    expect((await ok(s.app, s.admin, 'backup.status', {}))?.state).toBe('cancelled');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder inside the data folder, and a cashier may not back up or restore', async () => {
    const { s } = await siteWithFolder();
    expect((await refused(s.app, s.admin, 'backup.saveSettings', { folder: join(s.app.dir, 'bk'), hour: 3, keepDays: 7 })).code).toBe('backup.bad_folder');
    expect((await refused(s.app, s.cashier.token, 'backup.start', {})).code).toBe('auth.forbidden');
    expect((await refused(s.app, s.cashier.token, 'backup.restore', { name: 'x', confirm: true })).code).toBe('auth.forbidden');
  });

  it('the home page is told when no good backup is younger than a day', async () => {
    const { s } = await siteWithFolder();
    expect(await ok(s.app, s.cashier.token, 'backup.health', {})).toMatchObject({ configured: true, stale: true, lastGoodAt: null });
    await backUp(s.app, s.admin);
    expect((await ok(s.app, s.cashier.token, 'backup.health', {})).stale).toBe(false);
    s.app.clock.advance(25 * 3600_000);
    const again = await login(s.app, s.cashier.username, 'Desk2026a');
    expect((await ok(s.app, again, 'backup.health', {})).stale).toBe(true);
  });

  it('the cashier\'s day close starts a backup', async () => {
    const { s, folder } = await siteWithFolder();
    await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    await backupFinished(s.app.desk.dataDir);
    const list = await ok(s.app, s.admin, 'backup.list', {});
    expect(list.backups.map((b) => b.reason)).toEqual(['day-close']);
    expect(readdirSync(folder)).toHaveLength(1);
  });
});

describe('which backups are kept and when the daily one is due', () => {
  const at = (iso: string, state: 'verified' | 'failed' = 'verified') => ({ name: iso, at: iso, state });
  it('keeps the last N days and the last backup of every month; drops an old failed one', () => {
    const all = [
      at('2026-10-31T10:00:00.000Z'), at('2026-10-30T10:00:00.000Z'), at('2026-11-15T10:00:00.000Z'), at('2026-11-30T10:00:00.000Z'),
      at('2026-12-03T10:00:00.000Z'), at('2026-12-04T10:00:00.000Z', 'failed'), at('2026-12-05T10:00:00.000Z'),
    ];
    const drop = backupsToDrop(all, new Date('2026-12-05T12:00:00.000Z'), 2, 480);
    expect(drop.sort()).toEqual(['2026-10-30T10:00:00.000Z', '2026-11-15T10:00:00.000Z', '2026-12-03T10:00:00.000Z', '2026-12-04T10:00:00.000Z']);
  });
  it('is due once the site\'s hour has passed and nothing was taken since', () => {
    // 12:00 at +08:00 is 04:00 UTC
    expect(dailyBackupDue(null, new Date('2026-12-05T03:59:00Z'), 12, 480)).toBe(false);
    expect(dailyBackupDue(null, new Date('2026-12-05T04:00:00Z'), 12, 480)).toBe(true);
    expect(dailyBackupDue('2026-12-05T03:00:00Z', new Date('2026-12-05T05:00:00Z'), 12, 480)).toBe(true);
    expect(dailyBackupDue('2026-12-05T04:30:00Z', new Date('2026-12-05T09:00:00Z'), 12, 480)).toBe(false);
    expect(dailyBackupDue('2026-12-05T04:30:00Z', new Date('2026-12-06T04:10:00Z'), 12, 480)).toBe(true);
  });
});

describe('restore', () => {
  it('says what will be lost, keeps the current store aside, and brings back the receipts and scans of the backup', async () => {
    const { s } = await siteWithFolder();
    const run = await backUp(s.app, s.admin);
    await paid(s, 3);
    writeFileSync(join(s.app.dir, 'scans', 'ab', 'scan-1.pdf'), 'overwritten');
    const preview = await ok(s.app, s.admin, 'backup.preview', { name: run.name! });
    expect(preview).toMatchObject({ receiptsInBackup: 2, receiptsLost: 3 });
    expect(preview.changesLost).toBeGreaterThan(0);
    expect((await refused(s.app, s.admin, 'backup.restore', { name: run.name!, confirm: false })).code).toBe('api.invalid_input');
    const { aside } = await ok(s.app, s.admin, 'backup.restore', { name: run.name!, confirm: true });
    // everyone signs in again, into the backup's store
    expect((await refused(s.app, s.admin, 'fees.dayReport', {})).code).toBe('auth.no_session');
    expect(rows(s.app, 'SELECT count(*) AS n FROM receipt')[0]!.n).toBe(2);
    expect(readFileSync(join(s.app.dir, 'scans', 'ab', 'scan-1.pdf'), 'utf8')).toBe('%PDF-1.4 a scan');
    const kept = new Database(join(aside, basename(s.app.file)), { readonly: true });
    expect((kept.prepare('SELECT count(*) AS n FROM receipt').get() as { n: number }).n).toBe(5);
    kept.close();
    await login(s.app, ADMIN.username, ADMIN.password);
  });

  it('refuses a backup older than what the site already sent to head office, changing nothing', async () => {
    const { s } = await siteWithFolder();
    const shared = tempDir('fd-shared-');
    s.app.store.raw.prepare('UPDATE store_identity SET sync_folder = ?').run(shared);
    const run = await backUp(s.app, s.admin);
    await paid(s, 1);
    const sent = Number(rows(s.app, 'SELECT max(seq) AS n FROM change_log')[0]!.n);
    mkdirSync(join(shared, 'HZ-01'), { recursive: true });
    writeFileSync(join(shared, 'HZ-01', `${String(1).padStart(12, '0')}-${String(sent).padStart(12, '0')}.fdsync`), 'x');
    const e = await refused(s.app, s.admin, 'backup.restore', { name: run.name!, confirm: true });
    expect(e.code).toBe('backup.behind_head_office');
    expect(e.message['zh-CN']).toContain('总部');
    expect(rows(s.app, 'SELECT count(*) AS n FROM receipt')[0]!.n).toBe(3);
    expect(existsSync(join(s.app.dir, 'restore-incoming.sqlite'))).toBe(false);
  });
});

describe('a damaged store', () => {
  it('is found at start: every call answers the bilingual restore message, and an administrator of the backup restores it', async () => {
    const { s } = await siteWithFolder();
    const run = await backUp(s.app, s.admin);
    const file = s.app.file;
    await s.app.close();
    damageTablePage(file);
    const app = await createTestApp({ file });
    const e = await refused(app, null, 'auth.me', {});
    expect(e.code).toBe('backup.needs_restore');
    expect(e.message['zh-CN']).toContain('从最近一次备份恢复');
    expect(e.message['en-US']).toContain('restore the last backup');
    const status = await ok(app, null, 'backup.recoveryStatus', {});
    expect(status.damaged?.code).toBe('backup.needs_restore');
    expect(status.backups.map((b) => b.name)).toEqual([run.name]);
    expect((await refused(app, null, 'backup.recoveryRestore', { name: run.name!, username: s.cashier.username, password: 'Desk2026a', confirm: true })).code)
      .toBe('backup.not_admin');
    await ok(app, null, 'backup.recoveryRestore', { name: run.name!, username: ADMIN.username, password: ADMIN.password, confirm: true });
    const token = await login(app, ADMIN.username, ADMIN.password);
    expect((await ok(app, token, 'auth.me', {})).user?.username).toBe(ADMIN.username);
    expect(rows(app, 'SELECT count(*) AS n FROM receipt')[0]!.n).toBe(2);
    expect(readdirSync(app.dir).some((n) => n.startsWith('before-restore-'))).toBe(true);
  });
});
