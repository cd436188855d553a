import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Damage a closed store the way a torn write does: the first cell pointer of the last table
 * leaf page past the schema page (a page of rows) now points past the end of its page.
 * SQLite's quick check finds it; the header still says "SQLite format 3".
 */
export function damageTablePage(file: string): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  let page = -1;
  for (let p = bytes.length / pageSize - 1; p >= 1 && page < 0; p--) if (bytes[p * pageSize] === 0x0d && bytes.readUInt16BE(p * pageSize + 3) > 2) page = p;
  if (page < 1) throw new Error('no table leaf page to damage');
  bytes.writeUInt16BE(0xfff0, page * pageSize + 8);
  writeFileSync(file, bytes);
}
