import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from '../capture.js';

/**
 * Receipt numbers taken out of use without a receipt in this store. Numbers run without
 * gaps and are never given twice, so a number that cannot be a receipt here is written
 * down, with who and why, instead of being skipped or issued again. Today the one cause is
 * 'lost': the paper receipt was issued, but the store lost it (its WAL deleted after a
 * crash, or an older copy put back) and a supervisor accounted for the paper. A receipt and
 * a taken-out number share one sequence per site, kind and year: each must be the next
 * after the highest of both, so neither can fill a hole or repeat a number.
 */
const statements = [
  `CREATE TABLE receipt_number_skip (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    number TEXT NOT NULL,
    cause TEXT NOT NULL CHECK (cause IN ('lost')),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
    done_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (site_id, kind, year, seq),
    UNIQUE (site_id, number)
  ) STRICT`,
  `DROP TRIGGER receipt_next_number`,
  `CREATE TRIGGER receipt_next_number BEFORE INSERT ON receipt
    WHEN NEW.seq != max(
      COALESCE((SELECT max(seq) FROM receipt WHERE site_id = NEW.site_id AND kind = NEW.kind AND year = NEW.year), 0),
      COALESCE((SELECT max(seq) FROM receipt_number_skip WHERE site_id = NEW.site_id AND kind = NEW.kind AND year = NEW.year), 0)) + 1
    BEGIN SELECT RAISE(ABORT, 'receipt numbers are gapless: this is not the next number'); END`,
  `CREATE TRIGGER receipt_number_skip_next BEFORE INSERT ON receipt_number_skip
    WHEN NEW.seq != max(
      COALESCE((SELECT max(seq) FROM receipt WHERE site_id = NEW.site_id AND kind = NEW.kind AND year = NEW.year), 0),
      COALESCE((SELECT max(seq) FROM receipt_number_skip WHERE site_id = NEW.site_id AND kind = NEW.kind AND year = NEW.year), 0)) + 1
    BEGIN SELECT RAISE(ABORT, 'receipt numbers are gapless: this is not the next number'); END`,
  ...captureChanges('receipt_number_skip', ['kind', 'year', 'seq', 'number', 'cause', 'reason', 'done_by']),
  ...appendOnly('receipt_number_skip', 'taken-out receipt numbers'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
