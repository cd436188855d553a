/**
 * Opening head office's PostgreSQL database from a connection string: connect (a clear,
 * bilingual refusal for a server that is down or unreachable, a wrong password, a bad
 * string), refuse a database set up by a newer program before touching it, then bring it
 * up to date — the bookkeeping migration, the site tables mirrored from the desk's schema,
 * the rest (views). Kysely's migrator holds an advisory lock while it runs, so several
 * head-office PCs starting at once migrate once.
 */
import type Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.js';
import { mirrorSiteTables, siteTablesOf, type SiteTables } from './mirror.js';
import { FIRST, hqPgMigrations } from './migrations/index.js';
import type { HqPgSchema } from './tables.js';

export interface HqPg {
  db: Kysely<HqPgSchema>;
  /** the pool behind db: an import takes one connection for its batch's transaction and its COPY */
  pool: pg.Pool;
  /** the desk's captured tables and their columns, as mirrored */
  tables: SiteTables;
  /** the desk schema version whose files this server can take */
  deskSchema: number;
  close(): Promise<void>;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** A pg error as the desk's refusal: down or unreachable, wrong password, the connection dropped. */
export function pgRefusal(e: unknown, url: string, during: 'connect' | 'import' = 'connect'): AppError | null {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  const detail = String(err.message ?? e).slice(0, 120);
  if (err.code === '28P01' || err.code === '28000') return new AppError('hqpg.auth_failed', { user: userOf(url) });
  const dropped = NETWORK.has(err.code ?? '') || /terminat|Connection terminated|connection.*(closed|ended)|ECONNRESET|not queryable/i.test(detail)
    || ['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(err.code ?? '');
  if (dropped) return new AppError(during === 'import' ? 'hqpg.connection_lost' : 'hqpg.unreachable', { detail });
  return null;
}

function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || '?';
  } catch {
    return '?';
  }
}

/** Check the form of a connection string (postgres:// or postgresql://, a host and a database). */
export function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('hqpg.bad_url');
  }
  if (!['postgres:', 'postgresql:'].includes(u.protocol) || !u.hostname || u.pathname.length < 2) throw new AppError('hqpg.bad_url');
}

/** The connection string with its password hidden, for screens and logs. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}

export function pgPool(url: string, max = 4): pg.Pool {
  checkUrl(url);
  const pool = new pg.Pool({
    connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 10_000,
    // counts and sums of fen fit a double exactly: read bigint and numeric as numbers
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as never },
  });
  // a connection dropped (idle, or held between a transaction's statements): the next query reports it
  pool.on('error', () => {});
  pool.on('connect', (client) => { client.on('error', () => {}); });
  return pool;
}

/** Open and bring up to date head office's database for a desk whose store is `deskRaw` at `deskSchema`. */
export async function openHqPg(url: string, desk: { raw: Database.Database; version: number }, options: { migrations?: Record<string, Migration> } = {}): Promise<HqPg> {
  const pool = pgPool(url);
  const db = new Kysely<HqPgSchema>({ dialect: new PostgresDialect({ pool }) });
  const close = () => db.destroy();
  const migrations = options.migrations ?? hqPgMigrations;
  try {
    await sql`SELECT 1`.execute(db);
    await sql`CREATE SCHEMA IF NOT EXISTS hq`.execute(db);
    const known = await sql<{ name: string }>`SELECT name FROM hq.kysely_migration WHERE to_regclass('hq.kysely_migration') IS NOT NULL`.execute(db)
      .catch(() => ({ rows: [] as { name: string }[] }));
    const unknown = known.rows.map((r) => r.name).filter((n) => !(n in hqPgMigrations));
    if (unknown.length > 0) throw new AppError('hqpg.newer_schema', { found: unknown.sort().at(-1)! });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: 'hq' });
    if (!known.rows.some((r) => r.name === FIRST)) {
      const first = await migrator.migrateTo(FIRST);
      if (first.error) throw first.error;
    }
    const tables = siteTablesOf(desk.raw);
    await mirrorSiteTables(db as unknown as Kysely<unknown>, tables, desk.version);
    const rest = await migrator.migrateToLatest();
    if (rest.error) throw rest.error;
    return { db, pool, tables, deskSchema: desk.version, close };
  } catch (e) {
    await close().catch(() => {});
    throw pgRefusal(e, url) ?? e;
  }
}
