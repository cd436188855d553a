import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OpContext } from '../api/op.js';
import { requireSession } from '../api/op.js';
import type { SessionStore } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';

/**
 * Files cross the boundary through ordinary operations, so the desktop IPC channel and
 * browser mode carry them the same way: an upload is begun, sent in numbered base64 chunks
 * of at most CHUNK_BYTES (well under browser mode's 2 MB body limit), and finished with
 * its SHA-256; a download is fetched chunk by chunk. Chunks go straight to disk under
 * <data folder>/uploads and downloads/; no file is ever held whole in memory here.
 *
 * Uploads and downloads belong to the session that made them: another session (or a
 * signed-out one) cannot see them. They live in memory and in those two folders only:
 * a restart signs everyone out, so the folders are emptied the first time they are used,
 * and files idle for KEEP_MS or whose session ended are removed (app.ts sweeps after a
 * sign-out and at most once a minute). One sign-in keeps a few finished uploads at most,
 * and all of them together a bounded number of bytes.
 */
export const CHUNK_BYTES = 512 * 1024;
/** base64 of a full chunk */
export const CHUNK_BASE64 = Math.ceil(CHUNK_BYTES / 3) * 4;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const KEEP_MS = 60 * 60_000;
const MAX_OPEN_UPLOADS_PER_SESSION = 4;
/** finished uploads one sign-in may keep at once (an import wizard holds one, scans are attached one by one) */
export const MAX_KEPT_UPLOADS_PER_SESSION = 8;
/** what all sign-ins' uploads together may hold in uploads/ (declared sizes, finished or not) */
export const MAX_UPLOADS_TOTAL_BYTES = 200 * 1024 * 1024;
const OUR_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(upload|xlsx|csv|bin)$/;

interface Upload {
  id: string;
  owner: string;
  name: string;
  type: string;
  size: number;
  path: string;
  received: number;
  nextIndex: number;
  hash: Hash;
  handle: FileHandle | null;
  /** chunk writes in order; finish waits for them */
  writing: Promise<void>;
  failed: boolean;
  sha256: string | null;
  touchedMs: number;
  /** what readers of the file computed from it (the parsed workbook), dropped with the file */
  memo: Map<string, unknown>;
}

interface Download {
  id: string;
  owner: string;
  name: string;
  type: string;
  size: number;
  path: string;
  touchedMs: number;
}

interface Area {
  uploadsDir: string;
  downloadsDir: string;
  uploads: Map<string, Upload>;
  downloads: Map<string, Download>;
}

const areas = new WeakMap<Store, Area>();

function emptyOurFiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (OUR_FILE.test(f)) rmSync(join(dir, f), { force: true });
}

function areaOf(store: Store): Area {
  let a = areas.get(store);
  if (!a) {
    const base = dirname(store.file);
    a = { uploadsDir: join(base, 'uploads'), downloadsDir: join(base, 'downloads'), uploads: new Map(), downloads: new Map() };
    // Left from an earlier run: their sessions are gone, so nobody can ask for them.
    emptyOurFiles(a.uploadsDir);
    emptyOurFiles(a.downloadsDir);
    areas.set(store, a);
  }
  return a;
}

async function dropUpload(area: Area, u: Upload): Promise<void> {
  area.uploads.delete(u.id);
  u.memo.clear();
  await u.writing.catch(() => undefined);
  await u.handle?.close().catch(() => undefined);
  u.handle = null;
  await rm(u.path, { force: true });
}

async function dropDownload(area: Area, d: Download): Promise<void> {
  area.downloads.delete(d.id);
  await rm(d.path, { force: true });
}

/** Remove files that sat idle too long or whose session has ended. */
export async function sweepFiles(store: Store, sessions: SessionStore, at = nowMs(store)): Promise<void> {
  const area = areaOf(store);
  const stale = (owner: string, touched: number) => !sessions.get(owner) || at - touched > KEEP_MS;
  for (const u of [...area.uploads.values()]) if (stale(u.owner, u.touchedMs)) await dropUpload(area, u);
  for (const d of [...area.downloads.values()]) if (stale(d.owner, d.touchedMs)) await dropDownload(area, d);
}

