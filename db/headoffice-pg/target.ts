/**
 * Head office's PostgreSQL server as the receiver of the sync import. Each batch is judged
 * and applied in one transaction that first locks the writer's cursor row
 * (SELECT … FOR UPDATE): a second head-office PC importing the same folder waits there,
 * then sees the batch already applied (a duplicate) — never applied twice, never skipped.
 * hq.batch is unique per (site, sequence start), and each site table per (site, id), so even
 * a judgement gone wrong could not commit a batch twice: its inserts would meet their rows.
 */
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Store } from '../store/open.js';
import { ApplyFailed } from '../sync/apply.js';
import { sqliteTarget, type ImportTarget } from '../sync/import.js';
import { judgeBatch, type BatchReader, type Verdict } from '../sync/judge.js';
import type { ChangeRow } from '../sync/rules.js';
import type { HeldSiteLog } from '../sync/restore.js';
import { rowsOfAppliedFile } from '../sync/batch-file.js';
import { applyRowsPg } from './apply.js';
import { pgRefusal, type HqPg } from './connect.js';
import type { HqPgSchema } from './tables.js';

type Db = HqPg['db'] | Transaction<HqPgSchema>;

function readerOf(db: Db): BatchReader {
  return {
    cursor: async (writer) => Number((await db.selectFrom('hq.cursor').select('seq').where('site_id', '=', writer).executeTakeFirst())?.seq ?? 0),
    appliedFileSha: async (writer, range) => (await db.selectFrom('hq.batch').select('file_sha256').where('site_id', '=', writer)
      .where('seq_from', '=', range.from).where('seq_to', '=', range.to).executeTakeFirst())?.file_sha256 ?? null,
    heldRows: (writer, from, to) => heldRows(db, writer, from, to),
    linkHash: async (writer, seqTo) => (await db.selectFrom('hq.batch').select('hash').where('site_id', '=', writer).where('seq_to', '=', seqTo).executeTakeFirst())?.hash ?? null,
  };
}

/** Kysely on one connection of the pool, so its statements and a COPY share a transaction. */
export function onClient(client: pg.PoolClient): Kysely<HqPgSchema> {
  return new Kysely<HqPgSchema>({ dialect: new PostgresDialect({ pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }) } as never }) });
}

/**
 * The change rows of `writer` the server holds in a range, in sequence order: read from the
 * files kept of the batches that cover it, and from hq.change_log for batches applied before
 * files were kept. A batch applied in part (the rest held already) names some rows twice.
 */
