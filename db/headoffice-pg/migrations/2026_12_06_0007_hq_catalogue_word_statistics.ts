import { sql, type Kysely } from 'kysely';

/**
 * How many items hold a word is what decides a catalogue search's plan: a word in one item of
 * a hundred is met quickly by walking the items in the screen's order, a rarer one is gathered
 * from the trigram index and sorted. PostgreSQL guesses the share by trying the word on the
 * titles its statistics keep, a hundred by default: a word in one title of a hundred is found
 * in none of them at times, taken as one in ten thousand, and its hundred thousand items at
 * seven million were then gathered and sorted (a quarter of a second, against under one
 * millisecond walked). A thousand titles kept find such a word about ten times.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['title', 'remarks']) {
    await sql`ALTER TABLE sites.archive_item ALTER COLUMN ${sql.ref(column)} SET STATISTICS 1000`.execute(db);
  }
  await sql`ANALYZE sites.archive_item`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
