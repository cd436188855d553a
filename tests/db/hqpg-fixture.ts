/**
 * Head office on PostgreSQL, test fixture (not itself a test file): three fee sites with
 * their own keys writing into one shared folder, a head-office SQLite store that has
 * enrolled and approved them all, a throwaway PostgreSQL cluster, and ways to read the
 * consolidated tables of either store for comparison.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createTestApp, rows, setupSite, tempDir, type TestApp } from '../helpers/app.js';
import { newSigningKey, type SigningKey } from '../../db/sync/keys.js';
import { savePeer } from '../../db/sync/queries.js';
import { exportChanges } from '../../db/sync/export.js';
import { siteTablesOf } from '../../db/headoffice-pg/mirror.js';
import { feeSite, type FeeSite } from './fees-fixture.js';
import { markHeadOffice, payMonth } from './sync-fixture.js';

export interface HqWorld {
  sites: { site: FeeSite; id: string; code: string; key: SigningKey }[];
  hq: TestApp;
  /** head office's admin session */
  hqAdmin: string;
  folder: string;
}

const SITES = [
  { siteCode: 'HZ-01', siteName: '杭州滨江服务中心' },
  { siteCode: 'HZ-02', siteName: '杭州西湖服务中心' },
  { siteCode: 'NB-01', siteName: '宁波鄞州服务中心' },
];

/** Three sites, each with two months billed and some paid, exported in small files into one folder. */
export async function hqWorld(options: { maxRows?: number } = {}): Promise<HqWorld> {
  const hq = await createTestApp();
  const hqAdmin = await setupSite(hq, { siteCode: 'HQ', siteName: '公司总部' });
  markHeadOffice(hq);
  const folder = join(tempDir('front-desk-share-'), 'share');
  mkdirSync(folder);
  const sites = [];
  for (const [i, s] of SITES.entries()) {
    const site = await feeSite({}, s);
    const id = rows<{ id: string }>(site.app, 'SELECT id FROM site')[0]!.id;
    const key = newSigningKey();
    await savePeer(hq.store.db, { writer_id: id, code: s.siteCode, name: s.siteName, role: 'site', public_key: key.publicKey, status: 'approved' }, hq.clock.now().toISOString());
    await payMonth(site, '2026-10', site.rooms.r101);
    if (i !== 1) await payMonth(site, '2026-11', site.rooms.r102);
    await exportChanges(site.app.store, { folder, key, maxRows: options.maxRows ?? 40 });
    sites.push({ site, id, code: s.siteCode, key });
  }
  return { sites, hq, hqAdmin, folder };
}

/** Every captured table's rows of one site in the head-office SQLite store, in the server's columns. */
export function sqliteTables(hq: TestApp, writer: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [t, cols] of siteTablesOf(hq.store.raw)) {
    out[t] = rows(hq, `SELECT ${cols.map((c) => `"${c.name}"`).join(', ')} FROM "${t}" WHERE site_id = ? ORDER BY id`, writer);
  }
  return out;
}

/** The same tables of one site on the server. */
export async function pgTables(url: string, hq: TestApp, writer: string): Promise<Record<string, unknown[]>> {
  const c = new pg.Client({ connectionString: url, types: { getTypeParser: ((oid: number, f?: 'text') => (oid === 20 ? Number : pg.types.getTypeParser(oid, f))) as never } });
  await c.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [t, cols] of siteTablesOf(hq.store.raw)) {
      out[t] = (await c.query(`SELECT ${cols.map((x) => `"${x.name}"`).join(', ')} FROM sites."${t}" WHERE site_id = $1 ORDER BY id COLLATE "C"`, [writer])).rows;
    }
    return out;
  } finally {
    await c.end();
  }
}