/** Close open upload files: the app is closing. */
export async function closeFiles(store: Store): Promise<void> {
  const area = areas.get(store);
  if (!area) return;
  for (const u of area.uploads.values()) {
    await u.writing.catch(() => undefined);
    await u.handle?.close().catch(() => undefined);
    u.handle = null;
  }
}

/** The app's clock (a test's fake one too): idle files are judged by it. */
function nowMs(store: Store): number {
  return store.clock.now().getTime();
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}

export async function beginUpload(ctx: OpContext, i: { name: string; size: number; type: string }): Promise<{ uploadId: string; chunkBytes: number }> {
  const session = requireSession(ctx);
  if (i.size > MAX_UPLOAD_BYTES) throw new AppError('files.too_large', { name: i.name, size: mb(i.size), max: mb(MAX_UPLOAD_BYTES) });
  if (i.size === 0) throw new AppError('files.empty', { name: i.name });
  await sweepFiles(ctx.store, ctx.sessions);
  const area = areaOf(ctx.store);
  const mine = [...area.uploads.values()].filter((u) => u.owner === session.token);
  if (mine.filter((u) => u.sha256 === null).length >= MAX_OPEN_UPLOADS_PER_SESSION) throw new AppError('files.too_many');
  if (mine.filter((u) => u.sha256 !== null).length >= MAX_KEPT_UPLOADS_PER_SESSION) throw new AppError('files.too_many_kept', { max: MAX_KEPT_UPLOADS_PER_SESSION });
  const held = [...area.uploads.values()].reduce((n, u) => n + u.size, 0);
  if (held + i.size > MAX_UPLOADS_TOTAL_BYTES) throw new AppError('files.space_full', { max: mb(MAX_UPLOADS_TOTAL_BYTES) });
  const id = uuidv7();
  const path = join(area.uploadsDir, `${id}.upload`);
  const handle = await open(path, 'wx');
  area.uploads.set(id, {
    id, owner: session.token, name: i.name, type: i.type, size: i.size, path,
    received: 0, nextIndex: 0, hash: createHash('sha256'), handle,
    writing: Promise.resolve(), failed: false, sha256: null, touchedMs: nowMs(ctx.store), memo: new Map(),
  });
  return { uploadId: id, chunkBytes: CHUNK_BYTES };
}

function ownUpload(store: Store, owner: string, uploadId: string): Upload {
  const u = areaOf(store).uploads.get(uploadId);
  if (!u || u.owner !== owner) throw new AppError('files.not_found');
  u.touchedMs = nowMs(store);
  return u;
}

export async function uploadChunk(ctx: OpContext, i: { uploadId: string; index: number; data: string }): Promise<{ received: number }> {
  const session = requireSession(ctx);
  const area = areaOf(ctx.store);
  const u = ownUpload(ctx.store, session.token, i.uploadId);
  if (u.sha256 !== null) throw new AppError('files.already_finished');
  if (i.index !== u.nextIndex) throw new AppError('files.bad_chunk', { expected: u.nextIndex + 1, got: i.index + 1 });
  const bytes = Buffer.from(i.data, 'base64');
  if (bytes.length > CHUNK_BYTES) throw new AppError('files.bad_chunk', { expected: u.nextIndex + 1, got: i.index + 1 });
  if (u.received + bytes.length > u.size) {
    await dropUpload(area, u);
    throw new AppError('files.overflow', { size: u.size });
  }
  // Counted and hashed now, written in order: a second call for the same index is refused above.
  const at = u.received;
  u.received += bytes.length;
  u.nextIndex++;
  u.hash.update(bytes);
  const handle = u.handle!;
  u.writing = u.writing.then(async () => {
    await handle.write(bytes, 0, bytes.length, at);
  }).catch((e: unknown) => {
    u.failed = true;
    throw e;
  });
  await u.writing;
  return { received: u.received };
}

