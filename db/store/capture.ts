/**
 * Change capture. Every table of site data gets three triggers that copy each insert,
 * update and delete into change_log in the same transaction, numbered per site without
 * gaps. Writing them by hand per table invites drift, so migrations call these helpers;
 * a migration that adds a column re-runs captureChanges so the new column is captured
 * (tests/db/capture.test.ts fails when one forgets).
 *
 * fd_now(), fd_actor(), fd_op(), fd_tx() and fd_capturing() are functions the store
 * registers on its connection (store/open.ts): the app clock, the signed-in staff member,
 * the API operation, the transaction the write belongs to, and whether this connection is
 * writing (capture on) or applying rows written elsewhere (capture off: a site's rows
 * arriving at head office, or head office's reference data arriving at a site). With
 * capture off only these triggers stand aside; the triggers that keep derived tables
 * (what bills still owe, name grams, class counts, full-text indexes) still fire.
 */
const STAMP_COLUMNS = ['id', 'site_id', 'created_at', 'updated_at'];

/**
 * Columns that never leave the store through the change log: secrets. Kept here so the
 * capture test and the migrations that rebuild triggers agree on them.
 */
export const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = { staff: ['password_hash'] };

function jsonOf(alias: 'NEW' | 'OLD', columns: readonly string[]): string {
  return `json_object(${columns.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
}

function logInsert(table: string, kind: string, siteExpr: string, idExpr: string, before: string, after: string, actorExpr = 'fd_actor()'): string {
  return `INSERT INTO change_log (site_id, seq, at, actor_id, operation, table_name, row_id, kind, before, after, tx)
    VALUES (${siteExpr},
      COALESCE((SELECT max(seq) FROM change_log WHERE site_id = ${siteExpr}), 0) + 1,
      fd_now(), ${actorExpr}, fd_op(), '${table}', ${idExpr}, '${kind}', ${before}, ${after}, fd_tx());`;
}

export interface CaptureOptions {
  /** columns never copied into the log (secrets) */
  omit?: readonly string[];
  /**
   * a column naming who acted when no one is signed in yet: a sign-in attempt is done
   * by the person it names, before any session exists
   */
  actorColumn?: string;
}

/** SQL statements (drop + create) for the capture triggers of one table. */
export function captureChanges(table: string, columns: readonly string[], options: CaptureOptions = {}): string[] {
  const { omit = [], actorColumn } = options;
  const cols = [...new Set([...STAMP_COLUMNS, ...columns])].filter((c) => !omit.includes(c));
  const actor = actorColumn ? `COALESCE(fd_actor(), NEW.${actorColumn})` : 'fd_actor()';
  return [
    `DROP TRIGGER IF EXISTS ${table}_capture_insert`,
    `DROP TRIGGER IF EXISTS ${table}_capture_update`,
    `DROP TRIGGER IF EXISTS ${table}_capture_delete`,
    `CREATE TRIGGER ${table}_capture_insert AFTER INSERT ON ${table} WHEN fd_capturing() BEGIN
      ${logInsert(table, 'insert', 'NEW.site_id', 'NEW.id', 'NULL', jsonOf('NEW', cols), actor)}
    END`,
    `CREATE TRIGGER ${table}_capture_update AFTER UPDATE ON ${table} WHEN fd_capturing() BEGIN
      ${logInsert(table, 'update', 'NEW.site_id', 'NEW.id', jsonOf('OLD', cols), jsonOf('NEW', cols))}
    END`,
    `CREATE TRIGGER ${table}_capture_delete AFTER DELETE ON ${table} WHEN fd_capturing() BEGIN
      ${logInsert(table, 'delete', 'OLD.site_id', 'OLD.id', jsonOf('OLD', cols), 'NULL')}
    END`,
  ];
}

/** The columns a capture trigger copies, read back from its SQL (`'col', NEW.col` pairs). */
export function capturedColumnsOf(triggerSql: string): string[] {
  const m = /json_object\(([^)]*)\)/.exec(triggerSql);
  if (!m) return [];
  return [...m[1]!.matchAll(/'(\w+)',\s*(?:NEW|OLD)\.(\w+)/g)].map((x) => x[1]!);
}

/** The actor column a capture trigger falls back to, read back from its SQL, if any. */
export function actorColumnOf(triggerSql: string): string | undefined {
  return /COALESCE\(fd_actor\(\),\s*NEW\.(\w+)\)/.exec(triggerSql)?.[1];
}

/** SQL statements that make a table refuse UPDATE and DELETE, in the store itself. */
export function appendOnly(table: string, what = table): string[] {
  return [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only: rows cannot be changed'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only: rows cannot be deleted'); END`,
  ];
}
