import { rm } from 'node:fs/promises';
import type { OpContext } from '../../api/op.js';
import { requireSession, requireSite } from '../../api/op.js';
import { AppError, type ApiError } from '../../errors.js';
import { newDownloadPath, registerDownload, uploadedFile, type UploadedFile } from '../../files/files.js';
import type { Locale } from '../../i18n/errors.js';
import { inJobTransaction, startJob, type JobControl } from '../../jobs/jobs.js';
import type { Store } from '../../store/open.js';
import { parseRoomCode, type RoomCodePattern } from '../rules.js';
import { cellText, checkMapping, checkRows, type CheckResult, type Mapping } from './check.js';
import { FIELD_LABELS, fieldForHeader, IMPORT_FIELDS, suggestMapping, type ImportField } from './fields.js';
import { columnLetter, type ParsedSheet } from './read.js';
import { writeErrorWorkbook, XLSX_TYPE } from './report.js';
import { detectHeader, nonEmpty, pickSheet, sheetForJob, workbookOf, type Recognise } from './sheets.js';
import { loadExisting, walkRows, type ImportCounts, type ImportNote } from './write.js';

/**
 * The Excel import, in three steps the desk walks through:
 *   inspect  — read the file, find the header row, suggest what each column means, preview;
 *   validate — a job: check every row, count what would change, write the error report;
 *   apply    — a job: check again and write every valid row in ONE transaction.
 * Nothing is written before apply; apply writes all valid rows or (refused, cancelled,
 * failed) none. The parsed workbook is kept with the upload, so the steps read it once.
 */

/** How many of the registry's fields a row of headers names (each field once). */
const recogniseLedger: Recognise = (row) => new Set(row.map((c) => (typeof c === 'string' ? fieldForHeader(c) : null)).filter(Boolean)).size;

function mergeProblem(sheet: ParsedSheet, headerRow: number): AppError | null {
  const inData = sheet.merges.filter((m) => m.bottom > headerRow);
  if (!inData.length) return null;
  const ranges = inData.slice(0, 5).map((m) => m.range).join(', ') + (inData.length > 5 ? ' …' : '');
  return new AppError('import.merged_cells', { sheet: sheet.name, ranges, count: inData.length });
}

