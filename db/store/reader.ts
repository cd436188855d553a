import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Long reads (whole-site reports, big exports) on a connection of their own: a read-only
 * connection in a worker thread, so the desk's one writing connection and its event loop
 * stay free and a payment in another window is answered in its usual time while a report
 * runs. WAL lets the reader see one consistent snapshot while the desk keeps writing.
 *
 * A batch of queries runs in one read transaction: every query of a report sees the same
 * moment. The same batch can run in-process (inProcessReader) — for a store the worker cannot
 * open, and to prove both give the same answer.
 */
export interface ReadQuery {
  sql: string;
  params?: readonly unknown[] | Record<string, unknown>;
  /** the first row only (undefined when none), instead of all rows */
  one?: boolean;
}

export interface Reader {
  /** each query's rows (or its one row), read in one snapshot */
  read(queries: readonly ReadQuery[]): Promise<unknown[]>;
  close(): Promise<void>;
}

type Prepare = (sql: string) => Database.Statement;

function runBatch(prepare: Prepare, queries: readonly ReadQuery[]): unknown[] {
  return queries.map((q) => {
    const stmt = prepare(q.sql);
    const p = q.params === undefined ? [] : Array.isArray(q.params) ? q.params : [q.params];
    return q.one ? stmt.get(...p) : stmt.all(...p);
  });
}

/** The same batch on a connection of this thread (the desk's own, or a test's). */
export function inProcessReader(raw: Database.Database): Reader {
  return {
    read: async (queries) => raw.transaction(() => runBatch((s) => raw.prepare(s), queries))(),
    close: async () => undefined,
  };
}

/**
 * Plain CommonJS run in the worker (no TypeScript loader there, in either host: the same way
 * the backup's integrity check runs). It opens the store read-only on first use, keeps its
 * prepared statements, and answers one batch at a time.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
const cache = new Map();
function prepare(sql) {
  let s = cache.get(sql);
  if (!s) { s = db.prepare(sql); if (cache.size >= 200) cache.delete(cache.keys().next().value); cache.set(sql, s); }
  return s;
}
const gate = workerData.gate ? new Int32Array(new SharedArrayBuffer(4)) : null;
parentPort.on('message', (m) => {
  try {
    // test seam: hold every batch until the gate file exists (the report is "still running")
    while (gate && !require('node:fs').existsSync(workerData.gate)) Atomics.wait(gate, 0, 0, 20);
    if (!db) {
      db = new Database(workerData.file, { nativeBinding: workerData.nativeBinding, fileMustExist: true, readonly: true, timeout: workerData.busyTimeoutMs });
    }
    const run = db.transaction(() => m.queries.map((q) => {
      const p = q.params === undefined ? [] : Array.isArray(q.params) ? q.params : [q.params];
      const stmt = prepare(q.sql);
      return q.one ? stmt.get(...p) : stmt.all(...p);
    }));
    parentPort.postMessage({ id: m.id, ok: true, results: run() });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, code: String((e && e.code) || ''), message: String((e && e.message) || e) });
  }
});
`;

const require = createRequire(import.meta.url);

/** An error from the worker, with SQLite's code kept (storeFailure reads it). */
class ReadFailure extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

type Answer = { id: number; ok: true; results: unknown[] } | { id: number; ok: false; code: string; message: string };

/** A reader on its own read-only connection in a worker thread, started on first use. */
export function workerReader(file: string, options: { nativeBinding?: string; busyTimeoutMs?: number; gate?: string } = {}): Reader {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown[]): void; reject(e: Error): void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = (): Worker => {
    const w = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { file, module: require.resolve('better-sqlite3'), nativeBinding: options.nativeBinding, busyTimeoutMs: options.busyTimeoutMs ?? 5000, gate: options.gate ?? null },
    });
    w.unref(); // an idle reader never keeps the program from ending
    w.on('message', (m: Answer) => {
      const p = waiting.get(m.id);
      if (!p) return;
      waiting.delete(m.id);
      if (m.ok) p.resolve(m.results);
      else p.reject(new ReadFailure(m.message, m.code));
    });
    w.on('error', (e) => { worker = null; failAll(e); });
    w.on('exit', () => { if (worker === w) worker = null; failAll(new Error('the report reader stopped')); });
    return w;
  };
  return {
    read(queries) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<unknown[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.ref(); // while a read is outstanding, wait for it
        w.postMessage({ id, queries });
      }).finally(() => { if (waiting.size === 0) w.unref(); });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
