import { sql, type Kysely } from 'kysely';
import { captureChanges } from '../capture.js';

/**
 * Reference data from head office, and receipts unique across the company:
 * - `head_office_row`: which rows of this store head office owns (fee items and rates, the
 *   archive scheme and departments, complaint categories, notices…), each with the id head
 *   office gave it — a site's own row adopted by head office keeps its own id, so nothing
 *   filed under it is renumbered. Store bookkeeping: never captured, never exported.
 * - one guard for every owned table: a change this store would log itself (capture on) to
 *   a row head office owns is refused. Rows applied from head office (capture off) pass.
 * - notices to all sites (a table of site data, captured like every other).
 * - a receipt number is unique within its site: with the site's code in it (enrolled
 *   sites), unique across the company at head office too.
 */
const statements = [
  `CREATE TABLE head_office_row (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    ho_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id),
    UNIQUE (table_name, ho_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TRIGGER head_office_row_guard BEFORE INSERT ON change_log
    WHEN fd_capturing() AND EXISTS (SELECT 1 FROM head_office_row h WHERE h.table_name = NEW.table_name AND h.row_id = NEW.row_id)
    BEGIN SELECT RAISE(ABORT, 'head office owns this row: reference data is changed at head office'); END`,
  `CREATE TABLE notice (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    body TEXT NOT NULL CHECK (length(body) <= 4000),
    published_on TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX notice_site ON notice (site_id, published_on)`,
  ...captureChanges('notice', ['title', 'body', 'published_on', 'active']),
  `CREATE UNIQUE INDEX receipt_site_number ON receipt (site_id, number)`,
  // a batch of reference data carries only the owned tables' rows of its range: fewer rows than the range is wide
  `CREATE TABLE sync_batch_new (
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    writer_id TEXT NOT NULL,
    seq_from INTEGER NOT NULL CHECK (seq_from >= 1),
    seq_to INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    hash TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'changes' CHECK (kind IN ('changes', 'reference')),
    PRIMARY KEY (direction, writer_id, seq_from),
    CHECK (seq_to >= seq_from AND (rows = seq_to - seq_from + 1 OR (kind = 'reference' AND rows BETWEEN 1 AND seq_to - seq_from + 1)))
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO sync_batch_new (direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at)
    SELECT direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at FROM sync_batch`,
  `DROP TABLE sync_batch`,
  `ALTER TABLE sync_batch_new RENAME TO sync_batch`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
