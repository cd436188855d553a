/**
 * Where head office's PostgreSQL server is: a connection string, from the environment
 * (FD_PG_URL; browser mode's `--pg` sets it) or from a file of this PC's data folder
 * (headoffice-pg.url, readable by this PC's account only). Never in the store: the store
 * is captured and its changes travel, a password must not. The open connection is kept
 * per store; opening it runs the server's migrations (at the first head-office work).
 */
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from '../store/open.js';
import { writeFileAtomic } from '../sync/files.js';
import { checkUrl, openHqPg, type HqPg } from './connect.js';

export const PG_URL_ENV = 'FD_PG_URL';
const FILE = 'headoffice-pg.url';

export function pgUrlOf(store: Store): { url: string; source: 'env' | 'file' } | null {
  const env = process.env[PG_URL_ENV]?.trim();
  if (env) return { url: env, source: 'env' };
  const file = join(dirname(store.file), FILE);
  if (!existsSync(file)) return null;
  const url = readFileSync(file, 'utf8').trim();
  return url ? { url, source: 'file' } : null;
}

/** Keep (or with null forget) this PC's connection string, in its data folder only. */
export async function savePgUrl(store: Store, url: string | null): Promise<void> {
  const file = join(dirname(store.file), FILE);
  await forget(store);
  if (url === null) {
    rmSync(file, { force: true });
    return;
  }
  checkUrl(url);
  writeFileAtomic(file, Buffer.from(`${url}\n`), 0o600);
  chmodSync(file, 0o600);
}

const open = new Map<Store, { url: string; hq: Promise<HqPg> }>();

async function forget(store: Store): Promise<void> {
  const o = open.get(store);
  open.delete(store);
  if (o) await o.hq.then((h) => h.close(), () => {});
}

/** The server of this store's head office, opened and migrated once; null when none is configured. */
export async function hqPgOf(store: Store): Promise<HqPg | null> {
  const cfg = pgUrlOf(store);
  if (!cfg) return null;
  const o = open.get(store);
  if (o && o.url === cfg.url) return o.hq;
  await forget(store);
  const hq = openHqPg(cfg.url, store);
  open.set(store, { url: cfg.url, hq });
  // a failed opening (server down) is not kept: the next call tries again
  hq.catch(() => { if (open.get(store)?.hq === hq) open.delete(store); });
  return hq;
}

/** Close the store's server connection (the store is closing). */
export const closeHqPg = forget;
