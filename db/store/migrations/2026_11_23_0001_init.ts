import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from './capture-v1.js';

/** The foundation: the site, its settings and staff, the audit events, and the change log. */
const statements = [
  `CREATE TABLE change_log (
    site_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT,
    operation TEXT,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
    before TEXT,
    after TEXT,
    PRIMARY KEY (site_id, seq)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX change_log_at ON change_log (at)`,
  `CREATE INDEX change_log_row ON change_log (table_name, row_id)`,
  `CREATE INDEX change_log_actor ON change_log (actor_id, at)`,
  ...appendOnly('change_log', 'the change log'),

  `CREATE TABLE site (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 16),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (site_id = id)
  ) STRICT`,
  ...captureChanges('site', ['code', 'name']),

  `CREATE TABLE setting (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (site_id, key)
  ) STRICT`,
  ...captureChanges('setting', ['key', 'value']),

  `CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin')),
    password_hash TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (site_id, username)
  ) STRICT`,
  ...captureChanges('staff', ['username', 'display_name', 'role', 'password_changed_at', 'failed_attempts', 'locked_until', 'active'], { omit: ['password_hash'] }),
  // Staff are disabled, never deleted: the audit trail must keep resolving their names.
  `CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff BEGIN SELECT RAISE(ABORT, 'staff accounts are disabled, never deleted'); END`,

  `CREATE TABLE audit_event (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_id TEXT,
    detail TEXT NOT NULL CHECK (json_valid(detail)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX audit_event_at ON audit_event (created_at)`,
  ...captureChanges('audit_event', ['event', 'actor_id', 'detail'], { actorColumn: 'actor_id' }),
  ...appendOnly('audit_event', 'the audit trail'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
