import type ExcelJS from 'exceljs';
import { excel } from '../../files/excel.js';
import type { Locale } from '../../i18n/errors.js';
import type { CheckedRow } from './check.js';
import { sheetWords } from '../../i18n/sheets.js';
import { isProblem, type Cell, type ParsedSheet } from './read.js';
import { inertRow } from '../../files/inert-cells.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WORDS = sheetWords.importErrorReport;

function original(c: Cell): string | number | boolean | Date | null {
  if (isProblem(c)) return c.problem === 'formula' ? `=${c.text}` : c.text;
  return c;
}

/**
 * The error report: every refused row as it was in the file (same header, same cells),
 * with its row number first and the reasons last. Fix the cells in this workbook and
 * import it again: the extra columns are not mapped, so only the fixed rows go in.
 */
export async function writeErrorWorkbook(path: string, sheet: ParsedSheet, headerRow: number, bad: readonly CheckedRow[], locale: Locale, tick?: (done: number) => Promise<void>): Promise<void> {
  const w = WORDS[locale];
  const header = sheet.rows[headerRow - 1] ?? [];
  let width = header.length;
  for (const r of bad) width = Math.max(width, sheet.rows[r.row - 1]?.length ?? 0);

  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 8 }, ...Array.from({ length: width }, () => ({ width: 14 })), { width: 60 }];
  const head = ws.addRow(inertRow([w.row, ...Array.from({ length: width }, (_, i) => original(header[i] ?? null)), w.reason]));
  head.font = { bold: true };
  head.commit();
  let done = 0;
  for (const r of bad) {
    if (tick && ++done % 500 === 0) await tick(done);
    const cells = sheet.rows[r.row - 1] ?? [];
    const row = ws.addRow(inertRow([r.row, ...Array.from({ length: width }, (_, i) => original(cells[i] ?? null)), r.reasons.map((x) => x.message[locale]).join('；')]));
    cells.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 2).numFmt = 'yyyy-mm-dd';
    });
    row.getCell(width + 2).font = { color: { argb: 'FFC00000' } };
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
