import { sql, type Kysely } from 'kysely';

/**
 * The indexes head office's screens need when they read the mirrored site tables directly
 * (complaints by site, the look into one site, the company catalogue): each leads with the
 * site, as every one of those reads names its site.
 * - complaint events by kind and time (a month's escalations) and by case (a case escalated?);
 * - a room's bills (what it still owes) and its occupants;
 * - an item's open loan (who has it), and any Chinese substring of an item's remarks, as of
 *   its title (pg_trgm), so a word found in either is found through an index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE INDEX complaint_event_kind_at ON sites.complaint_event (site_id, event, at)`,
    sql`CREATE INDEX complaint_event_case ON sites.complaint_event (site_id, case_id)`,
    sql`CREATE INDEX bill_room ON sites.bill (site_id, room_id)`,
    sql`CREATE INDEX occupant_room ON sites.occupant (site_id, room_id)`,
    sql`CREATE INDEX archive_loan_item ON sites.archive_loan (site_id, item_id) WHERE returned_at IS NULL`,
    sql`CREATE INDEX archive_item_code ON sites.archive_item (site_id, category_code, class_code, department_code, seq)`,
    sql`CREATE INDEX archive_item_remarks_trgm ON sites.archive_item USING gin (remarks gin_trgm_ops)`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
