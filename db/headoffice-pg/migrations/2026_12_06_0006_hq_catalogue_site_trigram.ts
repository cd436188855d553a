import { sql, type Kysely } from 'kysely';

/**
 * One site's catalogue searched by a word its items do not hold. The trigram indexes on title
 * and remarks are the company's: a word whose characters are common across the company finds
 * a million items there, and only then are they narrowed to the site, while walking the site's
 * items newest first reads every one of them before it knows the word is not there. These
 * indexes hold the site with each trigram (btree_gin lets a trigram index carry the site), so
 * such a search reads that site's entries alone. The search turns to them when the site's
 * newest items do not fill the page (db/sync/catalogue-read.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE EXTENSION IF NOT EXISTS btree_gin`,
    sql`CREATE INDEX archive_item_site_title_trgm ON sites.archive_item USING gin (site_id, title gin_trgm_ops)`,
    sql`CREATE INDEX archive_item_site_remarks_trgm ON sites.archive_item USING gin (site_id, remarks gin_trgm_ops)`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
