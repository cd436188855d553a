/**
 * The company archive catalogue as head office's screen and its export read it: the items that
 * a word of the title or remarks, or a code prefix, finds, restricted items veiled (or, when a
 * word is typed, not found at all) for whoever may not open them.
 * - A word typed over the whole company: every held site's items that hold it, newest year
 *   first across the sites (companySearch), as the archive room looks for a document without
 *   knowing which centre filed it.
 * - One site chosen, or a code prefix: site by site in code order, each site's items as the
 *   site's own catalogue search lists them (from the head-office store it is that search; from
 *   the server the same search over the mirrored rows).
 */
import { sql } from 'kysely';
import { codePrefixWhere, LIST_COLUMNS, searchItems } from '../archives/items.js';
import { veil } from '../archives/shared.js';
import { likeOperator } from '../headoffice-pg/queries.js';
import { bytewise, type HeldRows, type HeldSite } from './held-rows.js';
import { ftsPhrase, likeContaining } from '../store/text-match.js';

export interface CatalogueFilters { text?: string; codePrefix?: string; siteCode?: string }

/** One site's items the filters find, up to `limit`, veiled unless `sees`. */
export async function siteItems(rows: HeldRows, site: HeldSite, f: CatalogueFilters, limit: number, sees: boolean) {
  const found = rows.on === 'store'
    ? await searchItems(rows.db, site.id, { text: f.text, codePrefix: f.codePrefix, limit, offset: 0, hideRestricted: !sees })
    : await serverSearch(rows, site.id, f, limit, !sees);
  return veil(found, sees);
}

/** Whether `f` is a word over the whole company (listed newest year first across the sites), not site by site. */
export const searchesCompany = (f: CatalogueFilters) => !!f.text?.trim() && !f.siteCode && !f.codePrefix;

