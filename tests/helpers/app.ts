/**
 * Test helpers shared by every suite that drives the store and the operation registry:
 * real SQLite files in fresh temp folders, a fake clock, first-run set-up, staff with
 * sessions, typed calls, and a snapshot of every table for "nothing changed" checks.
 *
 * Nothing here imports vitest, so the bench (tsx) can use it too. Suites call
 * `cleanup()` in afterEach/afterAll to close apps and remove folders.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createApp, type App } from '../../db/api/app.js';
import type { ApiError, OpInput, OpName, OpOutput } from '../../db/api/types.js';
import { fakeClock } from '../../db/clock.js';
import { openStore, type OpenStoreOptions, type Store } from '../../db/store/open.js';
import type { Role } from '../../db/store/schema.js';

export type FakeClock = ReturnType<typeof fakeClock>;

/** The moment every test starts at unless it says otherwise (a Tuesday morning in Beijing). */
export const T0 = '2026-12-01T01:00:00.000Z';

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'Admin2026' } as const;
export const SITE = { siteCode: 'HZ-01', siteName: '杭州滨江服务中心' } as const;
/** a password every helper-made staff member gets unless told otherwise */
export const STAFF_PASSWORD = 'Desk2026a';

const dirs: string[] = [];
const openApps = new Set<App>();

