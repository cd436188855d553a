/**
 * The consolidated reads of head office's screens from the server's report views: the
 * same figures the head-office SQLite store gives (sync.collection), in fen. The other
 * consolidated screens read the server's mirrored site tables with the desk's own queries
 * (db/sync/held-rows.ts).
 */
import type { ArchiveItemTable, ArchiveRetention } from '../archives/tables.js';
import { sql } from 'kysely';
import type { HqPg } from './connect.js';

export interface SiteCollection { siteCode: string; site: string; billed: number; paid: number; rateBp: number; collected: number }

/** Every site of `codes` (in that order) for a billing month: billed, paid, rate; and the month's receipts. */
export async function pgCollection(hq: HqPg, period: string, codes: readonly string[]): Promise<SiteCollection[]> {
  if (codes.length === 0) return [];
  const sites = await hq.db.selectFrom('report.collection_month').select(['site_id', 'site_code', 'site_name', 'billed', 'paid', 'rate_bp'])
    .where('period', '=', period).where('site_code', 'in', [...codes]).execute();
  const names = await hq.db.selectFrom('sites.site').select(['id', 'code', 'name']).where('code', 'in', [...codes]).execute();
  const collected = new Map((await hq.db.selectFrom('report.collected_month').select(['site_id', 'collected']).where('period', '=', period)
    .where('site_id', 'in', names.map((n) => n.id).concat('')).execute()).map((r) => [r.site_id, r.collected]));
  const out: SiteCollection[] = [];
  for (const code of codes) {
    const n = names.find((x) => x.code === code);
    if (!n) continue;
    const s = sites.find((x) => x.site_code === code);
    out.push({ siteCode: code, site: n.name, billed: s?.billed ?? 0, paid: s?.paid ?? 0, rateBp: s?.rate_bp ?? 0, collected: collected.get(n.id) ?? 0 });
  }
  return out;
}

/**
 * How a typed word is matched as the desk's search matches it: one of three characters or more
 * in any case (the trigram index folds case), a shorter one as typed. A word with no letter that
 * has a case (Chinese, digits) is the same either way and is compared byte for byte, several
 * times faster than ILIKE, which lowers every title it reads.
 */
export function likeOperator(text: string): 'ILIKE' | 'LIKE' {
  return [...text].length >= 3 && text.toLowerCase() !== text.toUpperCase() ? 'ILIKE' : 'LIKE';
}

export interface CatalogueHit { site_code: string; item_id: string; ref_code: string; title: string; year: number }

/**
 * Catalogue search across every site: open items whose title holds `text`, newest year first
 * (ids byte by byte within a year), as report.catalogue lists them (a restricted item's title
 * is veiled there, so it is never found by it), the word matched as likeOperator says. The page is taken
 * from the open items' index alone and only then given its codes and sites: that index walked in
 * this order stops at the page for a common word, a rare one is gathered through the trigram index.
 */
export async function pgCatalogueSearch(hq: HqPg, text: string, limit = 50): Promise<CatalogueHit[]> {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const op = sql.raw(likeOperator(text));
  const r = await sql<CatalogueHit>`SELECT s.code AS site_code, p.item_id, i.ref_code, p.title, p.year
    FROM (SELECT a.site_id, a.id AS item_id, a.title, a.year FROM sites.archive_item a
      WHERE a.confidentiality <> 'restricted' AND a.title ${op} ${like}
      ORDER BY a.year DESC, a.id COLLATE "C" LIMIT ${limit}) p
    JOIN sites.archive_item i ON i.site_id = p.site_id AND i.id = p.item_id
    JOIN sites.site s ON s.site_id = p.site_id AND s.id = p.site_id
    ORDER BY p.year DESC, p.item_id COLLATE "C"`.execute(hq.db);
  return r.rows;
}

/** An item of the company catalogue as head office's screen lists it, from either store. */
export interface CompanyItem {
  siteCode: string;
  site: string;
  id: string;
  ref_code: string;
  /** veiled for whoever may not open a restricted item */
  title: string;
  year: number;
  retention: ArchiveRetention;
  status: ArchiveItemTable['status'];
  confidentiality: ArchiveItemTable['confidentiality'];
}
