import { sql, type Kysely } from 'kysely';

/**
 * The company catalogue's order, narrowed to what its search reads. A common word of one or
 * two characters (第9, 年检) is found by walking the open items newest year first and keeping
 * those whose title holds it: at seven million items a quarter of a million index entries
 * before the page is full. The walk needs only each entry's title; the index also carried
 * each item's code and confidentiality, and every entry had its confidentiality checked.
 * This one holds open items alone (a restricted title is never searched) and carries only
 * the site and title; the page's fifty items take their codes from the table. Measured on
 * seven million items, both indexes built afresh: the walk a sixth quicker (about 48 → 40 ms),
 * the index a seventh smaller.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE INDEX archive_item_company_open_order ON sites.archive_item (year DESC, id COLLATE "C")
      INCLUDE (site_id, title) WHERE confidentiality <> 'restricted'`,
    sql`DROP INDEX sites.archive_item_company_order`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
