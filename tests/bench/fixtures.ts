/**
 * Stores the bench measures against. Big ones are generated once into a cache folder
 * (os.tmpdir()/front-desk-bench, or $FRONT_DESK_BENCH_CACHE) and reused: bump the
 * version in the file name when the generator or the schema changes.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createApp } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { generateDemo, type DemoResult, type DemoScale } from '../../db/demo/generate.js';
import { uuidv7 } from '../../db/ids.js';
import { migrations } from '../../db/store/migrations/index.js';
import { ADMIN, SITE } from '../helpers/app.js';

export const cacheDir = process.env.FRONT_DESK_BENCH_CACHE ?? join(tmpdir(), 'front-desk-bench');

/** Everyone in the generated store signs in with this password. */
export const BENCH_PASSWORD = ADMIN.password;
export const BENCH_STAFF = ['admin', 'zhang.li', 'wang.fang', 'chen.jing', 'liu.yang', 'zhao.min'] as const;

function log(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}

/**
 * A cached store written by an older schema, migrated once in place (and the migration's
 * backup dropped), so a new migration does not mean regenerating gigabytes of fixture. A
 * migration interrupted here leaves a broken cache: delete the file and it is rebuilt.
 */
export async function upToDate(file: string): Promise<string> {
  const d = new Database(file, { readonly: true });
  const version = d.pragma('user_version', { simple: true }) as number;
  d.close();
  if (version >= Object.keys(migrations).length) return file;
  log(`migrating ${file} from version ${version} (once)…`);
  const app = await createApp(file);
  await app.close();
  for (const f of readdirSync(dirname(file))) if (f.startsWith(`${basename(file)}.v${version}.`) && f.endsWith('.bak')) rmSync(join(dirname(file), f));
  return file;
}

/**
 * A store of a site with a few staff and about `rows` change-log rows, as years of desk work
 * would leave: mostly sign-ins and other audit events, some staff and setting edits.
 */
