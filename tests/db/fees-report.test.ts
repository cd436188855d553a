/** The monthly collection report: billed, paid, 收缴率 in basis points, what the month collected, arrears carried, and its .xlsx. */
import ExcelJS from 'exceljs';
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, refused } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

it('reports a month with its collection rate, what was collected for it and for arrears, and exports it to .xlsx', async () => {
  const s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
  // on 2026-12-01: 101 pays November (arrears by then) and December; 201 prepays 100
  const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
  await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'wechat', amount: acct.totalOwed }] });
  await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 10000, methods: [{ method: 'cash', amount: 10000 }] });

  const r = await ok(s.app, s.supervisor.token, 'fees.monthReport', { period: '2026-12' });
  const billed = 21033 + 1500 + 28200 + 14100 + 1500;
  expect(r).toMatchObject({ period: '2026-12', billed, paid: 22533, rateBp: Math.floor((22533 * 10000) / billed), arrearsCarried: 2 * billed - 2 * 22533 });
  expect(r.rateBp).toBe(3396); // 33.96 %, rounded down
  expect(r.collected).toEqual({ forMonth: 22533, arrears: 22533, ahead: 0, prepay: 10000, total: 55066 });
  expect(r.trend.map((m) => [m.period, m.billed, m.paid])).toEqual([['2026-11', billed, 22533], ['2026-12', billed, 22533]]);
  expect(r.byItem.map((i) => [i.code, i.billed, i.paid])).toEqual([['LJF', 3000, 1500], ['WYF', 63333, 21033]]);

  const file = await ok(s.app, s.supervisor.token, 'fees.monthExport', { period: '2026-12', locale: 'zh-CN' });
  expect(file.name).toBe('收缴月报-HZ-01-2026-12.xlsx');
  const { envelope } = await s.app.call(s.supervisor.token, 'files.downloadChunk', { fileId: file.fileId, index: 0 });
  expect(envelope.ok).toBe(true);
  const bytes = Buffer.from((envelope as { value: { data: string } }).value.data, 'base64');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('收缴情况')!;
  const rows = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  expect(rows).toContainEqual(['合计', billed / 100, 225.33, 0.3396]);
  expect(wb.getWorksheet('近12个月')!.rowCount).toBe(3);
  // a cashier does not read the reports
  expect((await refused(s.app, s.cashier.token, 'fees.monthReport', { period: '2026-12' })).code).toBe('auth.forbidden');
});
