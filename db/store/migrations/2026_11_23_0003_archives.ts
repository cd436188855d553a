import { sql, type Kysely } from 'kysely';
import { seedArchiveScheme } from '../../archives/seed.js';
import { captureChanges } from './capture-v1.js';
import type { Schema } from '../schema.js';

/**
 * Archives (档案): the site's classification scheme (categories, classes, producing
 * departments) and the indexed items with their reference codes. Items are never
 * deleted: a destroyed item keeps its row and its code, which is never reused.
 * The scheme itself is seeded per site at set-up (db/archives/seed.ts).
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;
const statements = [
  `CREATE TABLE archive_category (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code INTEGER NOT NULL CHECK (code BETWEEN 1 AND 99),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  ...captureChanges('archive_category', ['code', 'name', 'active']),

  `CREATE TABLE archive_class (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    category_code INTEGER NOT NULL,
    code INTEGER NOT NULL CHECK (code BETWEEN 1 AND 99),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    default_retention TEXT NOT NULL CHECK (default_retention IN ('permanent', '30', '25', '15', '10', '5')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, category_code, code),
    FOREIGN KEY (site_id, category_code) REFERENCES archive_category (site_id, code)
  ) STRICT`,
  ...captureChanges('archive_class', ['category_code', 'code', 'name', 'default_retention', 'active']),

  `CREATE TABLE archive_department (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code TEXT NOT NULL CHECK (code GLOB '[0-9][0-9]'),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  ...captureChanges('archive_department', ['code', 'name', 'active']),

  `CREATE TABLE archive_item (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    category_code INTEGER NOT NULL,
    class_code INTEGER NOT NULL,
    department_code TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    ref_code TEXT NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    produced_on TEXT,
    retention TEXT NOT NULL CHECK (retention IN ('permanent', '30', '25', '15', '10', '5')),
    form TEXT NOT NULL CHECK (form IN ('paper', 'photo', 'audio', 'video', 'disc', 'object')),
    piece_count INTEGER NOT NULL DEFAULT 1 CHECK (piece_count >= 0),
    location_room TEXT NOT NULL DEFAULT '',
    cabinet TEXT NOT NULL DEFAULT '',
    shelf TEXT NOT NULL DEFAULT '',
    box TEXT NOT NULL DEFAULT '',
    confidentiality TEXT NOT NULL DEFAULT 'internal' CHECK (confidentiality IN ('public', 'internal', 'restricted')),
    remarks TEXT NOT NULL DEFAULT '',
    fonds_no TEXT NOT NULL DEFAULT '',
    library_no TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'in' CHECK (status IN ('in', 'out', 'destroyed')),
    ${stamps},
    UNIQUE (site_id, category_code, class_code, department_code, seq),
    UNIQUE (site_id, ref_code),
    FOREIGN KEY (site_id, category_code, class_code) REFERENCES archive_class (site_id, category_code, code),
    FOREIGN KEY (site_id, department_code) REFERENCES archive_department (site_id, code)
  ) STRICT`,
  `CREATE INDEX archive_item_department ON archive_item (site_id, department_code)`,
  `CREATE INDEX archive_item_year ON archive_item (site_id, year)`,
  `CREATE INDEX archive_item_status ON archive_item (site_id, status)`,
  ...captureChanges('archive_item', [
    'category_code', 'class_code', 'department_code', 'seq', 'ref_code', 'title', 'year', 'produced_on', 'retention', 'form', 'piece_count',
    'location_room', 'cabinet', 'shelf', 'box', 'confidentiality', 'remarks', 'fonds_no', 'library_no', 'status',
  ]),
  `CREATE TRIGGER archive_item_no_delete BEFORE DELETE ON archive_item BEGIN SELECT RAISE(ABORT, 'archive items are never deleted: a destroyed item keeps its code'); END`,
  // A reference code, once given, never changes: correcting a class means a new item.
  `CREATE TRIGGER archive_item_code_fixed BEFORE UPDATE OF category_code, class_code, department_code, seq, ref_code ON archive_item
    WHEN OLD.ref_code IS NOT NEW.ref_code OR OLD.seq IS NOT NEW.seq OR OLD.category_code IS NOT NEW.category_code
      OR OLD.class_code IS NOT NEW.class_code OR OLD.department_code IS NOT NEW.department_code
    BEGIN SELECT RAISE(ABORT, 'an archive reference code never changes'); END`,
  // Titles and remarks are searched by any Chinese substring.
  `CREATE VIRTUAL TABLE archive_item_fts USING fts5 (title, remarks, content = 'archive_item', content_rowid = 'rowid', tokenize = 'trigram')`,
  `CREATE TRIGGER archive_item_fts_insert AFTER INSERT ON archive_item BEGIN
    INSERT INTO archive_item_fts (rowid, title, remarks) VALUES (NEW.rowid, NEW.title, NEW.remarks);
  END`,
  `CREATE TRIGGER archive_item_fts_update AFTER UPDATE OF title, remarks ON archive_item BEGIN
    INSERT INTO archive_item_fts (archive_item_fts, rowid, title, remarks) VALUES ('delete', OLD.rowid, OLD.title, OLD.remarks);
    INSERT INTO archive_item_fts (rowid, title, remarks) VALUES (NEW.rowid, NEW.title, NEW.remarks);
  END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
  // Sites set up before this migration get the standard scheme now (new sites get it at set-up).
  const sites = await sql<{ id: string }>`SELECT id FROM site`.execute(db);
  for (const s of sites.rows) await seedArchiveScheme(db as unknown as Kysely<Schema>, s.id, new Date());
}
