import { addDays, siteDay, siteMinuteOfDay } from '../time/site-time.js';

/**
 * Backups as kept in the folder the administrator chose: one folder per backup, named for
 * its instant, holding the store copy, the stored files (scans, signatures) and a manifest.
 * These rules need no store: what to keep, when the next one is due, how old is too old.
 */
export const BACKUP_PREFIX = 'frontdesk-backup-';
/** a backup being written: renamed to its final name only when complete and verified */
export const PARTIAL_SUFFIX = '.partial';

/** 2026-12-05T08:30:00.123Z → frontdesk-backup-20261205T083000123Z (sorts by time, safe on every disk) */
export function backupName(at: Date): string {
  return BACKUP_PREFIX + at.toISOString().replace(/[-:.]/g, '');
}

export function isBackupName(name: string): boolean {
  return name.startsWith(BACKUP_PREFIX) && /^\d{8}T\d{9}Z$/.test(name.slice(BACKUP_PREFIX.length));
}

export interface Kept {
  name: string;
  /** ISO instant the backup was taken */
  at: string;
  state: 'verified' | 'failed';
}

/**
 * Which backups stay: every verified backup of the last `keepDays` site days (today
 * included), plus the last verified backup of every site month (month-ends, kept for good);
 * a failed one is kept only while it is the newest (so the list says it failed). Answers
 * the names to delete.
 */
export function backupsToDrop(all: readonly Kept[], now: Date, keepDays: number, offsetMinutes: number): string[] {
  const firstKeptDay = addDays(siteDay(now, offsetMinutes), -(keepDays - 1));
  const newest = [...all].sort((a, b) => (a.at < b.at ? 1 : -1))[0]?.name;
  const lastOfMonth = new Map<string, Kept>();
  for (const b of all) {
    if (b.state !== 'verified') continue;
    const month = siteDay(new Date(b.at), offsetMinutes).slice(0, 7);
    const cur = lastOfMonth.get(month);
    if (!cur || cur.at < b.at) lastOfMonth.set(month, b);
  }
  const monthEnds = new Set([...lastOfMonth.values()].map((b) => b.name));
  return all
    .filter((b) => {
      if (b.name === newest) return false;
      if (b.state !== 'verified') return true;
      return siteDay(new Date(b.at), offsetMinutes) < firstKeptDay && !monthEnds.has(b.name);
    })
    .map((b) => b.name);
}

/** The daily backup is due once the site's clock passed `hour` today and none was taken since then. */
export function dailyBackupDue(lastAt: string | null, now: Date, hour: number, offsetMinutes: number): boolean {
  if (siteMinuteOfDay(now, offsetMinutes) < hour * 60) return false;
  if (!lastAt) return true;
  const today = siteDay(now, offsetMinutes);
  const last = new Date(lastAt);
  return siteDay(last, offsetMinutes) < today || siteMinuteOfDay(last, offsetMinutes) < hour * 60;
}

/** The home page warns when the last good backup is older than this. */
export const BACKUP_STALE_MS = 24 * 60 * 60_000;
