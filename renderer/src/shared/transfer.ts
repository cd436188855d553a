import { call } from '../api';
import type { OpOutput } from '../../../db/api/types';

/**
 * Files and jobs from the desk's side. A file goes up in base64 chunks through the
 * ordinary API (so Electron IPC and browser mode carry it the same way) and is checked by
 * its SHA-256; a download comes back in chunks and is saved through an <a download>, which
 * works in both hosts. Jobs are polled until they end.
 */
export type JobStatus = OpOutput<'jobs.status'>;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Upload a File; the store refuses one that is too large before a byte is sent. */
export async function uploadFile(file: File, onProgress: (sent: number, total: number) => void): Promise<string> {
  const { uploadId, chunkBytes } = await call('files.beginUpload', { name: file.name, size: file.size, type: file.type });
  const data = await file.arrayBuffer();
  const bytes = new Uint8Array(data);
  onProgress(0, bytes.length);
  for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
    await call('files.uploadChunk', { uploadId, index: i, data: toBase64(bytes.subarray(at, at + chunkBytes)) });
    onProgress(Math.min(at + chunkBytes, bytes.length), bytes.length);
  }
  await call('files.finishUpload', { uploadId, sha256: await sha256Hex(data) });
  return uploadId;
}

/** Fetch a file the store made (an error report, an export) and save it under its name. */
export async function downloadFile(fileId: string, onProgress?: (done: number, total: number) => void): Promise<string> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let name = 'download';
  let type = 'application/octet-stream';
  for (let i = 0, chunks = 1; i < chunks; i++) {
    const c = await call('files.downloadChunk', { fileId, index: i });
    chunks = c.chunks;
    name = c.name;
    type = c.type || type;
    parts.push(fromBase64(c.data));
    onProgress?.(i + 1, chunks);
  }
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Poll a job until it ends, reporting each status; resolves with the last one. */
export async function followJob(jobId: string, onStatus: (s: JobStatus) => void, intervalMs = 200): Promise<JobStatus> {
  for (;;) {
    const s = await call('jobs.status', { jobId });
    onStatus(s);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function cancelJob(jobId: string): Promise<JobStatus> {
  return call('jobs.cancel', { jobId });
}

/** Forget a file now (the wizard closed); failures do not matter, the store sweeps later anyway. */
export function discardFile(id: string | null | undefined): void {
  if (id) void call('files.discard', { id }).catch(() => undefined);
}
