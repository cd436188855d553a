import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import { inertRow } from '../files/inert-cells.js';
import { sheetWords } from '../i18n/sheets.js';
import type { OpContext } from '../api/op.js';
import { siteDateTime } from '../time/site-time.js';
import type { dayReport } from './day-ops.js';
import { METHOD_NAMES } from './pay-ops.js';
import type { PayMethod } from './tables.js';

type DayReport = Awaited<ReturnType<typeof dayReport>>;
const WORDS = sheetWords.dayReport;

/**
 * The cashier's day as an .xlsx for reconciling with the WeChat, Alipay, card and bank
 * statements: one row per payment of each receipt (a receipt paid two ways has two rows), with
 * its method, amount and reference (transaction, voucher or card-tail number), void receipts
 * marked with their reason; then the totals by method and the cash to hand over.
 */
export async function writeDayXlsx(ctx: OpContext, path: string, r: DayReport, locale: 'zh-CN' | 'en-US'): Promise<string> {
  const w = WORDS[locale];
  const en = locale === 'en-US' ? 1 : 0;
  const ids = r.receipts.map((x) => x.id);
  const payments = ids.length
    ? await ctx.trx.selectFrom('receipt_payment').select(['receipt_id', 'method', 'amount', 'reference', 'reference_note'])
      .where('receipt_id', 'in', ids).orderBy('receipt_id').orderBy('method').execute()
    : [];
  const yuan = (fen: number) => fen / 100; // a display value for Excel cells only; every sum is in fen
  const wb = new (await excel()).Workbook();
  const s = wb.addWorksheet(w.sheet);
  s.columns = [{ width: 18 }, { width: 17 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 13 }, { width: 28 }, { width: 22 }, { width: 26 }];
  s.addRow(inertRow([`${r.cashier.name} ${r.day} ${w.file}`])).font = { bold: true, size: 14 };
  s.addRow([]);
  s.addRow([w.number, w.time, w.room, w.payer, w.method, w.amount, w.reference, w.referenceNote, w.status]).font = { bold: true };
  const off = ctx.settings.utcOffsetMinutes;
  for (const x of r.receipts) {
    const status = x.voidReason ? `${w.void}${x.voidReason}` : w.valid;
    for (const p of payments.filter((p) => p.receipt_id === x.id)) {
      const row = s.addRow(inertRow([x.number, siteDateTime(x.created_at, off), x.roomCode, x.payer, METHOD_NAMES[p.method as PayMethod][en], yuan(p.amount),
        p.reference, p.reference_note, status]));
      row.getCell(6).numFmt = '#,##0.00';
      row.getCell(7).numFmt = '@'; // a 22-digit transaction number stays text, never 4.2E+21
    }
  }
  s.addRow([]);
  for (const m of r.byMethod) s.addRow([METHOD_NAMES[m.method][en], '', '', '', m.count, yuan(m.amount)]).getCell(6).numFmt = '#,##0.00';
  const total = s.addRow([w.total, '', '', '', r.count, yuan(r.total)]);
  total.font = { bold: true };
  total.getCell(6).numFmt = '#,##0.00';
  s.addRow([w.cash, '', '', '', '', yuan(r.cashToHandOver)]).getCell(6).numFmt = '#,##0.00';
  await wb.xlsx.writeFile(path);
  return `${w.file}-${r.cashier.name}-${r.day}.xlsx`;
}