/** The items the screen lists for `f`, up to `limit`, each with its site. */
export async function companyItems(rows: HeldRows, f: CatalogueFilters, limit: number, sees: boolean) {
  if (searchesCompany(f)) return companySearch(rows, f.text!.trim(), limit, sees);
  const out = [];
  for (const s of rows.sites.filter((x) => !f.siteCode || x.code === f.siteCode)) {
    for (const r of await siteItems(rows, s, f, limit, sees)) out.push({ site: s, item: r });
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** How many of a site's newest items a word's search reads first: a word in one title in forty fills a page from them. */
const NEWEST = 2000;

/**
 * The site's catalogue search on the server: a word of three characters or more is matched as
 * the site's trigram index matches it (any case, newest item first), a shorter one as typed, in
 * code order; the pg_trgm indexes on title and remarks serve both.
 *
 * Newest first, walking the site's items stops at the page for a common word but reads all of
 * them for a word the site does not hold, and the site's trigram index is quick for a rare or
 * absent word but sorts every item a common one is in. PostgreSQL cannot tell which beforehand
 * (it expects a word in one item of five), so the site's newest items are read first, and if
 * they fill the page, it is the page (every older item that holds the word is older than they
 * are); else the site's trigram index, the walk turned off for that one query.
 */
async function serverSearch(rows: HeldRows, siteId: string, f: CatalogueFilters, limit: number, hideRestricted: boolean) {
  const text = f.text?.trim() ?? '';
  const trigram = [...text].length >= 3;
  const found = () => {
    let q = rows.db.selectFrom('archive_item as i')
      .leftJoin('archive_loan as l', (j) => j.onRef('l.site_id', '=', 'i.site_id').onRef('l.item_id', '=', 'i.id').on('l.returned_at', 'is', null))
      .select(LIST_COLUMNS).where('i.site_id', '=', siteId);
    if (f.codePrefix) q = q.where(codePrefixWhere(f.codePrefix));
    if (hideRestricted && text) q = q.where('i.confidentiality', '<>', 'restricted');
    if (text) {
      const like = likeContaining(text);
      const op = sql.raw(likeOperator(text));
      q = q.where(sql<boolean>`(i.title ${op} ${like} ESCAPE '\\' OR i.remarks ${op} ${like} ESCAPE '\\')`);
    }
    return q;
  };
  if (!trigram) return found().orderBy('i.category_code').orderBy('i.class_code').orderBy(bytewise(rows, 'i.department_code')).orderBy('i.seq').limit(limit).execute();
  const newest = await found()
    .where('i.id', 'in', (eb) => eb.selectFrom('archive_item').select('id').where('site_id', '=', siteId).orderBy(bytewise(rows, 'id'), 'desc').limit(NEWEST))
    .orderBy(bytewise(rows, 'i.id'), 'desc').limit(limit).execute();
  if (newest.length >= limit) return newest;
  // The read is one transaction (readHeld): the settings hold for this query alone, and are put
  // back before the next. No parallel workers either: starting them costs more than the search.
  const settings = ['enable_indexscan', 'enable_seqscan', 'max_parallel_workers_per_gather'];
  await sql`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(rows.db);
  try {
    return await found().orderBy(bytewise(rows, 'i.id'), 'desc').limit(limit).execute();
  } finally {
    for (const name of settings) await sql`RESET ${sql.raw(name)}`.execute(rows.db);
  }
}

type ListRow = Awaited<ReturnType<typeof searchItems>>[number];
/** An item as the catalogue lists it (veiled where its reader may not open it). */
export type ListedItem = ListRow;

/** How many of a page's items are read whole by their keys in one statement. */
const BY_KEYS = 1000;

/**
 * A word over every held site: the items whose title or remarks hold it (matched as the sites
 * match it: three characters or more in any case, a shorter word as typed), newest year first,
 * within a year by id byte by byte; restricted items only for whoever may open them.
 * - In the head-office store the trigram index (or, for a shorter word, a scan) finds them all
 *   and they are sorted.
 * - On the server the page is found in the catalogue's order indexes (open items; restricted
 *   ones in their own, merged in for whoever may open them), which carry each item's site,
 *   title and remarks: walked in order, a common word fills the page after a few entries;
 *   for a rare one PostgreSQL gathers the items from the trigram indexes instead. The page's
 *   items are then read whole by their keys.
 */
async function companySearch(rows: HeldRows, text: string, limit: number, sees: boolean): Promise<{ site: HeldSite; item: ListRow }[]> {
  const bySite = new Map(rows.sites.map((s) => [s.id, s]));
  if (bySite.size === 0) return [];
  const ids = [...bySite.keys()];
  const withSite = (found: (ListRow & { site_id: string })[]) => found.map(({ site_id, ...item }) => ({ site: bySite.get(site_id)!, item: item as ListRow }));
  const listed = () => rows.db.selectFrom('archive_item as i')
    .leftJoin('archive_loan as l', (j) => j.onRef('l.site_id', '=', 'i.site_id').onRef('l.item_id', '=', 'i.id').on('l.returned_at', 'is', null))
    .select(LIST_COLUMNS).select('i.site_id');

  if (rows.on === 'store') {
    const fts = [...text].length >= 3;
    let q = listed().where('i.site_id', 'in', ids);
    if (!sees) q = q.where('i.confidentiality', '<>', 'restricted');
    q = fts
      ? q.where(sql<boolean>`i.rowid IN (SELECT rowid FROM archive_item_fts WHERE archive_item_fts MATCH ${ftsPhrase(text)})`)
      : q.where(sql<boolean>`(instr(i.title, ${text}) > 0 OR instr(i.remarks, ${text}) > 0)`);
    return withSite(await q.orderBy('i.year', 'desc').orderBy('i.id').limit(limit).execute());
  }

  const like = likeContaining(text);
  const op = sql.raw(likeOperator(text));
  // Usually every site on the server is one of this PC's: then no site is left out, and the
  // quarter of a million entries a common short word walks are not each checked for their site.
  const onServer = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM sites.site`.execute(rows.db)).rows[0]!.n);
  const ofHeld = onServer === ids.length ? sql`` : sql`AND a.site_id IN (${sql.join(ids)})`;
  const walk = (kept: 'open' | 'restricted') => sql`(SELECT a.site_id, a.id, a.year FROM sites.archive_item a
    WHERE a.confidentiality ${sql.raw(kept === 'open' ? '<>' : '=')} 'restricted' ${ofHeld}
      AND (a.title ${op} ${like} OR a.remarks ${op} ${like})
    ORDER BY a.year DESC, a.id COLLATE "C" LIMIT ${limit})`;
  const page = await sql<{ site_id: string; id: string }>`SELECT p.site_id, p.id
    FROM (${sees ? sql`${walk('open')} UNION ALL ${walk('restricted')}` : walk('open')}) p
    ORDER BY p.year DESC, p.id COLLATE "C" LIMIT ${limit}`.execute(rows.db);
  // a screen's page is one read; the export's whole list is read a thousand keys at a time
  const at = new Map<string, ListRow & { site_id: string }>();
  for (let k = 0; k < page.rows.length; k += BY_KEYS) {
    const keys = page.rows.slice(k, k + BY_KEYS).map((r) => sql`(${r.site_id}, ${r.id})`);
    for (const r of await listed().where(sql<boolean>`(i.site_id, i.id) IN (${sql.join(keys)})`).execute()) at.set(`${r.site_id} ${r.id}`, r);
  }
  return withSite(page.rows.map((r) => at.get(`${r.site_id} ${r.id}`)!));
}
