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
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type ErrorParams } from '../errors.js';
import type { ErrorCode } from '../i18n/errors.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';
import { ApplyFailed, applyRows, siteTables } from './apply.js';
import { applyReference } from './reference.js';
import { BatchRefused, decodeBatch, type DecodedBatch } from './batch-file.js';
import { checkFolder } from './export.js';
import { ENROL_DIR } from './enrol.js';
import { quarantine } from './files.js';
import { storeIdentity } from './identity.js';
import { cursorOf, peers, type Peer } from './queries.js';
import { BATCH_EXT, HEAD_OFFICE_DIR, LOG_COLUMNS, parseBatchFileName, QUARANTINE_DIR, ROW_FIELDS, sha256, type ChangeRow } from './rules.js';

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

function sameRows(a: readonly ChangeRow[], b: readonly ChangeRow[]): boolean {
  return a.length === b.length && a.every((r, i) => ROW_FIELDS.every((f) => r[f] === b[i]![f]));
}

/**
 * The last sequence of `writer` applied here: the highest it holds, or the end of the last
 * batch applied (a reference batch holds only some sequences of its range).
 */
async function appliedThrough(store: Store, writer: string): Promise<number> {
  const last = await store.db.selectFrom('sync_batch').select((eb) => eb.fn.max('seq_to').as('m')).where('direction', '=', 'in').where('writer_id', '=', writer).executeTakeFirst();
  return Math.max(await cursorOf(store.db, writer), Number(last?.m ?? 0));
}

/** Which folder holds a peer's files: its code, or head-office for head office. */
const folderOf = (p: Peer) => (p.role === 'head_office' ? HEAD_OFFICE_DIR : p.code);

export async function importFolder(store: Store, folder: string, options: { onProgress?: (done: number, total: number) => void } = {}): Promise<ImportOutcome> {
  checkFolder(folder);
  const me = await storeIdentity(store.db);
  if (!me) throw new AppError('sync.no_identity');
  const ownCode = (await store.db.selectFrom('site').select('code').where('id', '=', me.siteId).executeTakeFirst())?.code;
  const known = new Map((await peers(store.db)).filter((p) => p.writer_id !== me.siteId).map((p) => [folderOf(p), p]));
  const outcome: ImportOutcome = { applied: [], duplicates: 0, refused: [], waiting: [] };
  const now = () => store.clock.now().toISOString();
  let tables: Map<string, Set<string>> | null = null;

  const refuse = async (code: string, name: string, e: BatchRefused | { code: ErrorCode; params: ErrorParams; quarantine: boolean }) => {
    const path = join(folder, code, name);
    let movedTo: string | null = null;
    if (e.quarantine) {
      try {
        movedTo = quarantine(folder, code, path, now()).slice(folder.length + 1);
      } catch { /* a read-only folder: the file stays, the refusal is still recorded */ }
    }
    const rel = `${code}/${name}`;
    const seen = await store.db.selectFrom('sync_refusal').select('id').where('file', '=', rel).where('reason', '=', e.code).where('moved_to', 'is', null).executeTakeFirst();
    if (!seen || movedTo) {
      await store.db.insertInto('sync_refusal').values({
        id: uuidv7(store.clock.now().getTime()), writer_code: code, file: rel, moved_to: movedTo, reason: e.code, detail: JSON.stringify(e.params), at: now(),
      }).execute();
    }
    outcome.refused.push({ site: code, file: rel, reason: e.code, params: e.params, movedTo });
  };

  const sameFileApplied = async (writer: string, range: { from: number; to: number }, fileHash: string) => {
    const seen = await store.db.selectFrom('sync_batch').select('file_sha256').where('direction', '=', 'in').where('writer_id', '=', writer)
      .where('seq_from', '=', range.from).where('seq_to', '=', range.to).executeTakeFirst();
    return seen?.file_sha256 === fileHash;
  };
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

  for (const { code, files } of work) {
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
      continue;
    }
    if (peer.status !== 'approved') {
      if (ordered.length > 0) outcome.waiting.push({ site: code, reason: 'sync.unknown_site', params: { site: code } });
      done += files.length;
      continue;
    }

    for (const f of ordered) {
      done++;
      options.onProgress?.(done, total);
      const path = join(folder, code, f.name);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        continue; // gone meanwhile (moved by someone): the next import sees what is there
      }
      const cursor = await appliedThrough(store, peer.writer_id);
      const fileHash = sha256(bytes);
      // the common case of a file seen before: recognised by its bytes, without reading it
      if (f.range!.to <= cursor && (await sameFileApplied(peer.writer_id, f.range!, fileHash))) {
        outcome.duplicates++;
        continue;
      }
      let batch: DecodedBatch;
      try {
        batch = decodeBatch(bytes, (h) => {
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
      if (header.schema > store.version) {
        outcome.waiting.push({ site: code, reason: 'sync.newer_schema', params: { site: code, found: header.schema, supported: store.version } });
        break;
      }
      if (header.from > cursor + 1) {
        outcome.waiting.push({ site: code, reason: 'sync.gap', params: { site: code, from: cursor + 1, to: header.from - 1 } });
        break;
      }
      if (header.from <= cursor) {
        // rows this store already holds must be the very rows applied: anything else is a fork
        const held = store.raw.prepare(`SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`)
          .all(peer.writer_id, header.from, Math.min(header.to, cursor)) as ChangeRow[];
        if (!sameRows(held, batch.rows.slice(0, held.length))) {
          await refuse(code, f.name, new BatchRefused('sync.fork', { site: code, from: header.from, to: header.to }));
          continue;
        }
        if (header.to <= cursor) {
          outcome.duplicates++;
          continue;
        }
      } else if (header.from === 1 ? header.prev !== null : false) {
        await refuse(code, f.name, new BatchRefused('sync.chain', { site: code }));
        continue;
      } else if (header.from > 1) {
        const link = await store.db.selectFrom('sync_batch').select('hash').where('direction', '=', 'in').where('writer_id', '=', peer.writer_id)
          .where('seq_to', '=', header.from - 1).executeTakeFirst();
        if (link && link.hash !== header.prev) {
          await refuse(code, f.name, new BatchRefused('sync.chain', { site: code }));
          continue;
        }
      }

      const fresh = batch.rows.filter((r) => r.seq > cursor);
      try {
        await store.db.transaction().execute(async () => {
          store.writeContext.capturing = false;
          try {
            if (header.kind === 'reference') {
              applyReference(store.raw, me.siteId, peer.writer_id, fresh, now());
            } else {
              tables ??= siteTables(store.raw);
              applyRows(store.raw, tables, peer.writer_id, fresh, { site: { code: peer.code } });
            }
          } finally {
            store.writeContext.capturing = true;
          }
          store.raw.prepare(`INSERT INTO sync_batch (direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at, kind)
            VALUES ('in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(peer.writer_id, header.from, header.to, header.rows, batch.hash, fileHash, `${code}/${f.name}`, header.schema, now(), header.kind);
        });
      } catch (e) {
        const detail = String((e as Error).message ?? e).slice(0, 160);
        if (!(e instanceof ApplyFailed) && !/SQLITE|constraint|FOREIGN KEY|JSON/i.test(`${(e as { code?: string }).code ?? ''} ${detail}`)) throw e;
        await refuse(code, f.name, { code: 'sync.apply_failed', params: { site: code, from: header.from, to: header.to, detail }, quarantine: false });
        break;
      }
      outcome.applied.push({ site: code, file: `${code}/${f.name}`, from: header.from, to: header.to, rows: fresh.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return outcome;
}
