import { rm } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import type { OpContext } from '../../api/op.js';
import { requireSession, requireSite } from '../../api/op.js';
import { AppError, type ApiError } from '../../errors.js';
import { newDownloadPath, registerDownload, uploadedFile, type UploadedFile } from '../../files/files.js';
import type { Locale } from '../../i18n/errors.js';
import { inJobTransaction, startJob, type JobControl } from '../../jobs/jobs.js';
import { cellText, checkMapping as checkRoomMapping } from '../../registry/import/check.js';
import { columnLetter, type ParsedSheet } from '../../registry/import/read.js';
import { writeErrorWorkbook, XLSX_TYPE } from '../../registry/import/report.js';
import { detectHeader, nonEmpty, pickSheet, sheetForJob, workbookOf, type Recognise } from '../../registry/import/sheets.js';
import type { RoomCodePattern } from '../../registry/rules.js';
import type { Store } from '../../store/open.js';
import type { Schema } from '../../store/schema.js';
import { loadMeterItems, writeReading } from '../meter-rules.js';
import { deskToday, siteDay, siteMonth } from '../../time/site-time.js';
import type { MeterKind } from '../tables.js';
import { judgeRows, parsePeriod, parseRows, type Facts, type MeterDefaults, type MeterRow } from './check.js';
import { METER_FIELD_LABELS, METER_FIELDS, meterFieldFor, suggestMeterMapping, type MeterMapping } from './fields.js';

/**
 * The meter-reading import (抄表导入), in the registry import's three steps:
 *   inspect  — read the upload, pick the sheet and header row, suggest the column mapping;
 *   validate — a job: judge every row, write nothing; the preview and an error report;
 *   apply    — a job: judge again and write the chosen rows (bills, baselines, the jumps the
 *              person confirmed) in ONE transaction: all of them land, or (cancelled,
 *              refused, failed) none.
 */
type Db = Kysely<Schema> | Transaction<Schema>;

/** How many of the meter sheet's fields a row of headers names. */
const recogniseReadings: Recognise = (row) => Object.keys(suggestMeterMapping(row.map((c) => (typeof c === 'string' ? c : '')))).length;

