import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * What a store file says about itself, read in a worker thread so the desk keeps answering
 * while a large file is checked page by page: SQLite's full integrity_check, its schema
 * version, which site it is, the last change it recorded and the last receipt number of
 * each year. Used for every backup written (the copy is checked, never the original) and
 * for every file offered for restore.
 */
export interface StoreFacts {
  /** 'ok', or SQLite's first complaints */
  integrity: string;
  version: number;
  siteId: string | null;
  siteCode: string | null;
  syncFolder: string | null;
  /** the store's own last change-log sequence (what an export would have sent up to) */
  changeSeq: number;
  /** the last exported change-log sequence recorded by the store itself */
  exportedSeq: number;
  /** `kind:year` (payment:2026, refund:2026) → last receipt number used, taken-out numbers included */
  receipts: Record<string, number>;
  receiptCount: number;
}

/**
 * Runs as plain CommonJS in the worker (no TypeScript loader there, in either host). `prepare`
 * turns the copy into a self-contained rollback-journal file first, so it needs no -wal or
 * -shm beside it wherever it is copied to later.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { nativeBinding: workerData.nativeBinding, fileMustExist: true, readonly: !workerData.prepare });
  if (workerData.prepare) db.pragma('journal_mode = DELETE');
  const integrity = db.pragma('integrity_check(20)').map((r) => r.integrity_check).join('; ');
  const has = (t) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
  const one = (sql, ...p) => { try { return db.prepare(sql).get(...p); } catch { return undefined; } };
  const version = db.pragma('user_version', { simple: true });
  const ident = has('store_identity') ? one('SELECT local_site_id AS siteId, sync_folder AS syncFolder FROM store_identity WHERE id = 1') : undefined;
  const siteId = ident ? ident.siteId : (one('SELECT id FROM site LIMIT 1') || {}).id || null;
  const siteCode = siteId ? (one('SELECT code FROM site WHERE id = ?', siteId) || {}).code || null : null;
  const changeSeq = siteId ? (one('SELECT max(seq) AS n FROM change_log WHERE site_id = ?', siteId) || {}).n || 0 : 0;
  const exportedSeq = siteId && has('sync_batch')
    ? (one("SELECT max(seq_to) AS n FROM sync_batch WHERE direction = 'out' AND writer_id = ?", siteId) || {}).n || 0 : 0;
  const receipts = {};
  let receiptCount = 0;
  if (siteId && has('receipt')) {
    for (const r of db.prepare('SELECT kind, year, max(seq) AS seq, count(*) AS n FROM receipt WHERE site_id = ? GROUP BY kind, year').all(siteId)) {
      receipts[r.kind + ':' + r.year] = r.seq;
      receiptCount += r.n;
    }
    if (has('receipt_number_skip')) {
      for (const r of db.prepare('SELECT kind, year, max(seq) AS seq FROM receipt_number_skip WHERE site_id = ? GROUP BY kind, year').all(siteId)) {
        const key = r.kind + ':' + r.year;
        receipts[key] = Math.max(receipts[key] || 0, r.seq);
      }
    }
  }
  parentPort.postMessage({ ok: true, facts: { integrity, version, siteId, siteCode, syncFolder: ident ? ident.syncFolder : null,
    changeSeq, exportedSeq, receipts, receiptCount } });
} catch (e) {
  parentPort.postMessage({ ok: false, code: String(e && e.code || ''), message: String(e && e.message || e) });
} finally {
  if (db && db.open) db.close();
}
`;

const require = createRequire(import.meta.url);

/**
 * Read the facts of the store file at `file` in a worker. `prepare`: the file is a fresh copy
 * of ours that may be changed (set to a rollback journal); otherwise it is opened read-only.
 * A file SQLite cannot read answers integrity 'unreadable: …'.
 */
export function readStoreFacts(file: string, options: { nativeBinding?: string; prepare?: boolean } = {}): Promise<StoreFacts> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { file, module: require.resolve('better-sqlite3'), nativeBinding: options.nativeBinding, prepare: options.prepare ?? false },
    });
    worker.once('message', (m: { ok: true; facts: StoreFacts } | { ok: false; code: string; message: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.facts);
      else resolve({ ...EMPTY, integrity: `unreadable: ${m.code || m.message}`.slice(0, 300) });
    });
    worker.once('error', reject);
  });
}

const EMPTY: StoreFacts = { integrity: '', version: 0, siteId: null, siteCode: null, syncFolder: null, changeSeq: 0, exportedSeq: 0, receipts: {}, receiptCount: 0 };
