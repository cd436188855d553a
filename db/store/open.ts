import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { PASSWORD_COST } from '../auth/password.js';
import { AppError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { systemClock, type Clock } from '../clock.js';
import { migrations as allMigrations } from './migrations/index.js';
import { workerReader, type Reader } from './reader.js';
import type { Schema } from './schema.js';

/** Who is writing, and through which operation: read by the capture triggers. */
export interface WriteContext {
  actorId: string | null;
  operation: string | null;
  /**
   * the transaction these writes belong to (one per operation call or job), stamped on
   * every change row so an export file never ends inside one
   */
  tx?: string | null;
  /**
   * false while applying rows written elsewhere (sync): the capture triggers stand aside,
   * the derived-table triggers still fire
   */
  capturing?: boolean;
}

/** Stamp who writes, through which operation, in a new transaction id. */
export function beginWrite(store: Pick<Store, 'writeContext' | 'clock'>, actorId: string | null, operation: string | null): void {
  store.writeContext.actorId = actorId;
  store.writeContext.operation = operation;
  store.writeContext.tx = uuidv7(store.clock.now().getTime());
}

/** Clear what beginWrite stamped. */
export function endWrite(store: Pick<Store, 'writeContext'>): void {
  store.writeContext.actorId = store.writeContext.operation = store.writeContext.tx = null;
}

export interface Store {
  db: Kysely<Schema>;
  /** the raw connection, for benches and the rare statement Kysely cannot express */
  raw: Database.Database;
  file: string;
  clock: Clock;
  writeContext: WriteContext;
  /** schema version (count of migrations applied) */
  version: number;
  /** path of the copy taken before migrating, if one was needed */
  backupFile: string | null;
  /** scrypt's cost for the passwords set on this store: PASSWORD_COST, but in the store's own tests */
  passwordCost: number;
  /** long reads (reports, exports) on a read-only connection in a worker thread */
  reader: Reader;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  clock?: Clock;
  /** the compiled better-sqlite3 addon to load (the Electron build in the desktop app) */
  nativeBinding?: string;
  /** how long to wait for a lock held by another program, ms */
  busyTimeoutMs?: number;
  /** tests pass a subset to build stores at an older version */
  migrations?: Record<string, Migration>;
  /** test seam: the report reader holds each read until this file exists (a report "still running") */
  readerGate?: string;
  /**
   * test seam: scrypt's cost for passwords set on this store. The store's own tests make some
   * two thousand hashes; at the desk's cost they were a third of those tests' time. The desk
   * never passes it, and its end-to-end tests and one store test keep the desk's cost.
   */
  passwordCost?: number;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function looksLikeSqlite(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return true; // new store
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * SQLite's quick check: every page of every b-tree is well formed (it reads the whole file
 * once, without comparing indexes to tables). A store that fails it, or cannot even be read
 * for it, is damaged.
 */
function passesQuickCheck(raw: Database.Database): boolean {
  try {
    const result = raw.pragma('quick_check(1)', { simple: true });
    return result === 'ok';
  } catch {
    return false;
  }
}

function isCode(e: unknown, ...codes: string[]): boolean {
  const code = (e as { code?: string } | null)?.code ?? '';
  return codes.some((c) => code.startsWith(c));
}

/**
 * Kysely prepares every query afresh; preparing an INSERT also compiles the table's capture
 * triggers, which costs more than running it. The same SQL text (queries differ only in
 * parameters) reuses its prepared statement: a 20,000-row import runs twice as fast. A
 * statement still being iterated (a stream) is never handed out twice.
 */
function cachingStatements(raw: Database.Database): { close(): void; prepare(sql: string): Database.Statement } {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit;
      const stmt = raw.prepare(sql);
      if (!hit) {
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** The file beside the store whose lock says "a desk program has this store open". */
export const deskLockFile = (file: string) => `${file}.desk-lock`;

/**
 * One desk program per store: an exclusive lock on a small file beside the store, held for
 * as long as the store is open. It is the operating system's lock (SQLite's own file lock on
 * that file), so it dies with the program: a crash or a kill never leaves the store stuck.
 * The store itself stays in normal locking, so the desk's report reader can open it too.
 * Answers the held lock, or throws store.locked; `created` says whether the file is new.
 */
function takeDeskLock(file: string, options: OpenStoreOptions): { lock: Database.Database; created: boolean } {
  const lockFile = deskLockFile(file);
  const created = !existsSync(lockFile);
  let lock: Database.Database | null = null;
  try {
    lock = new Database(lockFile, { nativeBinding: options.nativeBinding, timeout: options.busyTimeoutMs ?? 5000 });
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
    return { lock, created };
  } catch (e) {
    lock?.close();
    if (created) rmSync(lockFile, { force: true });
    if (isCode(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) throw new AppError('store.locked', { file });
    if (!isCode(e, 'SQLITE_')) throw new AppError('store.engine', { detail: String((e as Error)?.message ?? e).slice(0, 200) });
    throw new AppError('store.corrupt', { file });
  }
}

/**
 * Open (creating if new) the store at `file`: check it is ours, not from a newer program
 * and not damaged inside (quick check), take the desk lock beside it, set the pragmas,
 * back the file up and migrate.
 * A store that is newer, corrupt or in use fails with a clear AppError and is not modified.
 */
export async function openStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const migrations = options.migrations ?? allMigrations;
  const latest = Object.keys(migrations).length;
  if (!looksLikeSqlite(file)) throw new AppError('store.corrupt', { file });
  const existed = existsSync(file) && statSync(file).size > 0;
  const desk = takeDeskLock(file, options);
  try {
    return await openLocked(file, options, migrations, latest, existed, desk.lock);
  } catch (e) {
    desk.lock.close();
    // a refused store is left as it was found: no lock file beside it either
    if (desk.created) rmSync(deskLockFile(file), { force: true });
    throw e;
  }
}

async function openLocked(
  file: string, options: OpenStoreOptions, migrations: Record<string, Migration>, latest: number, existed: boolean, lock: Database.Database,
): Promise<Store> {
  let raw: Database.Database;
  try {
    raw = new Database(file, { nativeBinding: options.nativeBinding, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (e) {
    if (isCode(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) throw new AppError('store.locked', { file });
    // Anything that is not SQLite speaking is the engine itself failing to load (wrong ABI,
    // missing addon): say so, rather than blaming a file that was never read.
    if (!isCode(e, 'SQLITE_')) throw new AppError('store.engine', { detail: String((e as Error)?.message ?? e).slice(0, 200) });
    throw new AppError('store.corrupt', { file });
  }

  let version: number;
  let objects: number;
  try {
    version = raw.pragma('user_version', { simple: true }) as number;
    objects = (raw.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  } catch (e) {
    raw.close();
    if (isCode(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) throw new AppError('store.locked', { file });
    throw new AppError('store.corrupt', { file });
  }
  if (version > latest) {
    raw.close();
    throw new AppError('store.newer', { found: version, supported: latest });
  }
  if (version === 0 && objects > 0) {
    // tables but no schema version: another program's database, not ours to migrate
    raw.close();
    throw new AppError('store.corrupt', { file });
  }
  if (existed && objects > 0 && !passesQuickCheck(raw)) {
    // Damage inside the pages (a flipped byte, a torn write) is found before anything is
    // written into the file, so it cannot spread: restore the last backup instead.
    raw.close();
    throw new AppError('store.corrupt', { file });
  }

  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL'); // money: a committed receipt survives a power cut
    raw.pragma('foreign_keys = ON');
    // Every INSERT that fires triggers keeps a statement journal (to undo just that statement);
    // in memory it costs a copy, in a temp file a write: the import's apply ran 25% faster.
    // Crash safety does not depend on it: a statement journal never outlives its transaction.
    raw.pragma('temp_store = MEMORY');
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Take the write lock now, so "in use by another program" is found at open, not mid-payment.
    raw.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (e) {
    raw.close();
    if (isCode(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) throw new AppError('store.locked', { file });
    throw new AppError('store.corrupt', { file });
  }

  const clock = options.clock ?? systemClock;
  const writeContext: WriteContext = { actorId: null, operation: null, tx: null, capturing: true };
  raw.function('fd_now', { deterministic: false }, () => clock.now().toISOString());
  raw.function('fd_actor', { deterministic: false }, () => writeContext.actorId);
  raw.function('fd_op', { deterministic: false }, () => writeContext.operation);
  raw.function('fd_tx', { deterministic: false }, () => writeContext.tx ?? null);
  raw.function('fd_capturing', { deterministic: false }, () => (writeContext.capturing === false ? 0 : 1));
  // A new row id in SQL, as newRow makes them: lets a bulk INSERT … SELECT stay one statement.
  raw.function('fd_id', { deterministic: false }, () => uuidv7(clock.now().getTime()));

  let backupFile: string | null = null;
  if (existed && version < latest) {
    // SQLite DDL under Kysely's migrator is not one transaction: keep a copy to go back to.
    backupFile = `${file}.v${version}.${clock.now().toISOString().replace(/[:.]/g, '-')}.bak`;
    raw.prepare('VACUUM INTO ?').run(backupFile);
  }

  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: cachingStatements(raw) }) });
  if (version < latest) {
    writeContext.operation = 'store.migrate';
    // Each migration step commits on its own; waiting for the disk after every one made a new
    // store take twice as long. In WAL mode NORMAL never leaves the file inconsistent: a power
    // cut can only lose the last steps, which the migrator's own table says to run again (and
    // an older store has its copy from above). Money is written at FULL, set back below.
    raw.pragma('synchronous = NORMAL');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateToLatest();
    raw.pragma('synchronous = FULL');
    writeContext.operation = null;
    if (error) {
      await db.destroy();
      if (raw.open) raw.close();
      throw error;
    }
    raw.pragma(`user_version = ${latest}`);
  }

  const reader = workerReader(file, { nativeBinding: options.nativeBinding, busyTimeoutMs: options.busyTimeoutMs, gate: options.readerGate });
  return {
    db,
    raw,
    file,
    clock,
    writeContext,
    version: latest,
    backupFile,
    passwordCost: options.passwordCost ?? PASSWORD_COST,
    reader,
    // Kysely only closes the connection if it ever used it: close it ourselves too. The desk
    // lock goes last, once nothing of this program reads or writes the store.
    close: async () => {
      await reader.close();
      await db.destroy();
      if (raw.open) raw.close();
      if (lock.open) lock.close();
    },
  };
}
