/**
 * Rebuilding a site from head office. Head office writes a restore package for a site under
 * `<folder>/head-office/restore/<code>/`: the site's whole change log as head office holds
 * it (a change batch 1…n of the site's writer), the reference data head office had
 * published to it (a reference batch), and a manifest naming both files' hashes and the
 * chain links the site continues from — all signed with head office's key. Set-up on a new
 * PC verifies the manifest against head office's key from the site's invitation (whose
 * fingerprint is read out by phone), replays both batches into the empty store with
 * capture off, copies in the site's scans (each checked against its row's hash), and takes up the site's identity: its receipts and change sequence continue
 * where head office last received them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Transaction } from 'kysely';
import type { Store } from '../store/open.js';
import type { Schema } from '../store/schema.js';
import { applyRows, siteTables } from './apply.js';
import { BatchRefused, decodeBatch, encodeBatch, type DecodedBatch } from './batch-file.js';
import { readSigned, writeSigned } from './enrol.js';
import { writeFileAtomic } from './files.js';
import type { SigningKey } from './keys.js';
import { applyReference, referenceRows } from './reference.js';
import { HEAD_OFFICE_DIR, LOG_COLUMNS, sha256, type ChangeRow } from './rules.js';
import { scansDirOf } from '../archives/scans.js';
import { copyByHash, FILES_DIR, scansOfWriter } from './stored-files.js';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z.object({
  format: z.literal('front-desk-restore'),
  site: z.object({ writer: z.string().min(1).max(64), code: z.string().min(1).max(32), name: z.string().min(1).max(100) }),
  headOffice: z.string().min(1).max(64),
  schema: z.number().int().positive(),
  /** the site's last sequence in the package, and the hash of the last batch head office applied (the site's next prev) */
  through: z.number().int().nonnegative(),
  lastHash: hex64.nullable(),
  changes: hex64.nullable(),
  /** head office's last published reference sequence in the package, and that batch's hash */
  refThrough: z.number().int().nonnegative(),
  refHash: hex64.nullable(),
  reference: hex64.nullable(),
  publicKey: z.string().min(1).max(200),
});
export type RestoreManifest = z.infer<typeof manifestSchema>;

export const restoreDir = (folder: string, code: string) => join(folder, HEAD_OFFICE_DIR, 'restore', code);

/**
 * What head office holds of a site: its change rows in sequence order, the hash of the last
 * batch of it applied (the site's next file chains to it), and the scans its rows name.
 */
export interface HeldSiteLog {
  rows: ChangeRow[];
  last: { hash: string } | undefined;
  scans: string[];
}

/** What this store holds of a site (head office keeping its sites' rows in SQLite). */
export async function heldInStore(store: Store, trx: Transaction<Schema>, writer: string): Promise<HeldSiteLog> {
  const rows = store.raw.prepare(`SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`).all(writer) as ChangeRow[];
  const last = await trx.selectFrom('sync_batch').select(['hash']).where('direction', '=', 'in').where('writer_id', '=', writer)
    .orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
  return { rows, last, scans: scansOfWriter(store, writer) };
}

/** Head office: write the restore package of one site, from what head office holds of it (`held`). */
export async function writeRestorePackage(store: Store, trx: Transaction<Schema>, folder: string, key: SigningKey, hq: string, site: RestoreManifest['site'], held: HeldSiteLog): Promise<RestoreManifest> {
  const dir = restoreDir(folder, site.code);
  {
    const raw = store.raw;
    const { rows, last } = held;
    const through = rows.length === 0 ? 0 : rows[rows.length - 1]!.seq;
    const pub = await trx.selectFrom('sync_batch').select(['seq_to', 'hash']).where('direction', '=', 'out').where('writer_id', '=', hq)
      .where('kind', '=', 'reference').orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
    const refRows = pub ? referenceRows(raw, hq, 0, pub.seq_to) : [];
    const write = (name: string, enc: { bytes: Buffer } | null) => {
      if (!enc) return null;
      writeFileAtomic(join(dir, name), enc.bytes);
      return sha256(enc.bytes);
    };
    const changes = write('changes.fdsync', rows.length ? encodeBatch({ schema: store.version, writer: site.writer, site: site.code, prev: null }, rows, key) : null);
    const reference = write('reference.fdsync', refRows.length
      ? encodeBatch({ schema: store.version, writer: hq, site: HEAD_OFFICE_DIR, prev: null, kind: 'reference', from: 1, to: pub!.seq_to }, refRows, key) : null);
    const manifest: RestoreManifest = {
      format: 'front-desk-restore', site, headOffice: hq, schema: store.version, through, lastHash: last?.hash ?? null, changes,
      refThrough: pub?.seq_to ?? 0, refHash: pub?.hash ?? null, reference, publicKey: key.publicKey,
    };
    // the site's scans beside its rows: each checked by the hash its signed row carries when restored
    for (const sha of held.scans) await copyByHash(scansDirOf(store), join(dir, FILES_DIR), sha);
    writeSigned(join(dir, 'manifest.json'), manifest, key);
    return manifest;
  }
}

