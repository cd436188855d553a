import { sql, type Kysely } from 'kysely';

/**
 * Head office keeps each batch's signed file as it arrived, in hq.batch, instead of its change
 * rows one by one in hq.change_log. The rows were the largest part of a load: a year of
 * fourteen sites is fourteen million log rows, each parsed, stored and indexed by the server,
 * and read back only to judge a file that overlaps one applied before or to write a site's
 * restore package. The file holds the same rows and its signature besides, so what head office
 * holds can be checked against the site's key at any time. It is gzipped already: stored as
 * it is (STORAGE EXTERNAL), not compressed again. Batches applied before this migration keep
 * their rows in hq.change_log, and both are read (target.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE hq.batch ADD COLUMN body bytea`.execute(db);
  await sql`ALTER TABLE hq.batch ALTER COLUMN body SET STORAGE EXTERNAL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
