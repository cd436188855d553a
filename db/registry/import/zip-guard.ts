import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../errors.js';
import type { UploadedFile } from '../../files/files.js';

/**
 * An .xlsx is a zip, and Excel's reader unpacks every part of it into memory. Before it
 * does, each part is measured here: what the zip's central directory declares, and then
 * what the part really unpacks to (inflated as a stream and thrown away, on zlib's
 * threads, so the desk keeps answering). A workbook whose parts together unpack past
 * MAX_UNPACKED, whose non-data parts (themes, styles, drawings…) are larger than any real
 * one, whose part unpacks to more than it declares, or whose sheet has more rows than one
 * import takes, is refused before the reader sees it.
 */
export const MAX_UNPACKED = 80 * 1024 * 1024;
/** A theme is ~10 KB, a messy styles part a few MB: anything past this beside the data is not a workbook's. */
export const MAX_OTHER_PART = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The parts where a workbook's data lives (at any path the reader would take them from). */
const DATA_PART = /(worksheets\/[^/]+\.xml|sharedStrings\.xml)$|(^|\/)xl\/media\//i;
/** Row elements, with or without a namespace prefix. */
const ROW = /<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/g;

/**
 * The central directory, read exactly the way the reader reads it: it must sit right before
 * its end record (no prepended bytes to shift offsets), list as many parts as the end record
 * says, and use no zip64 or method other than stored and deflate. Null otherwise.
 */
async function centralDirectory(path: string, fileSize: number): Promise<ZipEntry[] | null> {
  const h = await open(path, 'r');
  try {
    const tailLen = Math.min(fileSize, 65_557);
    const tail = Buffer.alloc(tailLen);
    await h.read(tail, 0, tailLen, fileSize - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tail.length) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirAt = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirAt === 0xffffffff || count > MAX_PARTS) return null;
    if (dirAt + dirSize !== fileSize - tailLen + eocd) return null;
    const dir = Buffer.alloc(dirSize);
    await h.read(dir, 0, dirSize, dirAt);
    const out: ZipEntry[] = [];
    let at = 0;
    while (at + 46 <= dir.length && dir.readUInt32LE(at) === 0x02014b50) {
      const method = dir.readUInt16LE(at + 10);
      const compressedSize = dir.readUInt32LE(at + 20);
      const size = dir.readUInt32LE(at + 24);
      const nameLen = dir.readUInt16LE(at + 28);
      const localOffset = dir.readUInt32LE(at + 42);
      if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) return null;
      if ((method !== 0 && method !== 8) || localOffset + compressedSize > dirAt) return null;
      out.push({ name: dir.toString('utf8', at + 46, at + 46 + nameLen), method, compressedSize, size, localOffset });
      at += 46 + nameLen + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    if (at !== dir.length || out.length !== count) return null;
    return out;
  } finally {
    await h.close();
  }
}

/** Where a part's bytes begin: after its local header (whose own name and extra lengths count). */
async function dataStart(path: string, e: ZipEntry): Promise<number | null> {
  const h = await open(path, 'r');
  try {
    const head = Buffer.alloc(30);
    const { bytesRead } = await h.read(head, 0, 30, e.localOffset);
    if (bytesRead < 30 || head.readUInt32LE(0) !== 0x04034b50) return null;
    return e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  } finally {
    await h.close();
  }
}

type Measure = { kind: 'ok'; size: number; rows: number } | { kind: 'over' } | { kind: 'broken' };

/** Unpack one part as a stream, counting bytes and rows, and stop as soon as it passes `limit`. */
function measure(path: string, start: number, e: ZipEntry, limit: number, countRows: boolean): Promise<Measure> {
  return new Promise((resolve) => {
    const source = createReadStream(path, { start, end: start + Math.max(e.compressedSize, 1) - 1 });
    if (e.compressedSize === 0) {
      source.destroy();
      resolve({ kind: 'ok', size: 0, rows: 0 });
      return;
    }
    const inflate = e.method === 8 ? createInflateRaw() : null;
    const stream = inflate ? source.pipe(inflate) : source;
    let size = 0;
    let rows = 0;
    let carry = '';
    let done = false;
    const finish = (m: Measure) => {
      if (done) return;
      done = true;
      source.destroy();
      inflate?.destroy();
      resolve(m);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish({ kind: 'over' });
      if (countRows) {
        // a row tag may straddle two chunks: look again at the last few characters
        const text = carry + chunk.toString('latin1');
        rows += text.match(ROW)?.length ?? 0;
        const tailAt = Math.max(0, text.length - 16);
        const tail = text.slice(tailAt);
        // a tag already counted must not be counted twice from the carried tail
        rows -= tail.match(ROW)?.length ?? 0;
        carry = tail;
      }
    });
    stream.on('end', () => finish({ kind: 'ok', size, rows: rows + (carry.match(ROW)?.length ?? 0) }));
    stream.on('error', () => finish({ kind: 'broken' }));
    source.on('error', () => finish({ kind: 'broken' }));
  });
}

/**
 * Refuse a workbook that would exhaust the desk, before anything unpacks it for real.
 * `maxRows`: a sheet with more rows than this is refused as too many rows.
 */
export async function guardWorkbookZip(file: UploadedFile, maxRows: number): Promise<void> {
  const entries = await centralDirectory(file.path, file.size);
  if (!entries) throw new AppError('import.bad_workbook', { name: file.name });
  const unsafe = () => new AppError('import.workbook_unsafe', { name: file.name });
  const tooBig = () => new AppError('import.workbook_too_big', { name: file.name, max: maxRows });
  // what the directory declares, before a byte is unpacked
  let declared = 0;
  for (const e of entries) {
    declared += e.size;
    if (e.method === 0 && e.size !== e.compressedSize) throw unsafe();
    if (!DATA_PART.test(e.name) && e.size > MAX_OTHER_PART) throw unsafe();
  }
  if (declared > MAX_UNPACKED) throw tooBig();
  // what each part really unpacks to: never more than it declared
  for (const e of entries) {
    const start = await dataStart(file.path, e);
    if (start === null) throw new AppError('import.bad_workbook', { name: file.name });
    const m = await measure(file.path, start, e, e.size, /\.xml$/i.test(e.name));
    if (m.kind === 'broken') throw new AppError('import.bad_workbook', { name: file.name });
    if (m.kind === 'over') throw unsafe();
    if (m.rows > maxRows + 100) throw new AppError('import.too_many_rows', { sheet: e.name.replace(/^.*\//, ''), rows: m.rows, max: maxRows });
  }
}
