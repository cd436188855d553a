import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import type { Reader, ReadQuery } from '../store/reader.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { period } from './items-ops.js';
import { sheetWords } from '../i18n/sheets.js';
import { siteMonth } from '../time/site-time.js';
import { inertRow } from '../files/inert-cells.js';


/**
 * The monthly collection report the centre publishes (每月向业主公布收支情况): billed for the month, how
 * much of it is paid (收缴率 = paid ÷ billed, in basis points so no float is stored or
 * summed), what the month's receipts collected (this month, arrears, prepayments, less
 * reversals), the deposits taken and refunded (apart: not fee income), and the arrears carried; twelve months of the same for the chart; and the .xlsx of it.
 */

function shift(p: string, months: number): string {
  const m = Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1 + months;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}
export const rateBp = (paid: number, billed: number) => (billed > 0 ? Math.floor((paid * 10000) / billed) : 0);

/** Billed and paid less the cancelled lines among them (a cancelled line is in neither bill_open nor paid). */
function withoutCancelled<T extends { billed: number; paid: number }>(r: T, cancelled: { amount: number }[]): T & { rateBp: number } {
  const off = cancelled.reduce((a, c) => a + c.amount, 0);
  const billed = r.billed - off;
  const paid = r.paid - off;
  return { ...r, billed, paid, rateBp: rateBp(paid, billed) };
}

// deposits are held money, not fees: they are left out of billed, paid and the rate.
// Cancelled lines (作废应收) were never owed: they leave bill_open, so they come off billed
// too (or they would count as paid). Found from bill_cancel (small) by primary key.
const CANCELLED = `SELECT b.period, b.item_id AS itemId, sum(b.amount) AS amount
  FROM bill_cancel c CROSS JOIN bill b ON b.id = c.bill_id JOIN fee_item f ON f.id = b.item_id
  WHERE c.site_id = ? AND b.period BETWEEN ? AND ? AND f.kind != 'deposit' GROUP BY b.period, b.item_id`;
// paid = billed − what is still open (bill_open), so no payment is summed line by line
const BILLED_PAID = `SELECT b.period, sum(b.amount) AS billed,
  sum(b.amount) - COALESCE((SELECT sum(o.owed) FROM bill_open o JOIN bill x ON x.id = o.bill_id JOIN fee_item g ON g.id = x.item_id
    WHERE o.site_id = @site AND o.period = b.period AND g.kind != 'deposit'), 0) AS paid
  FROM bill b JOIN fee_item f ON f.id = b.item_id
  WHERE b.site_id = @site AND b.period BETWEEN @from AND @to AND f.kind != 'deposit' GROUP BY b.period ORDER BY b.period`;
// What the month's receipts took in. Deposits (押金) are refundable money held, not fee
// income: they are counted apart, with the refund documents, and stay out of collected and
// the rate. A void (same day) undoes its receipt; a reversal (冲正, after the day close)
// leaves the month that took the money as published and counts in the month it was made.
const TAKEN_IN_MONTH = `SELECT
  sum(CASE WHEN r.kind = 'payment' AND l.kind = 'bill' AND f.kind != 'deposit' AND b.period = @p THEN l.amount ELSE 0 END) AS forMonth,
  sum(CASE WHEN r.kind = 'payment' AND l.kind = 'bill' AND f.kind != 'deposit' AND b.period < @p THEN l.amount ELSE 0 END) AS arrears,
  sum(CASE WHEN r.kind = 'payment' AND l.kind = 'bill' AND f.kind != 'deposit' AND b.period > @p THEN l.amount ELSE 0 END) AS ahead,
  sum(CASE WHEN r.kind = 'payment' AND l.kind = 'prepay' THEN l.amount ELSE 0 END) AS prepay,
  sum(CASE WHEN r.kind = 'payment' AND f.kind = 'deposit' THEN l.amount ELSE 0 END) AS depositsTaken,
  sum(CASE WHEN r.kind = 'refund' THEN l.amount ELSE 0 END) AS depositsRefunded
FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id LEFT JOIN bill b ON b.id = l.bill_id LEFT JOIN fee_item f ON f.id = b.item_id
WHERE r.site_id = @site AND r.day >= @from AND r.day < @to
  AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = r.id AND v.kind = 'void')`;
