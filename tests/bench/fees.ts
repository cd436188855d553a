/**
 * Fee collection on the large demo site (20,000 rooms) with five years of monthly bills
 * (≈ 2.4 million bill lines) and about a million receipts, inserted by SQL once and cached.
 * Targets: a room's arrears p95 ≤ 5 ms; a payment with its receipt, durable
 * (synchronous=FULL), p95 ≤ 5 ms; a month's bills for 20,000 rooms ≤ 2 s; a cashier's day
 * report ≤ 100 ms; a payment while the whole-site arrears report runs in a loop (on the report
 * reader, a worker thread) p95 ≤ 5 ms; each next to raw better-sqlite3 doing the same SQL.
 */
import { GENERATE, PREVIEW } from '../../db/fees/bills-ops.js';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { lineAmount } from '../../db/fees/money.js';
import { receiptNumber } from '../../db/fees/rules.js';
import { uuidv7 } from '../../db/ids.js';
import { BENCH_PASSWORD, cacheDir, demoStore, upToDate } from './fixtures.js';
import type { Measurement } from './harness.js';
import { recordStatements, replayer, type Recorded } from './record.js';
import { arrearsReport } from '../../db/fees/arrears-report.js';
import { monthReport } from '../../db/fees/report-ops.js';
import { inProcessReader } from '../../db/store/reader.js';

export const FEES_BENCH_NAMES = [
  'fees.roomAccount: open a room\'s arrears',
  'fees.pay: payment + receipt, durable',
  'fees.generate: one month, 20,000 rooms',
  'fees.dayReport: a cashier\'s day',
  'fees.arrears: whole site, by building and age (report)',
  'fees.monthReport: a month with its 12-month trend (report)',
  'fees.pay while the whole-site arrears report runs in a loop',
] as const;
export const FEES_CASHIER = 'wang.xiulan';
const NOW = '2026-11-30T02:00:00.000Z';
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

