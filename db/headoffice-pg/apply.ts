/**
 * Applying a site's change rows to head office's server, inside the batch's transaction,
 * set by set: consecutive rows of the same table and kind (and the same columns) go in one
 * statement over jsonb_populate_recordset, a run never holding the same row twice (so the
 * order of changes to a row is kept). As at the SQLite store, only tables of site data and
 * only rows of that writer are written; an update finds the row as the writer saw it
 * before, a delete finds its row, or the whole batch fails. The change rows themselves are
 * kept verbatim in hq.change_log.
 */
import { sql, type Transaction } from 'kysely';
import { ApplyFailed } from '../sync/apply.js';
import type { ChangeRow } from '../sync/rules.js';
import { q, type SiteTables } from './mirror.js';
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

function runsOf(tables: SiteTables, writer: string, rows: readonly ChangeRow[]): Run[] {
  const runs: Run[] = [];
  const colsOf = new Map([...tables].map(([t, cols]) => [t, new Set(cols.map((c) => c.name))]));
  for (const r of rows) {
    const cols = colsOf.get(r.table_name);
    if (!cols) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} is not site data here`);
    const before = r.before === null ? undefined : parsed(r, r.before, 'before', writer, cols);
    const after = r.after === null ? undefined : parsed(r, r.after, 'after', writer, cols);
    const keys = Object.keys(after ?? before ?? {}).join(',');
    const last = runs.at(-1);
    if (last && last.table === r.table_name && last.kind === r.kind && last.keys === keys && !last.ids.has(r.row_id)) {
      last.rows.push({ r, before, after });
      last.ids.add(r.row_id);
    } else {
      runs.push({ table: r.table_name, kind: r.kind, keys, rows: [{ r, before, after }], ids: new Set([r.row_id]) });
    }
  }
  return runs;
}

export async function applyRowsPg(trx: Trx, tables: SiteTables, writer: string, rows: readonly ChangeRow[]): Promise<void> {
  for (const run of runsOf(tables, writer, rows)) {
    const t = sql.raw(`sites.${q(run.table)}`);
    const keys = run.keys.split(',').filter(Boolean);
    const list = sql.raw(keys.map(q).join(', '));
    let r: { numAffectedRows?: bigint };
    if (run.kind === 'insert') {
      const after = JSON.stringify(run.rows.map((x) => x.after));
      r = await sql`INSERT INTO ${t} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${t}, ${after}::jsonb)`.execute(trx);
    } else if (run.kind === 'update') {
      // the row must be here as the writer saw it before: a copy that drifted is never overwritten blindly
      const match = sql.raw(keys.map((k) => `t.${q(k)} IS NOT DISTINCT FROM b.${q(k)}`).join(' AND '));
      const values = sql.raw(keys.map((k) => `a.${q(k)}`).join(', '));
      const after = JSON.stringify(run.rows.map((x) => x.after));
      const before = JSON.stringify(run.rows.map((x) => x.before));
      r = await sql`UPDATE ${t} AS t SET (${list}) = ROW(${values})
        FROM jsonb_populate_recordset(NULL::${t}, ${after}::jsonb) WITH ORDINALITY AS a
          JOIN jsonb_populate_recordset(NULL::${t}, ${before}::jsonb) WITH ORDINALITY AS b ON a.ordinality = b.ordinality
        WHERE t.site_id = a.site_id AND t.id = a.id AND ${match}`.execute(trx);
    } else {
      r = await sql`DELETE FROM ${t} WHERE site_id = ${writer} AND id = ANY(${run.rows.map((x) => x.r.row_id)}::text[])`.execute(trx);
    }
    if (Number(r.numAffectedRows ?? 0) !== run.rows.length) {
      throw new ApplyFailed(`rows ${run.rows[0]!.r.seq}–${run.rows.at(-1)!.r.seq}: ${run.table} rows are not here as they were before this ${run.kind}`);
    }
  }
}

/** The batch's change rows into hq.change_log, verbatim, in one statement. */
export async function logRowsPg(trx: Trx, rows: readonly ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof ChangeRow>(k: K) => rows.map((r) => r[k]);
  await sql`INSERT INTO hq.change_log (site_id, seq, at, actor_id, operation, table_name, row_id, kind, before, after, tx)
    SELECT * FROM unnest(${col('site_id')}::text[], ${col('seq')}::bigint[], ${col('at')}::text[], ${col('actor_id')}::text[], ${col('operation')}::text[],
      ${col('table_name')}::text[], ${col('row_id')}::text[], ${col('kind')}::text[], ${col('before')}::text[], ${col('after')}::text[], ${col('tx')}::text[])`.execute(trx);
}
