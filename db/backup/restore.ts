import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { parseBatchFileName, HEAD_OFFICE_DIR } from '../sync/rules.js';
import { BACKUP_STORE_FILE, STORED_FILE_DIRS } from './catalogue.js';
import { readStoreFacts, type StoreFacts } from './facts.js';

/**
 * Restore: the chosen backup is copied into the data folder and checked there (integrity,
 * schema version, same site, not older than what head office already holds) before anything
 * is replaced; then the current store and its files are moved aside into a
 * `before-restore-…` folder (never deleted), and the copy takes their place.
 */
export const INCOMING_FILE = 'restore-incoming.sqlite';

export interface Candidate {
  /** the checked copy, inside the data folder */
  incoming: string;
  /** the backup's stored files (scans, signatures), if it has them */
  filesDir: string | null;
  facts: StoreFacts;
}

/** A backup folder (with its manifest and files) or a bare store file chosen by the administrator. */
function locate(source: string): { storeFile: string; filesDir: string | null } {
  if (!existsSync(source)) throw new AppError('backup.not_found', { path: source });
  if (statSync(source).isDirectory()) {
    const storeFile = join(source, BACKUP_STORE_FILE);
    if (!existsSync(storeFile)) throw new AppError('backup.not_found', { path: source });
    return { storeFile, filesDir: source };
  }
  return { storeFile: source, filesDir: null };
}

/** Copy the chosen backup into the data folder and read what it holds (in a worker). */
export async function prepareCandidate(dataDir: string, source: string, nativeBinding?: string): Promise<Candidate> {
  const { storeFile, filesDir } = locate(source);
  const incoming = join(dataDir, INCOMING_FILE);
  for (const s of ['', '-wal', '-shm', '-journal']) await rm(incoming + s, { force: true });
  await copyFile(storeFile, incoming);
  // a bare store file copied while closed may have committed pages still in its WAL
  if (existsSync(`${storeFile}-wal`)) await copyFile(`${storeFile}-wal`, `${incoming}-wal`);
  const facts = await readStoreFacts(incoming, { nativeBinding, prepare: true });
  return { incoming, filesDir, facts };
}

/** The highest change-log sequence of this site that left for head office: files written to the shared folder, or acknowledged. */
export function sentToHeadOffice(syncFolder: string | null, siteCode: string | null): number {
  if (!syncFolder || !siteCode) return 0;
  let sent = 0;
  try {
    for (const name of readdirSync(join(syncFolder, siteCode))) sent = Math.max(sent, parseBatchFileName(name)?.to ?? 0);
  } catch {
    // the shared folder is not reachable from here: only the store's own record counts
  }
  try {
    const ack = JSON.parse(readFileSync(join(syncFolder, HEAD_OFFICE_DIR, 'acks', `${siteCode}.json`), 'utf8')) as { through?: unknown };
    if (typeof ack.through === 'number') sent = Math.max(sent, ack.through);
  } catch {
    // no acknowledgement yet
  }
  return sent;
}

export interface LiveFacts {
  siteId: string | null;
  /** what the live store itself recorded as exported (0 when it cannot be read) */
  exportedSeq: number;
}

/** Refuse a backup that is damaged, from a newer program, of another site, or older than what head office holds. */
export function judgeCandidate(c: StoreFacts, live: LiveFacts, latestVersion: number): void {
  if (c.integrity !== 'ok') throw new AppError('backup.candidate_damaged', { detail: c.integrity.slice(0, 160) });
  if (c.version > latestVersion || c.version === 0) throw new AppError('backup.candidate_version', { found: c.version, supported: latestVersion });
  if (live.siteId && c.siteId !== live.siteId) throw new AppError('backup.other_site', { code: c.siteCode ?? '?' });
  const sent = Math.max(live.exportedSeq, c.exportedSeq, sentToHeadOffice(c.syncFolder, c.siteCode));
  if (c.changeSeq < sent) throw new AppError('backup.behind_head_office', { backupSeq: c.changeSeq, sentSeq: sent });
}

const STORE_PARTS = ['', '-wal', '-shm', '-journal'];

/**
 * Move the current store and files aside and put the candidate in their place. Answers the
 * folder they went to and how to put them back if the restored store then fails to open.
 */
export async function swapIn(dataDir: string, storeFile: string, c: Candidate, now: Date): Promise<{ aside: string; undo(): Promise<void> }> {
  const aside = join(dataDir, `before-restore-${now.toISOString().replace(/[-:.]/g, '')}`);
  await mkdir(aside, { recursive: true });
  const moved: [string, string][] = [];
  const names = [...STORE_PARTS.map((s) => storeFile + s), ...STORED_FILE_DIRS.map((d) => join(dataDir, d))];
  for (const from of names) {
    if (!existsSync(from)) continue;
    const to = join(aside, from.slice(dataDir.length + 1));
    await rename(from, to);
    moved.push([from, to]);
  }
  const undo = async () => {
    for (const s of STORE_PARTS) await rm(storeFile + s, { force: true });
    for (const d of STORED_FILE_DIRS) await rm(join(dataDir, d), { recursive: true, force: true });
    for (const [from, to] of moved) await rename(to, from);
  };
  try {
    await rename(c.incoming, storeFile);
    for (const d of STORED_FILE_DIRS) {
      const src = c.filesDir && join(c.filesDir, d);
      if (src && existsSync(src)) await copyDir(src, join(dataDir, d));
    }
  } catch (e) {
    await undo();
    throw e;
  }
  return { aside, undo };
}

async function copyDir(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await copyDir(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) await copyFile(join(from, entry.name), join(to, entry.name));
  }
}
