/**
 * The catalogue part of the head-office PostgreSQL bench: the same N archive items, spread
 * over the sites, on the server (sites.archive_item with the migrations' pg_trgm and order
 * indexes) and in a SQLite file shaped as the desk keeps them (a table and its FTS5 trigram
 * index), then the same searches on both:
 * - head office's catalogue screen searching the whole company, as the screen's operation reads
 *   it from the server (companyItems in one repeatable-read transaction: items whose title or
 *   remarks hold the word, newest year first, a page of 50), for a reader who may not open
 *   restricted items (the target) and for one who may; against the same query in SQLite (FTS5
 *   MATCH for three characters or more, instr() below that), each page checked identical;
 * - the same screen with one site chosen (that site's search as the site lists it).
 * Each query list runs once to warm up and check, then `ROUNDS` timed rounds.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { HqPg } from '../../db/headoffice-pg/connect.js';
import type { Schema } from '../../db/store/schema.js';
import { companyItems, type CatalogueFilters } from '../../db/sync/catalogue-read.js';

const ROUNDS = 5;
const CHUNK = 1_000_000;
const WORDS = ['物业服务合同', '装修申请', '维修记录', '业主大会决议', '消防检查', '绿化养护', '电梯年检', '停车管理', '收费标准', '投诉处理'];
/** two- to six-character words, some in a fifth of all titles, some far rarer; then one- and two-character ones */
const QUERIES = ['物业服务', '装修申', '维修记录第1', '业主大会', '消防检查', '电梯年检第2', '停车管理', '收费标准', '投诉处理第3', '绿化养',
  '第123456号', '消', '年检', '第9'];

/** the item g's title, as the server's INSERT below writes it */
const title = (g: number) => `${2000 + (g % 27)}年${WORDS[g % 10]}${WORDS[(g * 7) % 10]}第${g}号`;
/**
 * One item in fifty restricted, in runs of ten: whatever its title says (every fiftieth item
 * alone would have had the same title words, so the other words were never in one).
 */
const restricted = (g: number) => Math.floor(g / 10) % 50 === 0;
/**
 * The item g's id: its number scrambled (a bijection on 32 bits), so the order of ids says
 * nothing of the number in its title, as the desk's time-ordered ids say nothing of a title.
 * (With the number as the id, the items numbered 9… were the last of every year in id order,
 * and a search for 第9 read a whole year before finding one.)
 */
const itemId = (g: number) => `a${(BigInt(g) * 2654435761n) % 4294967296n}`;

const pct = (x: number[], p: number) => [...x].sort((a, b) => a - b)[Math.ceil(x.length * p) - 1]!;
const figures = (x: number[]) => `p50 ${pct(x, 0.5).toFixed(1)} ms, p95 ${pct(x, 0.95).toFixed(1)} ms`;
/** the words whose slowest search took longest: `times` holds the rounds word after word, in QUERIES' order */
const slowest = (times: number[]) => QUERIES.map((q, i) => ({ q, worst: Math.max(...times.filter((_, j) => j % QUERIES.length === i)) }))
  .sort((a, b) => b.worst - a.worst).slice(0, 3).map((x) => `${x.q} ${x.worst.toFixed(0)} ms`).join(', ');

/** The N items into the server's mirrored table, spread over its sites in code order; vacuumed and analysed. */
export async function loadServerItems(pg: HqPg, items: number): Promise<{ id: string; code: string; name: string }[]> {
  const sites = await pg.db.selectFrom('sites.site').select(['id', 'code', 'name']).orderBy('code').execute();
  for (let from = 0; from < items; from += CHUNK) {
    const to = Math.min(items, from + CHUNK) - 1;
    await sql`INSERT INTO sites.archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, remarks, confidentiality, year)
      SELECT 'a' || ((g * 2654435761) % 4294967296), (${sql.val(sites.map((s) => s.id))}::text[])[1 + g % ${sites.length}], 1 + g % 9, 1 + g % 5, lpad((g % 12)::text, 2, '0'), 1 + g,
        'WS-' || g, (2000 + g % 27) || '年' || (${sql.val(WORDS)}::text[])[1 + g % 10] || (${sql.val(WORDS)}::text[])[1 + (g * 7) % 10] || '第' || g || '号', '',
        CASE WHEN (g / 10) % 50 = 0 THEN 'restricted' ELSE 'internal' END, 2000 + g % 27
      FROM generate_series(${from}::bigint, ${to}::bigint) g`.execute(pg.db);
  }
  // as autovacuum leaves a table after a load: statistics taken, pages marked all-visible
  await sql`VACUUM (ANALYZE) sites.archive_item`.execute(pg.db);
  return sites;
}

