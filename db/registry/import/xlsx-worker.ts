import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';

/**
 * Unpacking and parsing an .xlsx happens in a worker thread: Excel's reader holds the
 * thread for seconds on a large workbook, and on the desk's own thread no other window's
 * call (a payment, a search) would be answered meanwhile. The worker hands back each sheet's
 * raw cell values (plain data: strings, numbers, dates, and the small objects Excel uses for
 * formulas, errors, rich text and links); the desk turns them into cells as before. The
 * worker's heap is capped, so a workbook that would swell past it is refused, not the desk
 * taken down with it.
 */
export interface RawSheet {
  name: string;
  hidden: boolean;
  /** rows[n] is row n + 1; a row's values from column 1 (missing ones are holes) */
  rows: unknown[][];
  merges: { top: number; left: number; bottom: number; right: number; range: string }[];
}

export type RawWorkbook = { sheets: RawSheet[] } | { tooManyRows: { sheet: string; rows: number } } | { unreadable: true };

/** Plain CommonJS, run in the worker (no TypeScript loader there, in either host). */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.module);
(async () => {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(workerData.file);
  } catch {
    parentPort.postMessage({ unreadable: true });
    return;
  }
  const sheets = [];
  for (const ws of wb.worksheets) {
    if (ws.actualRowCount > workerData.maxRows + 100) {
      parentPort.postMessage({ tooManyRows: { sheet: ws.name, rows: ws.actualRowCount } });
      return;
    }
    const rows = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values;
      rows[n - 1] = values.slice(1, Math.min(values.length, workerData.maxColumns + 1));
    });
    const merges = Object.values(ws._merges || {}).map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right, range: m.range }));
    sheets.push({ name: ws.name, hidden: ws.state !== 'visible', rows, merges });
  }
  parentPort.postMessage(wb.worksheets.length === 0 ? { unreadable: true } : { sheets });
})();
`;

const require = createRequire(import.meta.url);
/** what one workbook's parse may hold in memory before it is refused */
const HEAP_MB = 1024;

export function parseXlsxApart(file: string, name: string, limits: { maxRows: number; maxColumns: number }, heapMb = HEAP_MB): Promise<RawWorkbook> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { file, module: require.resolve('exceljs'), ...limits },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let answered = false;
    worker.once('message', (m: RawWorkbook) => {
      answered = true;
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (e: NodeJS.ErrnoException) => {
      answered = true;
      reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new AppError('import.bad_workbook', { name }) : e);
    });
    worker.once('exit', () => {
      if (!answered) reject(new AppError('import.bad_workbook', { name }));
    });
  });
}
