import { sql, type Kysely } from 'kysely';

/**
 * The scheme's class 3.4 is 各类收文、发文 (incoming and outgoing documents of every kind), as
 * the archive rules write it; sites were seeded with 各类收文发文. A site that renamed the
 * class itself keeps its own name. The update goes through the change log like any write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE archive_class SET name = '各类收文、发文', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE category_code = 3 AND code = 4 AND name = '各类收文发文'`.execute(db);
}
