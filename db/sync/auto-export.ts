/**
 * A site sends its changes by itself: right after the cashier's day close, and every few
 * minutes (the site's setting) while the shared folder is reachable. Only an enrolled site
 * does (head office accepts files only from approved keys), and only when something waits.
 * An unreachable folder never stops the desk: the attempt fails quietly into the status
 * line ("why the last attempt failed") and the next turn tries again.
 */
import { dirname } from 'node:path';
import type { SiteSettings } from '../settings/queries.js';
import type { Store } from '../store/open.js';
import { exportChanges, exporting } from './export.js';
import { storeIdentity } from './identity.js';
import { loadSigningKey } from './keys.js';
import { cursorOf, lastExported, peers } from './queries.js';
import { noteAutoSent, noteFailure, noteSuccess } from './status.js';

export interface AutoExport {
  /** one turn: send if due (the timer calls it; tests call it after moving the clock) */
  tick(): Promise<void>;
  /** the day was closed: send at once, whatever the timer's interval */
  dayClosed(): Promise<void>;
  stop(): void;
}

export function createAutoExport(o: {
  store(): Store | null;
  site(): { settings: SiteSettings };
  everyMs?: number;
}): AutoExport {
  /** when the last timed attempt was made (the desk's clock), so the interval counts from it */
  let lastTryMs: number | null = null;
  let dayClose = false;

  async function turn(): Promise<void> {
    const store = o.store();
    if (!store || exporting(store)) return;
    const nowMs = store.clock.now().getTime();
    const minutes = o.site().settings.syncExportMinutes;
    const timed = minutes > 0 && (lastTryMs === null || nowMs - lastTryMs >= minutes * 60_000);
    if (!dayClose && !timed) return;
    dayClose = false;
    lastTryMs = nowMs;
    try {
      const target = await ready(store);
      if (!target) return;
      await exportChanges(store, target);
      noteSuccess(store);
      noteAutoSent(store, store.clock.now());
    } catch (e) {
      noteFailure(store, e, store.clock.now());
    }
  }

  const auto: AutoExport = {
    tick: turn,
    dayClosed: () => {
      dayClose = true;
      return turn();
    },
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => void turn(), o.everyMs ?? 60_000);
  timer.unref();
  return auto;
}

/** The folder and key to send with, when this store is an enrolled site with changes waiting; else null. */
async function ready(store: Store): Promise<{ folder: string; key: NonNullable<ReturnType<typeof loadSigningKey>> } | null> {
  const me = await storeIdentity(store.db);
  if (!me || me.mode !== 'site' || !me.folder) return null;
  const ho = (await peers(store.db)).find((p) => p.role === 'head_office');
  if (ho?.status !== 'approved') return null;
  const key = loadSigningKey(dirname(store.file));
  if (!key) return null;
  const waiting = (await cursorOf(store.db, me.siteId)) - ((await lastExported(store.db, me.siteId))?.seq_to ?? 0);
  return waiting > 0 ? { folder: me.folder, key } : null;
}