/**
 * Read and verify a restore package for `code` with head office's key (`headOfficeKey`,
 * from the invitation): the manifest's signature, each file's hash, each batch's signature.
 */
export function readRestorePackage(folder: string, code: string, headOfficeKey: string, storeVersion: number) {
  const dir = restoreDir(folder, code);
  let manifest: RestoreManifest;
  try {
    const got = readSigned(join(dir, 'manifest.json'), manifestSchema, () => headOfficeKey);
    if (!got) throw new AppError('sync.no_restore', { code });
    manifest = got.body;
  } catch (e) {
    if (e instanceof AppError && e.code === 'sync.no_restore') throw e;
    throw new AppError('sync.restore_refused', { detail: 'manifest signature' });
  }
  if (manifest.site.code !== code || manifest.publicKey !== headOfficeKey) throw new AppError('sync.restore_refused', { detail: 'another site or key' });
  if (manifest.schema > storeVersion) throw new AppError('sync.restore_refused', { detail: `schema ${manifest.schema} > ${storeVersion}` });
  const open = (name: string, hash: string | null, writer: string, site: string): DecodedBatch | null => {
    if (!hash) return null;
    const bytes = readFileSync(join(dir, name));
    if (sha256(bytes) !== hash) throw new AppError('sync.restore_refused', { detail: `${name} hash` });
    try {
      return decodeBatch(bytes, (h) => {
        if (h.writer !== writer || h.site !== site) throw new BatchRefused('sync.wrong_site', { claimed: h.site, folder: site });
        return headOfficeKey;
      });
    } catch (e) {
      throw new AppError('sync.restore_refused', { detail: e instanceof BatchRefused ? e.code : String(e).slice(0, 80) });
    }
  };
  return {
    manifest,
    changes: open('changes.fdsync', manifest.changes, manifest.site.writer, code),
    reference: open('reference.fdsync', manifest.reference, manifest.headOffice, HEAD_OFFICE_DIR),
  };
}

/**
 * Replay a verified package into this (empty) store on the open transaction's connection,
 * capture off, and record the chain links the site continues from.
 */
export function applyRestorePackage(store: Store, pkg: ReturnType<typeof readRestorePackage>, at: string): void {
  const { manifest, changes, reference } = pkg;
  const raw = store.raw;
  store.writeContext.capturing = false;
  try {
    if (changes) applyRows(raw, siteTables(raw), manifest.site.writer, changes.rows);
    if (reference) applyReference(raw, manifest.site.writer, manifest.headOffice, reference.rows, at);
  } finally {
    store.writeContext.capturing = true;
  }
  const batch = raw.prepare(`INSERT INTO sync_batch (direction, writer_id, seq_from, seq_to, rows, hash, file_sha256, file, schema_version, at, kind)
    VALUES (?, ?, 1, ?, ?, ?, '', '', ?, ?, ?)`);
  // the site's next export follows the last batch head office applied; its next reference batch, the last one published
  if (manifest.through > 0 && manifest.lastHash) batch.run('out', manifest.site.writer, manifest.through, manifest.through, manifest.lastHash, manifest.schema, at, 'changes');
  if (reference && manifest.refHash) batch.run('in', manifest.headOffice, manifest.refThrough, reference.rows.length, manifest.refHash, manifest.schema, at, 'reference');
}
