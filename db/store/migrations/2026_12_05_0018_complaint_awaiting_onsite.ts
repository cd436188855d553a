import { sql, type Kysely } from 'kysely';

/**
 * Repairs still waiting for someone on site, in the order their on-site time runs out: the
 * receptionist's "waiting for someone on site", the supervisor's "nobody on site in time"
 * (the first of the escalations) and the day's count of them. Without it each of those read
 * every open case of the site and sorted them; this index holds only the few repairs nobody
 * has reached yet, so each is a short range read however long the ledger grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX complaint_case_awaiting_onsite ON complaint_case (site_id, onsite_due_at)
    WHERE stage IN ('received', 'handling') AND onsite_at IS NULL AND onsite_due_at IS NOT NULL`.execute(db);
}
