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
 *
 * The change rows are logged first; then each run of consecutive inserts into one table is
 * made by one statement that reads its rows' values out of those log rows (SQLite parses the
 * JSON), in sequence order, so every trigger fires row by row exactly as before. A year of
 * bills arrives as runs of tens of thousands: the values never pass through JavaScript.
 * Updates and deletes, a few in a hundred, are replayed one by one.
 */
export function applyRows(raw: Raw, tables: Map<string, Set<string>>, writer: string, rows: readonly ChangeRow[], own: Record<string, Record<string, unknown>> = {}): void {
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = raw.prepare(sql)));
    return s;
  };
  const columns = new Map<string, ReturnType<typeof insertColumns>>();
  const columnsOf = (table: string) => {
    let c = columns.get(table);
    if (!c) columns.set(table, (c = insertColumns(raw, table, tables.get(table)!, own[table] ?? {})));
    return c;
  };
  raw.pragma('defer_foreign_keys = ON'); // checked at commit, as a whole batch
  const logRow = insertLogRow(raw);
  for (const r of rows) {
    if (!tables.has(r.table_name)) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} is not site data here`);
    logRow(r);
  }

  for (let i = 0; i < rows.length;) {
    const r = rows[i]!;
    const t = q(r.table_name);
    if (r.kind === 'insert') {
      let j = i + 1;
      while (j < rows.length && rows[j]!.kind === 'insert' && rows[j]!.table_name === r.table_name && rows[j]!.seq === rows[j - 1]!.seq + 1) j++;
      insertRun(stmt, tables.get(r.table_name)!, columnsOf(r.table_name), writer, r.table_name, r.seq, rows[j - 1]!.seq);
      i = j;
      continue;
    }
    i++;
    const cols = tables.get(r.table_name)!;
    const values = (json: string, what: string): Record<string, unknown> => {
      const o = JSON.parse(json) as Record<string, unknown>;
      if (o.id !== r.row_id || o.site_id !== writer) throw new ApplyFailed(`row ${r.seq}: ${what} is not row ${r.row_id} of this writer`);
      for (const k of Object.keys(o)) if (!cols.has(k)) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} has no column ${k} here`);
      return o;
    };
    if (r.kind === 'update') {
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
  }
}

/**
 * The inserts of sequences from…to (all of one table), made from their log rows. Each row's
 * values are its `after`: a column it does not name takes the receiver's fill or the
 * column's default, as an insert naming only the writer's columns would; a name the table
 * does not have, or a row that is not this writer's row, fails the batch.
 *
 * The insert itself passes over such rows (what is left of `after` once the table's columns
 * are taken out must be empty, read from the parse of `after` SQLite already holds for the
 * row's values); only when it did not take every row is the culprit looked for, by a slower
 * walk over each row's keys that names the column.
 */
function insertRun(stmt: (sql: string) => Database.Statement, cols: Set<string>, insert: ReturnType<typeof insertColumns>, writer: string, table: string, from: number, to: number): void {
  const range = 'FROM change_log WHERE site_id = :writer AND seq BETWEEN :from AND :to';
  const { names, values, params, rest } = insert;
  const res = stmt(`INSERT INTO ${q(table)} (${names}) SELECT ${values} ${range}
    AND after ->> '$.id' IS row_id AND after ->> '$.site_id' IS :writer AND ${rest} = '{}' ORDER BY seq`).run({ writer, from, to, ...params });
  if (res.changes === to - from + 1) return;
  const stranger = stmt(`SELECT c.seq, j.key FROM change_log c, json_each(c.after) j WHERE c.site_id = :writer AND c.seq BETWEEN :from AND :to
    AND j.key NOT IN (${[...cols].map(literal).join(', ')}) ORDER BY c.seq LIMIT 1`).get({ writer, from, to }) as { seq: number; key: string } | undefined;
  if (stranger) throw new ApplyFailed(`row ${stranger.seq}: ${table} has no column ${stranger.key} here`);
  const bad = stmt(`SELECT seq, row_id ${range} AND (after ->> '$.id' IS NOT row_id OR after ->> '$.site_id' IS NOT :writer) ORDER BY seq LIMIT 1`)
    .get({ writer, from, to }) as { seq: number; row_id: string } | undefined;
  throw new ApplyFailed(bad ? `row ${bad.seq}: after is not row ${bad.row_id} of this writer` : `rows ${from}–${to}: ${table} did not take every row`);
}

const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** A table's insert column list and, per column, the value taken from a log row's `after`. */
function insertColumns(raw: Raw, table: string, cols: Set<string>, own: Record<string, unknown>) {
  const info = raw.prepare('SELECT name, dflt_value FROM pragma_table_info(?)').all(table) as { name: string; dflt_value: string | null }[];
  const fill = RECEIVER_FILL[table] ?? {};
  const params: Record<string, unknown> = {};
  const values = info.filter((c) => cols.has(c.name)).map((c, i) => {
    const path = literal(`$.${JSON.stringify(c.name)}`);
    if (c.name in own) {
      params[`own${i}`] = own[c.name];
      return `:own${i}`;
    }
    const missing = c.name in fill ? literal(String(fill[c.name])) : c.dflt_value;
    return missing === null ? `after ->> ${path}` : `CASE WHEN json_type(after, ${path}) IS NULL THEN ${missing} ELSE after ->> ${path} END`;
  });
  // `after` less every column of the table: '{}' unless it names one the table does not have
  const rest = `json_remove(after, ${[...cols].map((c) => literal(`$.${JSON.stringify(c)}`)).join(', ')})`;
  return { names: info.filter((c) => cols.has(c.name)).map((c) => q(c.name)).join(', '), values: values.join(', '), params, rest };
}

/** Storing a writer's change rows verbatim in this store's log. */
export function insertLogRow(raw: Raw): (r: ChangeRow) => void {
  const st = raw.prepare(`INSERT INTO change_log (${LOG_COLUMNS}) VALUES (${LOG_COLUMNS.split(', ').map(() => '?').join(', ')})`);
  return (r) => st.run(r.site_id, r.seq, r.at, r.actor_id, r.operation, r.table_name, r.row_id, r.kind, r.before, r.after, r.tx);
}
