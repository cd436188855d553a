import { sql, type Kysely } from 'kysely';
import { captureChanges } from './capture-v1.js';

/**
 * The property registry: buildings (楼栋) → units (单元) → rooms (房号), the people who
 * own or rent them, their household members, vehicles and parking spaces.
 * Areas are integer hundredths of m² (exact). Occupants are never deleted: moving out
 * sets move_out, so a room's history of occupants is kept.
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;

// Positions 1–40 (a name's CHECK length) and widths 1–2: the pieces of a name, in SQL a
// trigger may run (no WITH clause there).
const POSITIONS = `json_each('[${Array.from({ length: 40 }, (_, i) => i + 1).join(',')}]')`;
const gramsOf = (row: 'NEW' | 'OLD') =>
  `SELECT DISTINCT lower(substr(${row}.name, p.value, w.value)) AS gram FROM ${POSITIONS} AS p, json_each('[1,2]') AS w WHERE p.value + w.value - 1 <= length(${row}.name)`;
const insertGrams = (row: 'NEW') =>
  `INSERT INTO occupant_gram (site_id, gram, moved_out, name, occupant_id) SELECT ${row}.site_id, g.gram, ${row}.move_out IS NOT NULL, ${row}.name, ${row}.id FROM (${gramsOf(row)}) AS g`;
const deleteGrams = (row: 'OLD') =>
  `DELETE FROM occupant_gram WHERE site_id = ${row}.site_id AND moved_out = (${row}.move_out IS NOT NULL) AND name = ${row}.name AND occupant_id = ${row}.id AND gram IN (${gramsOf(row)})`;
const statements = [
  `CREATE TABLE building (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 8),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    remarks TEXT NOT NULL DEFAULT '',
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  ...captureChanges('building', ['code', 'name', 'remarks']),

  `CREATE TABLE unit (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    building_id TEXT NOT NULL REFERENCES building (id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 8),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    ${stamps},
    UNIQUE (building_id, code)
  ) STRICT`,
  ...captureChanges('unit', ['building_id', 'code', 'name']),

  `CREATE TABLE room (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    building_id TEXT NOT NULL REFERENCES building (id),
    unit_id TEXT REFERENCES unit (id),
    room_no TEXT NOT NULL CHECK (length(room_no) BETWEEN 1 AND 10),
    code TEXT NOT NULL,
    code_digits TEXT NOT NULL,
    floor INTEGER,
    area_centi INTEGER NOT NULL CHECK (area_centi >= 0 AND area_centi <= 100000000),
    usage TEXT NOT NULL CHECK (usage IN ('residential', 'shop', 'office', 'parking', 'other')),
    state TEXT NOT NULL CHECK (state IN ('vacant', 'delivered', 'decorating', 'occupied', 'rented')),
    remarks TEXT NOT NULL DEFAULT '',
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  `CREATE INDEX room_digits ON room (site_id, code_digits)`,
  `CREATE INDEX room_building ON room (building_id, unit_id)`,
  `CREATE INDEX room_unit ON room (unit_id)`,
  ...captureChanges('room', ['building_id', 'unit_id', 'room_no', 'code', 'code_digits', 'floor', 'area_centi', 'usage', 'state', 'remarks']),
  `CREATE TRIGGER room_no_delete BEFORE DELETE ON room BEGIN SELECT RAISE(ABORT, 'rooms are never deleted: bills, complaints and handovers refer to them'); END`,

  `CREATE TABLE occupant (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    room_id TEXT NOT NULL REFERENCES room (id),
    kind TEXT NOT NULL CHECK (kind IN ('owner', 'tenant')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    phone TEXT NOT NULL DEFAULT '',
    phone2 TEXT NOT NULL DEFAULT '',
    id_type TEXT NOT NULL DEFAULT 'none' CHECK (id_type IN ('none', 'resident_id', 'passport', 'hk_macau', 'taiwan', 'other')),
    id_number TEXT NOT NULL DEFAULT '',
    move_in TEXT,
    move_out TEXT,
    remarks TEXT NOT NULL DEFAULT '',
    ${stamps},
    CHECK (move_out IS NULL OR move_in IS NULL OR move_out >= move_in)
  ) STRICT`,
  `CREATE INDEX occupant_room ON occupant (room_id, move_out)`,
  `CREATE INDEX occupant_phone_tail ON occupant (site_id, substr(phone, -4))`,
  `CREATE INDEX occupant_phone2_tail ON occupant (site_id, substr(phone2, -4)) WHERE phone2 != ''`,
  ...captureChanges('occupant', ['room_id', 'kind', 'name', 'phone', 'phone2', 'id_type', 'id_number', 'move_in', 'move_out', 'remarks']),
  `CREATE TRIGGER occupant_no_delete BEFORE DELETE ON occupant BEGIN SELECT RAISE(ABORT, 'occupants are never deleted: a move-out keeps the history'); END`,
  // Names are searched by any part (given names included): trigram FTS over the occupant table.
  `CREATE VIRTUAL TABLE occupant_fts USING fts5 (name, content = 'occupant', content_rowid = 'rowid', tokenize = 'trigram')`,
  `CREATE TRIGGER occupant_fts_insert AFTER INSERT ON occupant BEGIN INSERT INTO occupant_fts (rowid, name) VALUES (NEW.rowid, NEW.name); END`,
  `CREATE TRIGGER occupant_fts_update AFTER UPDATE OF name ON occupant BEGIN
    INSERT INTO occupant_fts (occupant_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
    INSERT INTO occupant_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
  END`,
  // One or two characters (a surname, a given name: below the trigram's reach) are looked
  // up here: every 1- and 2-character piece of each name, keyed so that one index range
  // lists current occupants first, by name, and a search stops at its limit however
  // common the character. Derived from occupant by these triggers (not site data: no
  // change capture); deleting by the full key needs no second index.
  `CREATE TABLE occupant_gram (
    site_id TEXT NOT NULL,
    gram TEXT NOT NULL,
    moved_out INTEGER NOT NULL,
    name TEXT NOT NULL,
    occupant_id TEXT NOT NULL,
    PRIMARY KEY (site_id, gram, moved_out, name, occupant_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TRIGGER occupant_gram_insert AFTER INSERT ON occupant BEGIN ${insertGrams('NEW')}; END`,
  `CREATE TRIGGER occupant_gram_update AFTER UPDATE OF site_id, name, move_out ON occupant BEGIN ${deleteGrams('OLD')}; ${insertGrams('NEW')}; END`,
  `CREATE TRIGGER occupant_gram_delete AFTER DELETE ON occupant BEGIN ${deleteGrams('OLD')}; END`,

  `CREATE TABLE household_member (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    occupant_id TEXT NOT NULL REFERENCES occupant (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    relation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps}
  ) STRICT`,
  `CREATE INDEX household_member_occupant ON household_member (occupant_id)`,
  ...captureChanges('household_member', ['occupant_id', 'name', 'relation', 'phone', 'active']),

  `CREATE TABLE vehicle (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    occupant_id TEXT NOT NULL REFERENCES occupant (id),
    plate TEXT NOT NULL CHECK (length(plate) BETWEEN 5 AND 10),
    description TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps}
  ) STRICT`,
  `CREATE INDEX vehicle_occupant ON vehicle (occupant_id)`,
  `CREATE INDEX vehicle_plate ON vehicle (site_id, plate)`,
  ...captureChanges('vehicle', ['occupant_id', 'plate', 'description', 'active']),

  `CREATE TABLE parking_space (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
    occupant_id TEXT REFERENCES occupant (id),
    tenure TEXT NOT NULL DEFAULT 'owned' CHECK (tenure IN ('owned', 'rented')),
    remarks TEXT NOT NULL DEFAULT '',
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  `CREATE INDEX parking_space_occupant ON parking_space (occupant_id)`,
  ...captureChanges('parking_space', ['code', 'occupant_id', 'tenure', 'remarks']),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
