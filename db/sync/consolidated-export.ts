import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import { z } from 'zod';
import { defineOp, requireSession } from '../api/op.js';
import { localMonth } from '../api/schemas.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import { inertRow } from '../files/inert-cells.js';
import { sheetWords } from '../i18n/sheets.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { complaintsBySite } from './consolidated-ops.js';
import { collectionBySite } from './hq-ops.js';

// display values for Excel cells only (as the site's own month report writes them): every sum is in fen
const yuan = (fen: number) => fen / 100;
const percent = (r: number | null) => (r === null ? '' : Math.round(r * 1000) / 10 + '%');

/** Head office's month as a workbook: the collection sheet and the complaints sheet, a line per site and the company's total. */
export const consolidatedExportOps = {
  'sync.exportMonth': defineOp({
    input: z.object({ period: localMonth, locale: z.enum(['zh-CN', 'en-US']) }),
    access: 'reports.read',
    readsServer: true,
    run: async (ctx, i) => {
      const w = sheetWords.consolidated[i.locale];
      const fees = await collectionBySite(ctx, i.period);
      const cases = await complaintsBySite(ctx, i.period);
      const book = new (await excel()).Workbook();
      const money = book.addWorksheet(w.collection);
      money.columns = [{ header: w.site, width: 30 }, { header: w.billed, width: 14 }, { header: w.paid, width: 14 }, { header: w.rate, width: 12 }, { header: w.collected, width: 18 }];
      for (const r of [...fees.sites, { siteCode: w.total, site: '', ...fees.total }]) {
        money.addRow(inertRow([`${r.siteCode} ${r.site}`.trim(), yuan(r.billed), yuan(r.paid), r.rateBp / 10000, yuan(r.collected)]));
      }
      money.eachRow((row, n) => {
        if (n === 1) return;
        for (const c of [2, 3, 5]) row.getCell(c).numFmt = '#,##0.00';
        row.getCell(4).numFmt = '0.00%';
      });
      const complaints = book.addWorksheet(w.complaints);
      complaints.columns = [
        { header: w.site, width: 30 }, { header: w.received, width: 10 }, { header: w.open, width: 10 }, { header: w.closed, width: 10 },
        { header: w.onTime, width: 14 }, { header: w.satisfaction, width: 12 }, { header: w.escalations, width: 10 },
      ];
      for (const r of [...cases.sites, { siteCode: w.total, site: '', ...cases.total }]) {
        complaints.addRow(inertRow([`${r.siteCode} ${r.site}`.trim(), r.total, r.open, r.closed, percent(r.onTimeRate), r.satisfaction ?? '', r.escalations]));
      }
      for (const sheet of book.worksheets) sheet.getRow(1).font = { bold: true };
      const { id, path } = newDownloadPath(ctx.store, 'xlsx');
      await book.xlsx.writeFile(path);
      return registerDownload(ctx.store, requireSession(ctx).token, { id, path, name: `${w.file}-${i.period}.xlsx`, type: XLSX_TYPE });
    },
  }),
};
