import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import type { OpContext } from '../api/op.js';
import { requireSession } from '../api/op.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import type { Locale } from '../i18n/errors.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { sheetWords } from '../i18n/sheets.js';
import type { statistics } from './stats.js';
import { inertRow } from '../files/inert-cells.js';

type Stats = Awaited<ReturnType<typeof statistics>>;

const WORDS = sheetWords.complaintStats;

/** The period's statistics as a workbook: a summary sheet, one per grouping, and the days. Small, so written at once (no job). */
export async function exportStats(ctx: OpContext, s: Stats, locale: Locale) {
  const w = WORDS[locale];
  const book = new (await excel()).Workbook();
  const summary = book.addWorksheet(w.summary);
  summary.columns = [{ header: w.item, width: 28 }, { header: w.value, width: 16 }];
  summary.addRows([
    [w.title, `${s.from} – ${s.to}`], [w.total, s.total], [w.open, s.open], [w.closed, s.closed], [w.onTime, s.onTime], [w.late, s.late],
    [w.rate, s.onTimeRate === null ? '' : Math.round(s.onTimeRate * 1000) / 10 + '%'], [w.avg, s.avgCloseMinutes === null ? '' : Math.round(s.avgCloseMinutes / 6) / 10],
    [w.sat, s.satisfaction ?? ''], [w.rated, s.rated], [w.reopened, s.reopenedCases], [w.reopenings, s.reopenings], [w.invalid, s.invalid],
  ]);
  const name = (group: string, key: string): string => {
    if (group === 'byCategory') {
      const c = s.categories.find((k) => k.code === key);
      return c ? (locale === 'en-US' ? c.name_en : c.name_zh) : key;
    }
    const table = { byKind: w.kind, bySeverity: w.severity, byChannel: w.channel, byDepartment: w.department }[group] as Record<string, string>;
    return table[key] ?? key;
  };
  for (const group of ['byKind', 'byCategory', 'bySeverity', 'byChannel', 'byDepartment'] as const) {
    const sheet = book.addWorksheet(w[group]);
    sheet.columns = [{ header: w[group], width: 22 }, { header: w.count, width: 10 }];
    sheet.addRows(s[group].map((g) => inertRow([name(group, g.key), g.n])));
  }
  const days = book.addWorksheet(w.perDay);
  days.columns = [{ header: w.day, width: 14 }, { header: w.count, width: 10 }];
  days.addRows(s.perDay.map((d) => [d.day, d.n]));
  for (const sheet of book.worksheets) sheet.getRow(1).font = { bold: true };

  const { id, path } = newDownloadPath(ctx.store, 'xlsx');
  await book.xlsx.writeFile(path);
  return registerDownload(ctx.store, requireSession(ctx).token, { id, path, name: `${w.title} ${s.from}_${s.to}.xlsx`, type: XLSX_TYPE });
}
