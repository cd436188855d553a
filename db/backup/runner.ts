import { AppError, type ApiError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { Store } from '../store/open.js';
import { lastGood, listBackups, pruneBackups, type Manifest } from './catalogue.js';
import { BackupCancelled, makeBackup, type BackupProgress } from './make.js';
import { dailyBackupDue } from './rules.js';
import { readBackupSettings } from './settings.js';
import type { DeskControl } from '../api/desk.js';

/**
 * The one backup a desk runs at a time: from the button, the daily hour, or the cashier's
 * day close. Its progress lives in memory (the status answers without the store), a cancel
 * is noticed between steps and removes the half-written folder.
 */
export interface BackupRun {
  id: string;
  reason: Manifest['reason'];
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: BackupProgress;
  startedAt: string;
  /** the backup written, once done */
  name?: string;
  verified?: boolean;
  error?: ApiError;
}

interface Runner {
  current: BackupRun | null;
  cancel: boolean;
  finished: Promise<void>;
}

const runners = new Map<string, Runner>();

function runnerOf(dataDir: string): Runner {
  let r = runners.get(dataDir);
  if (!r) {
    r = { current: null, cancel: false, finished: Promise.resolve() };
    runners.set(dataDir, r);
  }
  return r;
}

export function backupRun(dataDir: string): BackupRun | null {
  return runnerOf(dataDir).current;
}

export function cancelBackup(dataDir: string): BackupRun | null {
  const r = runnerOf(dataDir);
  if (r.current?.state === 'running') r.cancel = true;
  return r.current;
}

/** Wait for the running backup, if any (before closing or replacing the store). */
export function backupFinished(dataDir: string): Promise<void> {
  return runnerOf(dataDir).finished;
}

/** Start a backup now; refused without a folder or while one runs. */
export function startBackup(store: Store, desk: DeskControl, reason: Manifest['reason'], offsetMinutes: number): BackupRun {
  const settings = readBackupSettings(desk.dataDir);
  if (!settings.folder) throw new AppError('backup.no_folder');
  const r = runnerOf(desk.dataDir);
  if (r.current?.state === 'running') throw new AppError('backup.busy');
  const now = store.clock.now();
  const run: BackupRun = { id: uuidv7(), reason, state: 'running', progress: { phase: 'store', done: 0, total: 0 }, startedAt: now.toISOString() };
  r.current = run;
  r.cancel = false;
  const folder = settings.folder;
  r.finished = (async () => {
    try {
      const made = await makeBackup(store, {
        folder, reason, now, nativeBinding: desk.nativeBinding,
        onProgress: (p) => { run.progress = p; },
        cancelled: () => r.cancel,
      });
      run.name = made.name;
      run.verified = made.state === 'verified';
      run.state = 'done';
      const siteId = made.siteId;
      await pruneBackups(folder, now, settings.keepDays, offsetMinutes, siteId).catch((e: unknown) => console.error('[front-desk] pruning backups failed:', e));
    } catch (e) {
      if (e instanceof BackupCancelled) run.state = 'cancelled';
      else {
        run.state = 'failed';
        const detail = String((e as Error)?.message ?? e).slice(0, 200);
        run.error = e instanceof AppError ? e.toApiError()
          : new AppError('backup.bad_folder', { folder, reasonZh: detail, reasonEn: detail }).toApiError();
      }
    }
  })();
  return run;
}

/** The daily backup, when its hour has come and none was taken since (called about once a minute while the desk is open). */
export async function dailyTick(store: Store, desk: DeskControl, siteId: string | null, offsetMinutes: number): Promise<void> {
  const settings = readBackupSettings(desk.dataDir);
  if (!settings.folder || !siteId || backupRun(desk.dataDir)?.state === 'running') return;
  const last = (await listBackups(settings.folder)).find((b) => b.siteId === siteId) ?? null;
  if (!dailyBackupDue(last?.at ?? null, store.clock.now(), settings.hour, offsetMinutes)) return;
  startBackup(store, desk, 'daily', offsetMinutes);
}

/** When the last good backup of this site was taken, for the home page's warning. */
export async function lastGoodBackupAt(dataDir: string, siteId: string | null): Promise<{ folder: string | null; at: string | null }> {
  const { folder } = readBackupSettings(dataDir);
  return { folder, at: lastGood(await listBackups(folder), siteId)?.at ?? null };
}
