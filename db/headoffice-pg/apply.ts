/**
 * Applying a site's change rows to head office's server, inside the batch's transaction,
 * set by set: rows of the same table and kind (and the same columns) go in one statement,
 * the changes to any one row kept in their order. Every row is checked here first. The inserts
 * (nineteen rows in twenty) go into their tables by COPY, as plain text the server reads
 * several times faster than it parses JSON. As at the SQLite store, only tables of site data
 * and only rows of that writer are written; an update finds the row as the writer saw it
 * before, a delete finds its row, or the whole batch fails.
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

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

interface Run { table: string; kind: ChangeRow['kind']; keys: string; rows: { r: ChangeRow; before?: Record<string, unknown>; after?: Record<string, unknown> }[] }

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
 * the months it touches noted; all of one table's inserts of a wave are one set (one COPY).
 */
function runsOf(tables: SiteTables, writer: string, rows: readonly ChangeRow[], months: BatchMonths): Run[] {
  const colsOf = new Map([...tables].map(([t, cols]) => [t, new Set(cols.map((c) => c.name))]));
  // per table, how many changes of each row so far
  const seen = new Map([...tables.keys()].map((t) => [t, new Map<string, number>()]));
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
    const changes = seen.get(r.table_name)!;
    const wave = changes.get(r.row_id) ?? 0;
    changes.set(r.row_id, wave + 1);
    const groups = (waves[wave] ??= new Map());
    const g = `${r.table_name}|${r.kind}|${keys}`;
    let run = groups.get(g);
    if (!run) groups.set(g, (run = { table: r.table_name, kind: r.kind, keys, rows: [] }));
    run.rows.push({ r, before, after });
  }
  return waves.flatMap((w) => [...w.values()]);
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const copyEscape = (c: string) => COPY_ESCAPES[c]!;

/**
 * A value in COPY's text format: \N for null, and the four characters COPY reads specially
 * escaped. Tens of millions of values pass here in a large load: most have none of the four
 * and are returned as they are.
 */
const copyText = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  const text = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, copyEscape) : text;
};

/** The bytes a chunk of COPY text holds before it is sent. */
const COPY_CHUNK = 1 << 20;

/**
 * Rows as COPY text, each row's `names` read from it, in chunks of about a megabyte: each
 * line is written into the chunk's bytes as it is made. (Joining a thousand lines into one
 * string and converting that took a fifth of the importer's time in a large load.)
 */
function* copyChunks<T extends object>(items: readonly T[], names: readonly string[]): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(COPY_CHUNK);
  let at = 0;
  for (const item of items) {
    const row = item as Record<string, unknown>;
    let line = copyText(row[names[0]!]);
    for (let n = 1; n < names.length; n++) line += `\t${copyText(row[names[n]!])}`;
    line += '\n';
    const most = line.length * 3; // UTF-8 takes at most three bytes for each UTF-16 unit
    if (at + most > buf.length) {
      if (at > 0) yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(Math.max(COPY_CHUNK, most));
      at = 0;
    }
    at += buf.write(line, at);
  }
  if (at > 0) yield buf.subarray(0, at);
}

/**
 * A wave's inserts into one table, by COPY on the connection that holds the batch's
 * transaction: their values, checked by runsOf (the row each claims, of this writer, only the
 * table's columns), in the server's plain text format. A column a row does not name is null,
 * as on the desk when the column was added after the row was written.
 */
async function copyInserts(client: pg.PoolClient, tables: SiteTables, run: Run): Promise<{ numAffectedRows?: bigint }> {
  const names = tables.get(run.table)!.map((c) => c.name);
  const to = client.query(pgCopy.from(`COPY sites.${q(run.table)} (${names.map(q).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyChunks(run.rows.map((x) => x.after!), names)), to);
  return { numAffectedRows: BigInt(to.rowCount ?? 0) };
}

/**
 * The batch's rows onto the site tables, on `client`, the connection that holds `trx`. Gives
 * the months of the site's collection figures the batch touched.
 */
export async function applyRowsPg(trx: Trx, client: pg.PoolClient, tables: SiteTables, writer: string, rows: readonly ChangeRow[]): Promise<string[]> {
  const months = new BatchMonths();
  for (const run of runsOf(tables, writer, rows, months)) {
    const t = sql.raw(`sites.${q(run.table)}`);
    const keys = run.keys.split(',').filter(Boolean);
    const list = sql.raw(keys.map(q).join(', '));
    let r: { numAffectedRows?: bigint };
    if (run.kind === 'insert') {
      r = await copyInserts(client, tables, run);
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