export async function changeLogStore(rows = 1_000_000): Promise<string> {
  const file = join(cacheDir, `changelog-${rows}-v1.db`);
  if (existsSync(file)) return upToDate(file);
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  log(`generating ${file} (${rows.toLocaleString('en-US')} change-log rows, once)…`);
  const t0 = performance.now();

  const start = Date.parse('2023-03-01T00:30:00.000Z');
  const clock = fakeClock(new Date(start));
  const app = await createApp(partial, { clock });
  const { token } = await app.call(null, 'setup.init', {
    ...SITE, adminUsername: 'admin', adminDisplayName: ADMIN.displayName, password: BENCH_PASSWORD,
  });
  const names = ['张丽', '王芳', '陈静', '刘洋', '赵敏'];
  const roles = ['receptionist', 'cashier', 'supervisor', 'archivist', 'manager'] as const;
  for (let i = 1; i < BENCH_STAFF.length; i++) {
    const r = await app.call(token, 'staff.create', { username: BENCH_STAFF[i], displayName: names[i - 1], role: roles[i - 1], password: BENCH_PASSWORD });
    if (!r.envelope.ok) throw new Error(`staff.create: ${r.envelope.error.code}`);
  }
  const siteId = (app.store.raw.prepare('SELECT id FROM site').get() as { id: string }).id;
  const staff = app.store.raw.prepare('SELECT id, username, display_name, role FROM staff ORDER BY username').all() as
    { id: string; username: string; display_name: string; role: string }[];
  await app.close();

  const db = new Database(partial);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // the change log's own guard asks whether this connection captures (the desk's does)
  db.function('fd_capturing', { deterministic: false }, () => 1);
  let seq = (db.prepare('SELECT max(seq) AS m FROM change_log').get() as { m: number }).m;
  const insert = db.prepare(`INSERT INTO change_log (site_id, seq, at, actor_id, operation, table_name, row_id, kind, before, after)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const events = ['login.ok', 'login.ok', 'logout', 'login.failed', 'session.unlocked', 'permission.denied'];
  // a deterministic pseudo-random sequence, so every machine generates the same store
  let seed = 20261201;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const spanMs = Date.parse('2026-11-30T00:00:00.000Z') - start;
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const ms = start + Math.floor((spanMs * i) / rows);
      const at = new Date(ms).toISOString();
      const who = staff[Math.floor(rand() * staff.length)]!;
      seq++;
      if (rand() < 0.85) {
        const event = events[Math.floor(rand() * events.length)]!;
        const id = uuidv7(ms);
        const after = JSON.stringify({
          id, site_id: siteId, created_at: at, updated_at: at, event, actor_id: who.id,
          detail: event === 'login.failed' ? JSON.stringify({ attempts: 1 + Math.floor(rand() * 4) }) : event === 'permission.denied' ? JSON.stringify({ operation: 'staff.list' }) : '{}',
        });
        const op = event.startsWith('login') ? 'auth.login' : event === 'logout' ? 'auth.logout' : event === 'session.unlocked' ? 'auth.unlock' : 'staff.list';
        insert.run(siteId, seq, at, event.startsWith('login') ? null : who.id, op, 'audit_event', id, 'insert', null, after);
      } else {
        const target = staff[Math.floor(rand() * staff.length)]!;
        const row = {
          id: target.id, site_id: siteId, created_at: '2023-03-01T00:30:00.000Z', updated_at: at,
          username: target.username, display_name: target.display_name, role: target.role,
          password_changed_at: '2023-03-01T00:30:00.000Z', failed_attempts: 0, locked_until: null, active: 1,
        };
        const before = JSON.stringify(row);
        const after = JSON.stringify({ ...row, failed_attempts: 1 + Math.floor(rand() * 4), updated_at: at });
        insert.run(siteId, seq, at, null, 'auth.login', 'staff', target.id, 'update', before, after);
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** The day the demo fixture is built "on": its move-ins and move-outs end here. */
export const DEMO_TODAY = '2026-11-30';
/** The receptionist the demo generator creates (every demo account has BENCH_PASSWORD). */
export const DEMO_RECEPTIONIST = 'li.xiaomei';
export const DEMO_SUPERVISOR = 'liu.jianhua';

/**
 * The demo site (npm run demo) built through the API with a fixed seed, clock and day, so
 * every machine measures the same rooms, names and phones. `large` is 20,000 rooms and
 * 30,000 occupants; with its year of history about 200,000 API calls, a few minutes of
 * CPU, once. With its year of fees, cases and archives (the demo as `npm run demo` builds
 * it) unless `history` is false: the fee and complaint benches write their own five years
 * onto the registry alone.
 */
export async function demoStore(scale: DemoScale = 'large', history = true): Promise<string> {
  const file = join(cacheDir, `demo-${scale}${history ? '' : '-registry'}-v4.db`);
  if (existsSync(file)) return upToDate(file);
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  log(`generating ${file} (demo site, ${scale}, once)…`);
  const t0 = performance.now();
  const app = await createApp(partial, { clock: fakeClock(`${DEMO_TODAY}T02:00:00.000Z`) });
  let last = 0;
  let result: DemoResult;
  try {
    result = await generateDemo(app, {
      scale, seed: 20261201, today: DEMO_TODAY, history,
      admin: { username: 'admin', password: BENCH_PASSWORD, displayName: ADMIN.displayName }, staffPassword: BENCH_PASSWORD,
    }, (p) => {
      if (p.phase === 'registry' || p.phase === 'history') {
        if (p.done < last) last = 0;
        if (p.done - last < p.total / 10) return;
        last = p.done;
        log(`  ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} ${p.phase === 'registry' ? 'rooms' : 'steps of the year'}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    });
  } finally {
    await app.close();
  }
  renameSync(partial, file);
  const c = result.counts;
  log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${c.rooms} rooms, ${c.occupants} occupants (${c.movedOut} moved out), ${c.vehicles} vehicles, ${result.calls} API calls`);
  return file;
}

/** A private copy of a cached store, for measurements that write (the cache stays pristine). */
export function workingCopy(file: string, dir: string, name = 'working.db'): string {
  const copy = join(dir, name);
  copyFileSync(file, copy);
  return copy;
}
