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
