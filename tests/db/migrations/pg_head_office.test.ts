/** Head office's PostgreSQL migrations, each from the one before on seeded rows. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/store/open.js';
import { applyRowsPg } from '../../../db/headoffice-pg/apply.js';
import { openHqPg, type HqPg } from '../../../db/headoffice-pg/connect.js';
import { hqPgMigrations } from '../../../db/headoffice-pg/migrations/index.js';
import { onClient, pgHeldSiteLog, pgTarget } from '../../../db/headoffice-pg/target.js';
import type { Schema } from '../../../db/store/schema.js';
import { decodeBatch } from '../../../db/sync/batch-file.js';
import { companyItems } from '../../../db/sync/catalogue-read.js';
import { importFolder, importInto } from '../../../db/sync/import.js';
import { LOG_COLUMNS, sha256 } from '../../../db/sync/rules.js';
import { cleanup, rows, tempStoreFile } from '../../helpers/app.js';
import { startCluster, type PgCluster } from '../../helpers/pg-cluster.js';
import { hqWorld, pgTables, sqliteTables } from '../hqpg-fixture.js';

let cluster: PgCluster;
beforeAll(async () => { cluster = await startCluster(); }, 60_000);
afterAll(() => cluster?.destroy());
afterEach(cleanup);

const upTo = (last: string) => Object.fromEntries(Object.entries(hqPgMigrations).filter(([name]) => name <= last));

async function query(url: string, text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Two sites and 400 archive items, a quarter of them 消防设施检查记录 and a fifth restricted,
 * over seven years; ids whose byte order differs from a linguistic one (a capital sorts
 * before a small letter). `numbered`: each title ends with 第 and the item's number.
 */
