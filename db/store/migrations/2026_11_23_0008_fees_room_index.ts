import { sql, type Kysely } from 'kysely';

/**
 * A room's bills are found through what it still owes (bill_open) and through its receipts,
 * not through an index of every bill it was ever sent.
 *
 * bill_room (room_id, item_id, period) over five years of monthly bills is ~2.4 million
 * entries; a month's generation adds one entry to every room's slice of it, so it dirtied
 * one page per room: 20,000 pages (160 MB of WAL) per month billed, most of the month's
 * cost. bill_open holds only the lines that owe something, a small index that a month's
 * generation touches in a few hundred pages, and the open lines are what the cashier's
 * screen reads first. Lines already paid are reached from the room's receipts
 * (receipt_room → receipt_line_receipt), which a payment indexes anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX bill_room`.execute(db);
  await sql`CREATE INDEX bill_open_room ON bill_open (room_id)`.execute(db);
}