const periods = Array.from({ length: 60 }, (_, i) => {
  const m = 11 + i; // 2021-12 … 2026-11
  return `${2021 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});
const TABLES = ['bill', 'receipt', 'receipt_line', 'receipt_payment'];

/** The demo site plus fee items, five years of bills and the receipts that paid most of them. */
export async function feesStore(): Promise<string> {
  const file = join(cacheDir, 'fees-large-v4.db');
  if (existsSync(file)) return upToDate(file);
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.partial`;
  // the partial store and the backups its migration leaves (partial.v3.<time>.bak) go first
  const stale = () => readdirSync(cacheDir).filter((f) => f.startsWith('fees-large-v4.db.partial')).forEach((f) => rmSync(join(cacheDir, f), { force: true }));
  stale();
  copyFileSync(await demoStore('large', false), partial);
  log(`generating ${file} (5 years of bills and receipts, once)…`);
  const t0 = performance.now();
  const app = await createApp(partial, { clock: fakeClock(NOW) });
  const admin = await signIn(app, 'admin');
  const item = async (input: object, price: string) => {
    const r = await app.call(admin, 'fees.saveItem', input);
    if (!r.envelope.ok) throw new Error(r.envelope.error.code);
    const id = (r.envelope.value as { id: string }).id;
    const p = await app.call(admin, 'fees.addRate', { itemId: id, validFrom: '2021-01', price });
    if (!p.envelope.ok) throw new Error(p.envelope.error.code);
    return id;
  };
  const wyf = await item({ code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' }, '2.35');
  const ljf = await item({ code: 'LJF', name: '垃圾清运费', kind: 'fixed', unit: '月', appliesTo: 'residential' }, '15');
  await app.close();

  const db = new Database(partial);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // Bulk rows go in without the per-row triggers (capture, sequence and overpayment checks):
  // the generator keeps those rules itself; the triggers are put back exactly as they were.
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${TABLES.map(() => '?').join(',')})`).all(...TABLES) as { name: string; sql: string }[];
  for (const f of ['fd_now', 'fd_actor', 'fd_op']) db.function(f, { deterministic: false }, () => null);
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const siteId = (db.prepare('SELECT id FROM site').get() as { id: string }).id;
  const cashier = (db.prepare('SELECT id FROM staff WHERE username = ?').get(FEES_CASHIER) as { id: string }).id;
  const rooms = db.prepare('SELECT id, area_centi, usage FROM room ORDER BY code').all() as { id: string; area_centi: number; usage: string }[];
  const insBill = db.prepare(`INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'generated', ?, ?, ?, ?, NULL, ?, ?, ?)`);
  const insReceipt = db.prepare(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, payer, total, tendered, change_given, cashier_id, day, remarks, refund_of, created_at, updated_at)
    VALUES (?, ?, 'payment', ?, ?, ?, ?, '', ?, NULL, 0, ?, ?, '', NULL, ?, ?)`);
  const insLine = db.prepare(`INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at) VALUES (?, ?, ?, 'bill', ?, ?, ?, ?)`);
  const insPay = db.prepare(`INSERT INTO receipt_payment (id, site_id, receipt_id, method, amount, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const methods = ['wechat', 'cash', 'alipay', 'card', 'bank'];
  const seqs = new Map<number, number>();
  let bills = 0;
  let receipts = 0;
  db.transaction(() => {
    // bills, month by month
    const billIds: string[][][] = rooms.map(() => []);
    for (const [pi, period] of periods.entries()) {
      const at = `${period}-01T01:00:00.000Z`;
      const ms = Date.parse(at);
      const due = `${period}-28`;
      for (const [ri, r] of rooms.entries()) {
        const ids: string[] = [];
        if (r.area_centi > 0) {
          const id = uuidv7(ms);
          insBill.run(id, siteId, r.id, wyf, period, r.area_centi, 23500, lineAmount(r.area_centi, 23500), due, cashier, at, at);
          ids.push(`${id}:${lineAmount(r.area_centi, 23500)}`);
        }
        if (r.usage === 'residential') {
          const id = uuidv7(ms);
          insBill.run(id, siteId, r.id, ljf, period, 100, 150000, 1500, due, cashier, at, at);
          ids.push(`${id}:1500`);
        }
        bills += ids.length;
        billIds[ri]![pi] = ids;
      }
    }
    // receipts: each room pays every 1 or 2 months, in the month after; a quarter of the
    // rooms leave the last 3 months owed, one in fifty the last 14
    for (let pi = 0; pi < periods.length; pi++) {
      for (const [ri, r] of rooms.entries()) {
        const every = 1 + (ri % 2);
        const owedFrom = ri % 50 === 1 ? periods.length - 14 : ri % 4 === 0 ? periods.length - 3 : periods.length;
        if ((pi + 1) % every !== 0 || pi >= owedFrom) continue;
        const lines = [];
        for (let k = pi - every + 1; k <= pi; k++) lines.push(...billIds[ri]![k]!);
        if (!lines.length) continue;
        const next = periods[Math.min(pi + 1, periods.length - 1)]!;
        const day = `${next}-${String(5 + (ri % 20)).padStart(2, '0')}`;
        const at = `${day}T0${1 + (ri % 8)}:${String(ri % 60).padStart(2, '0')}:00.000Z`;
        const ms = Date.parse(at);
        const year = Number(day.slice(0, 4));
        const seq = (seqs.get(year) ?? 0) + 1;
        seqs.set(year, seq);
        const id = uuidv7(ms);
        const total = lines.reduce((s, l) => s + Number(l.split(':')[1]), 0);
        insReceipt.run(id, siteId, year, seq, receiptNumber('SJ', year, seq), r.id, total, cashier, day, at, at);
        for (const l of lines) {
          const [billId, amount] = l.split(':');
          insLine.run(uuidv7(ms), siteId, id, billId, Number(amount), at, at);
        }
        insPay.run(uuidv7(ms), siteId, id, methods[ri % methods.length], total, at, at);
        receipts++;
      }
    }
  })();
  for (const t of triggers) db.exec(t.sql);
  // what the bill_open triggers would have kept: the lines that still owe something
  db.exec(`INSERT INTO bill_open (bill_id, site_id, room_id, period, owed)
    SELECT b.id, b.site_id, b.room_id, b.period, b.amount - COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id), 0) AS owed
    FROM bill b WHERE owed > 0`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  stale();
  log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${bills.toLocaleString('en-US')} bill lines, ${receipts.toLocaleString('en-US')} receipts`);
  return file;
}

