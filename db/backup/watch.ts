import { AppError } from '../errors.js';
import type { DeskControl } from '../api/desk.js';
import type { SiteSettings } from '../settings/queries.js';
import type { Store } from '../store/open.js';
import { readStoreFacts } from './facts.js';
import { dailyTick } from './runner.js';

/**
 * What the desk does by itself while it is open, about once a minute: the daily backup at
 * its hour, and every few hours, when nobody has used the desk for a while, SQLite's full
 * integrity_check of the live store (the quick check at start reads every page but does
 * not compare indexes with their tables). The check reads the file from disk on its own
 * connection in a worker thread: the desk's page cache would hide damage done to the file
 * since (a failing disk, another program writing into it), and the desk keeps answering.
 * Damage found puts the desk in recovery.
 */
export interface DeskWatch {
  /** a call came in: the desk is not idle */
  touched(): void;
  /** run the idle checks now (tests, and the timer) */
  tick(): Promise<void>;
  /** check the live store now, whatever the time: false when it is damaged (and the desk is put in recovery) */
  checkNow(): Promise<boolean>;
  stop(): void;
}

export const IDLE_BEFORE_CHECK_MS = 5 * 60_000;
const CHECK_EVERY_MS = 6 * 60 * 60_000;

export function createDeskWatch(o: {
  desk: DeskControl;
  store(): Store | null;
  site(): { siteId: string | null; settings: SiteSettings };
  onDamage(e: AppError): void;
  everyMs?: number;
}): DeskWatch {
  let lastCallMs = Date.now();
  let lastCheckMs = 0;
  let running = false;
  async function check(store: Store): Promise<boolean> {
    const found = await storeDamage(store, o.desk.nativeBinding);
    if (found) {
      console.error('[front-desk] the store is damaged:', found);
      o.onDamage(new AppError('backup.needs_restore'));
    }
    return !found;
  }
  const watch: DeskWatch = {
    async checkNow() {
      const store = o.store();
      return store ? check(store) : false;
    },
    touched: () => { lastCallMs = Date.now(); },
    async tick() {
      const store = o.store();
      if (!store || running) return;
      running = true;
      try {
        const { siteId, settings } = o.site();
        await dailyTick(store, o.desk, siteId, settings.utcOffsetMinutes).catch((e: unknown) => console.error('[front-desk] daily backup:', e));
        const idle = Date.now() - lastCallMs >= IDLE_BEFORE_CHECK_MS;
        if (idle && Date.now() - lastCheckMs >= CHECK_EVERY_MS && store.raw.open) {
          lastCheckMs = Date.now();
          await check(store);
        }
      } finally {
        running = false;
      }
    },
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => void watch.tick(), o.everyMs ?? 60_000);
  timer.unref();
  return watch;
}

/**
 * SQLite's full check of the live store file, read from disk in a worker: what it found
 * wrong, or null when it is sound (or could not be read just now for a lock, which is no damage).
 */
export async function storeDamage(store: Store, nativeBinding?: string): Promise<string | null> {
  const { integrity } = await readStoreFacts(store.file, { nativeBinding });
  if (integrity === 'ok' || /SQLITE_(BUSY|LOCKED)/.test(integrity)) return null;
  return integrity;
}
