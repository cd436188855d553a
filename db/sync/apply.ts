/**
 * Applying another writer's change rows to this store, on the open transaction's
 * connection with capture off: each row is replayed as the writer made it (an insert, an
 * update of the columns it changed, a delete), so this store's own triggers check it and
 * keep the derived tables, and the writer's change row is then stored verbatim in this
 * store's change log (so it can be exported again or rebuilt from). Only tables of site
 * data (those with capture triggers) are written, only rows of that writer, and a row that
 * does not fit (missing, duplicate, refused by the store) fails the whole batch.
 */
import type Database from 'better-sqlite3';
import { changedColumns, LOG_COLUMNS, RECEIVER_FILL, type ChangeRow } from './rules.js';

export class ApplyFailed extends Error {}

type Raw = Database.Database;

/** The tables of site data in this store and their columns. */
export function siteTables(raw: Raw): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const names = raw.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_capture_insert'").pluck().all() as string[];
  for (const t of names) out.set(t, new Set(raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]));
  return out;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `own`: columns whose value is the receiver's, per table — at head office a site's code is
 * the one head office assigned (two sites may have chosen the same code at set-up, before
 * enrolling): set on insert, never overwritten by the writer's updates.
 */
export function applyRows(raw: Raw, tables: Map<string, Set<string>>, writer: string, rows: readonly ChangeRow[], own: Record<string, Record<string, unknown>> = {}): void {
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = raw.prepare(sql)));
    return s;
  };
  const logRow = insertLogRow(raw);
  raw.pragma('defer_foreign_keys = ON'); // checked at commit, as a whole batch

  for (const r of rows) {
    const cols = tables.get(r.table_name);
    if (!cols) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} is not site data here`);
    const values = (json: string, what: string): Record<string, unknown> => {
      const o = JSON.parse(json) as Record<string, unknown>;
      if (o.id !== r.row_id || o.site_id !== writer) throw new ApplyFailed(`row ${r.seq}: ${what} is not row ${r.row_id} of this writer`);
      for (const k of Object.keys(o)) if (!cols.has(k)) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} has no column ${k} here`);
      return o;
    };
    const t = q(r.table_name);
    if (r.kind === 'insert') {
      const o = { ...RECEIVER_FILL[r.table_name], ...values(r.after!, 'after'), ...own[r.table_name] };
      const keys = Object.keys(o);
      stmt(`INSERT INTO ${t} (${keys.map(q).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => o[k]));
    } else if (r.kind === 'update') {
      const before = values(r.before!, 'before');
      const after = values(r.after!, 'after');
      const changed = changedColumns(before, after).filter((c) => !(c in (own[r.table_name] ?? {})));
      if (changed.length > 0) {
        // the row must be here as the writer saw it before: a copy that drifted is never overwritten blindly
        const res = stmt(`UPDATE ${t} SET ${changed.map((c) => `${q(c)} = ?`).join(', ')} WHERE id = ? AND site_id = ?${changed.map((c) => ` AND ${q(c)} IS ?`).join('')}`)
          .run(...changed.map((c) => after[c]), r.row_id, writer, ...changed.map((c) => before[c] ?? null));
        if (res.changes !== 1) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} ${r.row_id} is not here as it was before this update`);
      }
    } else {
      values(r.before!, 'before');
      const res = stmt(`DELETE FROM ${t} WHERE id = ? AND site_id = ?`).run(r.row_id, writer);
      if (res.changes !== 1) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} ${r.row_id} is not here to delete`);
    }
    logRow.run(r);
  }
}

/** Storing a writer's change row verbatim in this store's log. */
export function insertLogRow(raw: Raw): Database.Statement {
  return raw.prepare(`INSERT INTO change_log (${LOG_COLUMNS}) VALUES (${LOG_COLUMNS.split(', ').map((c) => `@${c}`).join(', ')})`);
}
