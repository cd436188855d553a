import { AppError } from '../../errors.js';
import { trimMemos, type UploadedFile } from '../../files/files.js';
import type { JobControl } from '../../jobs/jobs.js';
import type { Store } from '../../store/open.js';
import { readWorkbook, type Cell, type ParsedSheet, type ParsedWorkbook } from './read.js';

/**
 * Finding the ledger in an uploaded workbook, for every Excel import (the registry's, the
 * meter readings'): the workbook read once and kept with the upload, the sheet that looks
 * most like the ledger, and its header row. What "looks like" means is the import's own:
 * `recognise` says how many of its fields a row of headers names.
 */
export type Recognise = (row: readonly Cell[]) => number;

export function nonEmpty(cells: readonly unknown[] | undefined): boolean {
  return !!cells && cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''));
}

/** The upload's parsed workbook: read on the first step and kept with the upload, so later steps read it from memory. */
export async function workbookOf(store: Store, file: UploadedFile): Promise<ParsedWorkbook> {
  let p = file.memo.get('workbook') as Promise<ParsedWorkbook> | undefined;
  if (!p) {
    p = readWorkbook(file);
    file.memo.set('workbook', p);
    p.catch(() => file.memo.delete('workbook')); // a failed read is tried again, not remembered
    trimMemos(store, 2);
  }
  return p;
}

/** The header row: of the first 20, the one naming the most fields (title rows above it are skipped). */
export function detectHeader(sheet: ParsedSheet, recognise: Recognise): { row: number; recognised: number } {
  let best = { row: 0, recognised: 0 };
  for (let r = 1; r <= Math.min(20, sheet.rows.length); r++) {
    const n = recognise(sheet.rows[r - 1] ?? []);
    if (n > best.recognised) best = { row: r, recognised: n };
  }
  if (best.row === 0) best.row = Math.max(1, sheet.rows.findIndex((r) => nonEmpty(r)) + 1);
  return best;
}

/** The sheet asked for, or the one that looks most like a ledger; among equals, the first visible one with rows. */
export function pickSheet(wb: ParsedWorkbook, name: string | undefined, recognise: Recognise): ParsedSheet {
  if (name !== undefined) {
    const s = wb.sheets.find((x) => x.name === name);
    if (!s) throw new AppError('import.no_sheet', { sheet: name });
    return s;
  }
  let best = wb.sheets[0]!;
  let score = -1;
  for (const s of wb.sheets) {
    const sc = detectHeader(s, recognise).recognised * 2 + (s.hidden ? 0 : 1) + (s.rows.some(nonEmpty) ? 1 : 0);
    if (sc > score) [best, score] = [s, sc];
  }
  return best;
}

/** A job's first step: the workbook (progress "reading"; cancellable once read), the sheet, and a header row it has. */
export async function sheetForJob(store: Store, file: UploadedFile, req: { sheet?: string; headerRow: number }, recognise: Recognise, job: JobControl): Promise<ParsedSheet> {
  job.progress(0, 0, 'reading');
  const wb = await workbookOf(store, file);
  await job.checkpoint();
  const sheet = pickSheet(wb, req.sheet, recognise);
  if (req.headerRow > sheet.rows.length) throw new AppError('import.bad_header_row', { row: req.headerRow, rows: sheet.rows.length });
  return sheet;
}
