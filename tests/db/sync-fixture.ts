/**
 * Sync test fixture (not itself a test file): a fee site (HZ-01) with its own signing key,
 * a head-office store (HQ) that has enrolled and approved that key, a shared folder, and
 * ways to take payments at the site and to compare stores table by table.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jobFinished } from '../../db/jobs/jobs.js';
import type { OpInput, OpName } from '../../db/api/types.js';
import type { App } from '../../db/api/app.js';
import { ok, rows, setupSite, createTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { newSigningKey, type SigningKey } from '../../db/sync/keys.js';
import { savePeer } from '../../db/sync/queries.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder } from '../../db/sync/import.js';
import { exportedRow, LOG_COLUMNS, NOT_EXPORTED, type ChangeRow } from '../../db/sync/rules.js';
import { SECRET_COLUMNS } from '../../db/store/capture.js';
import { feeSite, type FeeSite } from './fees-fixture.js';

export interface SyncWorld {
  site: FeeSite;
  siteId: string;
  siteKey: SigningKey;
  hq: TestApp;
  hqId: string;
  folder: string;
  exportSite(maxRows?: number): ReturnType<typeof exportChanges>;
  importHq(): ReturnType<typeof importFolder>;
}

/** Make a store head office's: its identity says so. */
export function markHeadOffice(app: TestApp): void {
  app.store.raw.prepare("UPDATE store_identity SET mode = 'head_office'").run();
}

export async function syncWorld(): Promise<SyncWorld> {
  const site = await feeSite();
  const siteId = rows<{ id: string }>(site.app, 'SELECT id FROM site')[0]!.id;
  const siteKey = newSigningKey();
  const hq = await createTestApp();
  await setupSite(hq, { siteCode: 'HQ', siteName: '公司总部' });
  markHeadOffice(hq);
  const hqId = rows<{ id: string }>(hq, 'SELECT local_site_id AS id FROM store_identity')[0]!.id;
  await savePeer(hq.store.db, { writer_id: siteId, code: 'HZ-01', name: '杭州滨江服务中心', role: 'site', public_key: siteKey.publicKey, status: 'approved' }, hq.clock.now().toISOString());
  const folder = join(tempDir('front-desk-share-'), 'share');
  mkdirSync(folder);
  return {
    site, siteId, siteKey, hq, hqId, folder,
    exportSite: (maxRows) => exportChanges(site.app.store, { folder, key: siteKey, maxRows }),
    importHq: () => importFolder(hq.store, folder),
  };
}

/** Bills for a month, and every line of `roomId` paid in cash: one receipt. */
export async function payMonth(s: FeeSite, period: string, roomId: string): Promise<string> {
  await ok(s.app, s.cashier.token, 'fees.generate', { period, commit: true });
  const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId });
  const total = acct.lines.reduce((a, l) => a + l.owed, 0);
  const r = await ok(s.app, s.cashier.token, 'fees.pay', { roomId, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: total }] });
  return r.number;
}

/** Columns compared between a writer's store and a receiver's: all but secrets and what never leaves. */
function comparedColumns(app: TestApp, table: string): string[] {
  const skip = [...(SECRET_COLUMNS[table] ?? []), ...(NOT_EXPORTED[table] ?? [])];
  return rows<{ name: string }>(app, 'SELECT name FROM pragma_table_info(?) ORDER BY cid', table).map((c) => c.name).filter((c) => !skip.includes(c));
}

export function capturedTables(app: TestApp): string[] {
  return rows<{ tbl_name: string }>(app, "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_capture_insert' ORDER BY tbl_name").map((r) => r.tbl_name);
}

/** Every captured table's rows of one writer, table by table (and the derived tables kept by triggers). */
export function tablesOf(app: TestApp, writer: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of capturedTables(app)) {
    const cols = comparedColumns(app, t).map((c) => `"${c}"`).join(', ');
    out[t] = rows(app, `SELECT ${cols} FROM "${t}" WHERE site_id = ? ORDER BY id`, writer);
  }
  out['(derived) bill_open'] = rows(app, 'SELECT * FROM bill_open WHERE site_id = ? ORDER BY bill_id', writer);
  out['(derived) archive_class_count'] = rows(app, 'SELECT * FROM archive_class_count WHERE site_id = ? ORDER BY category_code, class_code', writer);
  out['(derived) occupant_gram'] = rows(app, 'SELECT * FROM occupant_gram WHERE site_id = ? ORDER BY gram, occupant_id', writer);
  return out;
}

/** A writer's change log as it leaves the store (what never leaves stripped). */
export function exportedLog(app: TestApp, writer: string): ChangeRow[] {
  return rows<ChangeRow>(app, `SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`, writer).map(exportedRow);
}

export function logOf(app: TestApp, writer: string): ChangeRow[] {
  return rows<ChangeRow>(app, `SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`, writer);
}

/** Run an operation that starts a job, wait for it, and return its result (throws unless it finished). */
export async function job<N extends OpName>(app: App, token: string, name: N, input: OpInput<N>) {
  const { jobId } = (await ok(app, token, name, input)) as unknown as { jobId: string };
  await jobFinished(app.store, jobId);
  const status = await ok(app, token, 'jobs.status', { jobId });
  if (status.state !== 'done') throw new Error(`${name} ${status.state}: ${JSON.stringify(status.error)}`);
  return status.result;
}

/** A head-office store (HQ) in head-office mode and a fee site, both on one new shared folder; nothing enrolled yet. */
export async function company() {
  const folder = join(tempDir('front-desk-share-'), 'share');
  mkdirSync(folder);
  const hq = await createTestApp();
  const hqAdmin = await setupSite(hq, { siteCode: 'HQ', siteName: '公司总部', mode: 'head_office' });
  await ok(hq, hqAdmin, 'sync.setFolder', { folder });
  const site = await feeSite();
  await ok(site.app, site.admin, 'sync.setFolder', { folder });
  return { folder, hq, hqAdmin, site };
}

/** Enrol `site` at head office under `code`: invitation, the site's reply, approval by its fingerprint. */
export async function enrol(hq: TestApp, hqAdmin: string, site: FeeSite, code: string, name: string): Promise<void> {
  await ok(hq, hqAdmin, 'sync.addSite', { code, name });
  const joined = await ok(site.app, site.admin, 'sync.join', { code });
  await ok(hq, hqAdmin, 'sync.approve', { code, fingerprint: joined.fingerprint });
}
