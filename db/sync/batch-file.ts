/**
 * Writing and reading one batch file (the format is described in rules.ts). Reading
 * checks, in order: it un-gzips whole (a torn or truncated file does not), the header is
 * ours, the writer is one this store trusts and the file lies in that writer's folder, the
 * signature is the writer's over the header, the body is the one the header names, and the
 * rows are exactly the header's contiguous range of that writer.
 */
import { createHash } from 'node:crypto';
import { createGzip, gunzip, gunzipSync, gzipSync } from 'node:zlib';
import type { ErrorParams } from '../errors.js';
import type { ErrorCode } from '../i18n/errors.js';
import { signBytes, verifyBytes, type SigningKey } from './keys.js';
import {
  batchHeaderSchema, FORMAT, FORMAT_VERSION, parseRowLine, ROW_FIELDS, rowLine, sha256, type BatchHeader, type ChangeRow,
} from './rules.js';

/** One level for every writer: the same range always gives the same bytes. */
const GZIP_LEVEL = 6;

/** Why a file is not accepted; `quarantine` says whether it is moved aside (a held file is kept where it lies). */
export class BatchRefused extends Error {
  constructor(readonly code: ErrorCode, readonly params: ErrorParams = {}, readonly quarantine = true) {
    super(code);
  }
}

export interface EncodedBatch {
  bytes: Buffer;
  header: BatchHeader;
  /** the batch's hash (of its header line): the next batch's prev */
  hash: string;
}

type BatchMeta = { schema: number; writer: string; site: string; prev: string | null; kind?: BatchHeader['kind']; from?: number; to?: number };

/**
 * A batch's body as it is built, a run of row lines at a time: the bytes in parts and their
 * running hash, so a large batch is never serialised or hashed in one blocking step.
 */
export class BatchBody {
  readonly parts: Buffer[] = [];
  private readonly digest = createHash('sha256');
  rows = 0;
  from = 0;
  to = 0;

  /** row lines (UTF-8), each ending with a newline, of the sequences `from`…`to` (`count` rows) */
  add(bytes: Buffer, count: number, from: number, to: number): void {
    if (count === 0) return;
    this.parts.push(bytes);
    this.digest.update(bytes);
    if (this.rows === 0) this.from = from;
    this.rows += count;
    this.to = to;
  }

  sha(): string {
    return this.digest.digest('hex');
  }
}

/** A sealed batch: its header line signed, the whole uncompressed text in parts. */
export interface SealedBatch {
  header: BatchHeader;
  hash: string;
  text: Buffer[];
}

export function sealBatch(meta: BatchMeta, body: BatchBody, key: SigningKey): SealedBatch {
  const header: BatchHeader = {
    format: FORMAT, version: FORMAT_VERSION, kind: meta.kind ?? 'changes', schema: meta.schema, writer: meta.writer, site: meta.site,
    from: meta.from ?? body.from, to: meta.to ?? body.to, rows: body.rows, prev: meta.prev, body: body.sha(), key: key.fingerprint, fields: [...ROW_FIELDS],
  };
  const headerLine = Buffer.from(JSON.stringify(header), 'utf8');
  const signature = signBytes(key, headerLine);
  return { header, hash: sha256(headerLine), text: [headerLine, Buffer.from('\n'), ...body.parts, Buffer.from(`${JSON.stringify({ signature })}\n`)] };
}

/**
 * The file's bytes, compressed on the thread pool part by part (never copied into one
 * buffer first): the desk's event loop goes on meanwhile. The output buffer is large enough
 * for a whole file, so the pool is not kept waiting on the event loop between pieces; the
 * bytes are the same as compressing the whole text at once.
 */
export function compressBatch(sealed: SealedBatch): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = createGzip({ level: GZIP_LEVEL, chunkSize: 1 << 24 });
    const out: Buffer[] = [];
    z.on('data', (d: Buffer) => out.push(d)).on('end', () => resolve(Buffer.concat(out))).on('error', reject);
    for (const part of sealed.text) z.write(part);
    z.end();
  });
}

export function encodeBatch(meta: BatchMeta, rows: readonly ChangeRow[], key: SigningKey): EncodedBatch {
  const body = new BatchBody();
  if (rows.length > 0) body.add(Buffer.from(rows.map((r) => `${rowLine(r)}\n`).join(''), 'utf8'), rows.length, rows[0]!.seq, rows[rows.length - 1]!.seq);
  const sealed = sealBatch(meta, body, key);
  return { bytes: gzipSync(Buffer.concat(sealed.text), { level: GZIP_LEVEL }), header: sealed.header, hash: sealed.hash };
}

export interface DecodedBatch {
  header: BatchHeader;
  hash: string;
  rows: ChangeRow[];
}

const damaged = (e: unknown) => new BatchRefused('sync.damaged', { detail: String((e as Error).message ?? e).slice(0, 80) });

/** A file's text, un-gzipped whole: a torn or truncated file does not un-gzip, and is refused as damaged. */
export function gunzipBatch(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { chunkSize: textSize(bytes) });
  } catch (e) {
    throw damaged(e);
  }
}

