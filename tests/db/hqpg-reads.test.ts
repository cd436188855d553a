/**
 * With head office's PostgreSQL server configured, every consolidated screen reads the server:
 * complaints by site, the look into one site (rooms, receipts, cases), the company catalogue and
 * the two workbooks give, row for row and number for number, what the head-office SQLite store
 * fed the same files gives — restricted archive items veiled or hidden for the same people, and
 * a role without the report permission refused on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { join } from 'node:path';
import type { OpInput, OpName } from '../../db/api/types.js';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { pgTarget } from '../../db/headoffice-pg/target.js';
import { importInto } from '../../db/sync/import.js';
import { openStore } from '../../db/store/open.js';
import { VEILED_TITLE } from '../../db/archives/shared.js';
import { addStaff, cleanup, ok, refused, rows, tempDir } from '../helpers/app.js';
import { HOUR } from '../helpers/complaints.js';
import { download, readBack } from '../helpers/ledger.js';
import { startCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { busyMonth, hqWorld, importBoth, type HqWorld } from './hqpg-fixture.js';
import { job } from './sync-fixture.js';

let cluster: PgCluster;
let w: HqWorld;
let url: string;
/** head office's staff: a manager (opens restricted items) and a cashier (no report permission) */
let manager: string;
let cashier: string;

/** Every read of the consolidated screens, with the inputs compared. */
const READS: { op: OpName; input: object }[] = [
  { op: 'sync.complaints', input: { period: '2026-12' } },
  { op: 'sync.complaints', input: { period: '2026-11' } },
  ...['HZ-01', 'HZ-02', 'NB-01'].flatMap((siteCode) => [
    { op: 'sync.siteRooms', input: { siteCode } },
    { op: 'sync.siteReceipts', input: { siteCode, period: '2026-12' } },
    { op: 'sync.siteCases', input: { siteCode, period: '2026-12' } },
  ] as { op: OpName; input: object }[]),
  { op: 'sync.siteRooms', input: { siteCode: 'HZ-01', text: '1-1-10' } },
  { op: 'sync.siteCases', input: { siteCode: 'HZ-02', period: '2026-11' } },
  { op: 'sync.collection', input: { period: '2026-11' } },
];
const SEARCHES = [
  { text: '消防' }, { text: '消防演练' }, { text: 'drill' }, { text: '责任人' }, { text: '档案室' }, { codePrefix: '3.4' }, { codePrefix: '3.4.08' },
  { codePrefix: '3.4.07', siteCode: 'NB-01' }, { siteCode: 'HZ-02' }, {}, { text: '消防', limit: 2 },
];

async function readAll(token: string) {
  const out: unknown[] = [];
  for (const r of READS) out.push(await ok(w.hq, token, r.op, r.input as OpInput<typeof r.op>));
  return out;
}
async function searchAll(token: string) {
  const out: unknown[] = [];
  for (const s of SEARCHES) out.push(await ok(w.hq, token, 'sync.catalogue', s));
  return out;
}
async function workbooks(token: string) {
  const month = await readBack((await download(w.hq, token, (await ok(w.hq, token, 'sync.exportMonth', { period: '2026-12', locale: 'zh-CN' })).fileId)).bytes);
  const books = [month];
  for (const f of [{}, { text: '消防', siteCode: 'NB-01' }, { text: '消防' }, { codePrefix: '3.4.08' }]) {
    const got = await job(w.hq, token, 'sync.exportCatalogue', { locale: 'en-US', ...f }) as { fileId: string; items: number };
    books.push(await readBack((await download(w.hq, token, got.fileId)).bytes));
  }
  return books;
}

let fromStore: { admin: unknown[]; searches: unknown[]; managerSearches: unknown[]; books: unknown[]; sites: unknown };

beforeAll(async () => {
  cluster = await startCluster();
  w = await hqWorld();
  await busyMonth(w);
  manager = (await addStaff(w.hq, w.hqAdmin, { username: 'chen.zjl', role: 'manager' })).token;
  cashier = (await addStaff(w.hq, w.hqAdmin, { username: 'qian.cn', role: 'cashier' })).token;
  await ok(w.hq, w.hqAdmin, 'settings.update', { settings: { idleLockMinutes: 0 } });
  url = await cluster.createDatabase('reads');
  await importBoth(w, url);
  // head office reads two days on: the open cases are past their deadline
  w.hq.clock.advance(48 * HOUR);
  fromStore = {
    admin: await readAll(w.hqAdmin), searches: await searchAll(w.hqAdmin), managerSearches: await searchAll(manager), books: await workbooks(w.hqAdmin),
    sites: await ok(w.hq, w.hqAdmin, 'sync.sites', {}) };
  await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url });
}, 240_000);

