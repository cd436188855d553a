/**
 * Change capture AS IT WAS for migrations 0001–0009 (frozen: those migrations hold the SQL of
 * their moment; the live helpers in ../capture.ts have moved on, and 0011 rebuilt every
 * capture trigger with them).
 *
 * Change capture. Every table of site data gets three triggers that copy each insert,
 * update and delete into change_log in the same transaction, numbered per site without
 * gaps. Writing them by hand per table invites drift, so migrations call these helpers;
 * a migration that adds a column re-runs captureChanges so the new column is captured.
 *
 * fd_now(), fd_actor() and fd_op() are functions the store registers on its connection
 * (store/open.ts): the app clock, the signed-in staff member and the API operation.
 */
const STAMP_COLUMNS = ['id', 'site_id', 'created_at', 'updated_at'];

function jsonOf(alias: 'NEW' | 'OLD', columns: readonly string[]): string {
  return `json_object(${columns.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
}

function logInsert(table: string, kind: string, siteExpr: string, idExpr: string, before: string, after: string, actorExpr = 'fd_actor()'): string {
  return `INSERT INTO change_log (site_id, seq, at, actor_id, operation, table_name, row_id, kind, before, after)
    VALUES (${siteExpr},
      COALESCE((SELECT max(seq) FROM change_log WHERE site_id = ${siteExpr}), 0) + 1,
      fd_now(), ${actorExpr}, fd_op(), '${table}', ${idExpr}, '${kind}', ${before}, ${after});`;
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
    `CREATE TRIGGER ${table}_capture_insert AFTER INSERT ON ${table} BEGIN
      ${logInsert(table, 'insert', 'NEW.site_id', 'NEW.id', 'NULL', jsonOf('NEW', cols), actor)}
    END`,
    `CREATE TRIGGER ${table}_capture_update AFTER UPDATE ON ${table} BEGIN
      ${logInsert(table, 'update', 'NEW.site_id', 'NEW.id', jsonOf('OLD', cols), jsonOf('NEW', cols))}
    END`,
    `CREATE TRIGGER ${table}_capture_delete AFTER DELETE ON ${table} BEGIN
      ${logInsert(table, 'delete', 'OLD.site_id', 'OLD.id', jsonOf('OLD', cols), 'NULL')}
    END`,
  ];
}

/** SQL statements that make a table refuse UPDATE and DELETE, in the store itself. */
export function appendOnly(table: string, what = table): string[] {
  return [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only: rows cannot be changed'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only: rows cannot be deleted'); END`,
  ];
}
