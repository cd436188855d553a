/**
 * Helpers for the migration tests (tests/db/migrations/): a store built by the migrations
 * before the one under test, and its rows written in raw SQL of that older schema. Nothing
 * here calls the program's operations: what a test seeds is what an older program left.
 */
import type Database from 'better-sqlite3';
import type { Migration } from 'kysely';
import { fakeClock } from '../../db/clock.js';
import { migrations } from '../../db/store/migrations/index.js';
import { openStore, type Store } from '../../db/store/open.js';
import { cleanup, T0, tempStoreFile } from './app.js';

/** Every migration's name, in the order they run. */
export const migrationNames = Object.keys(migrations).sort();

/** The migrations up to and including `name`: open a store with these to get it at that version. */
export function migrationsThrough(name: string): Record<string, Migration> {
  const i = migrationNames.indexOf(name);
  if (i < 0) throw new Error(`no migration named ${name}`);
  return Object.fromEntries(migrationNames.slice(0, i + 1).map((n) => [n, migrations[n]!]));
}

/** The migrations before `name` (the N−1 store a migration test starts from). */
export function migrationsBefore(name: string): Record<string, Migration> {
  const i = migrationNames.indexOf(name);
  if (i < 0) throw new Error(`no migration named ${name}`);
  return Object.fromEntries(migrationNames.slice(0, i).map((n) => [n, migrations[n]!]));
}

/** The test file of a migration: `2026_11_23_0004_fees` → `0004_fees.test.ts`. */
export function migrationTestFile(name: string): string {
  return `${name.replace(/^\d{4}_\d{2}_\d{2}_/, '')}.test.ts`;
}

const opened = new Set<Store>();

async function open(file: string, through: Record<string, Migration>): Promise<Store> {
  const store = await openStore(file, { clock: fakeClock(T0), migrations: through });
  opened.add(store);
  return store;
}

/** A fresh store at the version before `name`, on a new temp file, with the test clock at T0. */
export function storeBefore(name: string): Promise<Store> {
  return open(tempStoreFile(), migrationsBefore(name));
}

/** Close `older` (if still open) and reopen its file with the migrations through `name`: N−1 → N. */
export async function migrateThrough(older: Store, name: string): Promise<Store> {
  await closeStore(older);
  return open(older.file, migrationsThrough(name));
}

export async function closeStore(store: Store): Promise<void> {
  if (opened.delete(store)) await store.close();
}

/** Close every store these helpers opened, then remove the temp folders (a migration test's afterEach). */
export async function cleanupStores(): Promise<void> {
  for (const s of [...opened]) await closeStore(s);
  await cleanup();
}

/** Run statements with a write context, as the program would (the capture triggers log it). */
export function execAs(store: Store, operation: string, sql: string, actorId: string | null = null): void {
  store.writeContext.actorId = actorId;
  store.writeContext.operation = operation;
  try {
    store.raw.exec(sql);
  } finally {
    store.writeContext.actorId = null;
    store.writeContext.operation = null;
  }
}

export interface FoundationStaff {
  id: string;
  username: string;
  role: 'receptionist' | 'cashier' | 'archivist' | 'supervisor' | 'manager' | 'admin';
  displayName?: string;
}

/**
 * A site with its staff, in the SQL of the foundation tables of 0001 (unchanged since): the
 * rows every older store starts from. The password hash is a placeholder: no test signs in.
 */
export function insertFoundation(raw: Database.Database, siteId: string, staff: FoundationStaff[], at = T0): void {
  raw.prepare('INSERT INTO site (id, site_id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(siteId, siteId, 'HZ-01', '杭州滨江服务中心', at, at);
  const addStaff = raw.prepare(`INSERT INTO staff (id, site_id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'scrypt$placeholder', ?, ?, ?)`);
  for (const s of staff) addStaff.run(s.id, siteId, s.username, s.displayName ?? s.username, s.role, at, at, at);
}
