/**
 * Export (a site, or head office for its own rows): the store's own change log since the
 * last exported sequence, as batch files under `<folder>/<site-code>/`. Rows are read in
 * short transactions (the desk keeps working; only committed rows are ever seen, and they
 * never change), cut into files only between transactions, chained and signed, written
 * atomically, and recorded as exported only once the file is in place. The same range
 * always gives the same bytes, so an export cut short by a crash and run again rewrites
 * an identical file.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { Store } from '../store/open.js';
import { BatchBody, compressBatch, encodeBatch, sealBatch } from './batch-file.js';
import { writeFileAtomicAsync } from './files.js';
import { filesNamed, isFileHash, sendFiles } from './stored-files.js';
import { storeIdentity } from './identity.js';
import type { SigningKey } from './keys.js';
import { cursorOf, lastExported } from './queries.js';
import { referenceRows } from './reference.js';
import {
  batchFileName, exportedRow, HEAD_OFFICE_DIR, LOG_COLUMNS, NOT_EXPORTED, ROW_LINE_SQL, rowLine, sha256, txKey, type BatchHeader, type ChangeRow,
} from './rules.js';

type BatchKind = BatchHeader['kind'];

export interface ExportOptions {
  folder: string;
  key: SigningKey;
  /** a file is closed at the first transaction boundary after this many rows */
  maxRows?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  files: string[];
  rows: number;
  /** the last sequence now exported */
  through: number;
  /** earlier files found missing from the folder and written again */
  rewritten: string[];
}

/**
 * How long one read of the log may hold the desk. Rows run from a hundred bytes (a sign-in)
 * to several kilobytes (a handover with its signatures), and long runs of either sit side by
 * side in the log: a read stops when its time is up, not after a count of rows.
 */
const READ_MS = 6;
/** the most rows one read takes, however quick they are */
const READ_ROWS = 5_000;

/** The shared folder must exist and be a folder: a missing USB drive is never silently replaced by a local folder. */
export function checkFolder(folder: string): void {
  let ok = false;
  try {
    ok = existsSync(folder) && statSync(folder).isDirectory();
  } catch { /* unreachable share */ }
  if (!ok) throw new AppError('sync.folder_unreachable', { folder, detail: 'not found' });
}

/** The export under way on each store: exports run one after another, never two over the same range. */
const running = new WeakMap<Store, Promise<unknown>>();

/**
 * Export this store's changes since the last exported sequence. An export asked for while
 * another runs (the button pressed while the timer's is sending) waits for it and then
 * sends whatever is left, so no range is ever written or recorded twice.
 */
export async function exportChanges(store: Store, options: ExportOptions): Promise<ExportResult> {
  const before = running.get(store) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => exportNow(store, options));
  running.set(store, mine);
  try {
    return await mine;
  } finally {
    if (running.get(store) === mine) running.delete(store);
  }
}

/** Whether an export is under way on this store (the timer skips its turn then). */
export const exporting = (store: Store): boolean => running.has(store);

/** Wait for the export under way, if any (the desk closing lets it finish its file). */
export async function exportFinished(store: Store): Promise<void> {
  await running.get(store)?.catch(() => undefined);
}

