import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { discardFile, firstBytes, newDownloadPath, registerDownload, uploadedFile } from '../files/files.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';
import type { ScanMime } from './tables.js';
import { readableItem, register } from './shared.js';

/**
 * Scans kept beside the paper (双档制). A scan arrives as an ordinary chunked upload
 * (db/files), is checked by its first bytes against what its extension claims, and is
 * copied by the file system (never read whole into memory) to <data folder>/scans/ab/<sha256>:
 * the same page scanned twice is stored once. Viewing registers a hard link to it as a
 * download, which the desk fetches chunk by chunk.
 */
const KINDS: Record<string, { mime: ScanMime; label: string; magic: (b: Buffer) => boolean }> = {
  '.pdf': { mime: 'application/pdf', label: 'PDF', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  '.png': { mime: 'image/png', label: 'PNG', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  '.jpg': { mime: 'image/jpeg', label: 'JPEG', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  '.jpeg': { mime: 'image/jpeg', label: 'JPEG', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
};

/** Where a store keeps its scans: beside the store file (sync sends and restores them from here too). */
export function scansDirOf(store: Pick<Store, 'file'>): string {
  return join(dirname(store.file), 'scans');
}

/** A scan's place under a folder of scans: by its hash, in a sub-folder of the hash's first two characters. */
export function scanFileIn(root: string, sha256: string): string {
  return join(root, sha256.slice(0, 2), sha256);
}

function scanPath(ctx: OpContext, sha256: string): string {
  return scanFileIn(scansDirOf(ctx.store), sha256);
}

export async function attachScan(ctx: OpContext, i: { itemId: string; uploadId: string }) {
  const siteId = requireSite(ctx);
  const session = requireSession(ctx);
  const item = await readableItem(ctx, i.itemId);
  if (item.status === 'destroyed') throw new AppError('archives.destroyed', { code: item.ref_code });
  const file = uploadedFile(ctx.store, session.token, i.uploadId);
  const kind = KINDS[extname(file.name).toLowerCase()];
  if (!kind) throw new AppError('archives.scan_type', { name: file.name });
  if (!kind.magic(await firstBytes(file.path, 8))) throw new AppError('archives.scan_mismatch', { name: file.name, ext: kind.label });

  const dest = scanPath(ctx, file.sha256);
  const have = await stat(dest).then((s) => s.size === file.size, () => false);
  if (!have) {
    await mkdir(dirname(dest), { recursive: true });
    // copy beside, then rename: a crash mid-copy never leaves a half file under the hash's name
    const tmp = `${dest}.${uuidv7()}.part`;
    await copyFile(file.path, tmp);
    await rename(tmp, dest);
  }
  const row = { ...newRow(siteId, ctx.now), item_id: item.id, name: file.name, mime: kind.mime, size: file.size, sha256: file.sha256, added_by: session.staffId };
  await ctx.trx.insertInto('archive_scan').values(row).execute();
  await register(ctx, item, 'scanned', { note: file.name });
  await discardFile(ctx, i.uploadId);
  return { id: row.id, name: row.name, mime: row.mime, size: row.size };
}

/** Make a scan downloadable by this session: a hard link (or, across devices, a copy) of the stored file. */
export async function openScan(ctx: OpContext, scanId: string) {
  const siteId = requireSite(ctx);
  const session = requireSession(ctx);
  const scan = await ctx.trx.selectFrom('archive_scan').selectAll().where('site_id', '=', siteId).where('id', '=', scanId).executeTakeFirst();
  if (!scan) throw new AppError('archives.scan_not_found');
  await readableItem(ctx, scan.item_id);
  const src = scanPath(ctx, scan.sha256);
  if (!(await stat(src).then(() => true, () => false))) throw new AppError('archives.scan_missing', { name: scan.name });
  const { id, path } = newDownloadPath(ctx.store, 'bin');
  await rm(path, { force: true });
  await link(src, path).catch(() => copyFile(src, path));
  const d = await registerDownload(ctx.store, session.token, { id, path, name: scan.name, type: scan.mime });
  return { ...d, mime: scan.mime };
}

export async function scansOf(ctx: OpContext, itemId: string) {
  return ctx.trx.selectFrom('archive_scan as s').innerJoin('staff as st', 'st.id', 's.added_by')
    .select(['s.id', 's.name', 's.mime', 's.size', 's.created_at', 'st.display_name as added_by_name'])
    .where('s.item_id', '=', itemId).orderBy('s.created_at').execute();
}
