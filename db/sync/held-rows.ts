/**
 * Where head office's consolidated screens read the sites' rows: this PC's head-office store,
 * or — with a PostgreSQL server configured — the server's mirrored site tables (schema
 * `sites`, the same tables and columns as the desk's). Both are handed to the same reads as a
 * Kysely over the desk's schema, so every figure is computed by one piece of code; the few
 * places where the two SQL dialects differ are the helpers below. On the server a screen reads
 * in one repeatable-read transaction: every site's figures are of the same moment, even while
 * another head-office PC imports.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { OpContext } from '../api/op.js';
import { AppError } from '../errors.js';
import { closeHqPg, hqPgOf, pgUrlOf } from '../headoffice-pg/config.js';
import { pgRefusal } from '../headoffice-pg/connect.js';
import type { Store } from '../store/open.js';
import type { Schema } from '../store/schema.js';
import { peers, type Peer } from './queries.js';
import { identityOf } from './site-ops.js';

export type RowsDb = Kysely<Schema> | Transaction<Schema>;
export interface HeldSite { id: string; code: string; name: string }

export interface HeldRows {
  /** 'store': this PC's head-office store; 'server': head office's PostgreSQL server */
  on: 'store' | 'server';
  db: RowsDb;
  /** the enrolled sites whose rows are held there, in code order */
  sites: HeldSite[];
}

/** Head office's alone: a service centre's installation is refused. */
export async function headOfficeOnly(ctx: OpContext): Promise<void> {
  if ((await identityOf(ctx)).mode !== 'head_office') throw new AppError('sync.not_head_office');
}

/** The sites head office has enrolled (an invitation not yet answered is no site yet). */
export async function enrolledSites(ctx: OpContext): Promise<Peer[]> {
  await headOfficeOnly(ctx);
  return (await peers(ctx.trx)).filter((p) => p.role === 'site' && p.status !== 'invited');
}

async function held(db: RowsDb, enrolled: readonly Peer[]): Promise<HeldSite[]> {
  const ids = enrolled.map((p) => p.writer_id);
  const there = new Set(ids.length ? (await db.selectFrom('site').select('id').where('id', 'in', ids).execute()).map((r) => r.id) : []);
  return enrolled.filter((p) => there.has(p.writer_id)).map((p) => ({ id: p.writer_id, code: p.code, name: p.name }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/**
 * Read the enrolled sites' rows wherever this head office keeps them. `storeDb` is this PC's
 * store (the operation's transaction, or the store itself in a job that reads site by site).
 */
export async function readHeld<T>(store: Store, storeDb: RowsDb, enrolled: readonly Peer[], read: (rows: HeldRows) => Promise<T>): Promise<T> {
  const cfg = pgUrlOf(store);
  if (!cfg) return read({ on: 'store', db: storeDb, sites: await held(storeDb, enrolled) });
  try {
    const server = (await hqPgOf(store))!;
    // the mirrored tables carry the desk's names under schema `sites`: the desk's queries read them as they are
    const sites = server.db.withSchema('sites') as unknown as Kysely<Schema>;
    return await sites.transaction().setIsolationLevel('repeatable read')
      .execute(async (trx) => read({ on: 'server', db: trx, sites: await held(trx, enrolled) }));
  } catch (e) {
    const refusal = pgRefusal(e, cfg.url, 'connect');
    // the server went away: its pooled connections are dead, the next read opens afresh
    if (refusal?.code === 'hqpg.unreachable') await closeHqPg(store);
    throw refusal ?? e;
  }
}

/** The operation's read of every enrolled site's rows (head office's alone). */
export async function readSites<T>(ctx: OpContext, read: (rows: HeldRows) => Promise<T>): Promise<T> {
  return readHeld(ctx.store, ctx.trx, await enrolledSites(ctx), read);
}

/** One held site by its code; an unknown one is named in the refusal. */
export function siteByCode(rows: HeldRows, code: string): HeldSite {
  const site = rows.sites.find((s) => s.code === code);
  if (!site) throw new AppError('sync.unknown_peer', { code });
  return site;
}

/** A text column compared byte by byte, as SQLite does, whatever the server's collation. */
export function bytewise(rows: HeldRows, ref: string): RawBuilder<string> {
  return rows.on === 'server' ? sql<string>`${sql.ref(ref)} COLLATE "C"` : sql<string>`${sql.ref(ref)}`;
}

/** `ref` holds `text` somewhere (no pattern characters: the text is taken as it is). */
export function holds(rows: HeldRows, ref: string, text: string): RawBuilder<boolean> {
  return rows.on === 'server' ? sql<boolean>`strpos(${sql.ref(ref)}, ${text}) > 0` : sql<boolean>`instr(${sql.ref(ref)}, ${text}) > 0`;
}

/** SQLite answers EXISTS with 1 or 0, PostgreSQL with true or false: the screens get 1 or 0. */
export const flag = (v: unknown): 0 | 1 => (v === true || v === 1 || v === '1' ? 1 : 0);
