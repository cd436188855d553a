/**
 * A PC switched off in the middle of a sync: the site's export and head office's import are
 * each killed with SIGKILL part-way (no shutdown, no flush) in a child process that opened
 * the store as the desk does. Started again, each carries on to the same end state as a run
 * never interrupted: head office holds exactly the site's rows, every range once, no file
 * refused, nothing applied twice.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { cleanup, createTestApp, ok, rows, tempDir } from '../helpers/app.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder } from '../../db/sync/import.js';
import { payMonth, syncWorld, tablesOf, type SyncWorld } from './sync-fixture.js';

afterEach(cleanup);

const child = fileURLToPath(new URL('./sync-crash-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
/** a child process loads the whole program through tsx first: seconds on a quiet machine, far more on a busy one */
const CHILD_TIMEOUT = 240_000;

/** Run the child and SIGKILL it once it has reported `after` files; resolves with what it reported. */
function killPartWay(args: string[], after: number): Promise<{ progress: number; finished: boolean }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => {
    let seen = 0;
    let finished = false;
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        if (l.startsWith('progress ')) seen++;
        if (l === 'finished') finished = true;
      }
      if (seen >= after && !proc.killed) proc.kill('SIGKILL');
    });
    proc.once('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ progress: seen, finished });
      else reject(new Error(`the child stopped on its own (${code}): ${err}`));
    });
  });
}

/** A site with months of bills, their payments and a day of prepayments: many transactions, so many small files. */
async function busySite(): Promise<SyncWorld> {
  const w = await syncWorld();
  for (const period of ['2026-10', '2026-11']) {
    for (const room of [w.site.rooms.r101, w.site.rooms.r102, w.site.rooms.r201]) await payMonth(w.site, period, room);
  }
  for (let i = 1; i <= 30; i++) {
    await ok(w.site.app, w.site.cashier.token, 'fees.pay', { roomId: w.site.rooms.r201, lines: [], prepay: 100 * i, methods: [{ method: 'cash', amount: 100 * i }] });
  }
  return w;
}

const siteFiles = (w: SyncWorld) => readdirSync(join(w.folder, 'HZ-01')).filter((f) => !f.startsWith('.')).sort();

it('an export killed part-way carries on where it stopped: head office applies every range once and holds exactly the site\'s rows', async () => {
  const w = await busySite();
  const keyFile = join(tempDir(), 'key.pem');
  writeFileSync(keyFile, w.siteKey.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const total = rows<{ n: number }>(w.site.app, 'SELECT count(*) AS n FROM change_log WHERE site_id = ?', w.siteId)[0]!.n;
  const file = w.site.app.file;
  await w.site.app.close();

  const killed = await killPartWay(['export', file, w.folder, keyFile], 5);
  expect(killed.finished).toBe(false);
  const written = siteFiles(w).length;
  expect(written).toBeGreaterThanOrEqual(5);

  const site = await createTestApp({ file });
  const rest = await exportChanges(site.store, { folder: w.folder, key: w.siteKey, maxRows: 5 });
  expect(rest.through).toBe(rows<{ m: number }>(site, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', w.siteId)[0]!.m);
  // what was written before the kill is neither written twice under another range nor left out
  const ranges = siteFiles(w).map((f) => f.match(/(\d+)-(\d+)/)!.slice(1).map(Number) as [number, number]);
  for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
  expect(ranges[0]![0]).toBe(1);
  expect(ranges.at(-1)![1]).toBeGreaterThanOrEqual(total);

  const got = await importFolder(w.hq.store, w.folder);
  expect(got.refused).toEqual([]);
  expect(got.waiting).toEqual([]);
  expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(site, w.siteId));
  expect((await importFolder(w.hq.store, w.folder)).applied).toEqual([]);
}, CHILD_TIMEOUT);

it('an import killed part-way carries on where it stopped: nothing applied twice, nothing skipped, the same rows as the site', async () => {
  const w = await busySite();
  const out = await w.exportSite(5);
  expect(out.files.length).toBeGreaterThanOrEqual(10);
  const hqFile = w.hq.file;
  await w.hq.close();

  const killed = await killPartWay(['import', hqFile, w.folder], 5);
  expect(killed.finished).toBe(false);

  const hq = await createTestApp({ file: hqFile });
  const appliedBefore = rows<{ n: number }>(hq, "SELECT count(*) AS n FROM sync_batch WHERE direction = 'in'")[0]!.n;
  expect(appliedBefore).toBeGreaterThanOrEqual(1);
  expect(appliedBefore).toBeLessThan(out.files.length);
  const got = await importFolder(hq.store, w.folder);
  expect(got.refused).toEqual([]);
  expect(got.applied.length + appliedBefore).toBe(out.files.length);
  expect(rows(hq, "SELECT seq_from, seq_to FROM sync_batch WHERE direction = 'in' ORDER BY seq_from"))
    .toEqual(out.files.map((f) => f.match(/(\d+)-(\d+)/)!.slice(1).map(Number)).map(([a, b]) => ({ seq_from: a, seq_to: b })));
  expect(tablesOf(hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
}, CHILD_TIMEOUT);
