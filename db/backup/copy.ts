import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The store copied with SQLite's online backup API on a connection of its own, in a worker
 * thread: the copy (reading every page, writing the new file and syncing it to disk) never
 * runs on the desk's thread, so no desk operation waits for it. The worker holds one read
 * transaction for the whole copy, so the copy is the store as it was at that moment (WAL
 * lets the desk keep writing meanwhile), and SQLite never restarts it when the desk writes.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { nativeBinding: workerData.nativeBinding, fileMustExist: true, readonly: true });
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.backup(workerData.copy, {
    progress: ({ totalPages, remainingPages }) => {
      parentPort.postMessage({ progress: { done: totalPages - remainingPages, total: totalPages } });
      return workerData.pagesPerStep;
    },
  }).then(() => {
    db.exec('COMMIT');
    db.close();
    parentPort.postMessage({ ok: true });
  }, (e) => {
    if (db.open) db.close();
    parentPort.postMessage({ ok: false, message: String(e && e.message || e) });
  });
} catch (e) {
  if (db && db.open) db.close();
  parentPort.postMessage({ ok: false, message: String(e && e.message || e) });
}
`;

const require = createRequire(import.meta.url);

export interface CopyOptions {
  nativeBinding?: string;
  onProgress(done: number, total: number): void;
  /** asked at each step; true stops the worker and answers 'cancelled' */
  cancelled(): boolean;
}

/** Copy the store file `file` (open in this desk) to `copy`; answers 'done' or 'cancelled', throws on failure. */
export function copyStoreInWorker(file: string, copy: string, o: CopyOptions): Promise<'done' | 'cancelled'> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { file, copy, module: require.resolve('better-sqlite3'), nativeBinding: o.nativeBinding, pagesPerStep: 1024 },
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.on('message', (m: { progress: { done: number; total: number } } | { ok: true } | { ok: false; message: string }) => {
      if ('progress' in m) {
        if (o.cancelled()) settle(() => void worker.terminate().then(() => resolve('cancelled')));
        else o.onProgress(m.progress.done, m.progress.total);
      } else if (m.ok) settle(() => { void worker.terminate(); resolve('done'); });
      else settle(() => { void worker.terminate(); reject(new Error(`backup copy failed: ${m.message}`)); });
    });
    worker.once('error', (e) => settle(() => reject(e)));
  });
}
