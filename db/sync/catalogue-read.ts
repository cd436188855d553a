/**
 * The company archive catalogue as head office's screen and its export read it: each held
 * site's items that a word of the title or remarks, or a code prefix, finds, in the site's own
 * order, restricted items veiled (or, when a word is typed, not found at all) for whoever may
 * not open them. From the head-office store it is the site's own catalogue search; from the
 * server the same search over the mirrored rows.
 */
import { sql } from 'kysely';
import { codePrefixWhere, LIST_COLUMNS, searchItems } from '../archives/items.js';
import { veil } from '../archives/shared.js';
import { likeOperator } from '../headoffice-pg/queries.js';
import { bytewise, type HeldRows, type HeldSite } from './held-rows.js';

export interface CatalogueFilters { text?: string; codePrefix?: string; siteCode?: string }

/** One site's items the filters find, up to `limit`, veiled unless `sees`. */
export async function siteItems(rows: HeldRows, site: HeldSite, f: CatalogueFilters, limit: number, sees: boolean) {
  const found = rows.on === 'store'
    ? await searchItems(rows.db, site.id, { text: f.text, codePrefix: f.codePrefix, limit, offset: 0, hideRestricted: !sees })
    : await serverSearch(rows, site.id, f, limit, !sees);
  return veil(found, sees);
}

/** Items of every held site (or the one asked for), site by site in code order, up to `limit` in all. */
export async function companyItems(rows: HeldRows, f: CatalogueFilters, limit: number, sees: boolean) {
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
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
