/**
 * Stored files that rows refer to (an archive item's scans, kept by content hash) travel
 * beside the rows. A site sends each file once into `<folder>/<site-code>/files/ab/<sha256>`
 * before the batch whose row names it; head office copies what it receives into its own
 * scans folder, and a restore package carries the site's files back. A file is trusted by
 * its content only: every copy is checked against the hash the signed row carries, and is
 * written beside its place and renamed, so a half copy never stands under a hash's name.
 * A file not there yet (a row applied before its scan arrived) is fetched at the next import;
 * a file that arrived damaged is left where it lies and never taken in.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';
import { scanFileIn, scansDirOf } from '../archives/scans.js';
import type { ChangeRow } from './rules.js';

export const FILES_DIR = 'files';

const HASH = /^[0-9a-f]{64}$/;
/** Whether a row's text is a content hash (and so safe as a file name). */
export const isFileHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v);
const exists = (path: string) => stat(path).then(() => true, () => false);

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
  const to = scanFileIn(toRoot, sha);
  if (await exists(to)) return 'have';
  const from = scanFileIn(fromRoot, sha);
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
      await copyByHash(scansDirOf(store), sentFilesRoot(folder, code), sha);
    } catch (e) {
      const c = (e as NodeJS.ErrnoException).code;
      if (c === 'ENOSPC' || c === 'EDQUOT') throw new AppError('sync.folder_full', { folder });
      throw new AppError('sync.folder_unreachable', { folder, detail: String(c ?? (e as Error).message).slice(0, 80) });
    }
  }
}

/** The content hashes of every scan of `writer` whose row this store holds. */
export function scansOfWriter(store: Store, writer: string): string[] {
  return store.raw.prepare('SELECT DISTINCT sha256 FROM archive_scan WHERE site_id = ?').pluck().all(writer) as string[];
}

/** The hashes of the files under a folder of scans, by listing it (no file is opened or stat'ed one by one). */
async function hashesUnder(root: string): Promise<Set<string>> {
  const out = new Set<string>();
  const groups = await readdir(root).catch(() => [] as string[]);
  for (const g of groups) for (const f of await readdir(join(root, g)).catch(() => [] as string[])) if (isFileHash(f)) out.add(f);
  return out;
}

/**
 * Copy in from `fromRoot` the scans of `writer` that head office holds rows of (`named`: in
 * this store, or on head office's server) but not files: found by comparing the two folders'
 * listings, so an import with nothing new costs two listings, not a look at every scan the
 * company has.
 */
export async function fetchScans(store: Store, writer: string, fromRoot: string, named: (writer: string) => Promise<readonly string[]>): Promise<void> {
  const offered = await hashesUnder(fromRoot);
  if (offered.size === 0) return;
  const have = await hashesUnder(scansDirOf(store));
  const wanted = [...offered].filter((sha) => !have.has(sha));
  if (wanted.length === 0) return;
  const rowsName = new Set(await named(writer));
  for (const sha of wanted) if (rowsName.has(sha)) await copyByHash(fromRoot, scansDirOf(store), sha).catch(() => 'missing' as const);
}
