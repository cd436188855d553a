/**
 * Ledgers as service centres keep them, generated with exceljs (no binary fixtures in the
 * repository), and the calls that carry files and jobs through the operation registry.
 * Used by tests/db/import*.test.ts, the e2e import test and the import bench.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { App } from '../../db/api/app.js';
import type { OpInput, OpName } from '../../db/api/types.js';
import { jobFinished, type JobStatus } from '../../db/jobs/jobs.js';

/** A resident ID with a correct check digit (or, with `wrong`, an incorrect one). */
export function residentId(seed: number, wrong = false): string {
  const body = `440305${String(19500101 + (seed % 40) * 10000 + (seed % 12) * 100 + (seed % 28)).slice(0, 8)}${String(100 + (seed % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  const codes = '10X98765432';
  const check = codes[sum % 11]!;
  return body + (wrong ? codes[(sum + 1) % 11]! : check);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];

export function personName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i >= 400 ? String.fromCharCode(0x4e00 + (i % 2000)) : ''}`;
}

export const LEDGER_HEADER = ['房屋编号', '楼栋', '单元', '房号', '建筑面积(㎡)', '用途', '状态', '业主姓名', '联系电话', '证件类型', '身份证号', '入住日期', '租户', '租户电话', '备注'];
export type LedgerRow = (string | number | Date | null | { formula: string; result?: unknown })[];

/** n good rows: building b, unit u, room r, owner, phone ending in the row number, a valid ID. */
export function ledgerRows(n: number, start = 0): LedgerRow[] {
  const out: LedgerRow[] = [];
  for (let k = start; k < start + n; k++) {
    const b = 1 + Math.floor(k / 400);
    const u = 1 + Math.floor((k % 400) / 100);
    const r = (1 + Math.floor((k % 100) / 4)) * 100 + 1 + (k % 4);
    const rented = k % 10 === 3;
    out.push([
      `${b}-${u}-${r}`, b, u, r, 89.5 + (k % 7), k % 50 === 49 ? '商铺' : '住宅', rented ? '出租' : '入住',
      personName(k), `139${String(k).padStart(8, '0')}`, '身份证', residentId(k), new Date(Date.UTC(2019, k % 12, 1 + (k % 28))),
      rented ? personName(k + 7) : null, rented ? `137${String(k).padStart(8, '0')}` : null, null,
    ]);
  }
  return out;
}

export interface WorkbookSheet {
  name: string;
  rows: LedgerRow[];
  merges?: string[];
}

/** An .xlsx file in memory. */
export async function xlsx(sheets: WorkbookSheet[] | LedgerRow[]): Promise<Buffer> {
  const list: WorkbookSheet[] = Array.isArray(sheets[0]) || sheets.length === 0 ? [{ name: '业主台账', rows: sheets as LedgerRow[] }] : (sheets as WorkbookSheet[]);
  const wb = new ExcelJS.Workbook();
  for (const s of list) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) => {
      const r = ws.getRow(i + 1);
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = r.getCell(c + 1);
        cell.value = v as ExcelJS.CellValue;
        if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      });
      r.commit();
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvField(v: LedgerRow[number]): string {
  if (v === null) return '';
  const t = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? String(v.result ?? '') : String(v);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function csvText(rows: LedgerRow[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** CSV bytes in the encodings the centres' programs write. GBK is encoded by hand (Node has no GBK encoder): the test data uses only names whose GBK bytes are listed. */
export function csv(rows: LedgerRow[], encoding: 'utf-8' | 'utf-8-bom' | 'gbk'): Buffer {
  const text = csvText(rows);
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return encodeGbk(text);
}

let gbkTable: Map<string, number[]> | null = null;
/** Build a reverse GBK table once, by decoding every two-byte code. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------
// Calls

async function must<N extends OpName>(app: App, token: string, name: N, input: OpInput<N>) {
  const { envelope } = await app.call(token, name, input);
  if (!envelope.ok) throw Object.assign(new Error(`${name} refused: ${envelope.error.code} — ${envelope.error.message['en-US']}`), { error: envelope.error });
  return envelope.value as never;
}

/** Upload bytes in chunks, as the desk does; returns the upload id. */
export async function upload(app: App, token: string, name: string, bytes: Buffer, type = ''): Promise<string> {
  const { uploadId, chunkBytes } = await must(app, token, 'files.beginUpload', { name, size: bytes.length, type }) as { uploadId: string; chunkBytes: number };
  for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
    await must(app, token, 'files.uploadChunk', { uploadId, index: i, data: bytes.subarray(at, at + chunkBytes).toString('base64') });
  }
  await must(app, token, 'files.finishUpload', { uploadId, sha256: createHash('sha256').update(bytes).digest('hex') });
  return uploadId;
}

/** Fetch a download chunk by chunk. */
export async function download(app: App, token: string, fileId: string): Promise<{ name: string; bytes: Buffer }> {
  const parts: Buffer[] = [];
  let name = '';
  for (let i = 0, chunks = 1; i < chunks; i++) {
    const c = await must(app, token, 'files.downloadChunk', { fileId, index: i }) as { chunks: number; data: string; name: string };
    chunks = c.chunks;
    name = c.name;
    parts.push(Buffer.from(c.data, 'base64'));
  }
  return { name, bytes: Buffer.concat(parts) };
}

/** Start a job and wait for it to end; returns its last status. */
export async function runJob<N extends OpName>(app: App, token: string, name: N, input: OpInput<N>): Promise<JobStatus> {
  const { jobId } = await must(app, token, name, input) as { jobId: string };
  await jobFinished(app.store, jobId);
  return await must(app, token, 'jobs.status', { jobId }) as JobStatus;
}

/** Read a workbook back: each sheet's rows as arrays of cell values (from column 1). */
export async function readBack(bytes: Buffer): Promise<{ name: string; rows: unknown[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1);
    });
    return { name: ws.name, rows };
  });
}
