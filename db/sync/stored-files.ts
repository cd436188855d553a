/**
 * Stored files that rows refer to (an archive item's scans, kept by content hash) travel
 * beside the rows. A site sends each file once into `<folder>/<site-code>/files/ab/<sha256>`
 * before the batch whose row names it; head office copies what it receives into its own
 * scans folder, and a restore package carries the site's files back. A file is trusted by
 * its content only: every copy is checked against the hash the signed row carries, and is
 * written beside its place and renamed, so a half copy never stands under a hash's name.
 * A file not there yet (a row applied before its scan arrived) is fetched at the next import.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';
import type { ChangeRow } from './rules.js';

export const FILES_DIR = 'files';

const HASH = /^[0-9a-f]{64}$/;
/** Whether a row's text is a content hash (and so safe as a file name). */
export const isFileHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v);
const placeOf = (root: string, sha: string) => join(root, sha.slice(0, 2), sha);
const exists = (path: string) => stat(path).then(() => true, () => false);

/** Where this store keeps its scans (beside the store file, as the archive area writes them). */
export const scansRoot = (store: Store) => join(dirname(store.file), 'scans');

/** The folder a writer's files are sent to in the shared folder. */
export const sentFilesRoot = (folder: string, code: string) => join(folder, code, FILES_DIR);

/** The content hashes of the stored files that change rows add (a scan's row names its file). */
export function filesNamed(rows: readonly Pick<ChangeRow, 'table_name' | 'kind' | 'after'>[]): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    if (r.table_name !== 'archive_scan' || r.kind !== 'insert' || !r.after) continue;
    const sha = (JSON.parse(r.after) as { sha256?: unknown }).sha256;
    if (isFileHash(sha)) out.add(sha);
  }
  return [...out];
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Copy file `sha` from one root to another unless it is there already, checked against its
 * hash on the way. 'missing': the source has no such file; 'damaged': its bytes are not that hash.
 */
export async function copyByHash(fromRoot: string, toRoot: string, sha: string): Promise<'have' | 'copied' | 'missing' | 'damaged'> {
  const to = placeOf(toRoot, sha);
  if (await exists(to)) return 'have';
  const from = placeOf(fromRoot, sha);
  if (!(await exists(from))) return 'missing';
  await mkdir(dirname(to), { recursive: true });
  const tmp = `${to}.${uuidv7()}.part`;
  try {
    await copyFile(from, tmp);
    if ((await sha256Of(tmp)) !== sha) return 'damaged';
    await rename(tmp, to);
    return 'copied';
  } finally {
    await rm(tmp, { force: true });
  }
}

/** A site sends the files its rows name into its folder (a file this store lacks cannot be sent: head office will say so). */
export async function sendFiles(store: Store, folder: string, code: string, shas: readonly string[]): Promise<void> {
  for (const sha of shas) {
    try {
      await copyByHash(scansRoot(store), sentFilesRoot(folder, code), sha);
    } catch (e) {
      const c = (e as NodeJS.ErrnoException).code;
      if (c === 'ENOSPC' || c === 'EDQUOT') throw new AppError('sync.folder_full', { folder });
      throw new AppError('sync.folder_unreachable', { folder, detail: String(c ?? (e as Error).message).slice(0, 80) });
    }
  }
}

/** The scans of `writer` whose rows this store holds but whose files it does not (yet). */
export async function scansMissing(store: Store, writer: string): Promise<string[]> {
  const shas = store.raw.prepare('SELECT DISTINCT sha256 FROM archive_scan WHERE site_id = ?').pluck().all(writer) as string[];
  const out: string[] = [];
  for (const sha of shas) if (!(await exists(placeOf(scansRoot(store), sha)))) out.push(sha);
  return out;
}

/** Fetch the missing scans of `writer` from `fromRoot`; returns how many are still missing (or arrived damaged). */
export async function fetchScans(store: Store, writer: string, fromRoot: string): Promise<number> {
  let still = 0;
  for (const sha of await scansMissing(store, writer)) {
    const got = await copyByHash(fromRoot, scansRoot(store), sha).catch(() => 'missing' as const);
    if (got !== 'copied' && got !== 'have') still++;
  }
  return still;
}
