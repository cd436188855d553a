import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from './capture-v1.js';

/**
 * Cancelling a charge (作废应收 / 减免): a bill line issued in error — a one-off charged to the
 * wrong room, a meter reading typed wrong — is not deleted or edited; a cancellation row
 * names it, with the reason, who asked and the supervisor who approved at the desk.
 *
 * The store itself keeps the money straight: a line with payments on it (on receipts that
 * are not void) cannot be cancelled — the receipt is voided first — and a cancelled line
 * cannot be paid. A cancelled line owes nothing, so it leaves bill_open; it stays in the
 * bill table and in the change log, and still blocks the period from billing it again.
 */
const PAID = `COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = NEW.bill_id
  AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`;

const statements = [
  `CREATE TABLE bill_cancel (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    bill_id TEXT NOT NULL UNIQUE REFERENCES bill (id),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
    cancelled_by TEXT NOT NULL REFERENCES staff (id),
    approved_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (approved_by != cancelled_by)
  ) STRICT`,
  ...captureChanges('bill_cancel', ['bill_id', 'reason', 'cancelled_by', 'approved_by']),
  ...appendOnly('bill_cancel', 'bill cancellations'),
  `CREATE TRIGGER bill_cancel_unpaid BEFORE INSERT ON bill_cancel WHEN ${PAID} > 0
    BEGIN SELECT RAISE(ABORT, 'fees: a bill line with payments on it cannot be cancelled: void the receipt first'); END`,
  `CREATE TRIGGER bill_open_on_cancel AFTER INSERT ON bill_cancel BEGIN
    DELETE FROM bill_open WHERE bill_id = NEW.bill_id;
  END`,
  `CREATE TRIGGER receipt_line_not_cancelled BEFORE INSERT ON receipt_line
    WHEN NEW.bill_id IS NOT NULL AND EXISTS (SELECT 1 FROM bill_cancel c WHERE c.bill_id = NEW.bill_id)
    BEGIN SELECT RAISE(ABORT, 'fees: a cancelled bill line cannot be paid'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
