/**
 * A standalone timing of the meter-reading import on the large demo site (20,000 rooms):
 * a month's reader sheet of 20,000 water readings, uploaded, inspected, validated and applied
 * (one transaction), twice — first as baselines, then a month later billing every room's
 * use — and the same file again (which adds nothing). Run by run.ts (`npm run bench -- meter`):
 * one long job, timed step by step, like the registry's Excel import.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { BENCH_PASSWORD, DEMO_TODAY, demoStore, workingCopy } from './fixtures.js';
import { runJob, upload, xlsx } from '../helpers/ledger.js';

async function must(app: App, token: string | null, name: string, input: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await app.call(token, name as never, input as never);
  if (!r.envelope.ok) throw new Error(`${name}: ${r.envelope.error.code} ${r.envelope.error.message['en-US']}`);
  return r.envelope.value;
}

export async function benchMeterImport(rows = 20_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-meters-bench-'));
  const app = await createApp(workingCopy(await demoStore('large', false), dir), { clock: fakeClock(`${DEMO_TODAY}T02:00:00.000Z`) });
  try {
    const signIn = async (username: string) => (await app.call(null, 'auth.login', { username, password: BENCH_PASSWORD })).token!;
    const admin = await signIn('admin');
    const cashier = await signIn('wang.xiulan');
    const water = (await must(app, admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '吨' })).id;
    await must(app, admin, 'fees.addRate', { itemId: water, validFrom: '2021-01', price: '3.45' });
    const codes = (app.store.raw.prepare('SELECT code FROM room ORDER BY code LIMIT ?').all(rows) as { code: string }[]).map((r) => r.code);
    const sheet = (period: string, reading: (k: number) => number) => xlsx([{ name: '抄表单', rows: [
      ['房号', '表类', '账期', '本期读数', '抄表日期'],
      ...codes.map((c, k) => [c, '水', period, reading(k), new Date(`${period}-25T00:00:00Z`)]),
    ] }]);

    const round = async (label: string, bytes: Buffer) => {
      const t0 = performance.now();
      const uploadId = await upload(app, cashier, 'sheet.xlsx', bytes);
      const t1 = performance.now();
      const ins = await must(app, cashier, 'fees.meters.inspect', { uploadId });
      const t2 = performance.now();
      const req = { uploadId, sheet: ins.sheet, headerRow: ins.headerRow, mapping: ins.suggestion };
      const v = await runJob(app, cashier, 'fees.meters.validate', { ...req, locale: 'zh-CN' });
      const t3 = performance.now();
      const cpu0 = process.cpuUsage();
      const a = await runJob(app, cashier, 'fees.meters.apply', { ...req, confirm: { all: true, rows: [] } });
      const cpu = process.cpuUsage(cpu0);
      const t4 = performance.now();
      const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const res = (a.result ?? a.error?.code) as unknown;
      console.log(`${label}: ${codes.length} rows, ${(bytes.length / 1024).toFixed(0)} KB — upload ${f(t1 - t0)}, inspect ${f(t2 - t1)}, validate ${f(t3 - t2)}, apply ${f(t4 - t3)} (cpu ${f((cpu.user + cpu.system) / 1000)}); validate+apply ${f(t4 - t2)}; total ${f(t4 - t0)}`);
      console.log(`  validate: ${JSON.stringify((v.result as { counts: unknown }).counts)}; apply: ${JSON.stringify(res)}`);
      const errs = (v.result as { errors: { row: number; reasons: { message: Record<string, string> }[] }[] }).errors;
      if (errs.length) console.log(`  e.g. row ${errs[0]!.row}: ${errs[0]!.reasons.map((r) => r.message['en-US']).join('; ')}`);
    };
    await round('baselines (2026-10)', await sheet('2026-10', (k) => 1000 + (k % 97)));
    const billing = await sheet('2026-11', (k) => 1000 + (k % 97) + 8 + (k % 7) + (k % 3) / 4);
    await round('billing (2026-11)', billing);
    await round('re-import (2026-11, same file)', billing);
    const t0 = performance.now();
    const ex = await runJob(app, cashier, 'fees.meters.export', { period: '2026-12', locale: 'zh-CN' });
    console.log(`export (2026-12 sheet): ${(ex.result as { rows: number }).rows} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

