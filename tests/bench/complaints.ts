/**
 * The complaint ledger on the large demo site with 200,000 cases: logging a
 * case, opening a queue page (50 rows, overdue state included), full-text search and the
 * monthly statistics, each next to raw better-sqlite3 replaying the same statements.
 *
 * The 200,000 cases (January 2024 to November 2026, about 1% still open) are inserted with
 * plain SQL into a copy of the demo store and cached as complaints-200k-v2.db. The desk's
 * clock is fixed at Monday 2026-11-30 10:00 Beijing, so "overdue" is the same on every run.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { uuidv7 } from '../../db/ids.js';
import { BENCH_PASSWORD, cacheDir, DEMO_RECEPTIONIST, DEMO_SUPERVISOR, demoStore, workingCopy, upToDate } from './fixtures.js';
import type { Measurement } from './harness.js';
import { recordStatements, replayer, type Recorded } from './record.js';

export const COMPLAINTS_BENCH_NAMES = [
  'complaints.create: log a case',
  'complaints.queue: a page of 50 (open, overdue, mine, building, department, escalated, all)',
  'complaints.queue: full-text search (3+ characters, or a case number)',
  'complaints.queue: search of 1–2 characters (scan)',
  'complaints.stats: monthly statistics',
  'home.worklist: the day\'s work list (receptionist, supervisor, deputy GM, cashier, archivist)',
] as const;
const N = COMPLAINTS_BENCH_NAMES;
const CASES = 200_000;
const NOW = '2026-11-30T02:00:00.000Z';

const PLACES = ['电梯', '楼道灯', '水管', '下水道', '门禁', '地下车库', '绿化带', '垃圾桶', '外墙', '窗户', '消防通道', '单元门', '信报箱', '健身器材', '路灯'];
const PROBLEMS = ['异响', '漏水', '损坏', '堵塞', '不亮', '噪音扰民', '无人清理', '故障', '被占用', '有异味', '松动', '渗水'];
const KINDS = ['complaint', 'repair', 'repair', 'suggestion', 'enquiry'] as const;
const CATEGORIES = ['noise', 'facility', 'inunit', 'mail', 'cleaning', 'pests', 'other'];
const DEPTS = ['customer_service', 'engineering', 'security', 'cleaning', 'landscaping'];

/** A seeded generator, so every machine measures the same ledger. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

/**
 * The registry the cases are written onto: the large demo (20,000 rooms), or with
 * BENCH_SCALE=small the small one (~300 rooms), which builds in seconds; the ledger's reads
 * go by site, stage, deadline and receiver, so the room count barely moves them.
 */
const SCALE = process.env.BENCH_SCALE === 'small' ? 'small' : 'large';