async function exportNow(store: Store, options: ExportOptions): Promise<ExportResult> {
  const { folder, key, maxRows = 50_000, onProgress } = options;
  checkFolder(folder);
  const me = await storeIdentity(store.db);
  if (!me) throw new AppError('sync.no_identity');
  const site = await store.db.selectFrom('site').select('code').where('id', '=', me.siteId).executeTakeFirstOrThrow();
  const dir = join(folder, site.code);

  const rewritten = await rewriteMissing(store, folder, me.siteId, site.code, key, 'changes');
  const last = await lastExported(store.db, me.siteId);
  let prev = last?.hash ?? null;
  let cursor = last?.seq_to ?? 0;
  const top = await cursorOf(store.db, me.siteId);
  const total = top - cursor;
  const written: string[] = [];
  let done = 0;

  // the store writes each row's line as it reads it; the rare row with columns that never leave is made here.
  // Lines arrive as strings and become one buffer per read (utf8Of): a buffer per row, thousands
  // a read, kept the collector busy with full collections.
  const read = store.raw.prepare(`SELECT seq, tx, operation, actor_id, table_name, ${ROW_LINE_SQL} AS line,
      CASE WHEN table_name = 'archive_scan' AND kind = 'insert' THEN after ->> '$.sha256' END AS file
    FROM change_log WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT ?`);
  const whole = store.raw.prepare(`SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? AND seq = ?`);
  let body = new BatchBody();
  let files: string[] = []; // the stored files the batch's rows add, sent before the batch
  let lines: string[] = []; // each row's line and its newline
  let linesFrom = 0;
  let tail: LineRow | null = null;
  const settle = () => {
    body.add(utf8Of(lines), lines.length, linesFrom, cursor);
    lines = [];
  };

  // one file is compressed and written while the next is read; a fault stops the export before another is written
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    settle();
    const sealed = sealBatch({ schema: store.version, writer: me.siteId, site: site.code, prev }, body, key);
    prev = sealed.hash;
    body = new BatchBody();
    const named = files;
    files = [];
    await writing;
    const name = batchFileName(sealed.header.from, sealed.header.to);
    const file = `${site.code}/${name}`;
    writing = (async () => {
      const bytes = await compressBatch(sealed);
      await sendFiles(store, folder, site.code, named);
      await writeInFolder(folder, join(dir, name), bytes);
      await store.db.insertInto('sync_batch').values({
        direction: 'out', writer_id: me.siteId, seq_from: sealed.header.from, seq_to: sealed.header.to, rows: sealed.header.rows,
        hash: sealed.hash, file_sha256: sha256(bytes), file, schema_version: store.version, at: store.clock.now().toISOString(),
      }).execute();
      written.push(file);
      done += sealed.header.rows;
      onProgress?.(done, total);
    })();
    writing.catch(() => undefined); // awaited at the next file or the end; never an unhandled fault meanwhile
  };

  try {
    for (;;) {
      // through Kysely's connection, so no operation's transaction is open meanwhile: only committed rows
      const chunk = await store.db.transaction().execute(async () => {
        const until = performance.now() + READ_MS;
        const got: LineRow[] = [];
        for (const r of read.iterate(me.siteId, cursor, READ_ROWS) as IterableIterator<LineRow>) {
          got.push(r);
          if (got.length % 16 === 0 && performance.now() > until) break; // leaving the loop ends the read
        }
        return got;
      });
      if (chunk.length === 0) break;
      for (const r of chunk) {
        if (tail) {
          const size = body.rows + lines.length;
          const boundary = txKey(r) !== txKey(tail);
          // rows from before transactions were recorded: a long run of one operation is cut anyway
          const legacyRun = r.tx === null && tail.tx === null && size >= 4 * maxRows;
          if (size >= maxRows && (boundary || legacyRun)) await flush();
        }
        if (lines.length === 0) linesFrom = r.seq;
        lines.push(`${r.table_name in NOT_EXPORTED ? rowLine(exportedRow(whole.get(me.siteId, r.seq) as ChangeRow)) : r.line}\n`);
        if (isFileHash(r.file)) files.push(r.file);
        cursor = r.seq;
        tail = r;
      }
      settle();
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (body.rows > 0) await flush(); // the last committed row always ends a transaction
    await writing;
  } finally {
    await writing.catch(() => undefined);
  }
  return { files: written, rows: done, through: cursor, rewritten };
}

/**
 * Lines written one by one into one buffer: joined first, a read's lines would make one string
 * of megabytes, which the collector keeps with the old objects and then stops the desk for.
 */
function utf8Of(lines: readonly string[]): Buffer {
  let size = 0;
  for (const l of lines) size += Buffer.byteLength(l, 'utf8');
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const l of lines) at += out.write(l, at, 'utf8');
  return out;
}

