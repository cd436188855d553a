import type ExcelJS from 'exceljs';
import { excel } from '../files/excel.js';
import type { Kysely, Transaction } from 'kysely';
import { rm } from 'node:fs/promises';
import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { AppError, type ApiError } from '../errors.js';
import { newDownloadPath, registerDownload, uploadedFile } from '../files/files.js';
import type { Locale } from '../i18n/errors.js';
import { inJobTransaction, startJob } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import type { Schema } from '../store/schema.js';
import { cellText, parseDay } from '../registry/import/check.js';
import { columnLetter, type ParsedSheet } from '../registry/import/read.js';
import { detectHeader, nonEmpty, pickSheet, workbookOf, type Recognise } from '../registry/import/sheets.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { catalogue } from './catalogue.js';
import { parseCode } from './codes.js';
import {
  ARCHIVE_FIELDS, ARCHIVE_FIELD_LABELS, FORM_CELL, RETENTION_CELL, parseForm, parseRetention, suggestArchiveMapping, type ArchiveMapping,
} from './excel-fields.js';
import { badCode, checkFilingTarget, indexItem, type IndexInput } from './items.js';
import { siteDay } from '../time/site-time.js';
import { seesRestricted, veil } from './shared.js';
import { inertRow } from '../files/inert-cells.js';

/**
 * An existing Excel catalogue in, and the catalogue out to .xlsx. Reading reuses the
 * registry import's reader (xlsx or CSV in any Chinese encoding, formula results, error
 * cells). The archivist maps columns to fields (suggested from the headers), checks the
 * rows (each error named by row), and imports the good rows: a row's own code is kept when
 * it has a sequence number and that number is free, otherwise the next one is assigned.
 */
type Db = Kysely<Schema> | Transaction<Schema>;

/** How many catalogue fields a row of headers names. */
const recogniseCatalogue: Recognise = (row) => Object.keys(suggestArchiveMapping(row.map((c) => cellText(c)))).length;

/** The upload's catalogue sheet and header row, found as the other Excel imports find theirs (registry/import/sheets.ts). */
async function sheetOf(store: Store, owner: string, uploadId: string): Promise<{ name: string; sheet: ParsedSheet; headerRow: number }> {
  const file = uploadedFile(store, owner, uploadId);
  const sheet = pickSheet(await workbookOf(store, file), undefined, recogniseCatalogue);
  if (!sheet.rows.some(nonEmpty)) throw new AppError('import.empty_sheet', { sheet: sheet.name });
  return { name: file.name, sheet, headerRow: detectHeader(sheet, recogniseCatalogue).row };
}

export async function inspectCatalogue(ctx: OpContext, uploadId: string) {
  const { name, sheet, headerRow } = await sheetOf(ctx.store, requireSession(ctx).token, uploadId);
  const header = sheet.rows[headerRow - 1] ?? [];
  const data = sheet.rows.slice(headerRow).map((cells, k) => ({ row: headerRow + 1 + k, cells })).filter((r) => nonEmpty(r.cells));
  const width = Math.max(header.length, ...data.slice(0, 200).map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, c) => cellText(header[c] ?? null).trim());
  return {
    file: name,
    headerRow,
    columns: headers.map((h, c) => ({ index: c + 1, letter: columnLetter(c + 1), header: h })),
    suggestion: suggestArchiveMapping(headers),
    dataRows: data.length,
    preview: data.slice(0, 6).map((r) => ({ row: r.row, cells: Array.from({ length: width }, (_, c) => cellText(r.cells[c] ?? null)) })),
    fields: ARCHIVE_FIELDS.map((key) => ({ key, zh: ARCHIVE_FIELD_LABELS[key].zh, en: ARCHIVE_FIELD_LABELS[key].en })),
  };
}

interface RowCheck {
  row: number;
  input: IndexInput | null;
  errors: ApiError[];
}

const rowError = (code: ConstructorParameters<typeof AppError>[0], params: Record<string, string | number> = {}) => new AppError(code, params).toApiError();

