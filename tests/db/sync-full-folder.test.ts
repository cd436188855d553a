/**
 * The shared folder's disk fills up in the middle of an export (a USB drive nearly full): the
 * export stops with a clear bilingual message, every file written before is whole, none is
 * left half-written, nothing beyond them is recorded as sent; once space is freed, the next
 * export carries on and head office ends with exactly the site's rows.
 *
 * The folder is a real, tiny filesystem (tmpfs), so the disk really is full. Mounting needs
 * the right to mount, which CI's machine has; elsewhere the test says why it did not run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, rows, tempDir } from '../helpers/app.js';
import { AppError } from '../../db/errors.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder } from '../../db/sync/import.js';
import { payMonth, syncWorld, tablesOf } from './sync-fixture.js';

let mounted: string | null = null;
afterEach(async () => {
  if (mounted) execFileSync('umount', [mounted]); // before the temp folder it sits on is removed
  mounted = null;
  await cleanup();
});

function tinyDisk(kb: number): string | null {
  const dir = tempDir('front-desk-full-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounted = dir;
  return dir;
}

const canMount = (() => {
  try {
    return process.getuid?.() === 0 && execFileSync('sh', ['-c', 'command -v mount'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
})();

it.skipIf(!canMount)('an export that fills the folder\'s disk stops clearly, leaves no half file, and carries on once space is freed', async () => {
  const w = await syncWorld();
  for (const period of ['2026-10', '2026-11']) for (const room of [w.site.rooms.r101, w.site.rooms.r102]) await payMonth(w.site, period, room);
  for (let i = 1; i <= 30; i++) {
    await ok(w.site.app, w.site.cashier.token, 'fees.pay', { roomId: w.site.rooms.r201, lines: [], prepay: 100 * i, methods: [{ method: 'cash', amount: 100 * i }] });
  }
  const disk = tinyDisk(256);
  if (!disk) throw new Error('mount refused although running as root');
  const share = join(disk, 'share');
  mkdirSync(share);
  // the drive is nearly full before the export starts: room for a few small files only
  const filler = join(disk, 'filler.bin');
  writeFileSync(filler, Buffer.alloc(236 * 1024));

  let refusal: unknown;
  await exportChanges(w.site.app.store, { folder: share, key: w.siteKey, maxRows: 5 }).catch((e: unknown) => { refusal = e; });
  expect(refusal).toBeInstanceOf(AppError);
  expect((refusal as AppError).code).toBe('sync.folder_full');
  const written = readdirSync(join(share, 'HZ-01'));
  expect(written.filter((f) => f.startsWith('.'))).toEqual([]); // no temporary file left behind
  const sent = rows<{ file: string }>(w.site.app, "SELECT file FROM sync_batch WHERE direction = 'out' ORDER BY seq_from").map((r) => r.file.split('/')[1]);
  expect(written.sort()).toEqual(sent);
  expect(sent.length).toBeGreaterThan(0);
  // each file written is whole: head office applies them all
  const first = await importFolder(w.hq.store, share);
  expect(first.refused).toEqual([]);
  expect(first.applied).toHaveLength(sent.length);

  rmSync(filler);
  const rest = await exportChanges(w.site.app.store, { folder: share, key: w.siteKey, maxRows: 5 });
  expect(rest.files.length).toBeGreaterThan(0);
  const second = await importFolder(w.hq.store, share);
  expect(second.refused).toEqual([]);
  expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
  expect(readFileSync(join(share, 'HZ-01', written[0]!)).length).toBeGreaterThan(0);
});