/** A change row as export reads it: what cutting needs, and its line. */
type LineRow = Pick<ChangeRow, 'seq' | 'tx' | 'operation' | 'actor_id' | 'table_name'> & { line: string; file: string | null };

/**
 * Files this store wrote that are no longer in the folder (a refused copy moved to
 * quarantine, a USB drive wiped) are written again from the change log: the same range,
 * the same chain link, the same schema version — so the very same bytes.
 */
async function rewriteMissing(store: Store, folder: string, writer: string, site: string, key: SigningKey, kind: BatchKind): Promise<string[]> {
  const written = await store.db.selectFrom('sync_batch').selectAll().where('direction', '=', 'out').where('writer_id', '=', writer)
    .where('kind', '=', kind).orderBy('seq_from').execute();
  const out: string[] = [];
  let prev: string | null = null;
  for (const b of written) {
    const path = join(folder, b.file);
    // a restored site's earlier batches were written by its old PC: only their chain link is known
    if (b.file && !existsSync(path)) {
      const rows = await store.db.transaction().execute(async () => (kind === 'reference'
        ? referenceRows(store.raw, writer, b.seq_from - 1, b.seq_to)
        : store.raw.prepare(`SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`).all(writer, b.seq_from, b.seq_to) as ChangeRow[]));
      const enc = encodeBatch({ schema: b.schema_version, writer, site, prev, kind, from: b.seq_from, to: b.seq_to }, rows.map(exportedRow), key);
      // written again only if it is the very batch that was sent (a new key, say, would make another)
      if (enc.hash === b.hash) {
        if (kind === 'changes') await sendFiles(store, folder, site, filesNamed(rows));
        await writeInFolder(folder, path, enc.bytes);
        out.push(b.file);
      }
    }
    prev = b.hash;
  }
  return out;
}

async function writeInFolder(folder: string, path: string, bytes: Buffer): Promise<void> {
  try {
    await writeFileAtomicAsync(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('sync.folder_full', { folder });
    throw new AppError('sync.folder_unreachable', { folder, detail: String(code ?? (e as Error).message).slice(0, 80) });
  }
}

/**
 * Head office publishes its reference data: its own change rows of the owned tables since
 * the last publication, as one signed batch under `<folder>/head-office/`, chained to the
 * previous one. The range runs to head office's latest change, so the next starts after it.
 */
export async function publishReference(store: Store, options: { folder: string; key: SigningKey }): Promise<ExportResult> {
  const { folder, key } = options;
  checkFolder(folder);
  const me = await storeIdentity(store.db);
  if (!me) throw new AppError('sync.no_identity');
  const rewritten = await rewriteMissing(store, folder, me.siteId, HEAD_OFFICE_DIR, key, 'reference');
  const last = await store.db.selectFrom('sync_batch').select(['seq_to', 'hash']).where('direction', '=', 'out').where('writer_id', '=', me.siteId)
    .where('kind', '=', 'reference').orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
  const after = last?.seq_to ?? 0;
  const top = await cursorOf(store.db, me.siteId);
  const rows = await store.db.transaction().execute(async () => referenceRows(store.raw, me.siteId, after, top));
  if (rows.length === 0) return { files: [], rows: 0, through: after, rewritten };
  const enc = encodeBatch({ schema: store.version, writer: me.siteId, site: HEAD_OFFICE_DIR, prev: last?.hash ?? null, kind: 'reference', from: after + 1, to: top }, rows, key);
  const file = `${HEAD_OFFICE_DIR}/${batchFileName(after + 1, top)}`;
  await writeInFolder(folder, join(folder, file), enc.bytes);
  await store.db.insertInto('sync_batch').values({
    direction: 'out', writer_id: me.siteId, seq_from: after + 1, seq_to: top, rows: rows.length, kind: 'reference',
    hash: enc.hash, file_sha256: sha256(enc.bytes), file, schema_version: store.version, at: store.clock.now().toISOString(),
  }).execute();
  return { files: [file], rows: rows.length, through: top, rewritten };
}