export async function finishUpload(ctx: OpContext, i: { uploadId: string; sha256: string }): Promise<{ uploadId: string; name: string; size: number; sha256: string }> {
  const session = requireSession(ctx);
  const area = areaOf(ctx.store);
  const u = ownUpload(ctx.store, session.token, i.uploadId);
  if (u.sha256 !== null) return { uploadId: u.id, name: u.name, size: u.size, sha256: u.sha256 };
  await u.writing.catch(() => undefined);
  if (u.failed) {
    await dropUpload(area, u);
    throw new AppError('api.internal');
  }
  if (u.received !== u.size) {
    // Not dropped: the desk may still send the missing chunks.
    throw new AppError('files.incomplete', { received: u.received, size: u.size });
  }
  const digest = u.hash.digest('hex');
  await u.handle?.close();
  u.handle = null;
  if (digest !== i.sha256.toLowerCase()) {
    await dropUpload(area, u);
    throw new AppError('files.hash_mismatch', { name: u.name });
  }
  u.sha256 = digest;
  return { uploadId: u.id, name: u.name, size: u.size, sha256: digest };
}

/** A finished upload of `owner`'s, for the code that reads it (the import). */
export interface UploadedFile {
  id: string;
  name: string;
  type: string;
  size: number;
  path: string;
  sha256: string;
  memo: Map<string, unknown>;
}

export function uploadedFile(store: Store, owner: string, uploadId: string): UploadedFile {
  const u = ownUpload(store, owner, uploadId);
  if (u.sha256 === null) throw new AppError('files.incomplete', { received: u.received, size: u.size });
  return { id: u.id, name: u.name, type: u.type, size: u.size, path: u.path, sha256: u.sha256, memo: u.memo };
}

/** Keep the last few uploads' memos (parsed workbooks are large); older ones are dropped. */
export function trimMemos(store: Store, keep: number): void {
  const withMemo = [...areaOf(store).uploads.values()].filter((u) => u.memo.size > 0).sort((a, b) => b.touchedMs - a.touchedMs);
  for (const u of withMemo.slice(keep)) u.memo.clear();
}

/** Where a job writes a file the desk will download; register it once written. */
export function newDownloadPath(store: Store, ext: 'xlsx' | 'csv' | 'bin'): { id: string; path: string } {
  const id = uuidv7();
  return { id, path: join(areaOf(store).downloadsDir, `${id}.${ext}`) };
}

export async function registerDownload(store: Store, owner: string, d: { id: string; path: string; name: string; type: string }): Promise<{ fileId: string; name: string; size: number }> {
  const size = (await stat(d.path)).size;
  areaOf(store).downloads.set(d.id, { ...d, owner, size, touchedMs: nowMs(store) });
  return { fileId: d.id, name: d.name, size };
}

export async function downloadChunk(ctx: OpContext, i: { fileId: string; index: number }) {
  const session = requireSession(ctx);
  const d = areaOf(ctx.store).downloads.get(i.fileId);
  if (!d || d.owner !== session.token) throw new AppError('files.not_found');
  d.touchedMs = nowMs(ctx.store);
  const chunks = Math.max(1, Math.ceil(d.size / CHUNK_BYTES));
  if (i.index >= chunks) throw new AppError('files.bad_chunk', { expected: chunks, got: i.index + 1 });
  const handle = await open(d.path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(CHUNK_BYTES, d.size - i.index * CHUNK_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, i.index * CHUNK_BYTES);
    return { fileId: d.id, name: d.name, type: d.type, size: d.size, chunks, index: i.index, data: buf.subarray(0, bytesRead).toString('base64') };
  } finally {
    await handle.close();
  }
}

/** The desk is done with a file (the wizard closed): remove it now rather than later. */
export async function discardFile(ctx: OpContext, id: string): Promise<null> {
  const session = requireSession(ctx);
  const area = areaOf(ctx.store);
  const u = area.uploads.get(id);
  if (u && u.owner === session.token) await dropUpload(area, u);
  const d = area.downloads.get(id);
  if (d && d.owner === session.token) await dropDownload(area, d);
  return null;
}

/** The first n bytes of a file (fewer if it is shorter), without reading the rest: for magic-number checks. */
export async function firstBytes(path: string, n: number): Promise<Buffer> {
  const h = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await h.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}
