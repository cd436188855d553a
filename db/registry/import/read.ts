import type ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../errors.js';
import { firstBytes, type UploadedFile } from '../../files/files.js';
import { guardWorkbookZip } from './zip-guard.js';
import { parseXlsxApart } from './xlsx-worker.js';
import { fromInertText } from '../../files/inert-cells.js';

/**
 * Reading what the centre uploads: an Excel workbook (.xlsx) or a CSV file in UTF-8 (with
 * or without BOM), GBK (what Excel and WPS on Chinese Windows save "CSV" as) or UTF-16.
 * What comes out is plain cells, whatever the format:
 *   string | number | boolean | Date | null, or a CellProblem for a cell whose value cannot
 *   be trusted — a formula with no saved result, or an error value (#REF!, #DIV/0!…).
 * A formula with a saved result (what Excel displayed when the file was saved) reads as
 * that result. Merged ranges are listed so the import can refuse them where data lives.
 */
export interface CellProblem {
  problem: 'formula' | 'error';
  /** the formula (without "=") or the error value */
  text: string;
}
export type Cell = string | number | boolean | Date | null | CellProblem;

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** e.g. A2:A30 */
  range: string;
}

export interface ParsedSheet {
  name: string;
  hidden: boolean;
  /** rows[0] is row 1; a row is its cells from column 1 (missing cells are null) */
  rows: Cell[][];
  merges: Merge[];
}

export interface ParsedWorkbook {
  format: 'xlsx' | 'csv';
  /** CSV only: the encoding it was read in */
  encoding: 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be' | null;
  sheets: ParsedSheet[];
}

/** More rows than this in one sheet: split the file (a 20,000-room site fits twice over). */
export const MAX_ROWS = 50_000;
/** Columns past this are not read (no ledger is that wide; a stray cell far right is not data). */
export const MAX_COLUMNS = 100;

export function isProblem(c: Cell): c is CellProblem {
  return typeof c === 'object' && c !== null && !(c instanceof Date);
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Read an uploaded file. Refusals say plainly what the file is and what to do. */
export async function readWorkbook(file: UploadedFile): Promise<ParsedWorkbook> {
  const magic = await firstBytes(file.path, 8);
  if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) return readXlsx(file);
  if (magic.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new AppError('import.old_xls', { name: file.name });
  }
  if (KNOWN_BINARY.some((m) => magic.subarray(0, m.length).equals(m))) throw new AppError('import.not_spreadsheet', { name: file.name });
  return readCsv(file, await readFile(file.path));
}

/** PDF, PNG, JPEG, GIF, RIFF (wav/avi/webp), gzip, 7z, rar, exe: surely not a ledger. */
const KNOWN_BINARY = [
  Buffer.from('%PDF'), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('GIF8'),
  Buffer.from('RIFF'), Buffer.from([0x1f, 0x8b]), Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), Buffer.from('Rar!'), Buffer.from('MZ'),
];

// ---------------------------------------------------------------------------------------
// xlsx

type ExcelValue = ExcelJS.CellValue | undefined;

function plain(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : fromInertText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  if ('richText' in v) return plain(v.richText.map((r) => r.text).join(''));
  if ('error' in v) return { problem: 'error', text: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const result = f.result;
    if (result === undefined || result === null) return { problem: 'formula', text: f.formula ?? f.sharedFormula ?? '' };
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object)) {
      return { problem: 'error', text: String((result as { error: unknown }).error) };
    }
    return plain(result as ExcelValue);
  }
  if ('hyperlink' in v) return plain((v as { text?: ExcelValue }).text ?? (v as { hyperlink: string }).hyperlink);
  return null;
}

async function readXlsx(file: UploadedFile): Promise<ParsedWorkbook> {
  // Excel's reader unpacks every part into memory: measure every part first (zip-guard.ts)
  await guardWorkbookZip(file, MAX_ROWS);
  const raw = await parseXlsxApart(file.path, file.name, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
  if ('unreadable' in raw) throw new AppError('import.bad_workbook', { name: file.name });
  if ('tooManyRows' in raw) throw new AppError('import.too_many_rows', { sheet: raw.tooManyRows.sheet, rows: raw.tooManyRows.rows, max: MAX_ROWS });
  const sheets: ParsedSheet[] = raw.sheets.map((ws) => {
    const rows: Cell[][] = Array.from(ws.rows, (values) => (values ? Array.from(values, (v) => plain(v as ExcelValue)) : []));
    return { name: ws.name, hidden: ws.hidden, rows, merges: ws.merges };
  });
  return { format: 'xlsx', encoding: null, sheets };
}

// ---------------------------------------------------------------------------------------
// csv

/** Decode text the way the centre's programs write it; null if it is not text at all. */
export function decodeText(buf: Buffer): { text: string; encoding: NonNullable<ParsedWorkbook['encoding']> } | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  // Binary files (images, PDFs, executables) have NUL bytes early on; text never does.
  if (buf.subarray(0, 65536).includes(0)) return null;
  return utf8(buf) ?? gbk(buf);
}

function utf8(buf: Buffer) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' as const };
  } catch {
    return null;
  }
}

function gbk(buf: Buffer) {
  try {
    // WHATWG's "gbk" decoder is GB18030, a superset: files saved as GB2312, GBK or GB18030 all read.
    return { text: new TextDecoder('gbk', { fatal: true }).decode(buf), encoding: 'gbk' as const };
  } catch {
    return null;
  }
}

/** Control characters other than tab and line breaks: not text a spreadsheet program wrote. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > Math.max(2, sample.length / 1000);
}

function delimiterOf(text: string): string {
  const firstLines = text.slice(0, 8192).split(/\r\n|\n|\r/).slice(0, 5).join('\n');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLines) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = delimiterOf(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(file: UploadedFile, buf: Buffer): ParsedWorkbook {
  const decoded = decodeText(buf);
  if (!decoded || looksBinary(decoded.text)) throw new AppError('import.not_spreadsheet', { name: file.name });
  // Many systems "export to Excel" as a web page named .xls: Excel opens it, we cannot.
  if (/^\s*<(!doctype|html|table|\?xml)/i.test(decoded.text.slice(0, 512))) throw new AppError('import.html_table', { name: file.name });
  const table = parseCsv(decoded.text);
  // A ledger has columns: text with no delimiter anywhere is a document, not a table.
  if (!table.some((r) => r.length > 1)) throw new AppError('import.not_spreadsheet', { name: file.name });
  if (table.length > MAX_ROWS + 100) throw new AppError('import.too_many_rows', { sheet: file.name, rows: table.length, max: MAX_ROWS });
  const rows: Cell[][] = table.map((r) => r.slice(0, MAX_COLUMNS).map((v) => (v.trim() === '' ? null : fromInertText(v))));
  const name = file.name.replace(/\.[^.]*$/, '') || 'CSV';
  return { format: 'csv', encoding: decoded.encoding, sheets: [{ name, hidden: false, rows, merges: [] }] };
}