export async function complaintsStore(): Promise<string> {
  const file = join(cacheDir, `complaints-${CASES / 1000}k${SCALE === 'small' ? '-small' : ''}-v2.db`);
  if (existsSync(file)) return upToDate(file);
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  copyFileSync(await demoStore(SCALE, false), partial);
  console.error(`[bench] inserting ${CASES.toLocaleString('en-US')} complaint cases into ${file} (once)…`);
  const app = await createApp(partial, { clock: fakeClock(NOW) }); // migrates the demo store to this program's schema
  const raw = app.store.raw;
  const site = (raw.prepare('SELECT id FROM site').get() as { id: string }).id;
  const staff = (raw.prepare("SELECT id FROM staff WHERE role IN ('receptionist', 'supervisor') ORDER BY username").all() as { id: string }[]).map((s) => s.id);
  const rooms = raw.prepare('SELECT id, code, building_id FROM room ORDER BY code').all() as { id: string; code: string; building_id: string }[];
  const insert = raw.prepare(`INSERT INTO complaint_case (id, site_id, case_no, year, seq, kind, channel, room_id, room_code, building_id, complainant, phone, category,
    severity, matter, wanted, received_at, receiver_id, stage, department, assignee, due_at, manager_at, reply_method, reply_text, replied_at, satisfaction,
    followed_at, closed_at, reopen_count, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const rnd = random(20261130);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const start = Date.parse('2024-01-02T01:00:00.000Z');
  const end = Date.parse(NOW) - 3600_000;
  const seqs = new Map<number, number>();
  const t0 = performance.now();
  raw.transaction(() => {
    for (let i = 0; i < CASES; i++) {
      const t = start + Math.floor(((end - start) * i) / CASES);
      const at = new Date(t).toISOString();
      const year = new Date(t + 8 * 3600_000).getUTCFullYear();
      const seq = (seqs.get(year) ?? 0) + 1;
      seqs.set(year, seq);
      const room = pick(rooms);
      const kind = pick(KINDS);
      const open = i > CASES - 2500 && rnd() < 0.8; // the newest ones are still being worked on
      const due = new Date(t + (kind === 'repair' ? 8 : 30) * 3600_000).toISOString();
      const replied = open ? null : new Date(t + rnd() * 40 * 3600_000).toISOString();
      const closed = open ? null : new Date(Date.parse(replied!) + 24 * 3600_000).toISOString();
      const dept = pick(DEPTS);
      insert.run(uuidv7(t), site, `${year}-${String(seq).padStart(5, '0')}`, year, seq, kind, pick(['visit', 'phone', 'letter', 'other']), room.id, room.code, room.building_id,
        '业主', '', pick(CATEGORIES), rnd() < 0.1 ? 'urgent' : 'ordinary', `${room.code} ${pick(PLACES)}${pick(PROBLEMS)}，${pick(PLACES)}附近${pick(PROBLEMS)}`, '请尽快处理',
        at, pick(staff), open ? (rnd() < 0.5 ? 'received' : 'handling') : 'closed', open && rnd() < 0.5 ? null : dept, '师傅', due,
        new Date(Date.parse(due) + 24 * 3600_000).toISOString(), open ? null : 'phone', open ? '' : `已安排${pick(PLACES)}维修，${pick(PROBLEMS)}已处理`, replied,
        open ? null : 1 + Math.floor(rnd() * 5), closed, closed, rnd() < 0.02 ? 1 : 0, at, at);
    }
  })();
  await app.close();
  renameSync(partial, file);
  console.error(`[bench] ${CASES.toLocaleString('en-US')} cases inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

async function signIn(app: App, username: string) {
  const r = await app.call(null, 'auth.login', { username, password: BENCH_PASSWORD });
  if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in failed: ${JSON.stringify(r.envelope)}`);
  return r.token;
}

async function expectOk(p: ReturnType<App['call']>) {
  const { envelope } = await p;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message['en-US']}`);
  return envelope.value;
}

/** Measurements on a working copy; returns them with the app to close afterwards. */
export async function complaintMeasurements(dir: string): Promise<{ measurements: Measurement[]; app: App }> {
  const app = await createApp(workingCopy(await complaintsStore(), dir, 'complaints.db'), { clock: fakeClock(NOW) });
  const raw = app.store.raw;
  const replay = replayer(raw);
  const desk = await signIn(app, DEMO_RECEPTIONIST);
  const sup = await signIn(app, DEMO_SUPERVISOR);
  const roles = await Promise.all(['li.xiaomei', 'liu.jianhua', 'zhao.guoqiang', 'wang.xiulan', 'chen.jing'].map((u) => signIn(app, u)));
  const rooms = raw.prepare('SELECT id FROM room ORDER BY code').all() as { id: string }[];
  const buildings = raw.prepare('SELECT id FROM building ORDER BY code').all() as { id: string }[];

  /** Record each input's statements once, then time ours against the replay, input by input. */
  async function reads(name: string, token: string, op: 'complaints.queue' | 'complaints.stats', inputs: object[], iterations: number): Promise<Measurement> {
    const recorded: Recorded[][] = [];
    for (const input of inputs) recorded.push(await recordStatements(raw, () => expectOk(app.call(token, op, input))));
    let i = 0;
    let j = 0;
    return {
      name: `${name} [${inputs.length} inputs]`, iterations, warmup: inputs.length,
      ours: () => expectOk(app.call(token, op, inputs[i++ % inputs.length])),
      raw: () => replay(recorded[j++ % inputs.length]!),
    };
  }

  // logging: the raw side replays the statements of one real call with fresh ids and numbers
  let k = 0;
  const logInput = () => ({
    kind: 'repair' as const, channel: 'phone' as const, roomId: rooms[(k++ * 7919) % rooms.length]!.id, complainant: '张伟', phone: '13800138000',
    category: 'inunit', severity: 'ordinary' as const, matter: '卫生间天花板渗水，疑似楼上防水层破损', wanted: '尽快上门维修',
  });
  const sample = await recordStatements(raw, () => expectOk(app.call(desk, 'complaints.create', logInput())));
  const made = raw.prepare("SELECT id, case_no, seq FROM complaint_case ORDER BY rowid DESC LIMIT 1").get() as { id: string; case_no: string; seq: number };
  const event = raw.prepare('SELECT id FROM complaint_event ORDER BY rowid DESC LIMIT 1').get() as { id: string };
  let rawSeq = 1; // the raw side numbers its cases in a year of its own (2199), so the two never collide
  const freshCopy = () => {
    const seq = rawSeq++;
    const swap = new Map<unknown, unknown>([[made.id, uuidv7()], [event.id, uuidv7()], [made.case_no, `2199-${seq}`], [made.seq, seq], [2026, 2199]]);
    // statements get their parameters as one array: swap inside it
    const sub = (p: unknown): unknown => (Array.isArray(p) ? p.map(sub) : swap.has(p) ? swap.get(p) : p);
    return sample.map((r) => ({ sql: r.sql, params: r.params.map(sub) }));
  };
  const rawCreate = raw.transaction((statements: Recorded[]) => replay(statements));

  const queueInputs = [
    { state: 'open' }, { state: 'overdue' }, { state: 'open', mine: true }, { state: 'open', offset: 50 },
    ...buildings.slice(0, 4).map((b) => ({ state: 'all', buildingId: b.id })), { state: 'open', department: 'engineering' },
    { state: 'escalated', level: 2 }, { state: 'all' }, { state: 'all', kind: 'repair', offset: 100 },
  ];
  const words = ['电梯异响', '楼道灯不亮', '下水道堵塞', '防水层', '消防通道被占用', '健身器材松动', '不存在的词语', '2025-1234'];
  const short = ['漏水', '电梯', '异味', '渗'];

  return {
    app,
    measurements: [
      { name: N[0], iterations: 200, warmup: 5, ours: () => expectOk(app.call(desk, 'complaints.create', logInput())), raw: () => rawCreate(freshCopy()) },
      await reads(N[1], desk, 'complaints.queue', queueInputs, 300),
      await reads(N[2], desk, 'complaints.queue', words.map((text) => ({ state: 'all', text })), 200),
      await reads(N[3], desk, 'complaints.queue', short.map((text) => ({ state: 'all', text })), 40),
      // no raw baseline: the figure is the absolute time of the home page's one call, role by role
      { name: N[5], iterations: 250, warmup: 10, ours: () => expectOk(app.call(roles[k++ % roles.length]!, 'home.worklist', {})) },
      await reads(N[4], sup, 'complaints.stats', ['2026-10', '2026-09', '2025-11', '2024-06'].map((m) => ({ from: `${m}-01`, to: `${m}-${m.endsWith('-09') || m.endsWith('-06') || m.endsWith('-11') ? '30' : '31'}` })), 20),
    ],
  };
}
