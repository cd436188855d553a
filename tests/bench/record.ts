/**
 * "The same SQL on raw better-sqlite3": record the statements one of our calls runs on the
 * store's connection (as compiled by Kysely, with their parameters), then replay them on
 * the raw connection with statements prepared once — what a hand-written data layer would
 * do. Transaction control (begin/commit/rollback) is left out of the replay.
 */
import type Database from 'better-sqlite3';

export interface Recorded {
  sql: string;
  params: unknown[];
}

const CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/**
 * Run `fn`, capturing every statement it executes on `db`. Statements are caught where they
 * run (the Statement prototype), not where they are prepared: the store reuses prepared
 * statements, so a query seen before is never prepared again.
 */
export async function recordStatements(db: Database.Database, fn: () => Promise<unknown>): Promise<Recorded[]> {
  const log: Recorded[] = [];
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  for (const key of ['all', 'get', 'run', 'iterate']) {
    const original = proto[key] as (this: Database.Statement, ...a: unknown[]) => unknown;
    saved.set(key, original);
    proto[key] = function (this: Database.Statement, ...args: unknown[]) {
      if (this.database === db && !CONTROL.test(this.source)) log.push({ sql: this.source, params: args });
      return original.apply(this, args);
    };
  }
  try {
    await fn();
  } finally {
    for (const [key, original] of saved) proto[key] = original;
  }
  return log;
}

/** A replayer for recorded statements: prepared once (per distinct SQL), run with the recorded parameters. */
export function replayer(db: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return (recorded: readonly Recorded[]) => {
    let out: unknown;
    for (const r of recorded) {
      let stmt = cache.get(r.sql);
      if (!stmt) cache.set(r.sql, (stmt = db.prepare(r.sql)));
      out = stmt.reader ? stmt.all(...r.params) : stmt.run(...r.params);
    }
    return out;
  };
}
