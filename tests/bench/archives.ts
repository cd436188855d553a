/**
 * Archive measurements on a site with 500,000 indexed items: filing an item
 * (next code in its class + save), code-prefix search, full-text search over titles and
 * remarks, and the scheme tree with counts. The fixture is written with direct SQL (the
 * FTS index rebuilt once at the end) and cached under the bench cache folder.
 *
 * Targets: next code + save p95 ≤ 5 ms; prefix and full-text search p95 ≤ 10 ms; browse
 * tree ≤ 50 ms; each with its ratio to raw better-sqlite3 running the same SQL.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { DEFAULT_CATEGORIES } from '../../db/archives/scheme.js';
import { fakeClock } from '../../db/clock.js';
import { uuidv7 } from '../../db/ids.js';
import { ADMIN, SITE } from '../helpers/app.js';
import { BENCH_PASSWORD, cacheDir, workingCopy, upToDate } from './fixtures.js';
import { runBench, type Measurement, type Result } from './harness.js';
import { recordStatements, replayer, type Recorded } from './record.js';

export const ARCHIVE_BENCH_NAMES = [
  'archives.index: next code + save an item',
  'archives.search: code prefix',
  'archives.search: full text, 3+ characters (trigram FTS)',
  'archives.search: full text, 2 characters (scan, bounded by the limit)',
  'archives.scheme: browse tree with counts',
] as const;
const N = ARCHIVE_BENCH_NAMES;
const ITEMS = 500_000;
const ARCHIVIST = 'zhao.dang';

/** A small deterministic PRNG (mulberry32): the fixture is the same every time it is made. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['阳光花园', '滨江一号', '翠湖苑', '金色家园', '锦绣华庭', '东方名城', '湖畔居', '世纪花园', '紫荆苑', '春江花月'];
const TOPICS = ['消防演练', '电梯维保', '业主大会', '绿化养护', '安全巡查', '停车管理', '装修审批', '二次供水', '设备验收', '保洁考核', '费用催缴', '垃圾分类', '门禁改造', '外墙清洗', '防汛检查'];
const DOCS = ['的通知', '会议纪要', '合同', '的请示', '工作报告', '记录表', '验收报告', '方案', '台账', '批复'];
const REMARKS = ['', '', '', '原件存综合行政部', '附照片若干', '复印件', '含电子版', '经理签批'];

export async function archiveStore(): Promise<string> {
  const file = join(cacheDir, `archives-${ITEMS}-v2.db`);
  if (existsSync(file)) return upToDate(file);
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  process.stderr.write(`[bench] generating ${file} (${ITEMS.toLocaleString('en-US')} archive items, once)…\n`);
  const t0 = performance.now();
  const app = await createApp(partial, { clock: fakeClock('2026-11-02T01:00:00.000Z') });
  const { token } = await app.call(null, 'setup.init', { ...SITE, adminUsername: 'admin', adminDisplayName: ADMIN.displayName, password: BENCH_PASSWORD });
  const made = await app.call(token, 'staff.create', { username: ARCHIVIST, displayName: '赵档案', role: 'archivist', password: BENCH_PASSWORD });
  if (!made.envelope.ok) throw new Error(made.envelope.error.code);
  const siteId = (app.store.raw.prepare('SELECT id FROM site').get() as { id: string }).id;
  await app.close();

  const db = new Database(partial);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // a bulk load of history, not desk work: no change-log lines (the capture trigger needs the app's
  // functions), and the FTS index is rebuilt once at the end instead of row by row
  const saved = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('archive_item_capture_insert', 'archive_item_fts_insert')").all() as { name: string; sql: string }[];
  for (const t of saved) db.exec(`DROP TRIGGER ${t.name}`);
  const insert = db.prepare(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, produced_on, retention, form,
      piece_count, location_room, cabinet, shelf, box, confidentiality, remarks, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '档案室', ?, ?, ?, 'internal', ?, 'in', ?, ?)`);
  const classes = DEFAULT_CATEGORIES.flatMap((c) => c.classes.map((k) => ({ cat: c.code, cls: k.code, retention: k.retention })));
  const seqs = new Map<string, number>();
  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const start = Date.parse('2008-01-01T00:00:00.000Z');
  db.transaction(() => {
    for (let n = 0; n < ITEMS; n++) {
      const k = pick(classes);
      const dept = String(1 + Math.floor(rand() * 14)).padStart(2, '0');
      const key = `${k.cat}.${k.cls}.${dept}`;
      const seq = (seqs.get(key) ?? 0) + 1;
      seqs.set(key, seq);
      const at = new Date(start + (n / ITEMS) * (Date.parse('2026-11-01T00:00:00Z') - start));
      const year = at.getUTCFullYear();
      const title = `${year}年${pick(PLACES)}${pick(TOPICS)}${pick(DOCS)}`;
      const iso = at.toISOString();
      insert.run(uuidv7(at.getTime()), siteId, k.cat, k.cls, dept, seq, `${key}—${seq}`, title, year, iso.slice(0, 10), k.retention,
        rand() < 0.9 ? 'paper' : pick(['photo', 'disc', 'object']), 1 + Math.floor(rand() * 80),
        `${1 + Math.floor(rand() * 20)}柜`, `${1 + Math.floor(rand() * 6)}层`, `${1 + Math.floor(rand() * 200)}号盒`, pick(REMARKS), iso, iso);
    }
  })();
  db.exec("INSERT INTO archive_item_fts (archive_item_fts) VALUES ('rebuild')");
  for (const t of saved) db.exec(t.sql);
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  process.stderr.write(`[bench] archive fixture ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return file;
}

async function replayed(app: App, token: string, name: string, op: 'archives.search' | 'archives.scheme', inputs: Record<string, unknown>[], iterations: number): Promise<Measurement> {
  const replay = replayer(app.store.raw);
  const recorded: Recorded[][] = [];
  for (const input of inputs) {
    recorded.push(await recordStatements(app.store.raw, async () => {
      const r = await app.call(token, op, input);
      if (!r.envelope.ok) throw new Error(`${op} ${JSON.stringify(input)}: ${r.envelope.error.code}`);
    }));
  }
  let i = 0;
  let j = 0;
  const n = inputs.length;
  return {
    name: `${name} [${n} inputs]`,
    iterations,
    warmup: n,
    ours: async () => {
      const r = await app.call(token, op, inputs[i++ % n]);
      if (!r.envelope.ok) throw new Error(r.envelope.error.code);
    },
    raw: () => replay(recorded[j++ % n]!),
  };
}

/** Run the archive measurements the filter wants (none: nothing is generated). */
export async function benchArchives(dir: string, filter: string): Promise<Result[]> {
  if (!ARCHIVE_BENCH_NAMES.some((n) => n.toLowerCase().includes(filter.toLowerCase()))) return [];
  const file = workingCopy(await archiveStore(), dir, 'archives.db');
  const app = await createApp(file);
  const login = await app.call(null, 'auth.login', { username: ARCHIVIST, password: BENCH_PASSWORD });
  if (!login.envelope.ok || !login.token) throw new Error('bench sign-in failed');
  const token = login.token;
  const raw = app.store.raw;
  const siteId = (raw.prepare('SELECT id FROM site').get() as { id: string }).id;
  const staffId = (raw.prepare('SELECT id FROM staff WHERE username = ?').get(ARCHIVIST) as { id: string }).id;

  // filing: ours through archives.index; raw does the same reads and the insert by hand
  const classes = DEFAULT_CATEGORIES.flatMap((c) => c.classes.map((k) => ({ cat: c.code, cls: k.code })));
  let f = 0;
  const target = () => {
    const k = classes[f % classes.length]!;
    const dept = String(1 + (f % 14)).padStart(2, '0');
    f++;
    return { ...k, dept };
  };
  const q = {
    cat: raw.prepare('SELECT name, active FROM archive_category WHERE site_id = ? AND code = ?'),
    cls: raw.prepare('SELECT active, default_retention FROM archive_class WHERE site_id = ? AND category_code = ? AND code = ?'),
    dept: raw.prepare('SELECT active FROM archive_department WHERE site_id = ? AND code = ?'),
    max: raw.prepare('SELECT max(seq) AS m FROM archive_item WHERE site_id = ? AND category_code = ? AND class_code = ? AND department_code = ?'),
    ins: raw.prepare(`INSERT INTO archive_item (id, site_id, category_code, class_code, department_code, seq, ref_code, title, year, produced_on, retention, form,
      piece_count, location_room, cabinet, shelf, box, confidentiality, remarks, fonds_no, library_no, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2026, NULL, ?, 'paper', 1, '', '', '', '', 'internal', '', '', '', 'in', ?, ?)`),
  };
  const rawIndex = raw.transaction((t: { cat: number; cls: number; dept: string }) => {
    q.cat.get(siteId, t.cat);
    const c = q.cls.get(siteId, t.cat, t.cls) as { default_retention: string };
    q.dept.get(siteId, t.dept);
    const seq = Number((q.max.get(siteId, t.cat, t.cls, t.dept) as { m: number }).m ?? 0) + 1;
    const at = new Date().toISOString();
    q.ins.run(uuidv7(), siteId, t.cat, t.cls, t.dept, seq, `${t.cat}.${t.cls}.${t.dept}—${seq}`, '2026年阳光花园消防演练的通知', c.default_retention, at, at);
  });

  const prefixes = ['3', '3.4', '3.4.07', '1.1', '2.7.03', '5.3.05', '6', '4.1.08', '1.3.14', '3.11'];
  const words3 = ['消防演练', '电梯维保', '会议纪要', '锦绣华庭', '二次供水', '验收报告', '防汛检查', '原件存', '附照片', '门禁改造'];
  const words2 = ['纪要', '合同', '批复', '台账', '方案', '花园', '复印'];
  const measurements: Measurement[] = [
    {
      name: N[0],
      iterations: 300,
      warmup: 5,
      ours: async () => {
        const t = target();
        const r = await app.call(token, 'archives.index', { category: t.cat, cls: t.cls, department: t.dept, title: '2026年阳光花园消防演练的通知', year: 2026, form: 'paper' });
        if (!r.envelope.ok) throw new Error(r.envelope.error.code);
      },
      raw: () => {
        // a hand-written layer would stamp the actor as ours does
        app.store.writeContext.actorId = staffId;
        app.store.writeContext.operation = 'archives.index';
        try {
          rawIndex(target());
        } finally {
          app.store.writeContext.actorId = app.store.writeContext.operation = null;
        }
      },
    },
    await replayed(app, token, N[1], 'archives.search', prefixes.map((p) => ({ codePrefix: p, limit: 50 })), 300),
    await replayed(app, token, N[2], 'archives.search', words3.map((w) => ({ text: w, limit: 50 })), 300),
    await replayed(app, token, N[3], 'archives.search', words2.map((w) => ({ text: w, limit: 50 })), 100),
    await replayed(app, token, N[4], 'archives.scheme', [{}], 30),
  ];
  const results = await runBench(measurements, filter);
  await app.close();
  return results;
}