/** A column suggested as 房号 that holds full codes is the code column, and the other way round. */
function refine(mapping: Mapping, sheet: ParsedSheet, headerRow: number, pattern: RoomCodePattern): Mapping {
  const samples = (col: number) => sheet.rows.slice(headerRow, headerRow + 30).map((r) => cellText(r?.[col - 1] ?? null).trim()).filter(Boolean);
  const m = { ...mapping };
  if (m.roomNo !== undefined && m.code === undefined && m.building === undefined) {
    const s = samples(m.roomNo);
    if (s.length && s.filter((x) => /[-－—/\\.#·栋幢单元]/.test(x) && parseRoomCode(x, pattern)).length >= s.length / 2) {
      m.code = m.roomNo;
      delete m.roomNo;
    }
  }
  if (m.code !== undefined && m.roomNo === undefined && m.building !== undefined) {
    const s = samples(m.code);
    if (s.length && s.every((x) => /^[0-9A-Za-z]{1,10}$/.test(x))) {
      m.roomNo = m.code;
      delete m.code;
    }
  }
  return m;
}

export interface InspectResult {
  file: { name: string; size: number; format: 'xlsx' | 'csv'; encoding: string | null };
  sheets: { name: string; rows: number; hidden: boolean }[];
  sheet: string;
  headerRow: number;
  columns: { index: number; letter: string; header: string; samples: string[] }[];
  suggestion: Mapping;
  /** how many columns the suggestion recognised; 0 means the headers are not a ledger's */
  recognised: number;
  /** non-empty rows below the header */
  dataRows: number;
  preview: { row: number; cells: string[] }[];
  /** what stops this sheet from being imported as it is (merged cells) */
  problems: ApiError[];
  fields: { key: ImportField; zh: string; en: string }[];
  roomCodePattern: RoomCodePattern;
}

export async function inspectImport(ctx: OpContext, i: { uploadId: string; sheet?: string; headerRow?: number }): Promise<InspectResult> {
  const session = requireSession(ctx);
  const file = uploadedFile(ctx.store, session.token, i.uploadId);
  const wb = await workbookOf(ctx.store, file);
  const sheet = pickSheet(wb, i.sheet, recogniseLedger);
  if (!sheet.rows.some(nonEmpty)) throw new AppError('import.empty_sheet', { sheet: sheet.name });
  const detected = detectHeader(sheet, recogniseLedger);
  const headerRow = i.headerRow ?? detected.row;
  if (headerRow > sheet.rows.length) throw new AppError('import.bad_header_row', { row: headerRow, rows: sheet.rows.length });
  const header = sheet.rows[headerRow - 1] ?? [];
  const below = sheet.rows.slice(headerRow);
  let width = header.length;
  for (const r of below.slice(0, 500)) width = Math.max(width, r?.length ?? 0);
  const headers = Array.from({ length: width }, (_, c) => cellText(header[c] ?? null).trim());
  const pattern = ctx.settings.roomCodePattern;
  const suggestion = refine(suggestMapping(headers), sheet, headerRow, pattern);
  const data = below.map((cells, k) => ({ row: headerRow + 1 + k, cells })).filter((r) => nonEmpty(r.cells));
  const problem = mergeProblem(sheet, headerRow);
  return {
    file: { name: file.name, size: file.size, format: wb.format, encoding: wb.encoding },
    sheets: wb.sheets.map((s) => ({ name: s.name, rows: s.rows.filter(nonEmpty).length, hidden: s.hidden })),
    sheet: sheet.name,
    headerRow,
    columns: headers.map((h, c) => ({
      index: c + 1,
      letter: columnLetter(c + 1),
      header: h,
      samples: data.slice(0, 3).map((r) => cellText(r.cells[c] ?? null)),
    })),
    suggestion,
    recognised: Object.keys(suggestion).length,
    dataRows: data.length,
    preview: data.slice(0, 8).map((r) => ({ row: r.row, cells: Array.from({ length: width }, (_, c) => cellText(r.cells[c] ?? null)) })),
    problems: problem ? [problem.toApiError()] : [],
    fields: IMPORT_FIELDS.map((key) => ({ key, ...FIELD_LABELS[key] })),
    roomCodePattern: pattern,
  };
}

export interface ImportRequest {
  uploadId: string;
  sheet: string;
  headerRow: number;
  mapping: Mapping;
}

/** Read and check, as the first half of both jobs. */
async function readAndCheck(store: Store, file: UploadedFile, req: ImportRequest, pattern: RoomCodePattern, job: JobControl) {
  const sheet = await sheetForJob(store, file, req, recogniseLedger, job);
  const problem = mergeProblem(sheet, req.headerRow);
  if (problem) throw problem;
  checkMapping(req.mapping, pattern);
  // Validate's check is kept with the upload: apply with the same sheet, header and mapping reuses it.
  const key = `checked:${JSON.stringify([req.sheet, req.headerRow, pattern, IMPORT_FIELDS.map((f) => req.mapping[f] ?? 0)])}`;
  let checked = file.memo.get(key) as CheckResult | undefined;
  if (!checked) {
    checked = await checkRows(sheet, req.headerRow, req.mapping, pattern, job);
    for (const k of file.memo.keys()) if (k.startsWith('checked:')) file.memo.delete(k);
    file.memo.set(key, checked);
  }
  return { sheet, checked, bad: checked.rows.filter((r) => r.reasons.length > 0) };
}

const MAX_LISTED = 500;

export interface ValidateResult {
  /** non-empty rows checked */
  total: number;
  valid: number;
  invalid: number;
  /** empty rows, skipped */
  empty: number;
  /** what importing the valid rows would do */
  counts: ImportCounts;
  /** the first MAX_LISTED bad rows (the error report has all) */
  errors: { row: number; reasons: ApiError[] }[];
  notes: ImportNote[];
  notesTotal: number;
  /** the error report, to download with files.downloadChunk; null when every row is good */
  errorFile: { fileId: string; name: string; size: number } | null;
}

function checkedRequest(ctx: OpContext, req: ImportRequest) {
  const session = requireSession(ctx);
  const siteId = requireSite(ctx);
  const file = uploadedFile(ctx.store, session.token, req.uploadId);
  checkMapping(req.mapping, ctx.settings.roomCodePattern); // refused at once, before any job starts
  return { session, siteId, file, store: ctx.store, pattern: ctx.settings.roomCodePattern };
}

export function startValidate(ctx: OpContext, req: ImportRequest & { locale: Locale }): { jobId: string } {
  const { siteId, file, store, pattern } = checkedRequest(ctx, req);
  return startJob(ctx, 'registry.import.validate', async (job): Promise<ValidateResult> => {
    const { sheet, checked, bad } = await readAndCheck(store, file, req, pattern, job);
    job.progress(0, checked.rows.length - bad.length, 'comparing');
    const ex = await loadExisting(store.db, siteId);
    const { counts, notes } = await walkRows(null, checked.rows, ex, async (done) => {
      if (done % 1000 === 0) {
        job.progress(done);
        await job.checkpoint();
      }
    });
    let errorFile: ValidateResult['errorFile'] = null;
    if (bad.length) {
      job.progress(0, bad.length, 'report');
      const { id, path } = newDownloadPath(store, 'xlsx');
      try {
        await writeErrorWorkbook(path, sheet, req.headerRow, bad, req.locale, async (done) => {
          job.progress(done);
          await job.checkpoint();
        });
      } catch (e) {
        await rm(path, { force: true }).catch(() => undefined); // cancelled: no half-written report left behind
        throw e;
      }
      const base = file.name.replace(/\.[^.]*$/, '');
      errorFile = await registerDownload(store, job.owner, { id, path, name: `${base}-${req.locale === 'zh-CN' ? '错误报告' : 'errors'}.xlsx`, type: XLSX_TYPE });
    }
    return {
      total: checked.rows.length,
      valid: counts.rows,
      invalid: bad.length,
      empty: checked.empty,
      counts,
      errors: bad.slice(0, MAX_LISTED).map((r) => ({ row: r.row, reasons: r.reasons })),
      notes: notes.slice(0, MAX_LISTED),
      notesTotal: notes.length,
      errorFile,
    };
  });
}

export interface ApplyResult {
  total: number;
  invalid: number;
  empty: number;
  counts: ImportCounts;
  notesTotal: number;
}

export function startApply(ctx: OpContext, req: ImportRequest): { jobId: string } {
  const { session, siteId, file, store, pattern } = checkedRequest(ctx, req);
  return startJob(ctx, 'registry.import.apply', async (job): Promise<ApplyResult> => {
    const { checked, bad } = await readAndCheck(store, file, req, pattern, job);
    const valid = checked.rows.length - bad.length;
    if (valid === 0) throw new AppError('import.nothing_valid', { invalid: bad.length });
    job.progress(0, valid, 'writing');
    const { counts, notes } = await inJobTransaction(store, session.staffId, 'registry.import.apply', async (trx) => {
      const ex = await loadExisting(trx, siteId);
      const now = store.clock.now();
      return walkRows({ db: trx, conn: store.raw, siteId, now }, checked.rows, ex, async (done) => {
        // Yield often: status calls answer meanwhile, and a cancel rolls the transaction back.
        if (done % 50 === 0) {
          job.progress(done);
          await job.checkpoint();
        }
      });
    });
    job.progress(valid, valid, 'done');
    return { total: checked.rows.length, invalid: bad.length, empty: checked.empty, counts, notesTotal: notes.length };
  });
}
