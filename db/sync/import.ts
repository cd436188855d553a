/**
 * Import: every trusted writer's folder under the shared folder, each writer's files in
 * sequence order (never by clock), each batch applied exactly once in one transaction with
 * capture off. Per writer, the cursor is the highest sequence of it this store holds:
 * - a batch at or below the cursor is a duplicate when its rows are the ones applied
 *   (ignored), and a fork when they differ (refused, quarantined);
 * - a batch starting above cursor + 1 is a gap: that writer stops, naming the missing range;
 * - a batch from a newer schema is held (kept where it lies) until this PC is upgraded;
 * - a damaged, forged, unsigned, misplaced or unknown writer's file is refused and moved
 *   to `<folder>/quarantine/<code>/`, never deleted, and the reason recorded.
 * Where the batches go is an ImportTarget: this store (sqliteTarget) or head office's
 * PostgreSQL server; the walk over the folder, the verification and the refusals are one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type ErrorParams } from '../errors.js';
import type { ErrorCode } from '../i18n/errors.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';
import { ApplyFailed, applyRows, siteTables } from './apply.js';
import { applyReference } from './reference.js';
import { BatchRefused, decodeText, gunzipBatch, gunzipBatchAsync, type DecodedBatch } from './batch-file.js';
import { judgeBatch, type BatchReader, type Verdict } from './judge.js';
import { checkFolder } from './export.js';
import { ENROL_DIR } from './enrol.js';
import { quarantine } from './files.js';
import { storeIdentity } from './identity.js';
import { fetchScans, scansOfWriter, sentFilesRoot } from './stored-files.js';
import { cursorOf, peers, type Peer } from './queries.js';
import { BATCH_EXT, HEAD_OFFICE_DIR, LOG_COLUMNS, parseBatchFileName, QUARANTINE_DIR, sha256, type ChangeRow } from './rules.js';

export interface Refusal {
  site: string;
  file: string;
  reason: ErrorCode;
  params: ErrorParams;
  movedTo: string | null;
}

export interface ImportOutcome {
  applied: { site: string; file: string; from: number; to: number; rows: number }[];
  duplicates: number;
  refused: Refusal[];
  /** writers stopped at a gap or holding a file from a newer version */
  waiting: { site: string; reason: ErrorCode; params: ErrorParams }[];
}

/** One batch to judge and apply: whose, which file, its verified rows. */
export interface BatchToApply {
  writer: string;
  code: string;
  /** `<code>/<file name>` */
  file: string;
  batch: DecodedBatch;
  fileHash: string;
  at: string;
  /** the file as it arrived (head office on PostgreSQL keeps it) */
  bytes: Buffer;
}

/** Where verified batches are applied. */
export interface ImportTarget {
  /** the newest writer schema this receiver can apply */
  version: number;
  /** the receiver's state, read outside any transaction (to recognise a file seen before cheaply) */
  reader: BatchReader;
  /**
   * judge the batch against the receiver's state and, when it is to be applied, apply it
   * and record it in one transaction; a batch that does not fit throws ApplyFailed
   */
  commit(b: BatchToApply): Promise<Verdict>;
  /** record a refusal where the screens show it (once per file and reason while it stays) */
  recordRefusal(r: { code: string; file: string; reason: ErrorCode; params: ErrorParams; movedTo: string | null; at: string }): Promise<void>;
  /** how many writers' batches it can apply at once (each in its own transaction); one when unsaid */
  writersAtOnce?: number;
}

/**
 * The last sequence of `writer` applied here: the highest it holds, or the end of the last
 * batch applied (a reference batch holds only some sequences of its range).
 */
async function appliedThrough(store: Store, writer: string): Promise<number> {
  const last = await store.db.selectFrom('sync_batch').select((eb) => eb.fn.max('seq_to').as('m')).where('direction', '=', 'in').where('writer_id', '=', writer)
    .executeTakeFirst();
  return Math.max(await cursorOf(store.db, writer), Number(last?.m ?? 0));
}

/** Which folder holds a peer's files: its code, or head-office for head office. */
const folderOf = (p: Peer) => (p.role === 'head_office' ? HEAD_OFFICE_DIR : p.code);

