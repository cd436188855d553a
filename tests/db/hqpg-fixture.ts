/**
 * Head office on PostgreSQL, test fixture (not itself a test file): three fee sites with
 * their own keys writing into one shared folder, a head-office SQLite store that has
 * enrolled and approved them all, a throwaway PostgreSQL cluster, and ways to read the
 * consolidated tables of either store for comparison.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { addStaff, createTestApp, ok, rows, setupSite, tempDir, type TestApp } from '../helpers/app.js';
import { complaint, HOUR } from '../helpers/complaints.js';
import { newSigningKey, type SigningKey } from '../../db/sync/keys.js';
import { savePeer } from '../../db/sync/queries.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder, importInto } from '../../db/sync/import.js';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { pgTarget } from '../../db/headoffice-pg/target.js';
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

type Site = HqWorld['sites'][number];

/** A site's month of cases: a repair answered in time, rated and closed; a complaint answered a day late (escalated); one still open. */
async function casesAt(s: Site, satisfaction: number) {
  const { app, receptionist: desk, supervisor } = s.site;
  // the clock moves by hours: no idle lock
  await ok(app, s.site.admin, 'settings.update', { settings: { idleLockMinutes: 0 } });
  const quick = await ok(app, desk.token, 'complaints.create', complaint({ roomId: s.site.rooms.r101, kind: 'repair', category: 'inunit', matter: '厨房水管漏水' }));
  const slow = await ok(app, desk.token, 'complaints.create', complaint({ roomId: s.site.rooms.r102, category: 'facility', matter: '电梯异响' }));
  await ok(app, desk.token, 'complaints.create', complaint({ roomId: s.site.rooms.r201, category: 'cleaning', matter: '楼道垃圾未清' }));
  for (const id of [quick.id, slow.id]) await ok(app, desk.token, 'complaints.dispatch', { id, department: 'customer_service', assignee: '刘管家' });
  app.clock.advance(HOUR);
  await ok(app, supervisor.token, 'complaints.reply', { id: quick.id, method: 'visit', text: '已上门沟通' });
  await ok(app, desk.token, 'complaints.followUp', { id: quick.id, satisfaction });
  await ok(app, desk.token, 'complaints.close', { id: quick.id });
  app.clock.advance(30 * HOUR);
  await ok(app, supervisor.token, 'complaints.reply', { id: slow.id, method: 'phone', text: '已修复' });
}

/** A receipt taken and voided the same day: listed at head office, marked voided. */
async function voidedReceipt(s: Site) {
  const { app, cashier: c, supervisor } = s.site;
  const line = (await ok(app, c.token, 'fees.roomAccount', { roomId: s.site.rooms.r201 })).lines[0]!;
  const r = await ok(app, c.token, 'fees.pay', {
    roomId: s.site.rooms.r201, lines: [{ billId: line.id, amount: line.owed }], methods: [{ method: 'cash', amount: line.owed }],
  });
  await ok(app, c.token, 'fees.void', { receiptId: r.id, reason: '收错房号', approverUsername: 'zhou.hong', approverPassword: supervisor.password });
}

const item = (title: string, extra: { department?: string; confidentiality?: 'restricted'; remarks?: string } = {}) =>
  ({ category: 3, cls: 4, department: extra.department ?? '07', title, year: 2026, form: 'paper' as const, ...extra });

async function archiveAt(s: Site, titles: string[]) {
  const archivist = (await addStaff(s.site.app, s.site.admin, { username: 'zhao.dang', role: 'archivist' })).token;
  for (const t of titles) await ok(s.site.app, archivist, 'archives.index', item(t));
  await ok(s.site.app, archivist, 'archives.index', item('Fire Drill Plan', { remarks: '消防演练 Drill 附件' }));
  await ok(s.site.app, archivist, 'archives.index', item('消防安全责任人名单', { department: '08', confidentiality: 'restricted', remarks: '仅限档案室' }));
}

/**
 * December's work at the three sites, exported into the folder: at each, cases of every kind
 * (rated differently per site); at NB-01 a voided receipt; archive items at HZ-01 and NB-01,
 * one restricted, one found by its remarks.
 */
export async function busyMonth(w: HqWorld): Promise<void> {
  for (const [n, s] of w.sites.entries()) {
    await casesAt(s, 5 - n);
    if (n === 2) await voidedReceipt(s);
    if (n !== 1) await archiveAt(s, n === 0 ? ['关于消防演练的通知', '电梯维保合同'] : ['消防设施年度检查报告']);
    await exportChanges(s.site.app.store, { folder: w.folder, key: s.key, maxRows: 40 });
  }
}

/** The folder's files imported into both of head office's stores: its SQLite store, and the server at `url`; none refused. */
export async function importBoth(w: HqWorld, url: string): Promise<void> {
  const server = await openHqPg(url, w.hq.store);
  try {
    const refused = (await importInto(pgTarget(server, w.hq.store), w.hq.store, w.folder)).refused;
    if (refused.length) throw new Error(`the server refused ${JSON.stringify(refused)}`);
  } finally {
    await server.close();
  }
  const refused = (await importFolder(w.hq.store, w.folder)).refused;
  if (refused.length) throw new Error(`the head-office store refused ${JSON.stringify(refused)}`);
}
