/**
 * npm run bench [-- <name filter>]
 *
 * Times what the desk does against a store of about a million change-log rows (years of
 * work), and the registry against the large demo site (20,000 rooms, 30,000 occupants),
 * next to the same SQL on raw better-sqlite3 in the same process. The big stores are
 * generated once into a cache folder (see fixtures.ts); each run works on a copy.
 * Not part of npm test.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { verifyPassword } from '../../db/auth/password.js';
import { nameLookupSql, type StoredChange } from '../../db/audit/queries.js';
import { nameParts, type NamedTable } from '../../db/audit/rules.js';
import { openStore } from '../../db/store/open.js';
import { BENCH_PASSWORD, changeLogStore, DEMO_RECEPTIONIST, demoStore, workingCopy } from './fixtures.js';
import { printResults, runBench, type Measurement } from './harness.js';
import { benchImportApart } from './import.js';
import { benchMeterImport } from './meters-import.js';
import { benchArchives } from './archives.js';
import { benchImport } from './import.js';
import { FEES_BENCH_NAMES, feesMeasurements, openFeesDesk } from './fees.js';
import { complaintMeasurements, COMPLAINTS_BENCH_NAMES } from './complaints.js';
import { benchSearchUi } from './search-ui.js';
import { REGISTRY_BENCH_NAMES, registryMeasurements } from './registry.js';
import { HANDOVERS_BENCH_NAMES, handoverMeasurements } from './handovers.js';

const filter = process.argv[2] ?? '';
const ROWS = 1_000_000;

const cached = await changeLogStore(ROWS);
const dir = mkdtempSync(join(tmpdir(), 'front-desk-bench-run-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const file = workingCopy(cached, dir);

/** The statements openStore runs on an up-to-date store, on a bare connection. */
function rawOpenClose() {
  const d = new Database(file, { timeout: 5000 });
  d.pragma('locking_mode = EXCLUSIVE');
  d.pragma('user_version', { simple: true });
  d.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  d.pragma('journal_mode = WAL');
  d.pragma('synchronous = FULL');
  d.pragma('foreign_keys = ON');
  d.pragma('temp_store = MEMORY');
  d.pragma('busy_timeout = 5000');
  d.exec('BEGIN IMMEDIATE; COMMIT');
  d.close();
}

// 1. with the store closed
const results = await runBench([
  {
    name: `openStore + close (${ROWS / 1e6}M change-log rows)`,
    // every open runs a quick_check of the whole store (seconds on this one): a few runs tell
    iterations: 5,
    warmup: 1,
    ours: async () => {
      const s = await openStore(file);
      await s.close();
    },
    raw: rawOpenClose,
  },
], filter);

// 2. with the app open (it holds the store's exclusive lock, so the raw side uses its connection)
const app: App = await createApp(file);
const raw = app.store.raw;
const siteId = (raw.prepare('SELECT id FROM site').get() as { id: string }).id;
const signIn = async (username: string) => {
  const r = await app.call(null, 'auth.login', { username, password: BENCH_PASSWORD });
  if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in failed: ${JSON.stringify(r.envelope)}`);
  return r.token;
};
const admin = await signIn('admin');
const someone = (raw.prepare("SELECT id FROM staff WHERE username = 'zhang.li'").get() as { id: string }).id;

const staffByName = raw.prepare('SELECT * FROM staff WHERE site_id = ? AND username = ?');
const auditSql = `SELECT c.seq, c.at, c.actor_id, s.display_name AS actor_name, s.username AS actor_username, c.operation,
    c.table_name, c.row_id, c.kind, c.before, c.after
  FROM change_log AS c LEFT JOIN staff AS s ON s.id = c.actor_id
  WHERE c.site_id = ? %WHERE% ORDER BY c.seq DESC LIMIT 50`;
const auditNewest = raw.prepare(auditSql.replace('%WHERE%', ''));
const auditByActor = raw.prepare(auditSql.replace('%WHERE%', 'AND c.actor_id = ?'));
const auditText = raw.prepare(auditSql.replace('%WHERE%', "AND (c.after LIKE ? ESCAPE '\\' OR c.before LIKE ? ESCAPE '\\')"));

/**
 * The readable trail names each page's records (db/audit/queries.ts): the raw side runs the
 * same lookups, for the ids the page needs, found once here outside the timing.
 */
function namingOf(page: StoredChange[]): [Database.Statement, string][] {
  const wanted = new Map<NamedTable, Set<string>>();
  for (const c of page) {
    const { ref } = nameParts(c.table_name, JSON.parse(c.after ?? c.before ?? 'null') as Record<string, unknown> | null);
    if (ref) (wanted.get(ref.table) ?? wanted.set(ref.table, new Set()).get(ref.table)!).add(ref.id);
  }
  return [...wanted].map(([table, ids]) => [raw.prepare(nameLookupSql(table)), JSON.stringify([...ids])]);
}
const newestNaming = namingOf(auditNewest.all(siteId) as StoredChange[]);
const byActorNaming = namingOf(auditByActor.all(siteId, someone) as StoredChange[]);
const named = (page: unknown, naming: [Database.Statement, string][]) => {
  for (const [stmt, ids] of naming) stmt.all(ids);
  return page;
};

const expectOk = async (p: ReturnType<App['call']>) => {
  const { envelope } = await p;
  if (!envelope.ok) throw new Error(envelope.error.code);
};

const withApp: Measurement[] = [
  {
    name: 'auth.login (scrypt + audit write)',
    iterations: 40,
    ours: () => expectOk(app.call(null, 'auth.login', { username: 'zhang.li', password: BENCH_PASSWORD })),
    raw: async () => {
      const row = staffByName.get(siteId, 'zhang.li') as { password_hash: string };
      if (!(await verifyPassword(BENCH_PASSWORD, row.password_hash))) throw new Error('raw verify failed');
    },
  },
  {
    name: 'audit.list newest 50 (readable: records named)',
    iterations: 200,
    ours: () => expectOk(app.call(admin, 'audit.list', {})),
    raw: () => named(auditNewest.all(siteId), newestNaming),
  },
  {
    name: 'audit.list by actor, newest 50',
    iterations: 200,
    ours: () => expectOk(app.call(admin, 'audit.list', { actorId: someone })),
    raw: () => named(auditByActor.all(siteId, someone), byActorNaming),
  },
  {
    name: 'audit.list text not found (full scan)',
    iterations: 5,
    warmup: 1,
    ours: () => expectOk(app.call(admin, 'audit.list', { text: '不存在的词' })),
    raw: () => auditText.all(siteId, '%不存在的词%', '%不存在的词%'),
  },
  {
    // not run at open: the price of catching a garbled data page when the desk starts
    name: 'PRAGMA quick_check (whole store)',
    iterations: 3,
    warmup: 0,
    ours: () => raw.pragma('quick_check'),
  },
];
results.push(...(await runBench(withApp, filter)));
await app.close();

// 3. the registry on the large demo site, as a receptionist
if (REGISTRY_BENCH_NAMES.some((n) => n.toLowerCase().includes(filter.toLowerCase()))) {
  const demo = workingCopy(await demoStore('large'), dir, 'demo.db');
  const desk = await createApp(demo);
  const r = await desk.call(null, 'auth.login', { username: DEMO_RECEPTIONIST, password: BENCH_PASSWORD });
  if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in failed: ${JSON.stringify(r.envelope)}`);
  results.push(...(await runBench(await registryMeasurements(desk, r.token), filter)));
  await desk.close();
}

