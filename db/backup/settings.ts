import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Where and when this PC backs up: kept in the data folder beside the store (not inside it),
 * so the desk still knows where its backups are when the store itself is damaged.
 */
export const BACKUP_SETTINGS_FILE = 'backup-settings.json';

export const backupSettingsSchema = z.object({
  /** the folder the administrator chose (a second disk, a USB drive); null until chosen */
  folder: z.string().min(1).max(500).nullable(),
  /** the site's hour of the daily backup, 0–23 */
  hour: z.number().int().min(0).max(23),
  /** every backup of this many recent days is kept (month-ends always) */
  keepDays: z.number().int().min(1).max(365),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, hour: 12, keepDays: 14 };

export function readBackupSettings(dataDir: string): BackupSettings {
  const file = join(dataDir, BACKUP_SETTINGS_FILE);
  if (!existsSync(file)) return DEFAULT_BACKUP_SETTINGS;
  try {
    const parsed = backupSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
  } catch {
    return DEFAULT_BACKUP_SETTINGS;
  }
}

export function writeBackupSettings(dataDir: string, settings: BackupSettings): void {
  const file = join(dataDir, BACKUP_SETTINGS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}
