import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { backupsToDrop, isBackupName, PARTIAL_SUFFIX } from './rules.js';

/**
 * The backups in a folder, as their manifests say. The folder is the catalogue: a backup
 * is listed wherever it is found (another PC's folder, a USB drive plugged in after a
 * reinstall), and the list still works when the live store is damaged.
 */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_STORE_FILE = 'frontdesk.sqlite';
/** the data folder's stored files that travel with the store */
export const STORED_FILE_DIRS = ['scans', 'signatures'] as const;

export const manifestSchema = z.object({
  format: z.literal(1),
  at: z.string(),
  reason: z.enum(['manual', 'daily', 'day-close']),
  state: z.enum(['verified', 'failed']),
  integrity: z.string(),
  siteId: z.string().nullable(),
  siteCode: z.string().nullable(),
  version: z.number().int(),
  storeBytes: z.number().int(),
  filesBytes: z.number().int(),
  fileCount: z.number().int(),
  changeSeq: z.number().int(),
  exportedSeq: z.number().int(),
  receipts: z.record(z.string(), z.number().int()),
  receiptCount: z.number().int(),
  /** the sync signing key, sealed with the backup key password, is in the backup */
  syncKey: z.enum(['sealed', 'none']).optional(),
  durationMs: z.number().int(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface Listed extends Manifest {
  name: string;
  dir: string;
}

export async function listBackups(folder: string | null): Promise<Listed[]> {
  if (!folder || !existsSync(folder)) return [];
  const out: Listed[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!isBackupName(name)) continue;
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(folder, name, MANIFEST_FILE), 'utf8')));
      if (parsed.success) out.push({ ...parsed.data, name, dir: join(folder, name) });
    } catch {
      // a folder without a readable manifest is not one of ours (or was never finished)
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** The newest verified backup of this site, if any. */
export function lastGood(list: readonly Listed[], siteId: string | null): Listed | null {
  return list.find((b) => b.state === 'verified' && (!siteId || b.siteId === siteId)) ?? null;
}

/** Delete what retention no longer keeps, and any half-written backup a crash left behind. */
export async function pruneBackups(folder: string, now: Date, keepDays: number, offsetMinutes: number, siteId: string | null): Promise<string[]> {
  const list = (await listBackups(folder)).filter((b) => !siteId || b.siteId === siteId);
  const drop = backupsToDrop(list, now, keepDays, offsetMinutes);
  for (const name of drop) await rm(join(folder, name), { recursive: true, force: true });
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (name.endsWith(PARTIAL_SUFFIX) && isBackupName(name.slice(0, -PARTIAL_SUFFIX.length))) await rm(join(folder, name), { recursive: true, force: true });
  }
  return drop;
}
