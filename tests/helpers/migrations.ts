import type { Migration } from 'kysely';
import { migrations } from '../../db/store/migrations/index.js';

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
