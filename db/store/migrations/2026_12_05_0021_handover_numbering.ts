import { sql, type Kysely } from 'kysely';

/**
 * The next gapless number of a handover form (per site, kind and year) is read on every new
 * form, by the operation and again by the trigger that guards it. Without an index each
 * read visited every earlier form: on a site with twenty thousand move-ins, signing the next
 * took a fifth of a second. Only first versions carry a number of their own (a correction
 * keeps its original's), so only they are indexed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX handover_number_seq ON handover (site_id, kind, year, seq) WHERE version = 1`.execute(db);
}
