import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from '../capture.js';

/**
 * The till as cashiers work it:
 * - a payment by WeChat, Alipay, card or bank carries its reference (the transaction or
 *   voucher number the cashier reconciles against), and the reason when the same reference
 *   was already used that day for the same method;
 * - a closed day can be reopened by a supervisor with a reason, and closed again: each
 *   reopening and each later close is a row of its own (the first close stays in day_close);
 * - a print that did not come out of the printer (the dialog cancelled, the paper jammed) is
 *   recorded against the print it undoes, so the next print is the original again.
 */
const statements = [
  `ALTER TABLE receipt_payment ADD COLUMN reference TEXT NOT NULL DEFAULT '' CHECK (length(reference) <= 64)`,
  `ALTER TABLE receipt_payment ADD COLUMN reference_note TEXT NOT NULL DEFAULT '' CHECK (length(reference_note) <= 200)`,
  `CREATE INDEX receipt_payment_reference ON receipt_payment (reference) WHERE reference != ''`,
  ...captureChanges('receipt_payment', ['receipt_id', 'method', 'amount', 'reference', 'reference_note']),
  `CREATE TABLE day_reopening (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    cashier_id TEXT NOT NULL REFERENCES staff (id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('reopen', 'close')),
    reason TEXT NOT NULL CHECK (length(reason) <= 200),
    summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
    done_by TEXT NOT NULL REFERENCES staff (id),
    approved_by TEXT REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (kind = 'close' OR (length(reason) >= 2 AND approved_by IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX day_reopening_day ON day_reopening (cashier_id, day)`,
  ...captureChanges('day_reopening', ['cashier_id', 'day', 'kind', 'reason', 'summary', 'done_by', 'approved_by']),
  ...appendOnly('day_reopening', 'day reopenings'),
  `CREATE TABLE receipt_print_undone (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    print_id TEXT NOT NULL UNIQUE REFERENCES receipt_print (id),
    receipt_id TEXT NOT NULL REFERENCES receipt (id),
    done_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX receipt_print_undone_receipt ON receipt_print_undone (receipt_id)`,
  ...captureChanges('receipt_print_undone', ['print_id', 'receipt_id', 'done_by']),
  ...appendOnly('receipt_print_undone', 'undone prints'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