async function heldRows(db: Db, writer: string, from: number, to: number): Promise<ChangeRow[]> {
  const bySeq = new Map<number, ChangeRow>();
  const files = await db.selectFrom('hq.batch').select('body').where('site_id', '=', writer).where('seq_from', '<=', to).where('seq_to', '>=', from)
    .where('body', 'is not', null).orderBy('seq_from').execute();
  for (const f of files) {
    for (const r of rowsOfAppliedFile(f.body!)) if (r.seq >= from && r.seq <= to && !bySeq.has(r.seq)) bySeq.set(r.seq, r);
  }
  const logged = await db.selectFrom('hq.change_log').select(['site_id', 'seq', 'at', 'actor_id', 'operation', 'table_name', 'row_id', 'kind', 'before', 'after', 'tx'])
    .where('site_id', '=', writer).where('seq', '>=', from).where('seq', '<=', to).execute();
  for (const r of logged) if (!bySeq.has(Number(r.seq))) bySeq.set(Number(r.seq), { ...r, seq: Number(r.seq) });
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A reader whose connection failures are the desk's refusal (server down, connection dropped). */
function guarded(r: BatchReader, lost: (e: unknown) => Error | null): BatchReader {
  const wrap = <A extends unknown[], T>(f: (...a: A) => Promise<T>) => async (...a: A): Promise<T> => {
    try {
      return await f(...a);
    } catch (e) {
      throw lost(e) ?? e;
    }
  };
  return { cursor: wrap(r.cursor), appliedFileSha: wrap(r.appliedFileSha), heldRows: wrap(r.heldRows), linkHash: wrap(r.linkHash) };
}

/** SQLSTATE classes of a batch that does not fit (integrity, data, an unknown column): refused, not retried. */
const NOT_FITTING = /^(22|23|42703|42P01)/;

export function pgTarget(hq: HqPg, store: Store): ImportTarget {
  const local = sqliteTarget(store);
  const lost = (e: unknown) => pgRefusal(e, '', 'import');
  return {
    // each site's batches on their own connection: the server applies one site's batch while this
    // process reads and checks the next site's file (on two cores, the load takes both)
    writersAtOnce: 2,
    version: Math.min(hq.deskSchema, store.version),
    reader: guarded(readerOf(hq.db), lost),
    async commit(b): Promise<Verdict> {
      // one connection holds the batch's transaction: Kysely's statements and the log's COPY go over it
      let client: pg.PoolClient | null = null;
      let broken = false;
      try {
        client = await hq.pool.connect();
        const held = client;
        return await onClient(held).transaction().execute(async (trx) => {
          await trx.insertInto('hq.cursor').values({ site_id: b.writer, code: b.code, seq: 0, hash: null }).onConflict((oc) => oc.column('site_id').doNothing()).execute();
          await sql`SELECT seq FROM hq.cursor WHERE site_id = ${b.writer} FOR UPDATE`.execute(trx);
          const verdict = await judgeBatch(readerOf(trx), b.code, b.writer, b.batch, Math.min(hq.deskSchema, store.version));
          if (verdict.kind !== 'apply') return verdict;
          const { header, hash } = b.batch;
          // the rows the batch changes, then the batch itself in hq.batch, with its file as it arrived
          const months = await applyRowsPg(trx, held, hq.tables, b.writer, verdict.fresh);
          // the month figures the batch can have changed, worked out again with its rows in place
          if (months.length > 0) await sql`SELECT hq.refresh_month_figures(${b.writer}, ${months}::text[])`.execute(trx);
          await trx.insertInto('hq.batch').values({
            site_id: b.writer, seq_from: header.from, seq_to: header.to, rows: header.rows, hash, file_sha256: b.fileHash, file: b.file, schema_version: header.schema, at: b.at, body: b.bytes,
          }).execute();
          await trx.updateTable('hq.cursor').set({ seq: header.to, hash, code: b.code, updated_at: new Date() }).where('site_id', '=', b.writer).execute();
          return verdict;
        });
      } catch (e) {
        if (e instanceof ApplyFailed) throw e;
        const code = String((e as { code?: string }).code ?? '');
        if (NOT_FITTING.test(code)) throw new ApplyFailed(String((e as Error).message).slice(0, 160));
        broken = true; // a connection that failed mid-transaction is closed, never reused
        throw lost(e) ?? e;
      } finally {
        client?.release(broken);
      }
    },
    async recordRefusal(r) {
      // every head-office PC's screens see it on the server; this PC's sync screen sees it too
      await local.recordRefusal(r);
      try {
        const seen = await hq.db.selectFrom('hq.refusal').select('file').where('file', '=', r.file).where('reason', '=', r.reason).where('moved_to', 'is', null).executeTakeFirst();
        if (seen && !r.movedTo) return;
        await hq.db.insertInto('hq.refusal').values({ writer_code: r.code, file: r.file, moved_to: r.movedTo, reason: r.reason, detail: JSON.stringify(r.params), at: r.at }).execute();
      } catch (e) {
        throw lost(e) ?? e;
      }
    },
  };
}

/** The content hashes of the scans of `writer` whose rows are on the server. */
export async function pgScansOf(hq: HqPg, writer: string): Promise<string[]> {
  const got = await sql<{ sha256: string }>`SELECT DISTINCT sha256 FROM sites.archive_scan WHERE site_id = ${writer}`.execute(hq.db);
  return got.rows.map((r) => r.sha256);
}

/** What the server holds of a site, for its restore package: its change rows, its last batch's hash, its scans. */
export async function pgHeldSiteLog(hq: HqPg, writer: string): Promise<HeldSiteLog> {
  const rows = await readerOf(hq.db).heldRows(writer, 1, Number.MAX_SAFE_INTEGER);
  const last = await hq.db.selectFrom('hq.batch').select('hash').where('site_id', '=', writer).orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
  return { rows, last, scans: await pgScansOf(hq, writer) };
}
