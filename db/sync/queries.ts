/** Reads and small writes of the sync bookkeeping, free functions over the store or a transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { SyncPeerTable } from './tables.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export type Peer = SyncPeerTable;

export async function peers(db: Db): Promise<Peer[]> {
  return db.selectFrom('sync_peer').selectAll().orderBy('code').execute();
}

/** Add or replace what this store knows of a writer (its code, role, key and standing). */
export async function savePeer(db: Db, p: Omit<Peer, 'created_at' | 'updated_at'>, at: string): Promise<void> {
  await db.insertInto('sync_peer').values({ ...p, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('writer_id').doUpdateSet({ code: p.code, name: p.name, role: p.role, public_key: p.public_key, status: p.status, updated_at: at }))
    .execute();
}

/** The last batch this store wrote of its own log: where the next export starts, and the chain's last link. */
export async function lastExported(db: Db, writer: string): Promise<{ seq_to: number; hash: string } | null> {
  return (await db.selectFrom('sync_batch').select(['seq_to', 'hash']).where('direction', '=', 'out').where('writer_id', '=', writer).where('kind', '=', 'changes')
    .orderBy('seq_from', 'desc').limit(1).executeTakeFirst()) ?? null;
}

/** The highest sequence of `writer` this store holds: everything at or below it is applied (or written here). */
export async function cursorOf(db: Db, writer: string): Promise<number> {
  const r = await db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('m')).where('site_id', '=', writer).executeTakeFirst();
  return Number(r?.m ?? 0);
}
