import { call } from '../../api';

/**
 * A scan comes to the screen as the store streams it: archives.openScan makes it a
 * download of this session, fetched in chunks (files.downloadChunk) and assembled into a
 * Blob the browser keeps outside the JS heap; the blob: URL feeds an <img> or a PDF frame.
 */
function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function scanUrl(scanId: string, onProgress?: (done: number, total: number) => void): Promise<{ url: string; mime: string; name: string }> {
  const opened = await call('archives.openScan', { scanId });
  const parts: Blob[] = [];
  try {
    for (let i = 0, chunks = 1; i < chunks; i++) {
      const c = await call('files.downloadChunk', { fileId: opened.fileId, index: i });
      chunks = c.chunks;
      parts.push(new Blob([fromBase64(c.data)]));
      onProgress?.(i + 1, chunks);
    }
  } finally {
    void call('files.discard', { id: opened.fileId }).catch(() => undefined);
  }
  return { url: URL.createObjectURL(new Blob(parts, { type: opened.mime })), mime: opened.mime, name: opened.name };
}
