/**
 * Applying a site's change rows to head office's server, inside the batch's transaction,
 * set by set: rows of the same table and kind (and the same columns) go in one statement,
 * the changes to any one row kept in their order. The change rows go first, by COPY; the
 * inserts (nineteen rows in twenty) are then read out of them by the server
 * (json_populate_record), so their values cross the wire once and are never parsed here. As at the
 * SQLite store, only tables of site data and only rows of that writer are written; an update finds the row as the writer saw it
 * before, a delete finds its row, or the whole batch fails. The change rows themselves are
 * kept verbatim in hq.change_log.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import pgCopy from 'pg-copy-streams';
import { ApplyFailed } from '../sync/apply.js';
import type { ChangeRow } from '../sync/rules.js';
import { q, type SiteTables } from './mirror.js';
import { BatchMonths } from './months.js';
import type { HqPgSchema } from './tables.js';

type Trx = Transaction<HqPgSchema>;

interface Run { table: string; kind: ChangeRow['kind']; keys: string; rows: { r: ChangeRow; before?: Record<string, unknown>; after?: Record<string, unknown> }[]; ids: Set<string> }

function parsed(r: ChangeRow, json: string, what: string, writer: string, cols: Set<string>): Record<string, unknown> {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new ApplyFailed(`row ${r.seq}: ${what} is not JSON`);
  }
  if (o.id !== r.row_id || o.site_id !== writer) throw new ApplyFailed(`row ${r.seq}: ${what} is not row ${r.row_id} of this writer`);
  for (const k of Object.keys(o)) if (!cols.has(k)) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} has no column ${k} here`);
  return o;
}

/**
 * The batch in sets. The server's site tables have no triggers and no keys but their own,
 * so only the changes to one row depend on each other: the n-th change of a row goes in
 * wave n, and within a wave rows are grouped by table, kind and columns. Every row is
 * checked here (JSON, the row it claims, only the table's columns) and what it says about
 * the months it touches noted; an insert's values are then read by the server out of its
 * change row, already in hq.change_log, so all of one table's inserts of a wave are one set.
 */
