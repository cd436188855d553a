import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from '../capture.js';

/**
 * archive_correction: a filed item corrected (its title, date, retention before appraisal,
 * piece count, remarks) or moved (room, cabinet, shelf, box), one row per item and step:
 * each field's value before and after, why, and who did it. Append-only, like the register:
 * the history of an item's description is never rewritten. The archive code is not among the
 * fields that can change (the table cannot hold one).
 */
const statements = [
  `CREATE TABLE archive_correction (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    item_id TEXT NOT NULL REFERENCES archive_item (id),
    kind TEXT NOT NULL CHECK (kind IN ('correct', 'move')),
    changes TEXT NOT NULL CHECK (json_valid(changes) AND json_type(changes) = 'object' AND changes <> '{}'
      AND json_extract(changes, '$.ref_code') IS NULL AND json_extract(changes, '$.seq') IS NULL),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
    done_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX archive_correction_item ON archive_correction (item_id, created_at)`,
  ...captureChanges('archive_correction', ['item_id', 'kind', 'changes', 'reason', 'done_by']),
  ...appendOnly('archive_correction', 'archive corrections'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