afterAll(async () => {
  if (w) await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url: '' }).catch(() => undefined);
  await cleanup();
  cluster?.destroy();
});

describe('head office on PostgreSQL: the consolidated screens read the server', () => {
  it('gives the complaints by site, each site\'s rooms, receipts and cases, and the collection the head-office store gives, figure for figure', async () => {
    const [dec] = fromStore.admin as { sites: { total: number; late: number; rated: number; escalations: number; satisfaction: number | null }[] }[];
    // the figures compared are not empty: every site has cases, late ones, ratings and escalations
    expect(dec!.sites.map((s) => [s.total, s.rated, s.satisfaction])).toEqual([[3, 1, 5], [3, 1, 4], [3, 1, 3]]);
    expect(dec!.sites.every((s) => s.late >= 2 && s.escalations >= 1)).toBe(true);
    const fromServer = await readAll(w.hqAdmin);
    for (const [n, r] of READS.entries()) expect(fromServer[n], `${r.op} ${JSON.stringify(r.input)}`).toEqual(fromStore.admin[n]);
    const receipts = fromServer[READS.findIndex((r) => r.op === 'sync.siteReceipts' && JSON.stringify(r.input).includes('NB-01'))] as { voided: number }[];
    expect(receipts.map((r) => r.voided).sort()).toEqual([0, 0, 1]);
    const rooms = fromServer[2] as { code: string; occupants: string | null; owed: number }[];
    expect(rooms.map((r) => r.code)).toEqual(['1-1-101', '1-1-102', '2-1-201']);
    expect(rooms[0]!.occupants).toBe('张伟');
  });

  it('finds the same catalogue items in the same order, restricted ones veiled or hidden for those who may not open them, shown to those who may', async () => {
    const forAdmin = await searchAll(w.hqAdmin);
    for (const [n, s] of SEARCHES.entries()) expect(forAdmin[n], JSON.stringify(s)).toEqual(fromStore.searches[n]);
    const forManager = await searchAll(manager);
    for (const [n, s] of SEARCHES.entries()) expect(forManager[n], JSON.stringify(s)).toEqual(fromStore.managerSearches[n]);
    type Item = { siteCode: string; ref_code: string; title: string | null };
    const at = (list: unknown[], s: object) => list[SEARCHES.findIndex((x) => JSON.stringify(x) === JSON.stringify(s))] as Item[];
    // the administrator: a restricted item listed by its code with its title veiled, never found by a word it hides
    expect(at(forAdmin, { codePrefix: '3.4.08' }).map((r) => [r.siteCode, r.ref_code, r.title]))
      .toEqual([['HZ-01', '3.4.08—1', VEILED_TITLE], ['NB-01', '3.4.08—1', VEILED_TITLE]]);
    expect(at(forAdmin, { text: '责任人' })).toEqual([]);
    expect(at(forAdmin, { text: '档案室' })).toEqual([]);
    // the manager may open them: found by title and by remarks, as at the sites
    expect(at(forManager, { text: '责任人' }).map((r) => [r.siteCode, r.title])).toEqual([['HZ-01', '消防安全责任人名单'], ['NB-01', '消防安全责任人名单']]);
    expect(at(forManager, { text: '档案室' })).toHaveLength(2);
    // a word of three characters or more is matched in any case, in title or remarks
    expect(at(forAdmin, { text: 'drill' }).map((r) => r.title)).toEqual(['Fire Drill Plan', 'Fire Drill Plan']);
    expect(at(forAdmin, { text: '消防演练' }).map((r) => r.title).sort()).toEqual(['Fire Drill Plan', 'Fire Drill Plan', '关于消防演练的通知']);
  });

  it('writes the month workbook and the catalogue workbooks from the server with the same cells', async () => {
    const books = await workbooks(w.hqAdmin);
    expect(books).toEqual(fromStore.books);
    const [month, all] = books as { name: string; rows: unknown[][] }[][];
    expect(month!.map((s) => s.rows.length)).toEqual([5, 5]);
    expect(all![0]!.rows.length).toBe(1 + 4 + 3);
  });

  it('refuses every report read to a role without the report permission, and leaves the server configured', async () => {
    for (const r of READS) expect((await refused(w.hq, cashier, r.op, r.input as OpInput<typeof r.op>)).code, r.op).toBe('auth.forbidden');
    expect((await refused(w.hq, cashier, 'sync.exportMonth', { period: '2026-12', locale: 'zh-CN' })).code).toBe('auth.forbidden');
    // the catalogue is every archive reader's: the cashier sees what the administrator sees, restricted items veiled
    const restricted = fromStore.searches[SEARCHES.findIndex((s) => s.codePrefix === '3.4.08')];
    expect(await ok(w.hq, cashier, 'sync.catalogue', { codePrefix: '3.4.08' })).toEqual(restricted);
    expect((await ok(w.hq, w.hqAdmin, 'sync.pgStatus', {})).configured).toBe(true);
  });

  it('keeps the desk answering while a read waits on the server: the read holds none of the desk\'s store', async () => {
    // another of head office's clients holds the catalogue's table: the search waits on the server
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE sites.archive_item IN ACCESS EXCLUSIVE MODE');
      let answered = false;
      const search = ok(w.hq, w.hqAdmin, 'sync.catalogue', SEARCHES[0]!).finally(() => { answered = true; });
      await expect.poll(async () => Number((await blocker.query(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0].n), { timeout: 30_000 }).toBe(1);
      // meanwhile the desk takes a write: a new member of staff, on the same store
      await addStaff(w.hq, w.hqAdmin, { username: 'sun.wait', role: 'receptionist' });
      expect(answered).toBe(false);
      await blocker.query('COMMIT');
      expect(await search).toEqual(fromStore.searches[0]);
    } finally {
      await blocker.end();
    }
  });

  it('shows on the sync dashboard what any head-office PC applied and refused on the server; this PC\'s own record while it is down', async () => {
    type Dash = { code: string; applied: number; lastFile: { file: string } | null; refused: { file: string; reason: string }[] }[];
    const dash = await ok(w.hq, w.hqAdmin, 'sync.sites', {}) as Dash;
    expect(dash).toEqual(fromStore.sites);
    expect(dash.every((s) => s.applied > 100 && s.lastFile !== null)).toBe(true);
    // another head-office PC (its own copy of the desk store) imports a torn file of HZ-02 into the same server
    const other = join(tempDir('front-desk-hqpc-'), 'pc2.db');
    w.hq.store.raw.prepare('VACUUM INTO ?').run(other);
    const pc2 = await openStore(other);
    const server = await openHqPg(url, pc2);
    try {
      writeFileSync(join(w.folder, 'HZ-02', '000000009000-000000009001.fdsync'), Buffer.from('not a change file'));
      expect((await importInto(pgTarget(server, pc2), pc2, w.folder)).refused).toHaveLength(1);
    } finally {
      await server.close();
      await pc2.close();
    }
    const seen = await ok(w.hq, w.hqAdmin, 'sync.sites', {}) as Dash;
    expect(seen.find((s) => s.code === 'HZ-02')!.refused.map((r) => r.file)).toEqual(['HZ-02/000000009000-000000009001.fdsync']);
    expect(rows(w.hq, 'SELECT file FROM sync_refusal')).toEqual([]);
    cluster.stop();
    try {
      // the server down: the dashboard still lists the sites (to enrol and approve), on this PC's own record
      expect((await ok(w.hq, w.hqAdmin, 'sync.sites', {}) as Dash).map((s) => [s.code, s.refused.length])).toEqual([['HZ-01', 0], ['HZ-02', 0], ['NB-01', 0]]);
    } finally {
      cluster.start();
    }
  });

  it('says the server is unreachable, rather than showing empty figures, when it is down; and reads again once it is back', async () => {
    cluster.stop();
    try {
      const e = await refused(w.hq, w.hqAdmin, 'sync.complaints', { period: '2026-12' });
      expect(e.code).toBe('hqpg.unreachable');
      expect(e.message['zh-CN']).not.toBe(e.message['en-US']);
    } finally {
      cluster.start();
    }
    expect(await ok(w.hq, w.hqAdmin, 'sync.complaints', { period: '2026-12' })).toEqual(fromStore.admin[0]);
  });
});
