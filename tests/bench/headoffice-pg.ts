/**
 * Head office on PostgreSQL against the head-office SQLite store, in the same run, on a
 * throwaway cluster this script starts (tests/helpers/pg-cluster.ts, durable settings):
 * - load: S sites' change files (rooms, a year of bills, receipts and their lines, written
 *   under capture) imported into each store, rows per second;
 * - the consolidated month report across the sites (sync.collection from SQLite, the
 *   report views from PostgreSQL);
 * - the archive catalogue (headoffice-pg-catalogue.ts): the same items on the server and in
 *   SQLite's FTS5 trigram index, the company-wide search on both (pages checked identical),
 *   p50/p95 against the target p95 ≤ 50 ms, and head office's catalogue screen from the server.
 * Defaults are the target's scale, 14 sites and 7 million catalogue items (about 20 minutes
 * on 2 cores); smaller runs name their scale in every line:
 * `npx tsx tests/bench/headoffice-pg.ts [sites=14] [rooms per site=1500] [catalogue items=7000000]`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createApp } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { uuidv7 } from '../../db/ids.js';
import { beginWrite, endWrite } from '../../db/store/open.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder, importInto } from '../../db/sync/import.js';
import { newSigningKey } from '../../db/sync/keys.js';
import { savePeer } from '../../db/sync/queries.js';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { pgCollection } from '../../db/headoffice-pg/queries.js';
import { pgTarget } from '../../db/headoffice-pg/target.js';
import { startCluster } from '../helpers/pg-cluster.js';
import { catalogueBench } from './headoffice-pg-catalogue.js';

const SITES = Number(process.argv[2] ?? 14);
const ROOMS = Number(process.argv[3] ?? 1500);
const ITEMS = Number(process.argv[4] ?? 7_000_000);
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const dir = mkdtempSync(join(tmpdir(), 'fd-hqpg-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const clock = fakeClock('2026-12-01T01:00:00.000Z');
const t = clock.now().toISOString();
const share = join(dir, 'share');
mkdirSync(share);
const ms = (a: number) => `${a.toFixed(1)} ms`;
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
console.log(`head office on PostgreSQL: ${SITES} sites × ${ROOMS} rooms × 12 months, ${ITEMS} catalogue items (${load()})`);

const hq = await createApp(join(dir, 'hq.db'), { clock });
const { token } = await hq.call(null, 'setup.init', { siteCode: 'HQ', siteName: '总部', adminUsername: 'admin', adminDisplayName: '王', password: 'Admin2026', mode: 'head_office' });

let w = performance.now();
for (let s = 1; s <= SITES; s++) {
  const code = `S-${String(s).padStart(2, '0')}`;
  const site = await createApp(join(dir, `${code}.db`), { clock });
  await site.call(null, 'setup.init', { siteCode: code, siteName: `第${s}服务中心`, adminUsername: 'admin', adminDisplayName: '王', password: 'Admin2026' });
  const raw = site.store.raw;
  const siteId = (raw.prepare('SELECT local_site_id FROM store_identity').get() as { local_site_id: string }).local_site_id;
  const admin = (raw.prepare('SELECT id FROM staff').get() as { id: string }).id;
  // every site's rows have their own ids, as real sites' do (the head-office store holds them side by side)
  const building = uuidv7();
  const feeItem = uuidv7();
  beginWrite(site.store, admin, 'bench.load');
  raw.transaction(() => {
    raw.prepare("INSERT INTO building (id, site_id, code, name, remarks, created_at, updated_at) VALUES (?, ?, '1', '1栋', '', ?, ?)").run(building, siteId, t, t);
    raw.prepare(`INSERT INTO fee_item (id, site_id, code, name, kind, meter, unit, applies_to, active, created_at, updated_at)
      VALUES (?, ?, 'WYF', '物业管理费', 'area', NULL, 'm²', 'all', 1, ?, ?)`).run(feeItem, siteId, t, t);
  })();
  const room = raw.prepare(`INSERT INTO room (id, site_id, building_id, unit_id, room_no, code, code_digits, floor, area_centi, usage, state, remarks, created_at, updated_at)
    VALUES (?, ?, ?, NULL, ?, ?, ?, 1, 8950, 'residential', 'occupied', '', ?, ?)`);
  const bill = raw.prepare(`INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'generated', 8950, 23500, ?, ?, NULL, ?, ?, ?)`);
  const receipt = raw.prepare(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, payer, total, tendered, change_given, cashier_id, day, remarks, refund_of, created_at, updated_at)
    VALUES (?, ?, 'payment', 2026, ?, ?, ?, '', ?, NULL, 0, ?, ?, '', NULL, ?, ?)`);
  const line = raw.prepare("INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at) VALUES (?, ?, ?, 'bill', ?, ?, ?, ?)");
  const rooms = Array.from({ length: ROOMS }, () => uuidv7());
  raw.transaction(() => rooms.forEach((id, i) => room.run(id, siteId, building, `${i}`, `1-${i}`, `1${i}`, t, t)))();
  endWrite(site.store);
  let seq = 0;
  for (const p of MONTHS) {
    beginWrite(site.store, admin, 'bench.month');
    raw.transaction(() => {
      rooms.forEach((r, i) => {
        const b = uuidv7();
        const amount = 21033 + (i % 7) * 100;
        bill.run(b, siteId, r, feeItem, p, amount, `${p}-15`, admin, t, t);
        if ((i + s + Number(p.slice(5))) % 5 !== 0) { // four in five paid
          seq++;
          const rc = uuidv7();
          receipt.run(rc, siteId, seq, `SJ-2026-${String(seq).padStart(6, '0')}`, r, amount, admin, `${p}-20`, t, t);
          line.run(uuidv7(), siteId, rc, b, amount, t, t);
        }
      });
    })();
    endWrite(site.store);
  }
  const key = newSigningKey();
  await exportChanges(site.store, { folder: share, key });
  await savePeer(hq.store.db, { writer_id: siteId, code, name: `第${s}服务中心`, role: 'site', public_key: key.publicKey, status: 'approved' }, t);
  await site.close();
  // only its change files are needed from here: at the target's scale the sites' own stores
  // would hold as much again as head office's
  for (const f of ['', '-wal', '-shm']) rmSync(join(dir, `${code}.db${f}`), { force: true });
}
console.log(`generated ${SITES} sites × ${ROOMS} rooms × 12 months in ${((performance.now() - w) / 1000).toFixed(1)} s`);

// durable (fsync on), with the memory and checkpoint spacing the README gives a head-office server
const SERVER = ['shared_buffers=1GB', 'max_wal_size=4GB', 'checkpoint_timeout=15min'];
console.log(`PostgreSQL settings: ${SERVER.join(', ')} (fsync on)`);
const cluster = await startCluster({ fast: false, settings: SERVER });
try {
  const url = await cluster.createDatabase('bench');
  const pg = await openHqPg(url, hq.store);

  // 1. load
  w = performance.now();
  const pgOut = await importInto(pgTarget(pg, hq.store), hq.store, share);
  const pgS = (performance.now() - w) / 1000;
  const rows = pgOut.applied.reduce((a, x) => a + x.rows, 0);
  w = performance.now();
  const sqOut = await importFolder(hq.store, share);
  const sqS = (performance.now() - w) / 1000;
  // both stores must have taken every file, or the figures below compare different data
  for (const [store, out] of [['PostgreSQL', pgOut], ['SQLite', sqOut]] as const) {
    if (out.refused.length > 0 || out.waiting.length > 0 || out.applied.reduce((a, x) => a + x.rows, 0) !== rows) {
      throw new Error(`${store} did not take every file: ${JSON.stringify({ refused: out.refused.slice(0, 2), waiting: out.waiting.slice(0, 2) })}`);
    }
  }
  console.log(`load: ${rows} change rows in ${pgOut.applied.length} files — PostgreSQL ${pgS.toFixed(1)} s (${Math.round(rows / pgS)} rows/s, target ≥ 50,000); `
    + `head-office SQLite ${sqS.toFixed(1)} s (${Math.round(sqOut.applied.reduce((a, x) => a + x.rows, 0) / sqS)} rows/s)`);
  await sql`ANALYZE`.execute(pg.db);

  // 2. the consolidated month report across the sites
  const codes = Array.from({ length: SITES }, (_, i) => `S-${String(i + 1).padStart(2, '0')}`);
  const time = async (f: () => Promise<unknown>, n = 5) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      await f();
      out.push(performance.now() - a);
    }
    return out.sort((a, b) => a - b);
  };
  const pgMonth = await time(() => pgCollection(pg, '2026-11', codes));
  const sqMonth = await time(async () => {
    const r = await hq.call(token, 'sync.collection', { period: '2026-11' });
    if (!r.envelope.ok) throw new Error(JSON.stringify(r.envelope));
  });
  console.log(`month report across ${SITES} sites: PostgreSQL median ${ms(pgMonth[2]!)} (target ≤ 1 s); head-office SQLite median ${ms(sqMonth[2]!)}`);

  // 3. catalogue search: the same items and searches on the server and in SQLite's FTS5 trigram index
  await catalogueBench(pg, dir, ITEMS);
  console.log(`done (${load()})`);
  await pg.close();
} finally {
  cluster.destroy();
  await hq.close();
}
