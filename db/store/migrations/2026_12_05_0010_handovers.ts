import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from './capture-v1.js';

/**
 * Handovers (交接): move-in and move-out unit handovers, the shift handover and the archive
 * transfer list, as numbered documents.
 *
 * - handover: one row per version of a document. Numbers are gapless per site, kind and year
 *   (like receipts); a correction is a new version with the same number pointing at the
 *   version it replaces, with a reason. A draft may be saved again; once signed, the store
 *   refuses any change to the row, and no handover row is ever deleted.
 * - handover_signature: who signed, in what role, how (drawn on screen, signed on paper and
 *   scanned, or a staff member signing in on the spot), and the image's content hash.
 *   Append-only; none may be added to a signed document.
 * - handover_list_item: the site's editable lists (key kinds, facilities checklist,
 *   documents handed over); empty means the standard lists.
 *
 * Meter readings gain a kind: a move-in's base reading (表底), the periodic reading, and a
 * move-out's final reading. Only periodic readings are one per room, meter and period, so
 * the table is rebuilt (SQLite cannot drop a UNIQUE constraint) with foreign keys off, its
 * rows copied as periodic readings, and its capture and append-only triggers recreated.
 * A meter reading's bill is one per reading; only generated lines are one per room, item
 * and period (a move-out's final bill may share a period with a periodic one).
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;
const site = `id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site (id)`;

const HANDOVER_COLUMNS = ['kind', 'year', 'seq', 'number', 'version', 'replaces_id', 'reason', 'room_id', 'occupant_id', 'status', 'body', 'canonical', 'body_sha256', 'signed_at', 'created_by'];
const READING_COLUMNS = ['room_id', 'meter', 'kind', 'period', 'read_on', 'previous_centi', 'reading_centi', 'confirmed_jump', 'created_by'];

const handoverTables = [
  `CREATE TABLE handover (
    ${site},
    kind TEXT NOT NULL CHECK (kind IN ('move_in', 'move_out', 'shift', 'transfer')),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    number TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    replaces_id TEXT UNIQUE REFERENCES handover (id),
    reason TEXT NOT NULL DEFAULT '',
    room_id TEXT REFERENCES room (id),
    occupant_id TEXT REFERENCES occupant (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    body TEXT NOT NULL CHECK (json_valid(body)),
    canonical TEXT,
    body_sha256 TEXT,
    signed_at TEXT,
    created_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps},
    UNIQUE (site_id, number, version),
    CHECK ((version = 1) = (replaces_id IS NULL)),
    CHECK (version = 1 OR length(reason) >= 2),
    CHECK ((status = 'signed') = (canonical IS NOT NULL AND body_sha256 IS NOT NULL AND signed_at IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX handover_room ON handover (room_id, created_at) WHERE room_id IS NOT NULL`,
  `CREATE INDEX handover_list ON handover (site_id, kind, created_at)`,
  // No gaps: a first version takes the next number of its site, kind and year.
  `CREATE TRIGGER handover_next_number BEFORE INSERT ON handover
    WHEN NEW.version = 1 AND NEW.seq != COALESCE((SELECT max(seq) FROM handover WHERE site_id = NEW.site_id AND kind = NEW.kind AND year = NEW.year AND version = 1), 0) + 1
    BEGIN SELECT RAISE(ABORT, 'handover numbers are gapless: this is not the next number'); END`,
  // A correction follows the signed version it replaces, under the same number.
  `CREATE TRIGGER handover_correction BEFORE INSERT ON handover
    WHEN NEW.version > 1 AND NOT EXISTS (SELECT 1 FROM handover p WHERE p.id = NEW.replaces_id AND p.status = 'signed'
      AND p.version = NEW.version - 1 AND p.number = NEW.number AND p.kind = NEW.kind AND p.site_id = NEW.site_id)
    BEGIN SELECT RAISE(ABORT, 'handovers: a correction replaces the signed version before it, under the same number'); END`,
  `CREATE TRIGGER handover_signed_final BEFORE UPDATE ON handover WHEN OLD.status = 'signed'
    BEGIN SELECT RAISE(ABORT, 'handovers: a signed handover is final and cannot be changed'); END`,
  `CREATE TRIGGER handover_no_delete BEFORE DELETE ON handover
    BEGIN SELECT RAISE(ABORT, 'handovers: handovers are never deleted'); END`,
  ...captureChanges('handover', HANDOVER_COLUMNS),

  `CREATE TABLE handover_signature (
    ${site},
    handover_id TEXT NOT NULL REFERENCES handover (id),
    role TEXT NOT NULL CHECK (role IN ('occupant', 'staff', 'outgoing', 'incoming', 'handing', 'receiving', 'head_handing', 'head_receiving')),
    signer_name TEXT NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 40),
    staff_id TEXT REFERENCES staff (id),
    method TEXT NOT NULL CHECK (method IN ('drawn', 'paper', 'attest')),
    image_sha256 TEXT CHECK (image_sha256 IS NULL OR length(image_sha256) = 64),
    signed_at TEXT NOT NULL,
    ${stamps},
    UNIQUE (handover_id, role),
    CHECK (method = 'attest' OR image_sha256 IS NOT NULL),
    CHECK (method != 'attest' OR staff_id IS NOT NULL)
  ) STRICT`,
  `CREATE TRIGGER handover_signature_open BEFORE INSERT ON handover_signature
    WHEN (SELECT status FROM handover WHERE id = NEW.handover_id) = 'signed'
    BEGIN SELECT RAISE(ABORT, 'handovers: a signed handover takes no more signatures'); END`,
  ...captureChanges('handover_signature', ['handover_id', 'role', 'signer_name', 'staff_id', 'method', 'image_sha256', 'signed_at']),
  ...appendOnly('handover_signature', 'handover signatures'),

  `CREATE TABLE handover_list_item (
    ${site},
    list TEXT NOT NULL CHECK (list IN ('key', 'facility', 'document')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    sort INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, list, name)
  ) STRICT`,
  `CREATE TRIGGER handover_list_item_no_delete BEFORE DELETE ON handover_list_item
    BEGIN SELECT RAISE(ABORT, 'handover list items are retired, never deleted'); END`,
  ...captureChanges('handover_list_item', ['list', 'name', 'sort', 'active']),
];

const meterRebuild = [
  `CREATE TABLE meter_reading_new (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    room_id TEXT NOT NULL REFERENCES room (id),
    meter TEXT NOT NULL CHECK (meter IN ('water', 'electricity', 'gas')),
    kind TEXT NOT NULL DEFAULT 'periodic' CHECK (kind IN ('base', 'periodic', 'final')),
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    read_on TEXT NOT NULL,
    previous_centi INTEGER NOT NULL CHECK (previous_centi >= 0),
    reading_centi INTEGER NOT NULL CHECK (reading_centi >= previous_centi),
    confirmed_jump INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_jump IN (0, 1)),
    created_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (kind != 'base' OR previous_centi = reading_centi)
  ) STRICT`,
  `INSERT INTO meter_reading_new (id, site_id, room_id, meter, kind, period, read_on, previous_centi, reading_centi, confirmed_jump, created_by, created_at, updated_at)
    SELECT id, site_id, room_id, meter, 'periodic', period, read_on, previous_centi, reading_centi, confirmed_jump, created_by, created_at, updated_at FROM meter_reading`,
  `DROP TABLE meter_reading`,
  `ALTER TABLE meter_reading_new RENAME TO meter_reading`,
  // one periodic reading per room, meter and period, as before; base and final readings sit beside it
  `CREATE UNIQUE INDEX meter_reading_periodic_once ON meter_reading (room_id, meter, period) WHERE kind = 'periodic'`,
  // a meter's history, newest first (period, then the order written)
  `CREATE INDEX meter_reading_history ON meter_reading (room_id, meter, period, created_at)`,
  ...captureChanges('meter_reading', READING_COLUMNS),
  ...appendOnly('meter_reading', 'meter readings'),
  `DROP INDEX bill_generated_once`,
  `CREATE UNIQUE INDEX bill_generated_once ON bill (period, item_id, room_id) WHERE source = 'generated'`,
  `CREATE UNIQUE INDEX bill_reading_once ON bill (reading_id) WHERE reading_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely's SQLite migrator runs outside a transaction: foreign keys can be switched off
  // for the rebuild (dropping meter_reading with bills pointing at it), then checked.
  await sql.raw('PRAGMA foreign_keys = OFF').execute(db);
  try {
    await sql.raw('BEGIN IMMEDIATE').execute(db);
    try {
      for (const s of [...meterRebuild, ...handoverTables]) await sql.raw(s).execute(db);
      const broken = await sql.raw('PRAGMA foreign_key_check').execute(db);
      if (broken.rows.length) throw new Error(`handovers migration: ${broken.rows.length} broken references after rebuilding meter_reading`);
      await sql.raw('COMMIT').execute(db);
    } catch (e) {
      await sql.raw('ROLLBACK').execute(db);
      throw e;
    }
  } finally {
    await sql.raw('PRAGMA foreign_keys = ON').execute(db);
  }
}