/** Check every data row against the mapping and the store (codes in use, classes that exist); nothing is written. */
async function checkCatalogue(db: Db, siteId: string, sheet: ParsedSheet, headerRow: number, mapping: ArchiveMapping, tick?: (done: number) => Promise<void>): Promise<RowCheck[]> {
  const out: RowCheck[] = [];
  const seen = new Set<string>();
  // a catalogue repeats a few classes thousands of times: look each one up once
  const targets = new Map<string, Promise<unknown>>();
  for (let r = headerRow; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!nonEmpty(cells)) continue;
    const get = (f: keyof ArchiveMapping) => (mapping[f] ? (cells![mapping[f]! - 1] ?? null) : null);
    const text = (f: keyof ArchiveMapping) => cellText(get(f)).trim();
    const errors: ApiError[] = [];
    const codeText = text('code');
    const parsed = parseCode(codeText);
    let input: RowCheck['input'] = null;
    if (!codeText) errors.push(rowError('archives.row_missing', { fieldZh: '档号', fieldEn: 'reference code' }));
    else if (!parsed.ok) errors.push(badCode(codeText, parsed.problem.part).toApiError());
    else if (parsed.parts.cls === null || parsed.parts.department === null) errors.push(rowError('archives.row_code_short', { code: codeText }));
    const title = text('title');
    if (!title) errors.push(rowError('archives.row_missing', { fieldZh: '题名', fieldEn: 'title' }));
    else if ([...title].length > 200) errors.push(rowError('archives.row_too_long', { fieldZh: '题名', fieldEn: 'title', max: 200 }));
    const producedOn = text('producedOn') ? parseDay(get('producedOn')) : null;
    if (text('producedOn') && !producedOn) errors.push(rowError('archives.row_bad_value', { fieldZh: '产生日期', fieldEn: 'date produced', value: text('producedOn') }));
    const yearText = text('year').replace(/年$/, '');
    const year = yearText ? Number(yearText) : producedOn ? Number(producedOn.slice(0, 4)) : NaN;
    if (!Number.isInteger(year) || year < 1900 || year > 2200) errors.push(rowError('archives.row_bad_value', { fieldZh: '年度', fieldEn: 'year', value: yearText || '—' }));
    const retention = text('retention') ? parseRetention(text('retention')) : undefined;
    if (retention === null) errors.push(rowError('archives.row_bad_value', { fieldZh: '保管期限', fieldEn: 'retention', value: text('retention') }));
    const form = text('form') ? parseForm(text('form')) : 'paper';
    if (form === null) errors.push(rowError('archives.row_bad_value', { fieldZh: '实物形式', fieldEn: 'physical form', value: text('form') }));
    const pieces = text('pieces') ? Number(text('pieces')) : 1;
    if (!Number.isInteger(pieces) || pieces < 0) errors.push(rowError('archives.row_bad_value', { fieldZh: '页数/件数', fieldEn: 'pages', value: text('pieces') }));
    if (parsed.ok && parsed.parts.cls !== null && parsed.parts.department !== null) {
      const p = parsed.parts;
      try {
        const target = `${p.category}.${p.cls}.${p.department}`;
        if (!targets.has(target)) targets.set(target, checkFilingTarget(db, siteId, p.category, p.cls!, p.department!).then(() => null, (e: unknown) => e));
        const refusal = await targets.get(target);
        if (refusal) throw refusal;
        if (p.seq !== null) {
          const key = `${p.category}.${p.cls}.${p.department}—${p.seq}`;
          const taken = await db.selectFrom('archive_item').select('id').where('site_id', '=', siteId).where('ref_code', '=', key).executeTakeFirst();
          if (taken || seen.has(key)) errors.push(rowError('archives.duplicate_code', { code: key }));
          seen.add(key);
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        errors.push(e.toApiError());
      }
      if (!errors.length) {
        input = {
          category: p.category, cls: p.cls!, department: p.department!, seq: p.seq ?? undefined, title, year, producedOn, retention: retention ?? undefined, form: form!,
          pieceCount: pieces, locationRoom: text('room'), cabinet: text('cabinet'), shelf: text('shelf'), box: text('box'),
          fondsNo: text('fondsNo'), libraryNo: text('libraryNo'), remarks: text('remarks').slice(0, 500),
        };
      }
    }
    out.push({ row: r + 1, input, errors });
    await tick?.(out.length);
  }
  return out;
}

const summary = (checked: RowCheck[]) => ({
  rows: checked.length,
  good: checked.filter((c) => c.input).length,
  errors: checked.filter((c) => c.errors.length).slice(0, 500).map((c) => ({ row: c.row, errors: c.errors })),
});

function needsCodeAndTitle(mapping: ArchiveMapping): void {
  if (mapping.code === undefined || mapping.title === undefined) throw new AppError('archives.import_mapping');
}