/** A 房号 column holding full codes (1-1-101) is the code column. */
function refine(m: MeterMapping, sheet: ParsedSheet, headerRow: number): MeterMapping {
  const out = { ...m };
  if (out.roomNo !== undefined && out.code === undefined && out.building === undefined) {
    const s = sheet.rows.slice(headerRow, headerRow + 30).map((r) => cellText(r?.[out.roomNo! - 1] ?? null).trim()).filter(Boolean);
    if (s.length && s.filter((x) => /[-－—/\\.#·栋幢单元]/.test(x)).length >= s.length / 2) {
      out.code = out.roomNo;
      delete out.roomNo;
    }
  }
  return out;
}

export async function inspectMeters(ctx: OpContext, i: { uploadId: string; sheet?: string; headerRow?: number }) {
  const file = uploadedFile(ctx.store, requireSession(ctx).token, i.uploadId);
  const wb = await workbookOf(ctx.store, file);
  const sheet = pickSheet(wb, i.sheet, recogniseReadings);
  if (!sheet.rows.some(nonEmpty)) throw new AppError('import.empty_sheet', { sheet: sheet.name });
  const headerRow = i.headerRow ?? detectHeader(sheet, recogniseReadings).row;
  if (headerRow > sheet.rows.length) throw new AppError('import.bad_header_row', { row: headerRow, rows: sheet.rows.length });
  const header = sheet.rows[headerRow - 1] ?? [];
  const data = sheet.rows.slice(headerRow).map((cells, k) => ({ row: headerRow + 1 + k, cells })).filter((r) => nonEmpty(r.cells));
  const width = Math.max(header.length, ...data.slice(0, 500).map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, c) => cellText(header[c] ?? null).trim());
  const suggestion = refine(suggestMeterMapping(headers), sheet, headerRow);
  // the periods the sheet itself names (its 账期 column), so the dialog need not ask
  const periods = suggestion.period === undefined ? [] : [...new Set(data.map((r) => parsePeriod(r.cells[suggestion.period! - 1] ?? null)).filter((p): p is string => !!p))].sort().slice(0, 12);
  return {
    file: { name: file.name, size: file.size },
    sheets: wb.sheets.map((s) => ({ name: s.name, rows: s.rows.filter(nonEmpty).length, hidden: s.hidden })),
    sheet: sheet.name,
    headerRow,
    columns: headers.map((h, c) => ({ index: c + 1, letter: columnLetter(c + 1), header: h, field: meterFieldFor(h) })),
    suggestion,
    recognised: Object.keys(suggestion).length,
    dataRows: data.length,
    preview: data.slice(0, 8).map((r) => ({ row: r.row, cells: Array.from({ length: width }, (_, c) => cellText(r.cells[c] ?? null)) })),
    periods,
    today: siteDay(ctx.now, ctx.settings.utcOffsetMinutes),
    thisPeriod: siteMonth(ctx.now, ctx.settings.utcOffsetMinutes),
    fields: METER_FIELDS.map((key) => ({ key, ...METER_FIELD_LABELS[key] })),
  };
}

export interface MeterRequest {
  uploadId: string;
  sheet: string;
  headerRow: number;
  mapping: MeterMapping;
  period?: string;
  readOn?: string;
  meter?: MeterKind;
}

/** Refusals that need no row: no room column, no reading column, no period anywhere. */
function checkMapping(req: MeterRequest, pattern: RoomCodePattern): void {
  const seen = new Map<number, string>();
  for (const f of METER_FIELDS) {
    const col = req.mapping[f];
    if (col === undefined) continue;
    const other = seen.get(col);
    if (other) {
      const [a, b] = [METER_FIELD_LABELS[other as keyof typeof METER_FIELD_LABELS], METER_FIELD_LABELS[f]];
      throw new AppError('import.column_twice', { column: columnLetter(col), aZh: a.zh, bZh: b.zh, aEn: a.en, bEn: b.en });
    }
    seen.set(col, f);
  }
  checkRoomMapping({ code: req.mapping.code, building: req.mapping.building, unit: req.mapping.unit, roomNo: req.mapping.roomNo }, pattern);
  if (req.mapping.reading === undefined) throw new AppError('fees.meters.no_reading_column');
  if (req.mapping.period === undefined && !req.period) throw new AppError('fees.meters.no_period');
}

async function loadFacts(db: Db, store: Store, siteId: string, offsetMinutes: number): Promise<Facts> {
  const rooms = await db.selectFrom('room').select(['id', 'code', 'usage']).where('site_id', '=', siteId).execute();
  return { today: deskToday(store.clock.now(), offsetMinutes), conn: store.raw, rooms: new Map(rooms.map((r) => [r.code, { id: r.id, usage: r.usage }])), items: await loadMeterItems(db, siteId) };
}

/** Read and parse (no store), then judge against the store: the first half of both jobs. */
async function readAndParse(store: Store, file: UploadedFile, req: MeterRequest, pattern: RoomCodePattern, job: JobControl) {
  const sheet = await sheetForJob(store, file, req, recogniseReadings, job);
  const defaults: MeterDefaults = { period: req.period ?? null, readOn: req.readOn ?? null, meter: req.meter ?? null };
  return { sheet, ...parseRows(sheet, req.headerRow, req.mapping, pattern, defaults) };
}

async function judge(store: Store, db: Db, siteId: string, offsetMinutes: number, rows: MeterRow[], job: JobControl): Promise<void> {
  job.progress(0, rows.length, 'checking');
  await judgeRows(rows, await loadFacts(db, store, siteId, offsetMinutes), async (done) => {
    job.progress(done);
    await job.checkpoint();
  });
}

const MAX_LISTED = 500;
const by = (rows: MeterRow[], ...o: MeterRow['outcome'][]) => rows.filter((r) => o.includes(r.outcome));

function counts(rows: MeterRow[], empty: number) {
  const c = { total: rows.length, empty, bill: 0, baseline: 0, jump: 0, already: 0, blank: 0, error: 0 };
  for (const r of rows) c[r.outcome]++;
  return c;
}

const line = (r: MeterRow) => ({
  row: r.row, code: r.code!, meter: r.meter!, period: r.period!, readOn: r.readOn!, baseline: r.outcome === 'baseline',
  previous: r.write!.judged.previous, reading: r.write!.judged.value, use: r.write!.judged.use,
  usual: r.write!.judged.jump?.usual ?? null, amount: r.write!.bill?.amount ?? 0,
});

export interface MeterValidateResult {
  counts: ReturnType<typeof counts>;
  /** fen billed by the rows that will bill (jumps not included) */
  amount: number;
  /** the first MAX_LISTED rows that will be written (bills and baselines) */
  lines: ReturnType<typeof line>[];
  /** every jump, to confirm one by one */
  jumps: ReturnType<typeof line>[];
  errors: { row: number; reasons: ApiError[] }[];
  already: { row: number; reasons: ApiError[] }[];
  /** refused rows and unconfirmed jumps, as they were in the file, with the reasons */
  errorFile: { fileId: string; name: string; size: number } | null;
}

function request(ctx: OpContext, req: MeterRequest) {
  const session = requireSession(ctx);
  const siteId = requireSite(ctx);
  const file = uploadedFile(ctx.store, session.token, req.uploadId);
  checkMapping(req, ctx.settings.roomCodePattern); // refused at once, before any job starts
  return { session, siteId, file, store: ctx.store, pattern: ctx.settings.roomCodePattern, offsetMinutes: ctx.settings.utcOffsetMinutes };
}

export function startMeterValidate(ctx: OpContext, req: MeterRequest & { locale: Locale }): { jobId: string } {
  const { siteId, file, store, pattern, offsetMinutes } = request(ctx, req);
  return startJob(ctx, 'fees.meters.validate', async (job): Promise<MeterValidateResult> => {
    const { sheet, rows, empty } = await readAndParse(store, file, req, pattern, job);
    await judge(store, store.db, siteId, offsetMinutes, rows, job);
    const bad = by(rows, 'error', 'jump');
    let errorFile: MeterValidateResult['errorFile'] = null;
    if (bad.length) {
      job.progress(0, bad.length, 'report');
      const { id, path } = newDownloadPath(store, 'xlsx');
      try {
        await writeErrorWorkbook(path, sheet, req.headerRow, bad.map((r) => ({ row: r.row, reasons: r.reasons, value: null })), req.locale, async (done) => {
          job.progress(done);
          await job.checkpoint();
        });
      } catch (e) {
        await rm(path, { force: true }).catch(() => undefined);
        throw e;
      }
      const base = file.name.replace(/\.[^.]*$/, '');
      errorFile = await registerDownload(store, job.owner, { id, path, name: `${base}-${req.locale === 'zh-CN' ? '错误报告' : 'errors'}.xlsx`, type: XLSX_TYPE });
    }
    const writes = by(rows, 'bill', 'baseline');
    job.progress(rows.length, rows.length, 'done');
    return {
      counts: counts(rows, empty),
      amount: writes.reduce((s, r) => s + (r.write!.bill?.amount ?? 0), 0),
      lines: writes.slice(0, MAX_LISTED).map(line),
      jumps: by(rows, 'jump').map(line),
      errors: by(rows, 'error').slice(0, MAX_LISTED).map((r) => ({ row: r.row, reasons: r.reasons })),
      already: by(rows, 'already').slice(0, MAX_LISTED).map((r) => ({ row: r.row, reasons: r.reasons })),
      errorFile,
    };
  });
}

export interface MeterApplyResult {
  counts: ReturnType<typeof counts>;
  readings: number;
  bills: number;
  baselines: number;
  /** jumps written because confirmed */
  confirmed: number;
  amount: number;
}

/** Apply: the rows that bill or are baselines, and the jumps confirmed (all, or by row number). */
export function startMeterApply(ctx: OpContext, req: MeterRequest & { confirm: { all: boolean; rows: number[] }; expected?: number }): { jobId: string } {
  const { session, siteId, file, store, pattern, offsetMinutes } = request(ctx, req);
  const confirmed = new Set(req.confirm.rows);
  return startJob(ctx, 'fees.meters.apply', async (job): Promise<MeterApplyResult> => {
    const { rows, empty } = await readAndParse(store, file, req, pattern, job);
    return inJobTransaction(store, session.staffId, 'fees.meters.apply', async (trx) => {
      // judged inside the transaction that writes: nothing can slip in between
      await judge(store, trx, siteId, offsetMinutes, rows, job);
      const chosen = rows.filter((r) => r.outcome === 'bill' || r.outcome === 'baseline' || (r.outcome === 'jump' && (req.confirm.all || confirmed.has(r.row))));
      const c = counts(rows, empty);
      if (!chosen.length) throw new AppError('fees.meters.nothing_new', { already: c.already, invalid: c.error, jumps: c.jump });
      // all the rows the person saw and chose, or none: not a different set judged a moment later
      if (req.expected !== undefined && req.expected !== chosen.length) throw new AppError('fees.meters.changed', { expected: req.expected, now: chosen.length });
      job.progress(0, chosen.length, 'writing');
      const now = store.clock.now();
      const out: MeterApplyResult = { counts: c, readings: 0, bills: 0, baselines: 0, confirmed: 0, amount: 0 };
      for (const r of chosen) {
        const w = writeReading(store.raw, siteId, now, session.staffId, r.write!);
        out.readings++;
        if (r.outcome === 'baseline') out.baselines++;
        if (r.outcome === 'jump') out.confirmed++;
        if (w.bill) [out.bills, out.amount] = [out.bills + 1, out.amount + w.bill.amount];
        if (out.readings % 200 === 0) {
          // status answers meanwhile; a cancel throws here and rolls every row back
          job.progress(out.readings);
          await job.checkpoint();
        }
      }
      job.progress(chosen.length, chosen.length, 'done');
      return out;
    });
  });
}