const REVERSED_IN_MONTH = `SELECT
  sum(CASE WHEN r.kind = 'payment' AND (f.kind IS NULL OR f.kind != 'deposit') THEN l.amount ELSE 0 END) AS fees,
  sum(CASE WHEN r.kind = 'payment' AND f.kind = 'deposit' THEN l.amount ELSE 0 END) AS deposits,
  sum(CASE WHEN r.kind = 'refund' THEN l.amount ELSE 0 END) AS refunds
FROM receipt_void v JOIN receipt r ON r.id = v.receipt_id JOIN receipt_line l ON l.receipt_id = r.id LEFT JOIN bill b ON b.id = l.bill_id LEFT JOIN fee_item f ON f.id = b.item_id
WHERE v.site_id = @site AND v.kind = 'reversal' AND v.day >= @from AND v.day < @to`;

type Cancelled = { period: string; itemId: string; amount: number };
type Sums = Record<string, number | null>;

/**
 * The month's own figures, billed and paid over `months` months up to it (one for the
 * company's collection report, twelve for the site's trend) and what its receipts took in.
 */
async function monthFigures(reader: Reader, siteId: string, p: string, months: number, more: readonly ReadQuery[] = []) {
  const first = shift(p, 1 - months);
  const inMonth = { p, site: siteId, from: `${p}-01`, to: `${shift(p, 1)}-01` };
  const [siteRow, cancelledRows, trendRows, takenRow, reversedRow, ...rest] = await reader.read([
    { sql: 'SELECT name, code FROM site WHERE id = ?', params: [siteId], one: true },
    { sql: CANCELLED, params: [siteId, first, p] },
    { sql: BILLED_PAID, params: { site: siteId, from: first, to: p } },
    { sql: TAKEN_IN_MONTH, params: inMonth, one: true },
    { sql: REVERSED_IN_MONTH, params: { site: siteId, from: inMonth.from, to: inMonth.to }, one: true },
    ...more,
  ]);
  const site = siteRow as { name: string; code: string } | undefined;
  if (!site) throw new Error(`no site ${siteId}`);
  const cancelled = cancelledRows as Cancelled[];
  const trend = (trendRows as { period: string; billed: number; paid: number }[])
    .map((r) => withoutCancelled(r, cancelled.filter((c) => c.period === r.period)));
  const taken = takenRow as Sums;
  const reversed = reversedRow as Sums;
  const collected = { forMonth: taken.forMonth ?? 0, arrears: taken.arrears ?? 0, ahead: taken.ahead ?? 0, prepay: taken.prepay ?? 0, reversed: reversed.fees ?? 0 };
  const month = trend.find((r) => r.period === p) ?? { period: p, billed: 0, paid: 0, rateBp: 0 };
  return {
    site, cancelled, trend, taken, reversed, rest, month,
    collected: { ...collected, total: collected.forMonth + collected.arrears + collected.ahead + collected.prepay - collected.reversed },
  };
}

/** The month's billed, paid, rate and fee money taken in, for the company's collection report (the month alone). */
export async function monthCollection(reader: Reader, siteId: string, p: string) {
  const f = await monthFigures(reader, siteId, p, 1);
  return { site: f.site.name, siteCode: f.site.code, period: p, billed: f.month.billed, paid: f.month.paid, rateBp: f.month.rateBp, collected: f.collected.total };
}

export async function monthReport(reader: Reader, siteId: string, p: string) {
  const f = await monthFigures(reader, siteId, p, 12, [
    { sql: `SELECT f.id, f.code, f.name, sum(b.amount) AS billed, sum(b.amount) - sum(COALESCE(o.owed, 0)) AS paid
    FROM bill b JOIN fee_item f ON f.id = b.item_id LEFT JOIN bill_open o ON o.bill_id = b.id
    WHERE b.site_id = ? AND b.period = ? AND f.kind != 'deposit' GROUP BY f.id ORDER BY f.code`, params: [siteId, p] },
    { sql: `SELECT sum(o.owed) AS owed FROM bill_open o JOIN bill b ON b.id = o.bill_id JOIN fee_item f ON f.id = b.item_id
      WHERE o.site_id = ? AND o.period <= ? AND f.kind != 'deposit'`, params: [siteId, p], one: true },
  ]);
  const [byItemRows, carriedRow] = f.rest;
  const byItem = (byItemRows as { id: string; code: string; name: string; billed: number; paid: number }[])
    .map(({ id, ...r }) => withoutCancelled(r, f.cancelled.filter((c) => c.period === p && c.itemId === id)));
  const carried = carriedRow as { owed: number | null };
  // a reversed deposit is taken back, a reversed refund document is money back in the till
  const deposits = { taken: (f.taken.depositsTaken ?? 0) - (f.reversed.deposits ?? 0), refunded: (f.taken.depositsRefunded ?? 0) - (f.reversed.refunds ?? 0) };
  return {
    site: f.site.name, siteCode: f.site.code, period: p, billed: f.month.billed, paid: f.month.paid, rateBp: f.month.rateBp,
    collected: f.collected,
    deposits: { ...deposits, net: deposits.taken - deposits.refunded },
    arrearsCarried: carried.owed ?? 0, byItem, trend: f.trend,
  };
}
export type MonthReport = Awaited<ReturnType<typeof monthReport>>;