export async function validateCatalogue(ctx: OpContext, i: { uploadId: string; mapping: ArchiveMapping }) {
  needsCodeAndTitle(i.mapping);
  const { sheet, headerRow } = await sheetOf(ctx.store, requireSession(ctx).token, i.uploadId);
  return summary(await checkCatalogue(ctx.trx, requireSite(ctx), sheet, headerRow, i.mapping));
}

/**
 * Import the good rows as a job, in one transaction of its own (a cancel rolls it all back);
 * bad rows are reported and left out.
 */
export interface ImportResult {
  rows: number;
  good: number;
  errors: { row: number; errors: ApiError[] }[];
  imported: number;
  first: string | null;
  last: string | null;
}

export function startCatalogueImport(ctx: OpContext, i: { uploadId: string; mapping: ArchiveMapping }) {
  needsCodeAndTitle(i.mapping);
  const session = requireSession(ctx);
  const siteId = requireSite(ctx);
  const store = ctx.store;
  uploadedFile(store, session.token, i.uploadId); // refuse now, not in the job, if the file is gone
  return startJob(ctx, 'archives.import', async (job): Promise<ImportResult> => {
    const { sheet, headerRow } = await sheetOf(store, job.owner, i.uploadId);
    job.progress(0, sheet.rows.length - headerRow, 'checking');
    return inJobTransaction(store, session.staffId, 'archives.importApply', async (trx) => {
      const tick = async (done: number) => {
        if (done % 200 === 0) {
          job.progress(done);
          await job.checkpoint();
        }
      };
      const checked = await checkCatalogue(trx, siteId, sheet, headerRow, i.mapping, tick);
      const good = checked.filter((c) => c.input);
      job.progress(0, good.length, 'writing');
      const codes: string[] = [];
      for (const c of good) {
        codes.push((await indexItem(trx, siteId, store.clock.now(), c.input!)).refCode);
        await tick(codes.length);
      }
      job.progress(good.length, good.length, 'done');
      return { ...summary(checked), imported: codes.length, first: codes[0] ?? null, last: codes.at(-1) ?? null };
    });
  });
}

/** The catalogue (or a class / year of it) to .xlsx, under the headers the import reads. */
export function startCatalogueExport(ctx: OpContext, i: { locale: Locale; codePrefix?: string; year?: number }) {
  const siteId = requireSite(ctx);
  const store = ctx.store;
  const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
  const sees = seesRestricted(ctx);
  const L = i.locale === 'zh-CN' ? 'zh' : 'en';
  return startJob(ctx, 'archives.export', async (job) => {
    job.progress(0, 0, 'reading');
    const rows = veil(await store.db.transaction().execute((trx) => catalogue(trx, siteId, i, 1_000_000)), sees);
    const { id, path } = newDownloadPath(store, 'xlsx');
    try {
      const wb = new (await excel()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
      const sheet = wb.addWorksheet(L === 'zh' ? '档案目录' : 'Catalogue', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = ARCHIVE_FIELDS.map((f) => ({ width: f === 'title' ? 40 : f === 'remarks' ? 24 : 12 }));
      const head = sheet.addRow(ARCHIVE_FIELDS.map((f) => ARCHIVE_FIELD_LABELS[f][L]));
      head.font = { bold: true };
      head.commit();
      job.progress(0, rows.length, 'writing');
      const k = L === 'zh' ? 0 : 1;
      let n = 0;
      for (const r of rows) {
        sheet.addRow(inertRow([
          r.ref_code, r.title, r.year, r.produced_on ?? '', RETENTION_CELL[r.retention][k], FORM_CELL[r.form][k], r.piece_count,
          r.location_room, r.cabinet, r.shelf, r.box, r.fonds_no, r.library_no, r.remarks,
        ])).commit();
        if (++n % 1000 === 0) {
          job.progress(n);
          await job.checkpoint();
        }
      }
      sheet.commit();
      await wb.commit();
      const file = await registerDownload(store, job.owner, { id, path, name: `${L === 'zh' ? '档案目录' : 'archive-catalogue'}-${today}.xlsx`, type: XLSX_TYPE });
      job.progress(rows.length, rows.length, 'done');
      return { ...file, items: rows.length };
    } catch (e) {
      await rm(path, { force: true }).catch(() => undefined);
      throw e;
    }
  });
}
