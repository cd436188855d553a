/** The monthly collection report: billed, paid, 收缴率 in basis points, what the month collected, arrears carried, and its .xlsx. */
import ExcelJS from 'exceljs';
import { afterEach, expect, it } from 'vitest';
import { cleanup, login, ok, refused } from '../helpers/app.js';
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
  expect(r.collected).toEqual({ forMonth: 22533, arrears: 22533, ahead: 0, prepay: 10000, reversed: 0, total: 55066 });
  expect(r.deposits).toEqual({ taken: 0, refunded: 0, net: 0 });
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

it('keeps deposits out of collected and the collection rate, and shows them taken and refunded apart (screen and .xlsx)', async () => {
  const s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
  const deposit = await ok(s.app, s.admin, 'fees.saveItem', { code: 'ZXYJ', name: '装修押金', kind: 'deposit' });
  await ok(s.app, s.cashier.token, 'fees.charge', { roomId: s.rooms.r102, itemId: deposit.id, amount: 200000 });
  const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 });
  expect(acct.totalOwed).toBe(28200 + 200000);
  await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r102, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: acct.totalOwed }] });
  const held = await ok(s.app, s.cashier.token, 'fees.deposits', { roomId: s.rooms.r102 });
  await ok(s.app, s.cashier.token, 'fees.refundDeposit', { lineId: held[0]!.lineId, amount: 150000, method: 'cash', payee: '李明', reason: '验收扣除 500 元' });

  const r = await ok(s.app, s.supervisor.token, 'fees.monthReport', { period: '2026-12' });
  const billed = 21033 + 1500 + 28200 + 14100 + 1500;
  expect(r).toMatchObject({ billed, paid: 28200, rateBp: Math.floor((28200 * 10000) / billed) });
  expect(r.collected).toEqual({ forMonth: 28200, arrears: 0, ahead: 0, prepay: 0, reversed: 0, total: 28200 });
  expect(r.deposits).toEqual({ taken: 200000, refunded: 150000, net: 50000 });
  expect(r.byItem.map((i) => i.code)).toEqual(['LJF', 'WYF']);

  for (const [locale, sheetName, taken, refunded, collected] of [
    ['zh-CN', '收缴情况', '押金收取（不计入收费收入）', '押金退还', '本月实收'],
    ['en-US', 'Collection', 'Deposits taken (not fee income)', 'Deposits refunded', 'Collected this month'],
  ] as const) {
    const file = await ok(s.app, s.supervisor.token, 'fees.monthExport', { period: '2026-12', locale });
    const { envelope } = await s.app.call(s.supervisor.token, 'files.downloadChunk', { fileId: file.fileId, index: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((envelope as { value: { data: string } }).value.data, 'base64') as unknown as ArrayBuffer);
    const rows = wb.getWorksheet(sheetName)!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(rows).toContainEqual([collected, 282]);
    expect(rows).toContainEqual([taken, 2000]);
    expect(rows).toContainEqual([refunded, 1500]);
  }
});

it('counts a reversal (冲正) in the month it was made and leaves the month that took the money as it was', async () => {
  const s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
  const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
  const paid = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: acct.totalOwed }] });
  await ok(s.app, s.cashier.token, 'fees.closeDay', {});
  const december = await ok(s.app, s.supervisor.token, 'fees.monthReport', { period: '2026-12' });
  expect(december.collected.total).toBe(22533);

  s.app.clock.advance(32 * 24 * 3600_000); // 2027-01-02
  const cashier = await login(s.app, s.cashier.username, s.cashier.password);
  const supervisor = await login(s.app, s.supervisor.username, s.supervisor.password);
  await ok(s.app, cashier, 'fees.reverse', { receiptId: paid.id, reason: '重复收费', approverUsername: s.supervisor.username, approverPassword: s.supervisor.password });
  expect((await ok(s.app, supervisor, 'fees.monthReport', { period: '2026-12' })).collected).toEqual(december.collected);
  const january = await ok(s.app, supervisor, 'fees.monthReport', { period: '2027-01' });
  expect(january.collected).toEqual({ forMonth: 0, arrears: 0, ahead: 0, prepay: 0, reversed: 22533, total: -22533 });
  // the bills it paid are owed again
  expect((await ok(s.app, cashier, 'fees.roomAccount', { roomId: s.rooms.r101 })).totalOwed).toBe(22533);
});
