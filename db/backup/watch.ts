import { AppError } from '../errors.js';
import type { DeskControl } from '../api/desk.js';
import type { SiteSettings } from '../settings/queries.js';
import type { Store } from '../store/open.js';
import { dailyTick } from './runner.js';

/**
 * What the desk does by itself while it is open, about once a minute: the daily backup at
 * its hour, and once a day, when nobody has used the desk for a while, SQLite's full
 * integrity_check of the live store (the quick check at start reads every page but does
 * not compare indexes with their tables). Damage found puts the desk in recovery.
 */
export interface DeskWatch {
  /** a call came in: the desk is not idle */
  touched(): void;
  /** run the idle checks now (tests, and the timer) */
  tick(): Promise<void>;
  stop(): void;
}

export const IDLE_BEFORE_CHECK_MS = 5 * 60_000;
const CHECK_EVERY_MS = 24 * 60 * 60_000;

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
  const watch: DeskWatch = {
    touched: () => { lastCallMs = Date.now(); },
    async tick() {
      const store = o.store();
      if (!store || running) return;
      running = true;
      try {
        const { siteId, settings } = o.site();
        await dailyTick(store, o.desk, siteId, settings.utcOffsetMinutes).catch((e: unknown) => console.error('[front-desk] daily backup:', e));
        const idle = Date.now() - lastCallMs >= IDLE_BEFORE_CHECK_MS;
        if (idle && Date.now() - lastCheckMs >= CHECK_EVERY_MS && store.raw.open && !store.raw.inTransaction) {
          lastCheckMs = Date.now();
          if (!integrityOk(store)) o.onDamage(new AppError('backup.needs_restore'));
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

/** The full check of the live store, on its own connection (the store is locked to it). */
export function integrityOk(store: Store): boolean {
  try {
    return store.raw.pragma('integrity_check(1)', { simple: true }) === 'ok';
  } catch {
    return false;
  }
}