async function seedCatalogue(url: string, { numbered = false } = {}) {
  const number = numbered ? " || '第' || g" : '';
  await query(url, "INSERT INTO sites.site (id, site_id, code, name) VALUES ('S', 'S', 'HZ-01', '杭州滨江服务中心'), ('T', 'T', 'NB-01', '宁波服务中心')");
  await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
    SELECT CASE WHEN g % 2 = 0 THEN 'a' ELSE 'B' END || g, CASE WHEN g % 3 = 0 THEN 'T' ELSE 'S' END, '3.4.07—' || g,
      CASE WHEN g % 4 = 0 THEN '消防设施检查记录' ELSE '电梯维保合同' END${number}, '', CASE WHEN g % 5 = 0 THEN 'restricted' ELSE 'internal' END,
      2020 + g % 7, 3, 4, '07', g FROM generate_series(1, 400) g`);
}

/**
 * Head office's company catalogue search on the server, as its screen reads it (every site the
 * server holds): each item found as [site code, id, code, title, year].
 */
async function companySearch(hq: HqPg, text: string, limit = 50, sees = false) {
  const sites = hq.db.withSchema('sites') as unknown as Kysely<Schema>;
  return sites.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const held = await trx.selectFrom('site').select(['id', 'code', 'name']).orderBy('code').execute();
    return (await companyItems({ on: 'server', db: trx, sites: held }, { text }, limit, sees))
      .map((r) => ({ site_code: r.site.code, item_id: r.item.id, ref_code: r.item.ref_code, title: r.item.title, year: r.item.year }));
  });
}

/** A site's November: three fee bills (one cancelled) and a deposit, two receipts (one voided). */
const NOVEMBER = [
  "INSERT INTO sites.site (id, site_id, code, name) VALUES ('S', 'S', 'HZ-01', '杭州滨江服务中心')",
  "INSERT INTO sites.fee_item (id, site_id, code, name, kind) VALUES ('F', 'S', 'WYF', '物业管理费', 'area'), ('D', 'S', 'YJ', '装修押金', 'deposit')",
  "INSERT INTO sites.room (id, site_id, code) VALUES ('R', 'S', '1-1-101')",
  `INSERT INTO sites.bill (id, site_id, room_id, item_id, period, amount) VALUES ('B1', 'S', 'R', 'F', '2026-11', 20000), ('B2', 'S', 'R', 'F', '2026-11', 5000),
    ('B3', 'S', 'R', 'F', '2026-11', 7000), ('B4', 'S', 'R', 'D', '2026-11', 100000)`,
  "INSERT INTO sites.bill_cancel (id, site_id, bill_id) VALUES ('C', 'S', 'B3')",
  "INSERT INTO sites.receipt (id, site_id, kind, day) VALUES ('P1', 'S', 'payment', '2026-11-20'), ('P2', 'S', 'payment', '2026-11-21')",
  "INSERT INTO sites.receipt_line (id, site_id, receipt_id, kind, bill_id, amount) VALUES ('L1', 'S', 'P1', 'bill', 'B1', 12000), ('L2', 'S', 'P2', 'bill', 'B2', 5000)",
  "INSERT INTO sites.receipt_void (id, site_id, receipt_id, kind, day) VALUES ('V', 'S', 'P2', 'void', '2026-11-21')",
];

describe('head office PostgreSQL migrations', () => {
  it('0001 hq_bookkeeping: the cursor, batch, change-log and refusal tables, pg_trgm, and the site tables mirrored from the desk without secrets', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0001');
    const hq = await openHqPg(url, store, { migrations: upTo('2026_12_05_0001_hq_bookkeeping') });
    try {
      const cols = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = 'sites' AND table_name = 'staff'`.execute(hq.db);
      const names = cols.rows.map((r) => r.column_name);
      expect(names).toEqual(expect.arrayContaining(['id', 'site_id', 'username']));
      expect(names).not.toContain('password_hash');
      expect(names).not.toContain('failed_attempts');
      const key = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'sites.bill'::regclass AND contype = 'p'`.execute(hq.db);
      expect(key.rows[0]!.def).toBe('PRIMARY KEY (site_id, id)');
      expect((await query(url, "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'"))).toHaveLength(1);
      expect(await query(url, "SELECT value FROM hq.meta WHERE key = 'desk_schema'")).toEqual([{ value: String(store.version) }]);
      // one change row per (site, sequence), one batch per (site, start)
      await query(url, "INSERT INTO hq.change_log (site_id, seq, at, table_name, row_id, kind) VALUES ('s1', 1, 'now', 'bill', 'b1', 'insert')");
      await expect(query(url, "INSERT INTO hq.change_log (site_id, seq, at, table_name, row_id, kind) VALUES ('s1', 1, 'now', 'bill', 'b2', 'insert')")).rejects.toThrow(/duplicate key/);
      await query(url, "INSERT INTO hq.batch VALUES ('s1', 1, 5, 5, 'h', 'f', 'x', 11, 'now')");
      await expect(query(url, "INSERT INTO hq.batch VALUES ('s1', 1, 6, 6, 'h', 'f', 'y', 11, 'now')")).rejects.toThrow(/duplicate key/);
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0002 hq_reports: on rows already there, the month\'s billed and paid less cancelled lines and voided receipts, arrears, and the catalogue with restricted titles veiled', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0002');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_05_0001_hq_bookkeeping') })).close();
    for (const s of [
      ...NOVEMBER,
      `INSERT INTO sites.archive_item (id, site_id, ref_code, title, confidentiality, year) VALUES ('A1', 'S', 'WS·2026-1', '物业服务合同续签', 'internal', 2026),
        ('A2', 'S', 'WS·2026-2', '物业服务纠纷调解', 'restricted', 2026)`,
    ]) await query(url, s);
    const hq = await openHqPg(url, store, { migrations: upTo('2026_12_05_0002_hq_reports') });
    try {
      // billed 20000 + 5000 (the cancelled 7000 and the deposit left out); paid 12000 (the voided receipt undone)
      expect(await query(url, 'SELECT site_code, period, billed, paid, rate_bp FROM report.collection_month'))
        .toEqual([{ site_code: 'HZ-01', period: '2026-11', billed: '25000', paid: '12000', rate_bp: 4800 }]);
      expect(await query(url, 'SELECT period, collected FROM report.collected_month')).toEqual([{ period: '2026-11', collected: '12000' }]);
      expect(await query(url, 'SELECT room_code, item_code, owed FROM report.arrears ORDER BY owed')).toEqual([
        { room_code: '1-1-101', item_code: 'WYF', owed: '5000' }, { room_code: '1-1-101', item_code: 'WYF', owed: '8000' },
      ]);
      expect(await query(url, "SELECT item_id, title FROM report.catalogue WHERE title LIKE '%物业服务%'")).toEqual([{ item_id: 'A1', title: '物业服务合同续签' }]);
      expect(await query(url, "SELECT item_id, title FROM report.catalogue WHERE item_id = 'A2'")).toEqual([{ item_id: 'A2', title: null }]);
      // a Chinese substring of three or more characters is found through the trigram index
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('SET enable_seqscan = off; SET enable_indexscan = off');
      const plan = (await c.query("EXPLAIN SELECT item_id FROM report.catalogue WHERE title LIKE '%服务合%'")).rows.map((r) => r['QUERY PLAN']).join('\n');
      await c.end();
      expect(plan).toContain('archive_item_title_trgm');
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0003 hq_screen_indexes: on rows already there, the screens\' reads of the mirrored tables go through indexes led by the site', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0003');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_05_0002_hq_reports') })).close();
    for (const s of [
      "INSERT INTO sites.site (id, site_id, code, name) VALUES ('S', 'S', 'HZ-01', '杭州滨江服务中心')",
      `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
        VALUES ('A1', 'S', '3.4.07—1', '电梯维保合同', '附消防演练记录', 'internal', 2026, 3, 4, '07', 1)`,
      `INSERT INTO sites.complaint_event (id, site_id, case_id, event, at) VALUES ('E1', 'S', 'C1', 'escalated', '2026-12-01T10:00:00.000Z'),
        ('E2', 'S', 'C1', 'received', '2026-12-01T09:00:00.000Z')`,
      // a year of a site's events, a few of them escalations
      `INSERT INTO sites.complaint_event (id, site_id, case_id, event, at)
        SELECT 'G' || g, 'S', 'C' || (g / 5), CASE WHEN g % 50 = 0 THEN 'escalated' ELSE 'note' END,
        '2026-' || lpad((g % 12 + 1)::text, 2, '0') || '-01T00:00:00.000Z' FROM generate_series(1, 5000) g`,
    ]) await query(url, s);
    // this migration's indexes alone (a later one adds trigram indexes the planner would rather take)
    const hq = await openHqPg(url, store, { migrations: upTo('2026_12_05_0003_hq_screen_indexes') });
    try {
      const names = (await query(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'sites'")).map((r) => r.indexname as string);
      expect(names).toEqual(expect.arrayContaining(['complaint_event_kind_at', 'complaint_event_case', 'bill_room', 'occupant_room', 'archive_loan_item',
        'archive_item_code', 'archive_item_remarks_trgm']));
      // the rows already there are found through them
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('ANALYZE sites.complaint_event');
        await c.query('SET enable_seqscan = off');
        const plan = async (q: string) => (await c.query(`EXPLAIN ${q}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(await plan("SELECT id FROM sites.archive_item WHERE remarks LIKE '%消防演%'")).toContain('archive_item_remarks_trgm');
        expect(await plan("SELECT count(*) FROM sites.complaint_event WHERE site_id = 'S' AND event = 'escalated' AND at >= '2026-12' AND at < '2027-01'"))
          .toContain('complaint_event_kind_at');
        expect((await c.query("SELECT id FROM sites.archive_item WHERE site_id = 'S' AND remarks LIKE '%消防演%'")).rows).toEqual([{ id: 'A1' }]);
      } finally {
        await c.end();
      }
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0004 hq_catalogue_order: on rows already there, the company search, a site\'s newest items and its code order are each read from an index in that order', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0004');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_05_0003_hq_screen_indexes') })).close();
    await seedCatalogue(url);
    await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
      VALUES ('L1', 'S', '3.4.07—401', '楼道LED灯更换记录', '', 'internal', 2019, 3, 4, '07', 401)`);
    const hq = await openHqPg(url, store, { migrations: upTo('2026_12_06_0004_hq_catalogue_order') });
    try {
      const names = (await query(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'sites'")).map((r) => r.indexname as string);
      expect(names).toEqual(expect.arrayContaining(['archive_item_company_order', 'archive_item_site_newest', 'archive_item_site_code_order']));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('ANALYZE sites.archive_item');
        // only a walk in order is left: the plan shows which index serves each order
        await c.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off; SET enable_incremental_sort = off');
        const plan = async (q: string) => (await c.query(`EXPLAIN ${q}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(await plan(`SELECT id FROM sites.archive_item WHERE confidentiality <> 'restricted' AND title ILIKE '%消防设%'
          ORDER BY year DESC, id COLLATE "C" LIMIT 50`)).toContain('Index Only Scan using archive_item_company_order');
        expect(await plan(`SELECT id FROM sites.archive_item WHERE site_id = 'S' AND title ILIKE '%消防设%' ORDER BY id COLLATE "C" DESC LIMIT 50`))
          .toContain('archive_item_site_newest');
        expect(await plan(`SELECT id FROM sites.archive_item WHERE site_id = 'S' AND title LIKE '%消%'
          ORDER BY category_code, class_code, department_code COLLATE "C", seq LIMIT 50`)).toContain('archive_item_site_code_order');
      } finally {
        await c.end();
      }
      // the company search: open items holding the word, newest year first, ids byte by byte, each with its site
      const hits = await companySearch(hq, '消防设', 500);
      const expected = (await query(url, `SELECT s.code AS site_code, a.id AS item_id, a.year FROM sites.archive_item a JOIN sites.site s ON s.id = a.site_id
        WHERE a.title LIKE '%消防设%' AND a.confidentiality <> 'restricted' ORDER BY a.year DESC, a.id COLLATE "C"`));
      expect(hits.map((h) => [h.site_code, h.item_id, Number(h.year)])).toEqual(expected.map((r) => [r.site_code, r.item_id, Number(r.year)]));
      expect(hits.length).toBe(80);
      expect((await companySearch(hq, '消防设', 50)).map((h) => h.item_id)).toEqual(hits.slice(0, 50).map((h) => h.item_id));
      expect((await companySearch(hq, '消', 500)).map((h) => h.item_id)).toEqual(hits.map((h) => h.item_id));
      // a word with letters matches in any case, as the desk's trigram index does; Chinese alone byte for byte
      expect((await companySearch(hq, 'led灯')).map((h) => h.item_id)).toEqual(['L1']);
      expect((await companySearch(hq, 'D灯更')).map((h) => h.item_id)).toEqual(['L1']);
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0005 hq_month_figures: the figures of rows already there are kept per site and month, the two views read them with their columns and an analyst\'s grant unchanged', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0005');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_06_0004_hq_catalogue_order') })).close();
    for (const s of [
      ...NOVEMBER,
      // a December payment of November's bill, reversed in January
      "INSERT INTO sites.receipt (id, site_id, kind, day) VALUES ('P3', 'S', 'payment', '2026-12-02')",
      "INSERT INTO sites.receipt_line (id, site_id, receipt_id, kind, bill_id, amount) VALUES ('L3', 'S', 'P3', 'bill', 'B2', 3000)",
      "INSERT INTO sites.receipt_void (id, site_id, receipt_id, kind, day) VALUES ('V2', 'S', 'P3', 'reversal', '2027-01-05')",
      'CREATE ROLE analyst_0005',
      'GRANT USAGE ON SCHEMA report TO analyst_0005',
      'GRANT SELECT ON ALL TABLES IN SCHEMA report TO analyst_0005',
    ]) await query(url, s);
    const columns = "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'report' AND table_name LIKE 'collect%' ORDER BY 1, ordinal_position";
    const before = await query(url, columns);
    const hq = await openHqPg(url, store);
    try {
      expect(await query(url, 'SELECT site_id, period, billed, unpaid, collected FROM hq.month_figures ORDER BY period')).toEqual([
        { site_id: 'S', period: '2026-11', billed: '25000', unpaid: '13000', collected: '12000' },
        { site_id: 'S', period: '2026-12', billed: null, unpaid: null, collected: '3000' },
        { site_id: 'S', period: '2027-01', billed: null, unpaid: null, collected: '-3000' },
      ]);
      expect(await query(url, 'SELECT site_code, period, billed, paid, rate_bp FROM report.collection_month'))
        .toEqual([{ site_code: 'HZ-01', period: '2026-11', billed: '25000', paid: '12000', rate_bp: 4800 }]);
      expect(await query(url, 'SELECT period, collected FROM report.collected_month ORDER BY period'))
        .toEqual([{ period: '2026-11', collected: '12000' }, { period: '2026-12', collected: '3000' }, { period: '2027-01', collected: '-3000' }]);
      expect(await query(url, columns)).toEqual(before);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('SET ROLE analyst_0005');
        expect((await c.query("SELECT paid FROM report.collection_month WHERE period = '2026-11'")).rows).toEqual([{ paid: '12000' }]);
        await expect(c.query('SELECT * FROM hq.month_figures')).rejects.toThrow(/permission denied/);
      } finally {
        await c.end();
      }
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0006 hq_catalogue_site_trigram: a site\'s search by a word its newest items lack is read from the site\'s own trigram index, and finds the same items in the same order', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0006');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_06_0005_hq_month_figures') })).close();
    await query(url, "INSERT INTO sites.site (id, site_id, code, name) VALUES ('S', 'S', 'HZ-01', '杭州滨江服务中心'), ('T', 'T', 'NB-01', '宁波服务中心')");
    // 2,600 items at S, ids in the order they were filed: the oldest 500 are transfer lists, every other one a lift contract;
    // T's items are all transfer lists
    await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
      SELECT 'i' || lpad(g::text, 5, '0'), 'S', '3.4.07—' || g,
        CASE WHEN g <= 500 THEN '档案移交清单' WHEN g % 2 = 0 THEN '电梯维保合同' ELSE '绿化养护记录' END, '', 'internal', 2026, 3, 4, '07', g
      FROM generate_series(1, 2600) g`);
    await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
      SELECT 't' || g, 'T', '3.4.07—' || g, '档案移交清单', '', 'internal', 2026, 3, 4, '07', g FROM generate_series(1, 300) g`);
    const hq = await openHqPg(url, store);
    try {
      const names = (await query(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'sites'")).map((r) => r.indexname as string);
      expect(names).toEqual(expect.arrayContaining(['archive_item_site_title_trgm', 'archive_item_site_remarks_trgm']));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('ANALYZE sites.archive_item');
        await c.query('SET enable_seqscan = off; SET enable_indexscan = off');
        const plan = (await c.query(`EXPLAIN SELECT id FROM sites.archive_item WHERE site_id = 'S' AND title ILIKE '%档案移交%' ORDER BY id COLLATE "C" DESC LIMIT 50`)).rows
          .map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain('archive_item_site_title_trgm');
      } finally {
        await c.end();
      }
      // head office's screen with the site chosen, read as readHeld reads it: a page of 50, newest first
      const sites = hq.db.withSchema('sites') as unknown as Kysely<Schema>;
      const page = (text: string) => sites.transaction().setIsolationLevel('repeatable read').execute(async (trx) =>
        (await companyItems({ on: 'server', db: trx, sites: [{ id: 'S', code: 'HZ-01', name: '杭州滨江服务中心' }] }, { text, siteCode: 'HZ-01' }, 50, true)).map((r) => r.item.id));
      const ids = (from: number, step: number) => Array.from({ length: 50 }, (_, k) => `i${String(from - k * step).padStart(5, '0')}`);
      expect(await page('档案移交')).toEqual(ids(500, 1)); // none among the newest 2,000: from the site's trigram index
      expect(await page('电梯维保')).toEqual(ids(2600, 2)); // the newest items fill the page
      expect(await page('不存在的词')).toEqual([]);
      // the settings turned off for that one query are back for the rest of the read
      const after = await sites.transaction().execute(async (trx) => {
        await companyItems({ on: 'server', db: trx, sites: [{ id: 'S', code: 'HZ-01', name: '杭州滨江服务中心' }] }, { text: '档案移交', siteCode: 'HZ-01' }, 50, true);
        return (await sql<{ s: string; i: string; p: string }>`SELECT current_setting('enable_seqscan') AS s, current_setting('enable_indexscan') AS i,
          current_setting('max_parallel_workers_per_gather') AS p`.execute(trx)).rows[0];
      });
      expect(after).toEqual({ s: 'on', i: 'on', p: expect.not.stringMatching(/^0$/) });
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0007 hq_catalogue_word_statistics: on items already there, a word in one title of a hundred is expected in about a hundredth of them', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0007');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_06_0006_hq_catalogue_site_trigram') })).close();
    await query(url, "INSERT INTO sites.site (id, site_id, code, name) VALUES ('S', 'S', 'HZ-01', '杭州滨江服务中心')");
    // 30,000 items, the word 消防演练 in every hundredth title, spread through them in title order
    await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
      SELECT 'i' || g, 'S', '3.4.07—' || g, '第' || g || '号' || CASE WHEN g % 100 = 0 THEN '消防演练记录' ELSE '日常巡查记录' END, '', 'internal',
        2000 + g % 27, 3, 4, '07', g FROM generate_series(1, 30000) g`);
    const hq = await openHqPg(url, store);
    try {
      const kept = await query(url, "SELECT attname, attstattarget FROM pg_attribute WHERE attrelid = 'sites.archive_item'::regclass AND attname IN ('title', 'remarks') ORDER BY attname");
      expect(kept).toEqual([{ attname: 'remarks', attstattarget: 1000 }, { attname: 'title', attstattarget: 1000 }]);
      // the migration took the statistics itself: the 300 items are expected without a new ANALYZE
      const plan = (await query(url, "EXPLAIN SELECT id FROM sites.archive_item WHERE title ILIKE '%消防演练%'")).map((r) => r['QUERY PLAN'] as string).join('\n');
      const expected = Number(/rows=(\d+)/.exec(plan)?.[1]);
      expect(expected).toBeGreaterThanOrEqual(100);
      expect(expected).toBeLessThanOrEqual(900);
      expect((await companySearch(hq, '消防演练', 500)).length).toBe(300);
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0008 hq_batch_file: a batch applied before keeps its rows in the change log, later ones keep their files; the rows of both are read back in order, and a copy of either is a duplicate', async () => {
    const w = await hqWorld();
    const url = await cluster.createDatabase('m0008');
    const s = w.sites[0]!;
    const dir = join(w.folder, s.code);
    const [first, second] = readdirSync(dir).filter((f) => f.endsWith('.fdsync')).sort();
    // the first file applied as the server did before this migration: its rows into hq.change_log
    const old = await openHqPg(url, w.hq.store, { migrations: upTo('2026_12_06_0007_hq_catalogue_word_statistics') });
    try {
      const bytes = readFileSync(join(dir, first!));
      const batch = decodeBatch(bytes, () => s.key.publicKey);
      const client = await old.pool.connect();
      try {
        await onClient(client).transaction().execute(async (trx) => {
          const months = await applyRowsPg(trx, client, old.tables, s.id, batch.rows);
          if (months.length > 0) await sql`SELECT hq.refresh_month_figures(${s.id}, ${months}::text[])`.execute(trx);
          await trx.insertInto('hq.change_log').values(batch.rows).execute();
          await sql`INSERT INTO hq.batch (site_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at)
            VALUES (${s.id}, ${batch.header.from}, ${batch.header.to}, ${batch.header.rows}, ${batch.hash}, ${sha256(bytes)}, ${`${s.code}/${first}`}, ${batch.header.schema}, 'then')`.execute(trx);
          await trx.insertInto('hq.cursor').values({ site_id: s.id, code: s.code, seq: batch.header.to, hash: batch.hash }).execute();
        });
      } finally {
        client.release();
      }
    } finally {
      await old.close();
    }
    const hq = await openHqPg(url, w.hq.store);
    try {
      expect(await query(url, "SELECT attstorage FROM pg_attribute WHERE attrelid = 'hq.batch'::regclass AND attname = 'body'")).toEqual([{ attstorage: 'e' }]);
      const out = await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder);
      expect(out.refused).toEqual([]);
      expect(out.duplicates).toBe(1);
      expect(await query(url, 'SELECT count(*)::int AS n FROM hq.batch WHERE body IS NULL')).toEqual([{ n: 1 }]);
      // the same rows in other bytes (gzipped again), of the old batch and of a new one: duplicates, judged on the rows held
      for (const f of [first!, second!]) writeFileSync(join(dir, f), gzipSync(gunzipSync(readFileSync(join(dir, f))), { level: 1 }));
      const again = await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder);
      expect(again.refused).toEqual([]);
      expect(again.applied).toEqual([]);
      expect(again.duplicates).toBe(out.applied.length + 1);
      await importFolder(w.hq.store, w.folder);
      for (const site of w.sites) {
        const held = (await pgHeldSiteLog(hq, site.id)).rows;
        expect(held).toEqual(rows(w.hq, `SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`, site.id));
        expect(held.length).toBeGreaterThan(40);
      }
      expect(await pgTables(url, w.hq, s.id)).toEqual(sqliteTables(w.hq, s.id));
    } finally {
      await hq.close();
    }
  }, 120_000);

  it('0009 hq_catalogue_open_order: on items already there, the company search walks an index of open items carrying only site and title, and finds the same page with its codes', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0009');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_06_0008_hq_batch_file') })).close();
    await seedCatalogue(url, { numbered: true });
    const before = await query(url, `SELECT s.code AS site_code, a.id AS item_id, a.ref_code, a.title, a.year FROM sites.archive_item a JOIN sites.site s ON s.id = a.site_id
      WHERE a.title LIKE '%消防设%' AND a.confidentiality <> 'restricted' ORDER BY a.year DESC, a.id COLLATE "C"`);
    const hq = await openHqPg(url, store, { migrations: upTo('2026_12_07_0009_hq_catalogue_open_order') });
    try {
      const indexes = await query(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'sites' AND tablename = 'archive_item'");
      expect(indexes.map((r) => r.indexname)).not.toContain('archive_item_company_order');
      const def = indexes.find((r) => r.indexname === 'archive_item_company_open_order')?.indexdef as string;
      expect(def).toContain('(year DESC, id COLLATE "C") INCLUDE (site_id, title) WHERE (confidentiality <> \'restricted\'::text)');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('ANALYZE sites.archive_item');
        await c.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off; SET enable_incremental_sort = off');
        const plan = (await c.query(`EXPLAIN SELECT site_id, id, title, year FROM sites.archive_item WHERE confidentiality <> 'restricted' AND title LIKE '%第9%'
          ORDER BY year DESC, id COLLATE "C" LIMIT 50`)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain('Index Only Scan using archive_item_company_open_order');
      } finally {
        await c.end();
      }
      // the same items, in the same order, each with its code and site; a restricted one never
      const hits = await companySearch(hq, '消防设', 500);
      expect(hits.map((h) => [h.site_code, h.item_id, h.ref_code, h.title, Number(h.year)]))
        .toEqual(before.map((r) => [r.site_code, r.item_id, r.ref_code, r.title, Number(r.year)]));
      expect(hits.length).toBe(80);
      expect((await companySearch(hq, '消', 50)).map((h) => h.item_id)).toEqual(hits.slice(0, 50).map((h) => h.item_id));
      expect(await companySearch(hq, '第100')).toEqual([]); // item 100 is restricted
      expect((await companySearch(hq, '第104')).map((h) => [h.site_code, h.ref_code])).toEqual([['HZ-01', '3.4.07—104']]);
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);

  it('0010 hq_catalogue_company_search: on items already there, the company search by title or remarks walks the open items\' index, merged with the restricted ones\' for whoever may open them', async () => {
    const store = await openStore(tempStoreFile());
    const url = await cluster.createDatabase('m0010');
    await (await openHqPg(url, store, { migrations: upTo('2026_12_07_0009_hq_catalogue_open_order') })).close();
    await seedCatalogue(url, { numbered: true });
    // the word in the remarks alone: an open item and a restricted one
    await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
      VALUES ('R1', 'T', '3.4.07—401', '电梯维保合同', '附消防设施清单', 'internal', 2026, 3, 4, '07', 401),
        ('R2', 'S', '3.4.07—402', '电梯维保合同', '附消防设施清单', 'restricted', 2026, 3, 4, '07', 402)`);
    const plain = (restricted: string) => query(url, `SELECT s.code AS site_code, a.id AS item_id, a.ref_code, a.title, a.year FROM sites.archive_item a
      JOIN sites.site s ON s.id = a.site_id WHERE (a.title LIKE '%消防设%' OR a.remarks LIKE '%消防设%') ${restricted} ORDER BY a.year DESC, a.id COLLATE "C"`);
    const [open, all] = [await plain("AND a.confidentiality <> 'restricted'"), await plain('')];
    const hq = await openHqPg(url, store);
    try {
      const indexes = await query(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'sites' AND tablename = 'archive_item'");
      expect(indexes.map((r) => r.indexname)).not.toContain('archive_item_company_open_order');
      const def = (name: string) => indexes.find((r) => r.indexname === name)?.indexdef as string;
      expect(def('archive_item_company_open')).toContain('(year DESC, id COLLATE "C") INCLUDE (site_id, title, remarks) WHERE (confidentiality <> \'restricted\'::text)');
      expect(def('archive_item_company_restricted')).toContain('(year DESC, id COLLATE "C") INCLUDE (site_id, title, remarks) WHERE (confidentiality = \'restricted\'::text)');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('ANALYZE sites.archive_item');
        await c.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off; SET enable_incremental_sort = off');
        const walk = (kept: string) => `(SELECT site_id, id, year FROM sites.archive_item WHERE confidentiality ${kept} 'restricted' AND site_id IN ('S', 'T')
          AND (title LIKE '%第9%' OR remarks LIKE '%第9%') ORDER BY year DESC, id COLLATE "C" LIMIT 50)`;
        const plan = async (q: string) => (await c.query(`EXPLAIN ${q}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(await plan(walk('<>'))).toContain('Index Only Scan using archive_item_company_open');
        const both = await plan(`SELECT site_id, id FROM (${walk('<>')} UNION ALL ${walk('=')}) p ORDER BY year DESC, id COLLATE "C" LIMIT 50`);
        expect(both).toContain('Merge Append');
        expect(both).toContain('Index Only Scan using archive_item_company_restricted');
      } finally {
        await c.end();
      }
      const cells = (r: Record<string, unknown>) => [r.site_code, r.item_id, r.ref_code, r.title, Number(r.year)];
      // by title or remarks, newest year first, each with its code and site; restricted items for whoever may open them alone
      expect((await companySearch(hq, '消防设', 500)).map(cells)).toEqual(open.map(cells));
      expect((await companySearch(hq, '消防设', 500, true)).map(cells)).toEqual(all.map(cells));
      expect(all.length).toBe(open.length + 21);
      expect((await companySearch(hq, '消防设', 50, true)).map(cells)).toEqual(all.slice(0, 50).map(cells));
      expect((await companySearch(hq, '消', 50)).map(cells)).toEqual(open.slice(0, 50).map(cells));
      expect((await companySearch(hq, '第100')).map(cells)).toEqual([]);
      expect((await companySearch(hq, '第100', 50, true)).map((r) => r.ref_code)).toEqual(['3.4.07—100']);
      // a whole list, as the export reads it, longer than one read of items by their keys: the same items in the same order
      await query(url, `INSERT INTO sites.archive_item (id, site_id, ref_code, title, remarks, confidentiality, year, category_code, class_code, department_code, seq)
        SELECT 'x' || g, 'T', '3.4.07—' || (1000 + g), '巡查记录第' || g || '号', '', 'internal', 2000 + g % 27, 3, 4, '07', 1000 + g FROM generate_series(1, 2500) g`);
      const rounds = await query(url, `SELECT s.code AS site_code, a.id AS item_id, a.ref_code, a.title, a.year FROM sites.archive_item a
        JOIN sites.site s ON s.id = a.site_id WHERE a.title LIKE '%巡查记录%' ORDER BY a.year DESC, a.id COLLATE "C"`);
      expect(rounds).toHaveLength(2500);
      expect((await companySearch(hq, '巡查记录', 10_000)).map(cells)).toEqual(rounds.map(cells));
    } finally {
      await hq.close();
      await store.close();
    }
  }, 60_000);
});