async function signIn(app: App, username: string): Promise<string> {
  const r = await app.call(null, 'auth.login', { username, password: BENCH_PASSWORD });
  if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in ${username}: ${JSON.stringify(r.envelope)}`);
  return r.token;
}

/** The four measurements, on an open desk (a clock at NOW, so the bench's days and periods are fixed). */
export async function feesMeasurements(app: App): Promise<Measurement[]> {
  const raw = app.store.raw;
  const token = await signIn(app, FEES_CASHIER);
  const siteId = (raw.prepare('SELECT id FROM site').get() as { id: string }).id;
  const cashierId = (raw.prepare('SELECT id FROM staff WHERE username = ?').get(FEES_CASHIER) as { id: string }).id;
  const replay = replayer(raw);
  const out: Measurement[] = [];
  const must = async (name: string, input: unknown) => {
    const r = await app.call(token, name, input);
    if (!r.envelope.ok) throw new Error(`${name}: ${r.envelope.error.code} ${r.envelope.error.message['en-US']}`);
    return r.envelope.value;
  };

  // 1. open a room's arrears: rooms spread over the site, a third of them in arrears
  const rooms = raw.prepare('SELECT id FROM room ORDER BY code').all() as { id: string }[];
  const picks = Array.from({ length: 60 }, (_, i) => rooms[Math.floor((i * rooms.length) / 60) + (i % 3 === 0 ? 0 : 1)]!.id);
  const recorded: Recorded[][] = [];
  for (const id of picks) recorded.push(await recordStatements(raw, () => must('fees.roomAccount', { roomId: id })));
  let a = 0;
  let b = 0;
  out.push({ name: FEES_BENCH_NAMES[0], iterations: 300, warmup: 60, ours: () => must('fees.roomAccount', { roomId: picks[a++ % 60] }), raw: () => replay(recorded[b++ % 60]!) });

  // 2. payments: each pays one owed line in full, in cash (no line is paid twice)
  const owed = raw.prepare(`SELECT b.id, b.room_id, b.amount FROM bill b WHERE b.period >= '2026-09'
    AND NOT EXISTS (SELECT 1 FROM receipt_line l WHERE l.bill_id = b.id) ORDER BY b.id LIMIT 1000`).all() as { id: string; room_id: string; amount: number }[];
  let o = 0;
  const day = NOW.slice(0, 10);
  const s = {
    closed: raw.prepare('SELECT id FROM day_close WHERE cashier_id = ? AND day = ?'),
    room: raw.prepare('SELECT id, code FROM room WHERE site_id = ? AND id = ?'),
    bill: raw.prepare(`SELECT b.id, b.room_id, b.amount, b.period, f.name, COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id
      AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0) AS paid,
      EXISTS (SELECT 1 FROM bill_cancel c WHERE c.bill_id = b.id) AS cancelled FROM bill b JOIN fee_item f ON f.id = b.item_id WHERE b.id = ?`),
    seq: raw.prepare("SELECT max(seq) AS seq FROM receipt WHERE site_id = ? AND kind = 'payment' AND year = ?"),
    receipt: raw.prepare(`INSERT INTO receipt (id, site_id, kind, year, seq, number, room_id, payer, total, tendered, change_given, cashier_id, day, remarks, refund_of, created_at, updated_at)
      VALUES (?, ?, 'payment', ?, ?, ?, ?, '', ?, NULL, 0, ?, ?, '', NULL, ?, ?)`),
    line: raw.prepare("INSERT INTO receipt_line (id, site_id, receipt_id, kind, bill_id, amount, created_at, updated_at) VALUES (?, ?, ?, 'bill', ?, ?, ?, ?)"),
    pay: raw.prepare("INSERT INTO receipt_payment (id, site_id, receipt_id, method, amount, created_at, updated_at) VALUES (?, ?, ?, 'cash', ?, ?, ?)"),
  };
  const rawPay = raw.transaction((l: { id: string; room_id: string; amount: number }) => {
    if (s.closed.get(cashierId, day)) throw new Error('closed');
    s.room.get(siteId, l.room_id);
    const bill = s.bill.get(l.id) as { amount: number; paid: number };
    if (bill.amount - bill.paid < l.amount) throw new Error('paid');
    const seq = ((s.seq.get(siteId, 2026) as { seq: number }).seq ?? 0) + 1;
    const at = new Date().toISOString();
    const id = uuidv7();
    s.receipt.run(id, siteId, 2026, seq, receiptNumber('SJ', 2026, seq), l.room_id, l.amount, cashierId, day, at, at);
    s.line.run(uuidv7(), siteId, id, l.id, l.amount, at, at);
    s.pay.run(uuidv7(), siteId, id, l.amount, at, at);
  });
  const payNext = () => { const l = owed[o++]!; return must('fees.pay', { roomId: l.room_id, lines: [{ billId: l.id, amount: l.amount }], methods: [{ method: 'cash', amount: l.amount }] }); };
  out.push({ name: FEES_BENCH_NAMES[1], iterations: 300, warmup: 10, ours: payNext, raw: () => rawPay(owed[o++]!) });

  // 3. a whole month for the site: months before the five years are still unbilled
  const ourMonths = ['2021-11', '2021-10', '2021-09'];
  const rawMonths = ['2021-08', '2021-07', '2021-06'];
  let g = 0;
  let h = 0;
  // the raw side runs the generator's own statements (db/fees/bills.ts): its preview, then its one INSERT … SELECT
  const preview = raw.prepare(PREVIEW);
  const generate = raw.prepare(GENERATE);
  const rawGenerate = raw.transaction((period: string) => {
    const scope = { period, site: siteId, building: null };
    preview.all(scope);
    generate.run({ ...scope, due: `${period}-28`, by: cashierId, at: new Date().toISOString() });
  });
  out.push({
    name: FEES_BENCH_NAMES[2], iterations: 3, warmup: 0,
    ours: async () => {
      const r = (await must('fees.generate', { period: ourMonths[g++], commit: true })) as { lines: number };
      if (r.lines < 20_000) throw new Error(`only ${r.lines} lines`);
    },
    raw: () => rawGenerate(rawMonths[h++]!),
  });

  // 4. the cashier's day: days spread over the five years (≈ 500 receipts each)
  const days = (raw.prepare('SELECT DISTINCT day FROM receipt WHERE cashier_id = ? ORDER BY day').all(cashierId) as { day: string }[]).map((d) => d.day);
  const dayPicks = Array.from({ length: 20 }, (_, i) => days[Math.floor((i * days.length) / 20)]!);
  const dayRec: Recorded[][] = [];
  for (const d of dayPicks) dayRec.push(await recordStatements(raw, () => must('fees.dayReport', { day: d })));
  let d1 = 0;
  let d2 = 0;
  out.push({ name: FEES_BENCH_NAMES[3], iterations: 60, warmup: 5, ours: () => must('fees.dayReport', { day: dayPicks[d1++ % 20] }), raw: () => replay(dayRec[d2++ % 20]!) });

  // 5–6. the reports: no target in the issue, measured so the desk knows what they cost
  const supervisor = await signIn(app, 'liu.jianhua');
  const asSupervisor = async (name: string, input: unknown) => {
    const r = await app.call(supervisor, name, input);
    if (!r.envelope.ok) throw new Error(`${name}: ${r.envelope.error.code}`);
  };
  // the reports run on the report reader (a worker thread); raw is the same reads on this thread
  const here = inProcessReader(raw);
  const scope = { site: siteId, building: null, now: NOW.slice(0, 7), limit: 300 };
  out.push({ name: FEES_BENCH_NAMES[4], iterations: 3, warmup: 1, ours: () => asSupervisor('fees.arrears', {}), raw: () => arrearsReport(here, scope) });
  out.push({
    name: FEES_BENCH_NAMES[5], iterations: 3, warmup: 1, ours: () => asSupervisor('fees.monthReport', { period: '2026-10' }), raw: () => monthReport(here, siteId, '2026-10'),
  });

  // 7. another window's payments while a supervisor's window runs the whole-site arrears report
  // again and again: the report reads on its own connection and thread, so a payment is not
  // kept waiting behind it (target p95 ≤ 5 ms)
  let looping = false;
  let reports = 0;
  let loop: Promise<void> = Promise.resolve();
  out.push({
    name: FEES_BENCH_NAMES[6], iterations: 300, warmup: 10, ours: payNext,
    before: () => {
      looping = true;
      loop = (async () => { while (looping) { await asSupervisor('fees.arrears', {}); reports++; } })();
    },
    after: async () => {
      looping = false;
      await loop;
      log(`${reports} whole-site arrears reports ran during the payments`);
    },
  });
  return out;
}

/** Open a private copy of the fee store as the desk does, with the bench clock. */
export async function openFeesDesk(dir: string): Promise<App> {
  const copy = join(dir, 'fees.db');
  copyFileSync(await feesStore(), copy);
  return createApp(copy, { clock: fakeClock(NOW) });
}
