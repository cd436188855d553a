import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from '../capture.js';

/**
 * Bank direct debit (银行托收):
 * - debit_agreement: a room's standing order with its bank (bank, account holder, the full
 *   account number the bank's batch needs, the months it is valid for). Never edited and never
 *   deleted; it ends by a debit_agreement_end row (who, when, why), like a cancelled charge.
 * - debit_batch and debit_batch_line: a month's batch sent to the bank, numbered per site and
 *   period, its lines frozen (room, agreement, amount, the bill lines and amounts it pays), each
 *   line with the reference the bank sends back.
 * - debit_result: the bank's answer for one line, at most one per line (so a results file
 *   imported twice pays nothing twice): a success names the receipt it became, a failure its
 *   reason.
 */
const STAMPS = `created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL`;
const statements = [
  `CREATE TABLE debit_agreement (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    room_id TEXT NOT NULL REFERENCES room (id),
    bank TEXT NOT NULL CHECK (length(bank) BETWEEN 2 AND 40),
    holder TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 40),
    account TEXT NOT NULL CHECK (length(account) BETWEEN 12 AND 25 AND account NOT GLOB '*[^0-9]*'),
    valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    valid_to TEXT CHECK (valid_to IS NULL OR (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND valid_to >= valid_from)),
    remarks TEXT NOT NULL DEFAULT '' CHECK (length(remarks) <= 200),
    created_by TEXT NOT NULL REFERENCES staff (id),
    ${STAMPS}
  ) STRICT`,
  `CREATE INDEX debit_agreement_room ON debit_agreement (room_id)`,
  ...captureChanges('debit_agreement', ['room_id', 'bank', 'holder', 'account', 'valid_from', 'valid_to', 'remarks', 'created_by']),
  ...appendOnly('debit_agreement', 'debit agreements'),
  `CREATE TABLE debit_agreement_end (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    agreement_id TEXT NOT NULL UNIQUE REFERENCES debit_agreement (id),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
    ended_by TEXT NOT NULL REFERENCES staff (id),
    ${STAMPS}
  ) STRICT`,
  ...captureChanges('debit_agreement_end', ['agreement_id', 'reason', 'ended_by']),
  ...appendOnly('debit_agreement_end', 'ended debit agreements'),
  `CREATE TABLE debit_batch (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    number TEXT NOT NULL,
    lines INTEGER NOT NULL CHECK (lines >= 1),
    total INTEGER NOT NULL CHECK (total >= 1),
    created_by TEXT NOT NULL REFERENCES staff (id),
    ${STAMPS},
    UNIQUE (site_id, period, seq),
    UNIQUE (site_id, number)
  ) STRICT`,
  ...captureChanges('debit_batch', ['period', 'seq', 'number', 'lines', 'total', 'created_by']),
  ...appendOnly('debit_batch', 'debit batches'),
  `CREATE TABLE debit_batch_line (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    batch_id TEXT NOT NULL REFERENCES debit_batch (id),
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
    room_id TEXT NOT NULL REFERENCES room (id),
    agreement_id TEXT NOT NULL REFERENCES debit_agreement (id),
    amount INTEGER NOT NULL CHECK (amount >= 1),
    bills TEXT NOT NULL CHECK (json_valid(bills) AND json_array_length(bills) >= 1),
    ${STAMPS},
    UNIQUE (batch_id, line_no),
    UNIQUE (site_id, reference)
  ) STRICT`,
  `CREATE INDEX debit_batch_line_room ON debit_batch_line (room_id)`,
  ...captureChanges('debit_batch_line', ['batch_id', 'line_no', 'reference', 'room_id', 'agreement_id', 'amount', 'bills']),
  ...appendOnly('debit_batch_line', 'debit batch lines'),
  `CREATE TABLE debit_result (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    line_id TEXT NOT NULL UNIQUE REFERENCES debit_batch_line (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    receipt_id TEXT REFERENCES receipt (id),
    done_by TEXT NOT NULL REFERENCES staff (id),
    ${STAMPS},
    CHECK ((outcome = 'success') = (receipt_id IS NOT NULL))
  ) STRICT`,
  ...captureChanges('debit_result', ['line_id', 'outcome', 'reason', 'receipt_id', 'done_by']),
  ...appendOnly('debit_result', 'debit results'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
