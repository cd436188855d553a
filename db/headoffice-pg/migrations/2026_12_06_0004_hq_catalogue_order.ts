import { sql, type Kysely } from 'kysely';

/**
 * The indexes that let a catalogue search stop at its page. A common word is in a good share
 * of all titles: gathering every item that holds it to sort them costs seconds at millions of
 * items, while walking the items in the screen's order and keeping those that hold the word
 * stops after a few hundred. Each index lists the items in one screen's order, ids compared
 * byte by byte (COLLATE "C") as the desk's SQLite store orders them, whatever the server's
 * collation:
 * - the company catalogue (every site's items, newest year first), carrying the title, site,
 *   code and confidentiality, so its walk reads the index alone;
 * - one site's items newest first (a word of three characters or more, as the site's own
 *   trigram search lists them);
 * - one site's items in code order (a word of one or two characters, and a code prefix).
 * A rare word is still found through the trigram indexes on title and remarks: PostgreSQL
 * chooses by how many items the word is in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE INDEX archive_item_company_order ON sites.archive_item (year DESC, id COLLATE "C")
      INCLUDE (site_id, ref_code, title, confidentiality)`,
    sql`CREATE INDEX archive_item_site_newest ON sites.archive_item (site_id, id COLLATE "C")`,
    sql`CREATE INDEX archive_item_site_code_order ON sites.archive_item (site_id, category_code, class_code, department_code COLLATE "C", seq)`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
