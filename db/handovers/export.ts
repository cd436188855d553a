import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import { sheetWords } from '../i18n/sheets.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { siteDateTime } from '../time/site-time.js';
import { listFilterInput, listHandovers, storeFilter } from './queries.js';

/** The 交接 list as a workbook, in the interface language (small: written at once, no job). */
export const exportOps = {
  'handovers.export': defineOp({
    input: listFilterInput.extend({ locale: z.enum(['zh-CN', 'en-US']) }),
    access: 'handovers.read',
    run: async (ctx, i) => {
      const off = ctx.settings.utcOffsetMinutes;
      const { locale, ...filter } = i;
      const rows = await listHandovers(ctx.trx, requireSite(ctx), storeFilter(filter, off, 100_000));
      const w = sheetWords.handoverList[locale];
      const book = new (await excel()).Workbook();
      const sheet = book.addWorksheet(w.sheet);
      const cols = [w.number, w.version, w.kind, w.room, w.occupant, w.status, w.staff, w.started, w.signedAt, w.reason];
      sheet.columns = cols.map((header, n) => ({ header, width: [16, 6, 12, 12, 14, 12, 10, 18, 18, 30][n] }));
      sheet.addRows(rows.map((r) => [r.number, r.version, w[r.kind], r.roomCode ?? '', r.occupant, w[r.status] + (r.superseded ? w.superseded : ''), r.createdBy,
        siteDateTime(r.created_at, off), r.signed_at ? siteDateTime(r.signed_at, off) : '', r.reason]));
      sheet.getRow(1).font = { bold: true };
      const { id, path } = newDownloadPath(ctx.store, 'xlsx');
      await book.xlsx.writeFile(path);
      return registerDownload(ctx.store, requireSession(ctx).token, { id, path, name: `${w.file}.xlsx`, type: XLSX_TYPE });
    },
  }),
};