// 3b. handovers on the large demo site with a signed move-in for every occupied room, as a receptionist
if (HANDOVERS_BENCH_NAMES.some((n) => n.toLowerCase().includes(filter.toLowerCase()))) {
  const desk = await createApp(workingCopy(await demoStore('large'), dir, 'handovers.db'));
  const r = await desk.call(null, 'auth.login', { username: DEMO_RECEPTIONIST, password: BENCH_PASSWORD });
  if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in failed: ${JSON.stringify(r.envelope)}`);
  results.push(...(await runBench(await handoverMeasurements(desk, r.token), filter)));
  await desk.close();
}

// 4. fee collection on the demo site with five years of bills and receipts, as a cashier
if (FEES_BENCH_NAMES.some((n) => n.toLowerCase().includes(filter.toLowerCase()))) {
  const fees = await openFeesDesk(dir);
  results.push(...(await runBench(await feesMeasurements(fees), filter)));
  await fees.close();
}
// 4. the complaint ledger: 200,000 cases on the large demo site
if (COMPLAINTS_BENCH_NAMES.some((n) => n.toLowerCase().includes(filter.toLowerCase()))) results.push(...(await (async () => { const c = await complaintMeasurements(dir); try { return await runBench(c.measurements, filter); } finally { await c.app.close(); } })()));
// 4. the archive with 500,000 items, as an archivist
results.push(...(await benchArchives(dir, filter)));

printResults(results);

// The Excel import is one long job, not a latency: timed step by step on a 20,000-row workbook.
if ('excel import 20000 rows'.includes(filter.toLowerCase())) {
  const b = await benchImportApart(20_000);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`\nExcel import, ${b.rows} rows (${(b.fileBytes / 1e6).toFixed(1)} MB .xlsx): upload ${s(b.upload)}, inspect ${s(b.inspect)}, validate ${s(b.validate)}, apply ${s(b.apply)} (CPU ${s(b.applyCpu)}) — total ${s(b.total)} (target ≤ 10 s); re-import ${s(b.reimport)}, ${b.changeLogRowsAddedByReimport} change-log rows added by it`);
}

// Meter readings from Excel: a month's 20,000 readings as baselines, then billed, then the same file again.
if ('meter readings excel import 20000'.includes(filter.toLowerCase())) {
  console.log('\nMeter readings from Excel, 20,000 rooms (target: none in the issue; the registry import\'s ≤ 10 s is the yardstick):');
  await benchMeterImport(20_000);
}

// What the receptionist sees: keystroke to rendered results in Chromium, on the large demo site.
if ('room search ui chromium'.includes(filter.toLowerCase())) {
  const { fromNode: u, inPage: p } = await benchSearchUi();
  console.log(`\nRoom search in Chromium, keystroke → rendered results (large demo): p50 ${u.p50.toFixed(1)} ms, p95 ${u.p95.toFixed(1)} ms over ${u.n} keystrokes (target ≤ 100 ms)`);
  console.log(`  in the page, key event → first frame with the list: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`);
}

// Head-office sync on a large site's year: export (and the desk's longest stall) and import, each against raw better-sqlite3.
if ('head-office sync export import'.includes(filter.toLowerCase())) {
  const { reportSync } = await import('./sync.js');
  await reportSync();
}

// Head office on PostgreSQL against the head-office SQLite store (the bench starts its own cluster; scaled down, see the file).
if ('head office postgresql'.includes(filter.toLowerCase())) {
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/headoffice-pg.ts'], { stdio: 'inherit' });
}
