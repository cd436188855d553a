/**
 * Files in the shared folder. Batches are written atomically — a temporary name, fsync,
 * then rename — so a crash or a pulled USB drive never leaves a half file under a final
 * name; a leftover temporary file starts with '.' and is ignored by every reader. Refused
 * files are moved aside into the quarantine folder, never deleted.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary name a file is written under beside its place: hidden from every reader until renamed. */
const tmpBeside = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);

export function writeFileAtomic(file: string, bytes: Buffer, mode = 0o644): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = tmpBeside(file);
  try {
    const fd = openSync(tmp, 'w', mode);
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  // the rename itself survives a power cut once the folder is synced (not possible on Windows)
  try {
    const d = openSync(dir, 'r');
    try { fsyncSync(d); } finally { closeSync(d); }
  } catch { /* a folder cannot be opened for sync on every system */ }
}

/** The same, without holding up the event loop while a slow share or USB drive takes the bytes. */
export async function writeFileAtomicAsync(file: string, bytes: Buffer, mode = 0o644): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = tmpBeside(file);
  try {
    const fh = await open(tmp, 'w', mode);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  try {
    const d = await open(dir, 'r');
    try { await d.sync(); } finally { await d.close(); }
  } catch { /* as above */ }
}

/** Move a refused file into `<root>/quarantine/<code>/`, under a name that never overwrites. Returns where it went. */
export function quarantine(root: string, code: string, file: string, stamp: string): string {
  const dir = join(root, 'quarantine', code);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${basename(file)}.${stamp.replace(/[:.]/g, '-')}`);
  let to = target;
  for (let i = 1; existsSync(to); i++) to = `${target}.${i}`;
  renameSync(file, to);
  return to;
}
