/**
 * Head office's server keeps each site's month figures (billed, paid, taken in) as batches
 * arrive. A later batch that reverses an earlier month's receipt, pays an old month's bill,
 * cancels a bill or renames a fee item changes the months it touches, and only those: the
 * collection report read from the server equals the head-office SQLite store's for every
 * month, and the kept figures equal the same figures worked out from scratch.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChanges } from '../../db/sync/export.js';
import { ADMIN, cleanup, login, ok, rows } from '../helpers/app.js';
import { startCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { hqWorld, importBoth, type HqWorld } from './hqpg-fixture.js';

let cluster: PgCluster;
let w: HqWorld;
let url: string;
const MONTHS = ['2026-10', '2026-11', '2026-12', '2027-01'];
const DAY = 24 * 3600_000;

async function query<T>(text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The collection report of every month, from the head-office SQLite store or (with the server configured) from the server. */
async function report() {
  const out = [];
  for (const period of MONTHS) out.push(await ok(w.hq, w.hqAdmin, 'sync.collection', { period }));
  return out;
}

/** Of HZ-01, a month later: October's receipt reversed, November's property fee paid, a refuse bill cancelled, the refuse item renamed. */
async function laterMonthAtFirstSite() {
  const { site, key } = w.sites[0]!;
  const { app, supervisor } = site;
  await ok(app, site.cashier.token, 'fees.closeDay', {});
  app.clock.advance(31 * DAY); // into January
  const cashier = await login(app, site.cashier.username, site.cashier.password);
  const admin = await login(app, ADMIN.username, ADMIN.password);
  const approval = { approverUsername: supervisor.username, approverPassword: supervisor.password };
  const october = rows<{ id: string }>(app, "SELECT r.id FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id JOIN bill b ON b.id = l.bill_id WHERE b.period = '2026-10' LIMIT 1")[0]!;
  await ok(app, cashier, 'fees.reverse', { receiptId: october.id, reason: '重复收费', ...approval });
  const r201 = (await ok(app, cashier, 'fees.roomAccount', { roomId: site.rooms.r201 })).lines.find((l) => l.period === '2026-11')!;
  await ok(app, cashier, 'fees.cancelBill', { billId: r201.id, reason: '该户本月无垃圾清运', ...approval });
  const r101 = (await ok(app, cashier, 'fees.roomAccount', { roomId: site.rooms.r101 })).lines.filter((l) => l.period === '2026-11' && l.itemCode === 'WYF');
  const total = r101.reduce((n, l) => n + l.owed, 0);
  await ok(app, cashier, 'fees.pay', { roomId: site.rooms.r101, lines: r101.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: total }] });
  await ok(app, admin, 'fees.saveItem', { id: site.items.refuse, code: 'LJF', name: '生活垃圾清运费', kind: 'fixed', unit: '月', appliesTo: 'residential' });
  await exportChanges(app.store, { folder: w.folder, key, maxRows: 40 });
}

beforeAll(async () => {
  cluster = await startCluster();
  w = await hqWorld();
  url = await cluster.createDatabase('figures');
  await ok(w.hq, w.hqAdmin, 'settings.update', { settings: { idleLockMinutes: 0 } });
}, 240_000);

afterAll(async () => {
  if (w) await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url: '' }).catch(() => undefined);
  await cleanup();
  cluster?.destroy();
});

describe('head office on PostgreSQL: the month figures kept as batches arrive', () => {
  it('follows a later batch into the months it changes: the report equals the SQLite store\'s each month, and the kept figures equal those worked out afresh', async () => {
    await importBoth(w, url);
    const first = await report();
    await laterMonthAtFirstSite();
    await importBoth(w, url);
    w.hq.clock.advance(31 * DAY);
    const fromStore = await report();
    await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url });
    const fromServer = await report();
    expect(fromServer).toEqual(fromStore);

    // the later batch changed October (paid undone), November (paid, a line cancelled) and January (taken in, less the reversal)
    const hz = (r: typeof first, period: string) => r.find((m) => m.period === period)!.sites.find((s) => s.siteCode === 'HZ-01')!;
    expect(hz(fromServer, '2026-10').paid).toBeLessThan(hz(first, '2026-10').paid);
    expect(hz(fromServer, '2026-11').billed).toBeLessThan(hz(first, '2026-11').billed);
    expect(hz(fromServer, '2026-11').paid).toBeGreaterThan(hz(first, '2026-11').paid);
    expect(hz(first, '2027-01').collected).toBe(0);
    expect(hz(fromServer, '2027-01').collected).not.toBe(0);
    // the other sites' figures did not move
    for (const period of MONTHS) {
      for (const code of ['HZ-02', 'NB-01']) {
        const at = (r: typeof first) => r.find((m) => m.period === period)!.sites.find((s) => s.siteCode === code);
        expect(at(fromServer)).toEqual(at(first));
      }
    }

    const kept = await query('SELECT * FROM hq.month_figures ORDER BY site_id, period');
    expect(kept.length).toBeGreaterThanOrEqual(9);
    await query(`SELECT hq.refresh_month_figures(a.site_id, array_agg(a.m)) FROM (
        SELECT site_id, period FROM sites.bill UNION SELECT site_id, substr(day, 1, 7) FROM sites.receipt
        UNION SELECT site_id, substr(day, 1, 7) FROM sites.receipt_void) a(site_id, m) GROUP BY a.site_id`);
    expect(await query('SELECT * FROM hq.month_figures ORDER BY site_id, period')).toEqual(kept);
  }, 240_000);
});