export async function catalogueBench(pg: HqPg, dir: string, items: number): Promise<void> {
  let w = performance.now();
  const sites = await loadServerItems(pg, items);
  const siteOf = (g: number) => sites[g % sites.length]!;
  const pgLoad = (performance.now() - w) / 1000;

  w = performance.now();
  const lite = new Database(join(dir, 'catalogue.db'));
  lite.pragma('journal_mode = WAL');
  lite.exec(`CREATE TABLE item (id TEXT NOT NULL UNIQUE, site_code TEXT NOT NULL, ref_code TEXT NOT NULL, title TEXT NOT NULL, year INTEGER NOT NULL,
      confidentiality TEXT NOT NULL);
    CREATE INDEX item_order ON item (year DESC, id) WHERE confidentiality <> 'restricted';
    CREATE VIRTUAL TABLE item_fts USING fts5 (title, content = 'item', content_rowid = 'rowid', tokenize = 'trigram');`);
  const ins = lite.prepare('INSERT INTO item (rowid, id, site_code, ref_code, title, year, confidentiality) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let from = 0; from < items; from += CHUNK) {
    lite.transaction(() => {
      for (let g = from; g < Math.min(items, from + CHUNK); g++) {
        ins.run(g + 1, itemId(g), siteOf(g).code, `WS-${g}`, title(g), 2000 + (g % 27), restricted(g) ? 'restricted' : 'internal');
      }
    })();
  }
  lite.exec("INSERT INTO item_fts (item_fts) VALUES ('rebuild'); ANALYZE");
  console.log(`catalogue: ${items} items over ${sites.length} sites — PostgreSQL loaded and vacuumed in ${pgLoad.toFixed(0)} s, SQLite with FTS5 in ${((performance.now() - w) / 1000).toFixed(0)} s`);

  const cols = 'i.site_code, i.id AS item_id, i.ref_code, i.title, i.year';
  const byFts = lite.prepare(`SELECT ${cols} FROM item_fts JOIN item i ON i.rowid = item_fts.rowid
    WHERE item_fts MATCH ? AND i.confidentiality <> 'restricted' ORDER BY i.year DESC, i.id LIMIT 50`);
  const byScan = lite.prepare(`SELECT ${cols} FROM item i WHERE i.confidentiality <> 'restricted' AND instr(i.title, ?) > 0 ORDER BY i.year DESC, i.id LIMIT 50`);
  type Hit = { site_code: string; item_id: string; ref_code: string; title: string; year: number };
  const liteSearch = (q: string) => ([...q].length >= 3 ? byFts.all(`"${q}"`) : byScan.all(q)) as Hit[];

  // the screen's operation reads the server as readHeld hands it over: one repeatable-read transaction
  const rows = { on: 'server' as const, db: pg.db.withSchema('sites') as unknown as Kysely<Schema>, sites: sites.map((s) => ({ id: s.id, code: s.code, name: s.name })) };
  const screen = (f: CatalogueFilters, sees: boolean) => rows.db.transaction().setIsolationLevel('repeatable read')
    .execute((trx) => companyItems({ ...rows, db: trx }, f, 50, sees));
  const key = (r: Hit) => `${r.site_code} ${r.item_id} ${r.ref_code} ${r.title} ${r.year}`;
  for (const q of QUERIES) {
    const a = (await screen({ text: q }, false)).map((r) => key({ site_code: r.site.code, item_id: r.item.id, ref_code: r.item.ref_code, title: r.item.title, year: r.item.year }));
    const b = liteSearch(q).map(key);
    if (a.join('\n') !== b.join('\n')) throw new Error(`the stores' pages differ for ${q}: ${a.slice(0, 3)} | ${b.slice(0, 3)}`);
  }
  const timed = async (f: (q: string) => Promise<unknown> | unknown) => {
    const times: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      for (const q of QUERIES) {
        const a = performance.now();
        await f(q);
        if (round > 0) times.push(performance.now() - a); // the first round warms up
      }
    }
    return times;
  };
  const pgTimes = await timed((q) => screen({ text: q }, false));
  const liteTimes = await timed(liteSearch);
  const seerTimes = await timed((q) => screen({ text: q }, true));
  const oneSite = await timed((q) => screen({ text: q, siteCode: sites[0]!.code }, false));
  console.log(`catalogue search across ${sites.length} sites, ${items} items, ${pgTimes.length} searches (${QUERIES.length} words of 1–6 characters × ${ROUNDS}), `
    + `pages identical in both: head office's screen from PostgreSQL ${figures(pgTimes)} (target p95 ≤ 50 ms); SQLite FTS5 trigram, same query, ${figures(liteTimes)}`);
  console.log(`  slowest words: PostgreSQL ${slowest(pgTimes)}; SQLite ${slowest(liteTimes)}`);
  console.log(`  the same screen for a reader who may open restricted items: ${figures(seerTimes)}; slowest ${slowest(seerTimes)}`);
  console.log(`  the screen with one site chosen (its own search): ${figures(oneSite)}; slowest ${slowest(oneSite)}`);
  lite.close();
}
