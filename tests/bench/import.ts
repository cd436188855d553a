/**
 * The Excel import against its target: a 20,000-row workbook imported in ≤ 10 s,
 * validation included. Times the wizard's steps through the operation registry on a fresh
 * store: upload (chunks) → inspect → validate (job) → apply (job, one transaction), then a
 * re-import of the same file (which must change nothing).
 *
 *   npx tsx tests/bench/import.ts [rows]        — run alone
 *   import { benchImport } from './import.js'   — for run.ts to wire in
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addStaff, cleanup, createTestApp, ok, setupSite } from '../helpers/app.js';
import { LEDGER_HEADER, ledgerRows, runJob, upload, xlsx } from '../helpers/ledger.js';

export interface ImportBench {
  rows: number;
  fileBytes: number;
  /** ms per step */
  upload: number;
  inspect: number;
  validate: number;
  apply: number;
  /** CPU time of this process during apply (user + system): steadier than wall time on a busy machine */
  applyCpu: number;
  /** upload + inspect + validate + apply: what the person waits for */
  total: number;
  /** the same file again: checks everything, writes nothing */
  reimport: number;
  changeLogRowsAdded: number;
  changeLogRowsAddedByReimport: number;
}

export async function benchImport(rows = 20_000): Promise<ImportBench> {
  const app = await createTestApp();
  try {
    const admin = await setupSite(app);
    const rec = await addStaff(app, admin, { username: 'bench.rec', role: 'receptionist' });
    const bytes = await xlsx([LEDGER_HEADER, ...ledgerRows(rows)]);
    const logRows = () => (app.store.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

    const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now();
      const v = await f();
      return [v, performance.now() - t];
    };
    const before = logRows();
    const [uploadId, tUpload] = await time(() => upload(app, rec.token, 'ledger.xlsx', bytes));
    const [ins, tInspect] = await time(() => ok(app, rec.token, 'registry.import.inspect', { uploadId }));
    const req = { uploadId, sheet: ins.sheet, headerRow: ins.headerRow, mapping: ins.suggestion };
    const [v, tValidate] = await time(() => runJob(app, rec.token, 'registry.import.validate', { ...req, locale: 'zh-CN' }));
    if (v.state !== 'done') throw new Error(`validate ${v.state}: ${JSON.stringify(v.error)}`);
    const cpu0 = process.cpuUsage();
    const [a, tApply] = await time(() => runJob(app, rec.token, 'registry.import.apply', req));
    const cpu = process.cpuUsage(cpu0);
    if (a.state !== 'done') throw new Error(`apply ${a.state}: ${JSON.stringify(a.error)}`);
    const afterImport = logRows();

    // Re-import from a fresh upload (nothing cached): read, check, compare, write nothing.
    const [, tReimport] = await time(async () => {
      const again = await upload(app, rec.token, 'ledger.xlsx', bytes);
      const i2 = await ok(app, rec.token, 'registry.import.inspect', { uploadId: again });
      const r = await runJob(app, rec.token, 'registry.import.apply', { uploadId: again, sheet: i2.sheet, headerRow: i2.headerRow, mapping: i2.suggestion });
      if (r.state !== 'done') throw new Error(`re-import ${r.state}`);
    });
    return {
      rows,
      fileBytes: bytes.length,
      upload: tUpload,
      inspect: tInspect,
      validate: tValidate,
      apply: tApply,
      applyCpu: (cpu.user + cpu.system) / 1000,
      total: tUpload + tInspect + tValidate + tApply,
      reimport: tReimport,
      changeLogRowsAdded: afterImport - before,
      changeLogRowsAddedByReimport: logRows() - afterImport,
    };
  } finally {
    await app.close();
    await cleanup();
  }
}

/**
 * The import in a process of its own, as a desk runs it: run.ts calls this so the figure
 * is not paid for by the heap the benches before it left behind.
 */
export async function benchImportApart(rows = 20_000): Promise<ImportBench> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(rows), '--json'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ImportBench;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 20_000);
  const r = await benchImport(rows);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(r));
    process.exit(0);
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Excel import, ${r.rows} rows (${(r.fileBytes / 1e6).toFixed(1)} MB .xlsx), target ≤ 10 s including validation`);
  console.log(`  upload   ${s(r.upload)}\n  inspect  ${s(r.inspect)}\n  validate ${s(r.validate)}\n  apply    ${s(r.apply)} (CPU ${s(r.applyCpu)})\n  total    ${s(r.total)}`);
  console.log(`  re-import of the same file: ${s(r.reimport)}, change-log rows added ${r.changeLogRowsAddedByReimport} (import added ${r.changeLogRowsAdded})`);
}
