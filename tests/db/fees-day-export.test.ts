/** The cashier's day as an .xlsx: each payment of each receipt on its own row, with its reference, in both languages. */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, type TestApp } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

async function sheetRows(app: TestApp, token: string, fileId: string, sheet: string) {
  const { envelope } = await app.call(token, 'files.downloadChunk', { fileId, index: 0 });
  expect(envelope.ok).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from((envelope as { value: { data: string } }).value.data, 'base64') as unknown as ArrayBuffer);
  return wb.getWorksheet(sheet)!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
}

describe('the day report\'s Excel export', () => {
  it('carries each payment\'s method, amount and reference, one row per payment, and the totals by method', async () => {
    const s = await feeSite();
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    const [a101, a102] = [await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 }), await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 })];
    // 1-1-101 (225.33): 100.00 cash and the rest by WeChat; 1-1-102 (282.00) by card
    await ok(s.app, s.cashier.token, 'fees.pay', {
      roomId: s.rooms.r101, payer: '张伟', lines: a101.lines.map((l) => ({ billId: l.id, amount: l.owed })),
      methods: [{ method: 'cash', amount: 10000 }, { method: 'wechat', amount: a101.totalOwed - 10000, reference: '4200002981202612011234' }],
    });
    await ok(s.app, s.cashier.token, 'fees.pay', {
      roomId: s.rooms.r102, lines: a102.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'card', amount: a102.totalOwed, reference: '6222****5678' }],
    });
    const file = await ok(s.app, s.cashier.token, 'fees.dayExport', { locale: 'zh-CN' });
    expect(file.name).toMatch(/^收费日结-钱敏-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await sheetRows(s.app, s.cashier.token, file.fileId, '日结明细');
    const without = (r: unknown[]) => [r[0], ...r.slice(2)]; // the time of day aside
    const payments = rows.filter((r) => String(r[0]).startsWith('SJ')).map(without);
    expect(payments).toEqual([
      ['SJ-2026-000001', '1-1-101', '张伟', '现金', 100, '', '', '有效'],
      ['SJ-2026-000001', '1-1-101', '张伟', '微信', 125.33, '4200002981202612011234', '', '有效'],
      ['SJ-2026-000002', '1-1-102', '', '银行卡', 282, '6222****5678', '', '有效'],
    ]);
    expect(rows).toContainEqual(['合计（有效收据）', '', '', '', 2, 507.33]);
    expect(rows).toContainEqual(['应交现金', '', '', '', '', 100]);

    const en = await ok(s.app, s.cashier.token, 'fees.dayExport', { locale: 'en-US' });
    const enRows = await sheetRows(s.app, s.cashier.token, en.fileId, 'Day');
    expect(enRows.filter((r) => String(r[0]).startsWith('SJ')).map(without)).toContainEqual(['SJ-2026-000001', '1-1-101', '张伟', 'WeChat Pay', 125.33, '4200002981202612011234', '', 'valid']);
    expect(enRows[1]).toEqual(['Receipt', 'Taken at', 'Room', 'Payer', 'Method', 'Amount (yuan)', 'Reference (transaction / voucher / card tail)', 'Why a reference was reused', 'Status']);
  });
});