const WORDS = sheetWords.monthReport;

async function writeXlsx(path: string, r: MonthReport, locale: 'zh-CN' | 'en-US') {
  const w = WORDS[locale];
  const yuan = (fen: number) => fen / 100; // a display value for Excel cells only; every sum above is in fen
  const wb = new (await excel()).Workbook();
  const s = wb.addWorksheet(w.sheet);
  s.columns = [{ width: 28 }, { width: 16 }, { width: 16 }, { width: 14 }];
  s.addRow(inertRow([`${r.site} ${r.period} ${w.file}`])).font = { bold: true, size: 14 };
  s.addRow([]);
  s.addRow([w.item, w.billed, w.paid, w.rate]).font = { bold: true };
  for (const i of r.byItem) s.addRow(inertRow([i.name, yuan(i.billed), yuan(i.paid), i.rateBp / 10000]));
  s.addRow([w.total, yuan(r.billed), yuan(r.paid), r.rateBp / 10000]).font = { bold: true };
  s.addRow([]);
  for (const [k, v] of [['collected', r.collected.total], ['forMonth', r.collected.forMonth], ['arrears', r.collected.arrears], ['ahead', r.collected.ahead], ['prepay', r.collected.prepay], ['reversed', -r.collected.reversed],
    ['carried', r.arrearsCarried], ['depositsTaken', r.deposits.taken], ['depositsRefunded', r.deposits.refunded], ['depositsNet', r.deposits.net]] as const) s.addRow([w[k], yuan(v)]);
  s.eachRow((row) => { row.getCell(2).numFmt = '#,##0.00'; row.getCell(3).numFmt = '#,##0.00'; row.getCell(4).numFmt = '0.00%'; });
  const t = wb.addWorksheet(w.trend);
  t.columns = [{ width: 12 }, { width: 16 }, { width: 16 }, { width: 14 }];
  t.addRow([w.period, w.billed, w.paid, w.rate]).font = { bold: true };
  for (const m of r.trend) {
    const row = t.addRow([m.period, yuan(m.billed), yuan(m.paid), m.rateBp / 10000]);
    row.getCell(2).numFmt = '#,##0.00';
    row.getCell(3).numFmt = '#,##0.00';
    row.getCell(4).numFmt = '0.00%';
  }
  await wb.xlsx.writeFile(path);
  return `${w.file}-${r.siteCode}-${r.period}.xlsx`;
}

export const reportOps = {
  'fees.monthReport': defineOp({
    input: z.object({ period: period.optional() }), // none: the desk's month (its clock, not the browser's)
    access: 'reports.read',
    readsApart: true,
    run: async (ctx, i) => monthReport(ctx.store.reader, requireSite(ctx), i.period ?? siteMonth(ctx.now, ctx.settings.utcOffsetMinutes)),
  }),
  'fees.monthExport': defineOp({
    input: z.object({ period, locale: z.enum(['zh-CN', 'en-US']) }),
    access: 'reports.read',
    readsApart: true,
    run: async (ctx, i) => {
      const r = await monthReport(ctx.store.reader, requireSite(ctx), i.period);
      const { id, path } = newDownloadPath(ctx.store, 'xlsx');
      const name = await writeXlsx(path, r, i.locale);
      return registerDownload(ctx.store, requireSession(ctx).token, { id, path, name, type: XLSX_TYPE });
    },
  }),
};