function runsOf(tables: SiteTables, writer: string, rows: readonly ChangeRow[], months: BatchMonths): Run[] {
  const colsOf = new Map([...tables].map(([t, cols]) => [t, new Set(cols.map((c) => c.name))]));
  const seen = new Map<string, number>();
  const waves: Map<string, Run>[] = [];
  for (const r of rows) {
    const cols = colsOf.get(r.table_name);
    if (!cols) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} is not site data here`);
    const inserted = r.kind === 'insert';
    const before = r.before === null ? undefined : parsed(r, r.before, 'before', writer, cols);
    const after = r.after === null ? undefined : parsed(r, r.after, 'after', writer, cols);
    if (before) months.note(r.table_name, r.kind, before);
    if (after) months.note(r.table_name, r.kind, after);
    const keys = inserted ? '' : Object.keys(after ?? before ?? {}).join(',');
    const rowKey = `${r.table_name}\u0000${r.row_id}`;
    const wave = seen.get(rowKey) ?? 0;
    seen.set(rowKey, wave + 1);
    const groups = (waves[wave] ??= new Map());
    const g = `${r.table_name}|${r.kind}|${keys}`;
    let run = groups.get(g);
    if (!run) groups.set(g, (run = { table: r.table_name, kind: r.kind, keys, rows: [], ids: new Set() }));
    run.rows.push(inserted ? { r } : { r, before, after }); // an insert's values are read on the server
    run.ids.add(r.row_id);
  }
  return waves.flatMap((w) => [...w.values()]);
}

/**
 * A wave's inserts into one table, from their change rows (logged first, in the same
 * transaction; their columns checked by runsOf): a row is inserted only when it is the row
 * it claims, of this writer, or the whole batch fails.
 */
async function insertFromLog(trx: Trx, tables: SiteTables, writer: string, run: Run): Promise<{ numAffectedRows?: bigint }> {
  const t = sql.raw(`sites.${q(run.table)}`);
  const names = tables.get(run.table)!.map((c) => c.name);
  const list = sql.raw(names.map(q).join(', '));
  const values = sql.raw(names.map((n) => `r.${q(n)}`).join(', '));
  return sql`INSERT INTO ${t} (${list}) SELECT ${values} FROM hq.change_log c CROSS JOIN LATERAL json_populate_record(NULL::${t}, c.after::json) AS r
    WHERE c.site_id = ${writer} AND c.seq = ANY(${run.rows.map((x) => x.r.seq)}::bigint[]) AND r.id = c.row_id AND r.site_id = ${writer}`.execute(trx);
}

/**
 * The batch's rows onto the site tables; its change rows must be in hq.change_log already
 * (logRowsPg). Gives the months of the site's collection figures the batch touched.
 */
export async function applyRowsPg(trx: Trx, tables: SiteTables, writer: string, rows: readonly ChangeRow[]): Promise<string[]> {
  const months = new BatchMonths();
  for (const run of runsOf(tables, writer, rows, months)) {
    const t = sql.raw(`sites.${q(run.table)}`);
    const keys = run.keys.split(',').filter(Boolean);
    const list = sql.raw(keys.map(q).join(', '));
    let r: { numAffectedRows?: bigint };
    if (run.kind === 'insert') {
      r = await insertFromLog(trx, tables, writer, run);
    } else if (run.kind === 'update') {
      // the row must be here as the writer saw it before: a copy that drifted is never overwritten blindly
      const match = sql.raw(keys.map((k) => `t.${q(k)} IS NOT DISTINCT FROM b.${q(k)}`).join(' AND '));
      const values = sql.raw(keys.map((k) => `a.${q(k)}`).join(', '));
      const after = JSON.stringify(run.rows.map((x) => x.after));
      const before = JSON.stringify(run.rows.map((x) => x.before));
      r = await sql`UPDATE ${t} AS t SET (${list}) = ROW(${values})
        FROM json_populate_recordset(NULL::${t}, ${after}::json) WITH ORDINALITY AS a
          JOIN json_populate_recordset(NULL::${t}, ${before}::json) WITH ORDINALITY AS b ON a.ordinality = b.ordinality
        WHERE t.site_id = a.site_id AND t.id = a.id AND ${match}`.execute(trx);
    } else {
      r = await sql`DELETE FROM ${t} WHERE site_id = ${writer} AND id = ANY(${run.rows.map((x) => x.r.row_id)}::text[])`.execute(trx);
    }
    if (Number(r.numAffectedRows ?? 0) !== run.rows.length) {
      throw new ApplyFailed(`rows ${run.rows[0]!.r.seq}–${run.rows.at(-1)!.r.seq}: ${run.table} rows are not here as they were before this ${run.kind}`);
    }
  }
  return months.resolve(trx, writer);
}

const LOG_COLUMNS = ['site_id', 'seq', 'at', 'actor_id', 'operation', 'table_name', 'row_id', 'kind', 'before', 'after', 'tx'] as const;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value in COPY's text format: \N for null, and the four characters COPY reads specially escaped. */
const copyText = (v: string | number | null) => (v === null ? '\\N' : String(v).replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!));

function* copyLines(rows: readonly ChangeRow[]): Generator<string> {
  let chunk: string[] = [];
  for (const r of rows) {
    chunk.push(`${LOG_COLUMNS.map((c) => copyText(r[c])).join('\t')}\n`);
    if (chunk.length === 1_000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/**
 * The batch's change rows into hq.change_log, verbatim, by COPY on the connection that holds
 * the batch's transaction: the server reads plain lines instead of parsing the rows as JSON.
 */
export async function logRowsPg(client: pg.PoolClient, rows: readonly ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await pipeline(Readable.from(copyLines(rows)), client.query(pgCopy.from(`COPY hq.change_log (${LOG_COLUMNS.join(', ')}) FROM STDIN`)));
}