/**
 * The size to un-gzip into: the length a gzip file's last four bytes give (modulo 4 GiB), a
 * little over, so the text comes out as one buffer instead of parts copied together after
 * (a second of a large load's main thread). Only a hint: a file that lies about it still
 * un-gzips whole, or not at all.
 */
function textSize(bytes: Buffer): number {
  const said = bytes.length >= 4 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  return Math.min(Math.max(said + 1024, 1 << 16), 1 << 28);
}

/** The same on the thread pool, so the next file is un-gzipped while this one is applied. */
export function gunzipBatchAsync(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(bytes, { chunkSize: textSize(bytes) }, (e, text) => (e ? reject(damaged(e)) : resolve(text)));
  });
}

/** A batch's text cut into its header line, its body of row lines and its signature line. */
function splitText(text: Buffer): { headerLine: Buffer; body: Buffer; sigLine: string } {
  const first = text.indexOf(0x0a);
  if (first < 0 || text[text.length - 1] !== 0x0a) throw new BatchRefused('sync.damaged', { detail: 'no complete lines' });
  const last = text.lastIndexOf(0x0a, text.length - 2);
  if (last < first) throw new BatchRefused('sync.damaged', { detail: 'no signature line' });
  return { headerLine: text.subarray(0, first), body: text.subarray(first + 1, last + 1), sigLine: text.subarray(last + 1, text.length - 1).toString('utf8') };
}

/**
 * Read and verify a batch. `trust(header)` returns the public key the header's writer must
 * have signed with, or throws BatchRefused (unknown, revoked, wrong folder).
 */
export function decodeBatch(bytes: Buffer, trust: (header: BatchHeader) => string): DecodedBatch {
  return decodeText(gunzipBatch(bytes), trust);
}

/** Verify and read a batch already un-gzipped (see gunzipBatchAsync). */
export function decodeText(text: Buffer, trust: (header: BatchHeader) => string): DecodedBatch {
  const { headerLine, body, sigLine } = splitText(text);
  let header: BatchHeader;
  try {
    const parsed = batchHeaderSchema.safeParse(JSON.parse(headerLine.toString('utf8')));
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'header');
    header = parsed.data;
  } catch (e) {
    throw new BatchRefused('sync.bad_format', { detail: String((e as Error).message).slice(0, 80) });
  }
  if (header.fields.join(',') !== ROW_FIELDS.join(',')) throw new BatchRefused('sync.bad_format', { detail: 'row fields' });
  const publicKey = trust(header);
  let signature = '';
  try {
    signature = String((JSON.parse(sigLine) as { signature?: unknown }).signature ?? '');
  } catch { /* an unreadable signature line is a bad signature */ }
  if (!verifyBytes(publicKey, headerLine, signature)) throw new BatchRefused('sync.bad_signature', { site: header.site });
  if (sha256(body) !== header.body) throw new BatchRefused('sync.bad_hash', {});

  return { header, hash: sha256(headerLine), rows: bodyRows(body, header) };
}

/**
 * The rows of a body, each checked: exactly the header's count, each line a change of the
 * header's writer, in the order and range the header gives.
 */
function bodyRows(body: Buffer, header: BatchHeader): ChangeRow[] {
  // Each line is read out of the bytes on its own: a body is tens of megabytes, and making one
  // string of it to split into lines took a tenth of a large site's import (121 s, now 108 s).
  let count = 0;
  for (let at = body.indexOf(0x0a); at >= 0; at = body.indexOf(0x0a, at + 1)) count++;
  if (count !== header.rows) throw new BatchRefused('sync.bad_rows', { detail: `${count} rows, header says ${header.rows}` });
  const rows: ChangeRow[] = [];
  for (let i = 0, start = 0; i < count; i++) {
    const end = body.indexOf(0x0a, start);
    const r = parseRowLine(body.toString('utf8', start, end), header.writer);
    start = end + 1;
    if (typeof r === 'string') throw new BatchRefused('sync.bad_rows', { detail: r });
    // a change batch holds every sequence of its range; a reference batch some of them, in order
    const fits = header.kind === 'changes' ? r.seq === header.from + i : r.seq >= header.from && r.seq <= header.to && (i === 0 || r.seq > rows[i - 1]!.seq);
    if (!fits) throw new BatchRefused('sync.bad_rows', { detail: `row ${i + 1} has seq ${r.seq}, out of order for ${header.from}–${header.to}` });
    rows.push(r);
  }
  return rows;
}

/**
 * The rows of a file this store verified when it applied it (head office on PostgreSQL keeps
 * the files): read again, the signature not checked a second time, so a site's key revoked
 * since does not hide what was applied.
 */
export function rowsOfAppliedFile(bytes: Buffer): ChangeRow[] {
  const { headerLine, body } = splitText(gunzipBatch(bytes));
  return bodyRows(body, batchHeaderSchema.parse(JSON.parse(headerLine.toString('utf8'))));
}
