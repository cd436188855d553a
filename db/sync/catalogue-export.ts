/**
 * The company catalogue as a workbook: every site's items that the head-office screen's search
 * finds (a word of the title or remarks, a code prefix, one site or all), each with its site,
 * in the screen's order, under the headers a site's own catalogue export writes. A job: it reports progress, and cancelling it
 * leaves no file behind.
 */
import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { ARCHIVE_FIELD_LABELS, FORM_CELL, RETENTION_CELL } from '../archives/excel-fields.js';
import { seesRestricted } from '../archives/shared.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import { inertRow } from '../files/inert-cells.js';
import { sheetWords } from '../i18n/sheets.js';
import { startJob } from '../jobs/jobs.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { siteDay } from '../time/site-time.js';
import { companyItems, searchesCompany, siteItems, type ListedItem } from './catalogue-read.js';
import { enrolledSites, readHeld, type HeldSite } from './held-rows.js';

/** more than any company holds: the export is the whole catalogue when nothing is typed */
const ALL = 10_000_000;

export const catalogueExportOps = {
  'sync.exportCatalogue': defineOp({
    input: z.object({
      locale: z.enum(['zh-CN', 'en-US']),
      text: z.string().trim().max(60).optional(),
      codePrefix: z.string().trim().max(40).optional(),
      siteCode: z.string().trim().max(32).optional(),
    }),
    access: 'archives.read',
    run: async (ctx, i) => {
      const enrolled = await enrolledSites(ctx);
      const sees = seesRestricted(ctx);
      const store = ctx.store;
      const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      const w = sheetWords.companyCatalogue[i.locale];
      const k = i.locale === 'zh-CN' ? 0 : 1;
      const L = i.locale === 'zh-CN' ? 'zh' : 'en';
      // the job reads after the operation has answered: from the store site by site, or in one read of the server
      return startJob(ctx, 'sync.exportCatalogue', async (job) => readHeld(store, store.db, enrolled, async (held) => {
        const sites = held.sites.filter((s) => !i.siteCode || s.code === i.siteCode);
        job.progress(0, sites.length, 'reading');
        const { id, path } = newDownloadPath(store, 'xlsx');
        try {
          const book = new (await excel()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
          const sheet = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
          sheet.columns = [30, 14, 40, 8, 10, 10, 10, 10, 12].map((width) => ({ width }));
          const head = sheet.addRow([w.site, ARCHIVE_FIELD_LABELS.code[L], ARCHIVE_FIELD_LABELS.title[L], ARCHIVE_FIELD_LABELS.year[L],
            ARCHIVE_FIELD_LABELS.retention[L], ARCHIVE_FIELD_LABELS.form[L], ARCHIVE_FIELD_LABELS.pieces[L], w.status, w.borrower]);
          head.font = { bold: true };
          head.commit();
          let items = 0;
          const write = async (s: HeldSite, r: ListedItem) => {
            sheet.addRow(inertRow([`${s.code} ${s.name}`, r.ref_code, r.title, r.year, RETENTION_CELL[r.retention][k], FORM_CELL[r.form][k],
              r.piece_count, w[r.status], r.borrower ?? ''])).commit();
            if (++items % 1000 === 0) await job.checkpoint();
          };
          if (searchesCompany(i)) {
            // a word over the whole company: in the screen's order, newest year first across the sites
            const found = await companyItems(held, i, ALL, sees);
            for (const [n, f] of found.entries()) {
              await write(f.site, f.item);
              if ((n + 1) % 1000 === 0) job.progress(n + 1, found.length);
            }
            job.progress(found.length, found.length);
          } else {
            for (const [n, s] of sites.entries()) {
              for (const r of await siteItems(held, s, i, ALL, sees)) await write(s, r);
              job.progress(n + 1, sites.length);
              await job.checkpoint();
            }
          }
          sheet.commit();
          await book.commit();
          const file = await registerDownload(store, job.owner, { id, path, name: `${w.file}-${today}.xlsx`, type: XLSX_TYPE });
          return { ...file, items };
        } catch (e) {
          await rm(path, { force: true }).catch(() => undefined);
          throw e;
        }
      }));
    },
  }),
};