/** A fresh folder under the OS temp dir, removed by cleanup(). */
export function tempDir(prefix = 'front-desk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A path for a store file that does not exist yet, in a fresh temp folder. */
export function tempStoreFile(name = 'front-desk.db'): string {
  return join(tempDir(), name);
}

export interface TestApp extends App {
  clock: FakeClock;
  dir: string;
  file: string;
}

export interface TestAppOptions extends Omit<OpenStoreOptions, 'clock'> {
  clock?: FakeClock;
  /** open this file instead of a fresh one (reopen after close) */
  file?: string;
}

let template: Promise<string> | undefined;

/**
 * An empty store at the latest schema, made once per test process by the real migrations:
 * each fresh test app starts as a copy of it. The migrations take a quarter of a second and
 * the store's tests make several hundred apps; a copy takes a hundredth. A copy is only the
 * store a first open would have made if the migrations write nothing of their moment or of
 * chance (a new store's data steps act on a site that is not there yet; a table of fixed rows
 * is the same every time): two stores migrated at moments years apart must be identical, row
 * for row, or this stops. The migrations themselves are tested on stores opened directly.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'front-desk-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const made: Record<string, string>[] = [];
    for (const [name, at] of [['check.db', '2001-02-03T04:05:06.000Z'], ['front-desk.db', T0]] as const) {
      const store = await openStore(join(dir, name), { clock: fakeClock(at) });
      // the migrator's own table notes when each step ran (the PC's time): not the store's data
      made.push(Object.fromEntries(Object.entries(snapshotStore(store)).filter(([t]) => !t.startsWith('kysely_'))));
      await store.close();
    }
    const differ = Object.keys(made[1]!).filter((t) => made[0]![t] !== made[1]![t]);
    if (differ.length > 0) throw new Error(`a new store's migrations wrote rows that differ from one store to the next (${differ.join(', ')}): tests cannot start from a copy`);
    return join(dir, 'front-desk.db');
  })();
  return template;
}

/**
 * scrypt's cost for the passwords test apps set: the desk's (PASSWORD_COST) is tens of
 * milliseconds a hash, on purpose, and the store's tests set and check some two thousand. The
 * stored form, and so every check of a password, is the same at any cost; one test keeps the
 * desk's cost and checks it (auth.test.ts), and the end-to-end tests run the desk as it is.
 */
export const TEST_PASSWORD_COST = 16;

/** An App on a fresh temp SQLite file (or `file`), with a fake clock at T0 unless one is given. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? fakeClock(T0);
  let file = options.file;
  if (!file) {
    file = tempStoreFile();
    if (!options.migrations) copyFileSync(await migratedTemplate(), file);
  }
  const app = await createApp(file, { passwordCost: TEST_PASSWORD_COST, ...options, clock });
  openApps.add(app);
  const close = app.close;
  const closeOnce = async () => {
    if (!openApps.delete(app)) return;
    await close();
  };
  return Object.assign(app, { clock, file, dir: join(file, '..'), close: closeOnce });
}

/** Close every app the helpers opened and remove every temp folder. */
export async function cleanup(): Promise<void> {
  for (const app of [...openApps]) {
    openApps.delete(app);
    await app.close().catch(() => undefined);
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// Calls

/** Call an operation that must succeed; returns its value (and the token after the call). */
export async function ok<N extends OpName>(app: App, token: string | null, name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const { envelope } = await app.call(token, name, input);
  if (!envelope.ok) throw new Error(`${name} was refused: ${envelope.error.code} — ${envelope.error.message['en-US']}`);
  return envelope.value as OpOutput<N>;
}

/** Call something that must be refused; returns the error. Input and name are untyped on purpose. */
export async function refused(app: App, token: string | null, name: unknown, input: unknown): Promise<ApiError> {
  const { envelope } = await app.call(token, name, input);
  if (envelope.ok) throw new Error(`${String(name)} was accepted but should have been refused: ${JSON.stringify(envelope.value)}`);
  return envelope.error;
}

/** Run first-run set-up and return the admin's session token. */
export async function setupSite(app: App, overrides: Partial<OpInput<'setup.init'>> = {}): Promise<string> {
  const { envelope, token } = await app.call(null, 'setup.init', {
    ...SITE,
    adminUsername: ADMIN.username,
    adminDisplayName: ADMIN.displayName,
    password: ADMIN.password,
    ...overrides,
  });
  if (!envelope.ok) throw new Error(`setup.init was refused: ${envelope.error.code}`);
  if (!token) throw new Error('setup.init returned no session token');
  return token;
}

/** Sign in and return the session token; throws with the refusal code if refused. */
export async function login(app: App, username: string, password: string): Promise<string> {
  const { envelope, token } = await app.call(null, 'auth.login', { username, password });
  if (!envelope.ok) throw Object.assign(new Error(`login refused: ${envelope.error.code}`), { code: envelope.error.code });
  if (!token) throw new Error('auth.login returned no session token');
  return token;
}

export interface TestStaff {
  id: string;
  username: string;
  password: string;
  token: string;
}

/** Create a staff member as the admin, and sign them in. */
export async function addStaff(
  app: App,
  adminToken: string,
  s: { username: string; role: Role; displayName?: string; password?: string },
): Promise<TestStaff> {
  const password = s.password ?? STAFF_PASSWORD;
  const created = await ok(app, adminToken, 'staff.create', {
    username: s.username,
    displayName: s.displayName ?? s.username,
    role: s.role,
    password,
  });
  const token = await login(app, s.username, password);
  return { id: created.id, username: s.username, password, token };
}

/** The staff id behind a session token. */
export function staffIdOf(app: App, token: string): string {
  const s = app.sessions.get(token);
  if (!s) throw new Error('no such session');
  return s.staffId;
}

// ---------------------------------------------------------------------------------------
// Looking inside the store

type Raw = Database.Database;
function rawOf(x: App | Store | Raw): Raw {
  if ('store' in x) return x.store.raw;
  if ('raw' in x) return x.raw;
  return x;
}

/** Rows of a raw SQL query (reads through the store's own connection: it holds the lock). */
export function rows<T = Record<string, unknown>>(x: App | Store | Raw, sql: string, ...params: unknown[]): T[] {
  return rawOf(x).prepare(sql).all(...params) as T[];
}

/** Names of the user tables in the store (not sqlite_*). */
export function tableNames(x: App | Store | Raw): string[] {
  return rows<{ name: string }>(x, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);
}

/**
 * A hash of every table's rows (and of the schema and user_version), keyed by table, so
 * `expect(after).toEqual(before)` names the table that changed.
 */
export function snapshotStore(x: App | Store | Raw): Record<string, string> {
  const db = rawOf(x);
  const hash = (v: unknown) =>
    createHash('sha256').update(JSON.stringify(v, (_k, val: unknown) => (typeof val === 'bigint' ? `${val}n` : Buffer.isBuffer(val) ? val.toString('hex') : val))).digest('hex');
  const out: Record<string, string> = {
    '(schema)': hash([db.pragma('user_version', { simple: true }), rows(db, 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')]),
  };
  for (const t of tableNames(db)) {
    const ncol = (db.pragma(`table_info("${t}")`) as unknown[]).length;
    const order = Array.from({ length: ncol }, (_, i) => i + 1).join(', ');
    out[t] = hash(db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).raw().all());
  }
  return out;
}

/** SHA-256 of a file's bytes, for "the file was not touched". */
export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
