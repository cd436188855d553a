import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Store } from '../store/open.js';
import { BACKUP_STORE_FILE, MANIFEST_FILE, STORED_FILE_DIRS, type Manifest } from './catalogue.js';
import { copyStoreInWorker } from './copy.js';
import { sealKeyInto } from './key-seal.js';
import { readStoreFacts } from './facts.js';
import { backupName, PARTIAL_SUFFIX } from './rules.js';

/**
 * One backup: SQLite's online backup API copies the live store page by page into the
 * folder, in a worker thread (never a file copy, which could catch the store mid-write, or
 * leave its WAL behind), then the stored files (scans, signatures) are copied, and the copy is checked
 * in a worker (integrity_check) before the backup gets its final name. Until then it is a
 * `.partial` folder: a cancel, a failure or a crash leaves no half backup that looks whole.
 */
export interface BackupProgress {
  phase: 'store' | 'files' | 'verify';
  done: number;
  total: number;
}

export interface MakeBackupOptions {
  folder: string;
  reason: Manifest['reason'];
  now: Date;
  nativeBinding?: string;
  onProgress?(p: BackupProgress): void;
  /** asked between steps; true stops the backup and removes what it wrote */
  cancelled?(): boolean;
}

export class BackupCancelled extends Error {
  constructor() {
    super('backup cancelled');
  }
}

async function copyTree(from: string, to: string, onFile: (bytes: number) => void, cancelled: () => boolean): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (cancelled()) throw new BackupCancelled();
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(src, dst, onFile, cancelled);
    else if (entry.isFile()) {
      await copyFile(src, dst);
      onFile((await stat(dst)).size);
    }
  }
}

async function countFiles(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    n += entry.isDirectory() ? await countFiles(join(dir, entry.name)) : entry.isFile() ? 1 : 0;
  }
  return n;
}

async function fsyncFile(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function makeBackup(store: Store, options: MakeBackupOptions): Promise<Manifest & { name: string; dir: string }> {
  const started = Date.now();
  const name = backupName(options.now);
  const final = join(options.folder, name);
  const partial = final + PARTIAL_SUFFIX;
  const cancelled = options.cancelled ?? (() => false);
  const report = options.onProgress ?? (() => undefined);
  await mkdir(partial, { recursive: true });
  try {
    const copy = join(partial, BACKUP_STORE_FILE);
    const copied = await copyStoreInWorker(store.file, copy, {
      nativeBinding: options.nativeBinding,
      cancelled,
      onProgress: (done, total) => report({ phase: 'store', done, total }),
    });
    if (copied === 'cancelled') throw new BackupCancelled();
    await fsyncFile(copy);

    const dataDir = dirname(store.file);
    const total = (await Promise.all(STORED_FILE_DIRS.map((d) => countFiles(join(dataDir, d))))).reduce((a, b) => a + b, 0);
    let done = 0;
    let filesBytes = 0;
    for (const d of STORED_FILE_DIRS) {
      if (!existsSync(join(dataDir, d))) continue;
      await copyTree(join(dataDir, d), join(partial, d), (bytes) => {
        filesBytes += bytes;
        report({ phase: 'files', done: ++done, total });
      }, cancelled);
    }
    if (cancelled()) throw new BackupCancelled();
    const syncKey = (await sealKeyInto(dataDir, partial)) ? 'sealed' as const : 'none' as const;

    report({ phase: 'verify', done: 0, total: 1 });
    const facts = await readStoreFacts(copy, { nativeBinding: options.nativeBinding, prepare: true });
    if (cancelled()) throw new BackupCancelled();
    const live = store.raw.prepare('SELECT local_site_id AS id FROM store_identity WHERE id = 1').get() as { id: string } | undefined;
    const verified = facts.integrity === 'ok' && (!live || facts.siteId === live.id);
    const manifest: Manifest = {
      format: 1,
      at: options.now.toISOString(),
      reason: options.reason,
      state: verified ? 'verified' : 'failed',
      integrity: facts.integrity,
      siteId: facts.siteId,
      siteCode: facts.siteCode,
      version: facts.version,
      storeBytes: (await stat(copy)).size,
      filesBytes,
      fileCount: done,
      changeSeq: facts.changeSeq,
      exportedSeq: facts.exportedSeq,
      receipts: facts.receipts,
      receiptCount: facts.receiptCount,
      syncKey,
      durationMs: Date.now() - started,
    };
    await writeFile(join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await fsyncFile(join(partial, MANIFEST_FILE));
    await rename(partial, final);
    report({ phase: 'verify', done: 1, total: 1 });
    return { ...manifest, name, dir: final };
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}
