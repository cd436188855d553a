import type Database from 'better-sqlite3';
import {
  DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Schema } from './schema.js';

/**
 * Queries written with Kysely, compiled once, run as prepared statements.
 *
 * Building and compiling a Kysely query, then awaiting it through the driver, costs 20–60 µs
 * a statement: more than SQLite takes to answer an indexed lookup. The hot reads (search as
 * you type, a room card) are compiled once at load with named placeholders and then run on
 * the connection's prepared statement, synchronously. They keep Kysely's typed builder and
 * result types; what they give up is dynamic shape (no IN lists of varying length, no
 * optional WHERE clauses): a query with those is two prepared queries, or stays a builder.
 *
 * They run on the store's one connection, inside the operation's transaction (the handler
 * holds the connection while it runs, so nothing else interleaves).
 */

/** Compiles but never runs: the builder's only job here is SQL text and parameter order. */
const compiler = new Kysely<Schema>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const MARK = '\u0000fd-param\u0000';

/** Stand-in for a named value, filled in on each run. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

export interface PreparedQuery<P, R> {
  readonly sql: string;
  /** every row */
  all(conn: Database.Database, params: P): R[];
  /** the first row, or undefined */
  first(conn: Database.Database, params: P): R | undefined;
  /** a write: rows changed */
  run(conn: Database.Database, params: P): number;
}

export function prepareQuery<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Schema>, p: Param<P>) => Compilable<R>,
): PreparedQuery<P, R> {
  const p = ((name: string) => `${MARK}${name}`) as Param<P>;
  const compiled = build(compiler, p).compile();
  // Each parameter is either a placeholder (filled per run) or a constant written in the query.
  const slots = compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? { name: v.slice(MARK.length) } : { value: v }));
  const values = (params: P) => slots.map((s) => ('name' in s ? params[s.name as keyof P] : s.value));
  const statements = new WeakMap<Database.Database, Database.Statement>();
  const statement = (conn: Database.Database) => {
    let stmt = statements.get(conn);
    if (!stmt) statements.set(conn, (stmt = conn.prepare(compiled.sql)));
    return stmt;
  };
  return {
    sql: compiled.sql,
    all: (conn, params) => statement(conn).all(...values(params)) as R[],
    first: (conn, params) => statement(conn).get(...values(params)) as R | undefined,
    run: (conn, params) => statement(conn).run(...values(params)).changes,
  };
}

/**
 * An INSERT of the named columns, compiled once: bulk paths (the Excel import) insert
 * thousands of rows whose rules were checked already, and building each INSERT anew cost
 * more than running it. The row passed must have exactly these columns.
 */
export function prepareInsert<T extends keyof Schema & string, C extends keyof Schema[T] & string>(table: T, columns: readonly C[]): PreparedQuery<Record<C, unknown>, never> {
  type Loose = Kysely<Record<string, Record<string, unknown>>>;
  return prepareQuery((db, p: Param<Record<C, unknown>>) =>
    (db as unknown as Loose).insertInto(table).values(Object.fromEntries(columns.map((c) => [c, p(c)])))) as PreparedQuery<Record<C, unknown>, never>;
}
