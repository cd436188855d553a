/**
 * Where head office's PostgreSQL server is: a connection string, from the environment
 * (FD_PG_URL; browser mode's `--pg` sets it) or from a file of this PC's data folder. Never in
 * the store: the store is captured and its changes travel, a password must not. In the desk
 * application the file is sealed by the system's own protection of this Windows account's
 * secrets (SecretSealer: Electron's safeStorage, DPAPI): a copy of the data folder taken
 * elsewhere does not give the password. Without one (browser mode) it is a file readable by
 * this account only. The open connection is kept per store; opening it runs the server's
 * migrations (at the first head-office work).
 */
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from '../store/open.js';
import { writeFileAtomic } from '../sync/files.js';
import { checkUrl, openHqPg, type HqPg } from './connect.js';

export const PG_URL_ENV = 'FD_PG_URL';
const PLAIN = 'headoffice-pg.url';
const SEALED = 'headoffice-pg.url.sealed';

/** The system's protection of this account's secrets: what it seals only this account on this PC opens. */
export interface SecretSealer {
  seal(text: string): Buffer;
  open(sealed: Buffer): string;
}

let sealer: SecretSealer | null = null;

/** The desk application gives the system's sealer at start, when the system has one. */
export function useSecretSealer(s: SecretSealer | null): void {
  sealer = s;
  unsealed.clear();
}

/** Opened sealed files, by path and modification time: opening one asks the system each time. */
const unsealed = new Map<string, { mtimeMs: number; url: string }>();

function readSealed(file: string): string | null {
  if (!sealer) return null; // sealed by the desk application: browser mode cannot open it
  const mtimeMs = statSync(file).mtimeMs;
  const seen = unsealed.get(file);
  if (seen?.mtimeMs === mtimeMs) return seen.url;
  try {
    const url = sealer.open(readFileSync(file)).trim();
    unsealed.set(file, { mtimeMs, url });
    return url;
  } catch (e) {
    // sealed by another account or PC (a copied data folder): as if none were kept; the administrator enters it again
    console.error('[front-desk] the kept connection string could not be opened:', e);
    return null;
  }
}

export function pgUrlOf(store: Store): { url: string; source: 'env' | 'file' } | null {
  const env = process.env[PG_URL_ENV]?.trim();
  if (env) return { url: env, source: 'env' };
  const folder = dirname(store.file);
  if (existsSync(join(folder, SEALED))) {
    const url = readSealed(join(folder, SEALED));
    return url ? { url, source: 'file' } : null;
  }
  const plain = join(folder, PLAIN);
  if (!existsSync(plain)) return null;
  const url = readFileSync(plain, 'utf8').trim();
  if (!url) return null;
  // kept in the clear before this PC could seal it: sealed now, the clear copy removed
  if (sealer) keep(folder, url);
  return { url, source: 'file' };
}

function keep(folder: string, url: string): void {
  const [file, other] = sealer ? [join(folder, SEALED), join(folder, PLAIN)] : [join(folder, PLAIN), join(folder, SEALED)];
  writeFileAtomic(file, sealer ? sealer.seal(url) : Buffer.from(`${url}\n`), 0o600);
  chmodSync(file, 0o600);
  rmSync(other, { force: true });
}

/** Keep (or with null forget) this PC's connection string, in its data folder only. */
export async function savePgUrl(store: Store, url: string | null): Promise<void> {
  const folder = dirname(store.file);
  await forget(store);
  if (url === null) {
    for (const f of [PLAIN, SEALED]) rmSync(join(folder, f), { force: true });
    return;
  }
  checkUrl(url);
  keep(folder, url);
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
