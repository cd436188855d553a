import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { StoreMode } from './tables.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Whether the store has its identity table (a store migrated before sync has not: tests build those). */
async function hasIdentity(db: Db): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'store_identity'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

/**
 * The site this store writes as, and its mode: recorded at set-up, never "the first site
 * row" (a head-office store holds many sites' rows). null before set-up.
 */
export async function storeIdentity(db: Db): Promise<{ siteId: string; mode: StoreMode; folder: string | null } | null> {
  if (!(await hasIdentity(db))) {
    const site = await db.selectFrom('site').select('id').executeTakeFirst();
    return site ? { siteId: site.id, mode: 'site', folder: null } : null;
  }
  const row = await db.selectFrom('store_identity').select(['local_site_id', 'mode', 'sync_folder']).executeTakeFirst();
  return row ? { siteId: row.local_site_id, mode: row.mode, folder: row.sync_folder } : null;
}

/** Record which site this store is, once, at set-up. */
export async function recordIdentity(trx: Db, siteId: string, mode: StoreMode, at: string): Promise<void> {
  if (!(await hasIdentity(trx))) return;
  await trx.insertInto('store_identity').values({ id: 1, local_site_id: siteId, mode, created_at: at }).execute();
}
