/**
 * Backup figures on a large store (not part of `npm run bench`: it needs a demo site).
 * Build one with `npm run demo -- --data-dir D --scale large`, then:
 *   npx tsx tests/bench/backup-figures.ts D [backup-folder]
 * or, without a demo site, on a fresh store padded with a filler table to N MB (pages are
 * pages to the backup: their content does not change what it costs):
 *   npx tsx tests/bench/backup-figures.ts --synthetic 272 [backup-folder]
 * Prints how long the backup takes (copy and check, both in worker threads; stored files) and
 * the longest the desk's thread waited at a time meanwhile, measured by a 1 ms timer while the
 * desk reads every 10 ms and takes the write lock every 100 ms; and the same timer with no
 * backup running, which is what the machine's own load costs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../db/api/app.js';
import { makeBackup } from '../../db/backup/make.js';

const synthetic = process.argv[2] === '--synthetic' ? Number(process.argv[3]) : null;
const dataDir = synthetic ? mkdtempSync(join(tmpdir(), 'fd-backup-synthetic-')) : process.argv[2];
if (!dataDir || Number.isNaN(synthetic)) throw new Error('usage: tsx tests/bench/backup-figures.ts DATA_DIR|--synthetic MB [FOLDER]');
const folder = process.argv[synthetic ? 4 : 3] ?? mkdtempSync(join(tmpdir(), 'fd-backup-figures-'));
if (synthetic) {
  await (await createApp(join(dataDir, 'frontdesk.sqlite'))).close();
  const raw = new Database(join(dataDir, 'frontdesk.sqlite'));
  raw.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const put = raw.prepare('INSERT INTO bench_filler (body) VALUES (?)');
  const rows = Math.ceil((synthetic * 1024 * 1024) / 2000);
  raw.transaction(() => { for (let i = 0; i < rows; i++) put.run(randomBytes(2000)); })();
  raw.close();
}
const app = await createApp(join(dataDir, 'frontdesk.sqlite'));
const pages = app.store.raw.pragma('page_count', { simple: true }) as number;
const pageSize = app.store.raw.pragma('page_size', { simple: true }) as number;
console.log(`store: ${((pages * pageSize) / 1024 / 1024).toFixed(0)} MB (${pages} pages of ${pageSize} B)`);

/** the longest the desk's thread was kept waiting at a time while `during` runs, by a 1 ms timer */
async function longestWait<T>(during: (phase: () => string) => Promise<T>, onPhase: { current: string }): Promise<{ result: T; worst: Record<string, number>; ms: number }> {
  const worst: Record<string, number> = {};
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const k = onPhase.current || 'start';
    worst[k] = Math.max(worst[k] ?? 0, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  const result = await during(() => onPhase.current);
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5)); // one more tick, so a wait at the very end is counted
  clearInterval(timer);
  return { result, worst, ms };
}

const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
// the machine's own noise: the same timer with nothing running
const idle = await longestWait(() => new Promise((r) => setTimeout(r, 3000)), { current: 'idle' });
console.log(`no backup running (3 s): the desk's thread waited at most ${round(idle.worst).idle} ms at a time (the machine's load alone)`);

// a desk read that costs what a screen's does: the last changes of the site, by the change log's key
const site = (app.store.raw.prepare('SELECT site_id FROM change_log LIMIT 1').get() as { site_id: string } | undefined)?.site_id ?? '';
const recent = app.store.raw.prepare('SELECT seq FROM change_log WHERE site_id = ? ORDER BY seq DESC LIMIT 20');
const runs = Number(process.env.RUNS ?? 2);
for (let run = 1; run <= runs; run++) {
  const phase = { current: '' };
  const phases: Record<string, number> = {};
  let phaseAt = performance.now();
  let answered = 0;
  // the desk keeps working: a read every 10 ms, and the write lock taken every 100 ms
  const desk = setInterval(() => {
    recent.all(site);
    if (answered++ % 10 === 0) app.store.raw.exec('BEGIN IMMEDIATE; COMMIT');
  }, 10);
  const { result: made, worst, ms } = await longestWait(() => makeBackup(app.store, {
    folder, reason: 'manual', now: new Date(),
    onProgress: (p) => {
      if (p.phase !== phase.current) {
        if (phase.current) phases[phase.current] = performance.now() - phaseAt;
        phase.current = p.phase;
        phaseAt = performance.now();
      }
    },
  }), phase);
  phases[phase.current] = performance.now() - phaseAt;
  clearInterval(desk);
  console.log(`backup ${run}: ${(ms / 1000).toFixed(1)} s in all (` +
    Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ') + `), state ${made.state}, ` +
    `${((made.storeBytes + made.filesBytes) / 1024 / 1024).toFixed(0)} MB; ${answered} desk reads answered meanwhile; ` +
    `longest wait of the desk's thread by phase (ms): ${JSON.stringify(round(worst))}`);
}
await app.close();
