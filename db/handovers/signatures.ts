import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { requireSession, type OpContext } from '../api/op.js';
import { AppError } from '../errors.js';
import { discardFile, firstBytes, uploadedFile } from '../files/files.js';
import { uuidv7 } from '../ids.js';
import { sha256 } from './rules.js';

/**
 * Signature images kept by content hash in the data folder, the way archive scans are:
 * <data folder>/signatures/ab/<sha256>. A drawn signature arrives as the canvas's PNG
 * (small: sent in the signing call itself); a sheet signed on paper arrives as an ordinary
 * chunked upload (db/files) and is copied by the file system. Written beside and renamed,
 * so a crash never leaves a half file under a hash's name; the same image is stored once.
 */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const PDF = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const MAX_PNG_BYTES = 400 * 1024;

/** The longest PNG data URL a signing call may carry. */
export const MAX_PNG_TEXT = Math.ceil(MAX_PNG_BYTES / 3) * 4 + 32;

/** A signature as signing hands it over: drawn (the canvas's PNG) or signed on paper (an upload of the scan). */
export interface SignatureInput {
  method: 'drawn' | 'paper';
  name: string;
  png?: string;
  uploadId?: string;
}

function imagePath(ctx: Pick<OpContext, 'store'>, hash: string): string {
  return join(dirname(ctx.store.file), 'signatures', hash.slice(0, 2), hash);
}

async function place(dest: string, write: (tmp: string) => Promise<void>, size: number): Promise<void> {
  if (await stat(dest).then((s) => s.size === size, () => false)) return;
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.${uuidv7()}.part`;
  await write(tmp);
  await rename(tmp, dest);
}

/** Keep a drawn signature (the canvas's PNG data URL) in the data folder; returns its hash. */
export async function keepDrawnSignature(ctx: Pick<OpContext, 'store'>, png: string): Promise<string> {
  const data = Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (data.length < 60 || !data.subarray(0, 8).equals(PNG)) throw new AppError('handovers.bad_signature');
  const hash = sha256(data);
  await place(imagePath(ctx, hash), (tmp) => writeFile(tmp, data), data.length);
  return hash;
}

/** Store the signature's image; returns its hash. */
export async function storeSignature(ctx: OpContext, s: SignatureInput): Promise<string> {
  if (s.method === 'drawn') {
    if (!s.png) throw new AppError('handovers.bad_signature');
    return keepDrawnSignature(ctx, s.png);
  }
  if (!s.uploadId) throw new AppError('handovers.bad_scan');
  const file = uploadedFile(ctx.store, requireSession(ctx).token, s.uploadId!);
  const head = await firstBytes(file.path, 8);
  if (!head.subarray(0, 8).equals(PNG) && !JPEG(head) && !PDF(head)) throw new AppError('handovers.bad_scan');
  await place(imagePath(ctx, file.sha256), (tmp) => copyFile(file.path, tmp), file.size);
  await discardFile(ctx, s.uploadId!);
  return file.sha256;
}

/** A stored image as a data URL, for the screen and the printout (signatures are small). */
export async function signatureImage(ctx: OpContext, hash: string): Promise<string> {
  const data = await readFile(imagePath(ctx, hash)).catch(() => null);
  if (!data) throw new AppError('handovers.image_missing');
  const mime = data.subarray(0, 8).equals(PNG) ? 'image/png' : JPEG(data) ? 'image/jpeg' : 'application/pdf';
  return `data:${mime};base64,${data.toString('base64')}`;
}