/** The page cache an importing store keeps, in KiB. */
export const IMPORT_CACHE_KIB = 131_072;

/** This store as the receiver: batches applied through its own triggers, capture off. */
export function sqliteTarget(store: Store): ImportTarget {
  let tables: Map<string, Set<string>> | null = null;
  // A batch inserts into every index of a year of bills and receipts at scattered places: with
  // SQLite's default 2 MB of cached pages most of them are read back from the OS for each row
  // (a fifth of the import's CPU). An importing PC keeps up to 128 MB of this store's pages.
  store.raw.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  const reader: BatchReader = {
    cursor: (writer) => appliedThrough(store, writer),
    appliedFileSha: async (writer, range) => (await store.db.selectFrom('sync_batch').select('file_sha256').where('direction', '=', 'in').where('writer_id', '=', writer)
      .where('seq_from', '=', range.from).where('seq_to', '=', range.to).executeTakeFirst())?.file_sha256 ?? null,
    heldRows: async (writer, from, to) => store.raw.prepare(`SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`)
      .all(writer, from, to) as ChangeRow[],
    linkHash: async (writer, seqTo) => (await store.db.selectFrom('sync_batch').select('hash').where('direction', '=', 'in').where('writer_id', '=', writer)
      .where('seq_to', '=', seqTo).executeTakeFirst())?.hash ?? null,
  };
  return {
    version: store.version,
    reader,
    async commit(b) {
      const verdict = await judgeBatch(reader, b.code, b.writer, b.batch, store.version);
      if (verdict.kind !== 'apply') return verdict;
      const { header, hash } = b.batch;
      const receiver = header.kind === 'reference' ? (await storeIdentity(store.db))!.siteId : null;
      try {
        await store.db.transaction().execute(async () => {
          store.writeContext.capturing = false;
          try {
            if (receiver) {
              applyReference(store.raw, receiver, b.writer, verdict.fresh, b.at, (change) => {
                store.writeContext.capturing = true;
                try {
                  change();
                } finally {
                  store.writeContext.capturing = false;
                }
              });
            } else {
              tables ??= siteTables(store.raw);
              applyRows(store.raw, tables, b.writer, verdict.fresh, { site: { code: b.code } });
            }
          } finally {
            store.writeContext.capturing = true;
          }
          store.raw.prepare(`INSERT INTO sync_batch (direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at, kind)
            VALUES ('in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(b.writer, header.from, header.to, header.rows, hash, b.fileHash, b.file, header.schema, b.at, header.kind);
        });
      } catch (e) {
        const detail = String((e as Error).message ?? e).slice(0, 160);
        if (!(e instanceof ApplyFailed) && !/SQLITE|constraint|FOREIGN KEY|JSON/i.test(`${(e as { code?: string }).code ?? ''} ${detail}`)) throw e;
        throw new ApplyFailed(detail);
      }
      return verdict;
    },
    async recordRefusal(r) {
      const seen = await store.db.selectFrom('sync_refusal').select('id').where('file', '=', r.file).where('reason', '=', r.reason).where('moved_to', 'is', null).executeTakeFirst();
      if (seen && !r.movedTo) return;
      await store.db.insertInto('sync_refusal').values({
        id: uuidv7(store.clock.now().getTime()), writer_code: r.code, file: r.file, moved_to: r.movedTo, reason: r.reason, detail: JSON.stringify(r.params), at: r.at,
      }).execute();
    },
  };
}

/** A file read ahead: its bytes, their hash, and its text being un-gzipped unless it looks like one applied before. */
interface LoadedFile {
  bytes: Buffer;
  fileHash: string;
  text: Promise<Buffer> | null;
}

async function loadFile(path: string, range: { from: number; to: number }, cursor: number): Promise<LoadedFile | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  const text = range.to > cursor ? gunzipBatchAsync(bytes) : null;
  text?.catch(() => undefined); // a damaged file is refused when its turn comes, never as an unhandled fault
  return { bytes, fileHash: sha256(bytes), text };
}

export async function importFolder(store: Store, folder: string, options: { onProgress?: (done: number, total: number) => void } = {}): Promise<ImportOutcome> {
  const outcome = await importInto(sqliteTarget(store), store, folder, options);
  await fetchSitesScans(store, folder, async (writer) => scansOfWriter(store, writer));
  return outcome;
}

/**
 * Head office copies in the scans its sites' rows name and it does not hold yet (sent beside
 * their batches), into this PC's scans folder: `named` says which a site's rows name, read
 * where head office keeps the rows (this store, or its PostgreSQL server).
 */
export async function fetchSitesScans(store: Store, folder: string, named: (writer: string) => Promise<readonly string[]>): Promise<void> {
  if ((await storeIdentity(store.db))?.mode !== 'head_office') return;
  for (const p of await peers(store.db)) {
    if (p.role === 'site' && p.status !== 'invited') await fetchScans(store, p.writer_id, sentFilesRoot(folder, p.code), named);
  }
}

/** Walk the folder as `store` (its identity and trusted writers) and apply what verifies into `target`. */
export async function importInto(
  target: ImportTarget, store: Store, folder: string, options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportOutcome> {
  checkFolder(folder);
  const me = await storeIdentity(store.db);
  if (!me) throw new AppError('sync.no_identity');
  const ownCode = (await store.db.selectFrom('site').select('code').where('id', '=', me.siteId).executeTakeFirst())?.code;
  const known = new Map((await peers(store.db)).filter((p) => p.writer_id !== me.siteId).map((p) => [folderOf(p), p]));
  const outcome: ImportOutcome = { applied: [], duplicates: 0, refused: [], waiting: [] };
  const now = () => store.clock.now().toISOString();

  const refuse = async (code: string, name: string, e: BatchRefused | { code: ErrorCode; params: ErrorParams; quarantine: boolean }) => {
    const path = join(folder, code, name);
    let movedTo: string | null = null;
    if (e.quarantine) {
      try {
        movedTo = quarantine(folder, code, path, now()).slice(folder.length + 1);
      } catch { /* a read-only folder, or another importer moved it first: the refusal is still recorded */ }
    }
    const rel = `${code}/${name}`;
    await target.recordRefusal({ code, file: rel, reason: e.code, params: e.params, movedTo, at: now() });
    outcome.refused.push({ site: code, file: rel, reason: e.code, params: e.params, movedTo });
  };

  const sameFileApplied = async (writer: string, range: { from: number; to: number }, fileHash: string) => (await target.reader.appliedFileSha(writer, range)) === fileHash;
  const appliedBefore = async (writer: string, range: { from: number; to: number }, path: string) => {
    try {
      return await sameFileApplied(writer, range, sha256(readFileSync(path)));
    } catch {
      return false;
    }
  };

  const dirs = readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== QUARANTINE_DIR && d.name !== ENROL_DIR && d.name !== ownCode)
    .filter((d) => (me.mode === 'site' ? d.name === HEAD_OFFICE_DIR : d.name !== HEAD_OFFICE_DIR))
    .map((d) => d.name)
    .sort();

  const work = dirs.map((code) => {
    const files = readdirSync(join(folder, code), { withFileTypes: true })
      .filter((f) => f.isFile() && !f.name.startsWith('.') && f.name.endsWith(BATCH_EXT))
      .map((f) => ({ name: f.name, range: parseBatchFileName(f.name) }));
    return { code, files };
  });
  const total = work.reduce((n, w) => n + w.files.length, 0);
  let done = 0;

  /** One writer's files, in sequence order: each judged and applied, refused or waited on. */
  const importWriter = async (code: string, files: { name: string; range: ReturnType<typeof parseBatchFileName> }[]): Promise<void> => {
    const peer = known.get(code);
    const bad = files.filter((f) => !f.range);
    for (const f of bad) await refuse(code, f.name, new BatchRefused('sync.bad_format', { detail: 'file name' }));
    const ordered = files.filter((f) => f.range).sort((a, b) => a.range!.from - b.range!.from || a.range!.to - b.range!.to);
    if (!peer || peer.status === 'revoked') {
      const reason: ErrorCode = peer ? 'sync.revoked_site' : 'sync.unknown_site';
      for (const f of ordered) {
        // files applied while the key was good stay where they are
        if (peer && (await appliedBefore(peer.writer_id, f.range!, join(folder, code, f.name)))) {
          outcome.duplicates++;
          continue;
        }
        await refuse(code, f.name, new BatchRefused(reason, { site: code }));
      }
      done += files.length;
      return;
    }
    if (peer.status !== 'approved') {
      if (ordered.length > 0) outcome.waiting.push({ site: code, reason: 'sync.unknown_site', params: { site: code } });
      done += files.length;
      return;
    }

    // the next file is read and un-gzipped on the thread pool while this one is applied
    let ahead = ordered.length > 0 ? loadFile(join(folder, code, ordered[0]!.name), ordered[0]!.range!, await target.reader.cursor(peer.writer_id)) : null;
    for (let i = 0; i < ordered.length; i++) {
      const f = ordered[i]!;
      done++;
      options.onProgress?.(done, total);
      const loaded = await ahead;
      const cursor = await target.reader.cursor(peer.writer_id);
      const next = ordered[i + 1];
      ahead = next ? loadFile(join(folder, code, next.name), next.range!, cursor) : null;
      if (!loaded) continue; // gone meanwhile (moved by someone): the next import sees what is there
      const { bytes, fileHash } = loaded;
      // the common case of a file seen before: recognised by its bytes, without reading it
      if (f.range!.to <= cursor && (await sameFileApplied(peer.writer_id, f.range!, fileHash))) {
        outcome.duplicates++;
        continue;
      }
      let batch: DecodedBatch;
      try {
        batch = decodeText(loaded.text ? await loaded.text : gunzipBatch(bytes), (h) => {
          if (h.site !== code || h.writer !== peer.writer_id) throw new BatchRefused('sync.wrong_site', { claimed: h.site, folder: code });
          // head office sends reference data, a site its change log: never the other way round
          if ((h.kind === 'reference') !== (peer.role === 'head_office')) throw new BatchRefused('sync.bad_format', { detail: `a ${h.kind} batch from ${code}` });
          return peer.public_key!;
        });
        if (batch.header.from !== f.range!.from || batch.header.to !== f.range!.to) throw new BatchRefused('sync.bad_rows', { detail: 'file name and header disagree' });
      } catch (e) {
        if (!(e instanceof BatchRefused)) throw e;
        await refuse(code, f.name, e);
        continue;
      }
      const { header } = batch;
      let verdict: Verdict;
      try {
        verdict = await target.commit({ writer: peer.writer_id, code, file: `${code}/${f.name}`, batch, fileHash, at: now(), bytes });
      } catch (e) {
        if (!(e instanceof ApplyFailed)) throw e;
        await refuse(code, f.name, { code: 'sync.apply_failed', params: { site: code, from: header.from, to: header.to, detail: e.message }, quarantine: false });
        break;
      }
      if (verdict.kind === 'wait') {
        outcome.waiting.push({ site: code, reason: verdict.reason, params: verdict.params });
        break;
      }
      if (verdict.kind === 'refuse') {
        await refuse(code, f.name, verdict.error);
        continue;
      }
      if (verdict.kind === 'duplicate') {
        outcome.duplicates++;
        continue;
      }
      outcome.applied.push({ site: code, file: `${code}/${f.name}`, from: header.from, to: header.to, rows: verdict.fresh.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  // a receiver that takes several writers at once (a server: one connection each) works on them side by side
  await inTurns(work, target.writersAtOnce ?? 1, (w) => importWriter(w.code, w.files));
  // the same outcome whatever order the writers finished in
  const bySite = (a: { site: string }, b: { site: string }) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0);
  outcome.applied.sort((a, b) => bySite(a, b) || a.from - b.from);
  outcome.refused.sort(bySite);
  outcome.waiting.sort(bySite);
  return outcome;
}

/**
 * `work` done by up to `n` at a time, each item once, in order of start. A failure stops new
 * items from starting and is thrown once the ones under way have finished: nothing goes on
 * writing after the import has returned.
 */
async function inTurns<T>(work: readonly T[], n: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < work.length && failures.length === 0) {
      try {
        await f(work[next++]!);
      } catch (e) {
        failures.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, work.length)) }, worker));
  if (failures.length > 0) throw failures[0];
}
