import type ExcelJS from 'exceljs';
import { excel } from '../../files/excel.js';
import { rm } from 'node:fs/promises';
import type { OpContext } from '../../api/op.js';
import { requireSite } from '../../api/op.js';
import { AppError } from '../../errors.js';
import { newDownloadPath, registerDownload } from '../../files/files.js';
import { inertRow } from '../../files/inert-cells.js';
import type { Locale } from '../../i18n/errors.js';
import { sheetWords } from '../../i18n/sheets.js';
import { startJob } from '../../jobs/jobs.js';
import { XLSX_TYPE } from '../../registry/import/report.js';
import { batchLines } from './queries.js';

/**
 * The batch sheet for the bank (托收清单): one row per room, with the full account (the only
 * place it is shown whole), the amount in yuan, and the line reference the bank sends back.
 * The bank returns the same sheet with its result and reason filled in; the import finds its
 * columns by its headings (db/i18n/sheets.ts, debitBatch), in either language.
 */
export const DEBIT_COLUMNS = ['reference', 'room', 'holder', 'bank', 'account', 'amount', 'result', 'reason'] as const;
export type DebitColumn = (typeof DEBIT_COLUMNS)[number];


/** Which column a header names, in either language (results: 结果, 回盘结果 and the like too). */
export function columnFor(header: string): DebitColumn | null {
  const h = header.trim().toLowerCase().replace(/[()（）\s]/g, '');
  for (const c of DEBIT_COLUMNS) {
    for (const l of ['zh-CN', 'en-US'] as const) if (sheetWords.debitBatch[l][c].toLowerCase().replace(/[()（）\s]/g, '') === h) return c;
  }
  if (/结果|result/.test(h)) return 'result';
  if (/原因|reason/.test(h)) return 'reason';
  if (/行号|reference/.test(h)) return 'reference';
  if (/金额|amount/.test(h)) return 'amount';
  return null;
}

export interface DebitSheetResult {
  fileId: string;
  name: string;
  size: number;
  rows: number;
}

export function startDebitSheet(ctx: OpContext, i: { batchId: string; locale: Locale }): { jobId: string } {
  const siteId = requireSite(ctx);
  const store = ctx.store;
  return startJob(ctx, 'fees.debit.export', async (job): Promise<DebitSheetResult> => {
    job.progress(0, 0, 'reading');
    const batch = await store.db.selectFrom('debit_batch').select(['number', 'period'])
      .where('site_id', '=', siteId).where('id', '=', i.batchId).executeTakeFirst();
    if (!batch) throw new AppError('fees.not_found', { whatZh: '托收批次', whatEn: 'debit batch' });
    const lines = await batchLines(store.db, siteId, i.batchId, true);
    const { id, path } = newDownloadPath(store, 'xlsx');
    try {
      const wb = new (await excel()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
      const sheet = wb.addWorksheet(batch.number, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [{ width: 22 }, { width: 12 }, { width: 12 }, { width: 18 }, { width: 26 }, { width: 12 }, { width: 10 }, { width: 20 }];
      const head = sheet.addRow(DEBIT_COLUMNS.map((c) => sheetWords.debitBatch[i.locale][c]));
      head.font = { bold: true };
      head.commit();
      job.progress(0, lines.length, 'writing');
      for (const l of lines) {
        const row = sheet.addRow(inertRow([l.reference, l.room, l.holder, l.bank, l.account, l.amount / 100, null, null]));
        row.getCell(5).numFmt = '@'; // the account stays text: Excel would turn 19 digits into 6.22E+18
        row.getCell(6).numFmt = '0.00';
        row.commit();
      }
      sheet.commit();
      await wb.commit();
      const name = `${sheetWords.debitBatch[i.locale].file}-${batch.number}.xlsx`;
      const file = await registerDownload(store, job.owner, { id, path, name, type: XLSX_TYPE });
      job.progress(lines.length, lines.length, 'done');
      return { ...file, rows: lines.length };
    } catch (e) {
      await rm(path, { force: true }).catch(() => undefined); // no half-written file left behind
      throw e;
    }
  });
}
