import { sql, type Kysely } from 'kysely';
import { captureChanges } from '../capture.js';

/**
 * The desk's key register and per-room-type handover lists.
 *
 * - desk_key: the keys the front desk holds — public areas (机房, 天台, 会所 …) and spare keys
 *   owners leave with the desk (room given) — with how many. Retired, never deleted.
 * - desk_key_loan: each lending of a key and its return. A loan is written once and closed
 *   once (returned_at, returned_by); a closed loan never changes; none is deleted. A key has
 *   at most one open loan.
 * - handover_list_item gains `usage`: '' is the list for every room type, a room usage
 *   (residential, shop, office, parking, other) the list for that type (the facilities
 *   checklist of a shop is not a flat's). Names are unique per list and usage, so the table
 *   is rebuilt; its rows are kept as the every-type list.
 */
const site = `id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site (id)`;
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;

const statements = [
  `CREATE TABLE desk_key (
    ${site},
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
    kind TEXT NOT NULL CHECK (kind IN ('public', 'spare')),
    room_id TEXT REFERENCES room (id),
    count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 100),
    note TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, label),
    CHECK (kind = 'public' OR room_id IS NOT NULL)
  ) STRICT`,
  `CREATE TRIGGER desk_key_no_delete BEFORE DELETE ON desk_key BEGIN SELECT RAISE(ABORT, 'desk keys are retired, never deleted'); END`,
  ...captureChanges('desk_key', ['label', 'kind', 'room_id', 'count', 'note', 'active']),

  `CREATE TABLE desk_key_loan (
    ${site},
    key_id TEXT NOT NULL REFERENCES desk_key (id),
    borrower TEXT NOT NULL CHECK (length(borrower) BETWEEN 1 AND 40),
    purpose TEXT NOT NULL DEFAULT '',
    lent_at TEXT NOT NULL,
    lent_by TEXT NOT NULL REFERENCES staff (id),
    returned_at TEXT,
    returned_by TEXT REFERENCES staff (id),
    ${stamps},
    CHECK ((returned_at IS NULL) = (returned_by IS NULL))
  ) STRICT`,
  `CREATE UNIQUE INDEX desk_key_loan_open ON desk_key_loan (key_id) WHERE returned_at IS NULL`,
  `CREATE INDEX desk_key_loan_key ON desk_key_loan (key_id, lent_at)`,
  `CREATE TRIGGER desk_key_loan_closed BEFORE UPDATE ON desk_key_loan
    WHEN OLD.returned_at IS NOT NULL OR NEW.key_id != OLD.key_id OR NEW.borrower != OLD.borrower OR NEW.lent_at != OLD.lent_at OR NEW.lent_by != OLD.lent_by
    BEGIN SELECT RAISE(ABORT, 'desk key loans: a loan is only closed by its return, once'); END`,
  `CREATE TRIGGER desk_key_loan_no_delete BEFORE DELETE ON desk_key_loan BEGIN SELECT RAISE(ABORT, 'desk key loans are never deleted'); END`,
  ...captureChanges('desk_key_loan', ['key_id', 'borrower', 'purpose', 'lent_at', 'lent_by', 'returned_at', 'returned_by']),

  `CREATE TABLE handover_list_item_new (
    ${site},
    list TEXT NOT NULL CHECK (list IN ('key', 'facility', 'document')),
    usage TEXT NOT NULL DEFAULT '' CHECK (usage IN ('', 'residential', 'shop', 'office', 'parking', 'other')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    sort INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, list, usage, name)
  ) STRICT`,
  `INSERT INTO handover_list_item_new (id, site_id, list, usage, name, sort, active, created_at, updated_at)
    SELECT id, site_id, list, '', name, sort, active, created_at, updated_at FROM handover_list_item`,
  `DROP TABLE handover_list_item`,
  `ALTER TABLE handover_list_item_new RENAME TO handover_list_item`,
  `CREATE TRIGGER handover_list_item_no_delete BEFORE DELETE ON handover_list_item
    BEGIN SELECT RAISE(ABORT, 'handover list items are retired, never deleted'); END`,
  ...captureChanges('handover_list_item', ['list', 'usage', 'name', 'sort', 'active']),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
