import { sql, type Kysely } from 'kysely';

/**
 * The company catalogue's search as head office's screen runs it: a word looked for in the
 * title or the remarks of every site's items, newest year first, restricted items included
 * for whoever may open them (db/sync/catalogue-read.ts). The walk in that order finds a common
 * word after a few entries and reads only the index: so the open items' index carries the
 * remarks beside the site and title, and restricted items (one in fifty) have an index of their
 * own in the same order, merged into the walk for those who may open them. The open items'
 * index without remarks is dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE INDEX archive_item_company_open ON sites.archive_item (year DESC, id COLLATE "C")
      INCLUDE (site_id, title, remarks) WHERE confidentiality <> 'restricted'`,
    sql`CREATE INDEX archive_item_company_restricted ON sites.archive_item (year DESC, id COLLATE "C")
      INCLUDE (site_id, title, remarks) WHERE confidentiality = 'restricted'`,
    sql`DROP INDEX sites.archive_item_company_open_order`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
