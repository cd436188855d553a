/**
 * Handovers on the large demo site with a signed move-in for every occupied room: opening a
 * room's handover history, saving a draft and signing it, and the shift handover's pre-fill,
 * each next to raw better-sqlite3 running the same statements (recorded from our call, see
 * record.ts). Targets: history p95 ≤ 5 ms, save + sign p95 ≤ 10 ms, pre-fill ≤ 50 ms.
 *
 * Signing includes the staff member signing in on the spot (the one attest check). Its password
 * hash is deliberately slow (scrypt, N = 16384: tens of milliseconds, the point of it), so it is
 * measured on its own, and signing is measured apart from it: the signer in that figure is a
 * bench-only account whose stored hash carries scrypt parameters of N = 2 (the parameters travel
 * with each hash), so the figure is every other thing signing does. Real accounts keep theirs.
 */
import type { App } from '../../db/api/app.js';
import { hashPassword, verifyPassword } from '../../db/auth/password.js';
import { scrypt } from 'node:crypto';
import { demoHandovers } from '../../db/demo/handovers.js';
import { shiftPrefill } from '../../db/handovers/shift.js';
import { uuidv7 } from '../../db/ids.js';
import { BENCH_PASSWORD, DEMO_RECEPTIONIST } from './fixtures.js';
import type { Measurement } from './harness.js';
import { recordStatements, replayer, type Recorded } from './record.js';

export const HANDOVERS_BENCH_NAMES = [
  'handovers.roomHistory: open a room\'s handover history',
  'handovers.save: save a move-in draft',
  'handovers.sign: sign a move-in (base readings, occupant, signatures, hash), password KDF apart',
  'attest password KDF alone (scrypt N=16384, as every real account)',
  'handovers shift pre-fill (cases, loans, cash, keys)',
] as const;
/** The bench-only signer: their hash's scrypt parameters are N = 2, so signing is timed without the KDF. */
const CHEAP_SIGNER = 'bench.cheapkdf';
const N = HANDOVERS_BENCH_NAMES;
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const form = (n: number) => ({
  occupant: { id: null, kind: 'owner', name: `业主${n}`, phone: '13912345678', idType: 'resident_id', idNumber: '11010519491231002X', idChecked: true },
  cards: '', keys: [{ kind: '入户门', count: 2, numbers: '' }],
  meters: [{ meter: 'water', meterNo: 'W-1', reading: '10' }, { meter: 'electricity', meterNo: 'E-1', reading: '20' }, { meter: 'gas', meterNo: 'G-1', reading: '5' }],
  checklist: [{ item: '入户门', condition: 'ok', remark: '' }], documents: ['住户手册'], moveInDate: '2026-11-30', remarks: '',
});

async function must<T>(p: ReturnType<App['call']>): Promise<T> {
  const { envelope } = await p;
  if (!envelope.ok) throw new Error(envelope.error.code);
  return envelope.value as T;
}

export async function handoverMeasurements(app: App, desk: string): Promise<Measurement[]> {
  const raw = app.store.raw;
  const made = await demoHandovers(app, DEMO_RECEPTIONIST);
  if (made) console.error(`[bench] ${made} signed move-ins written into the working copy`);
  const replay = replayer(raw);
  const siteId = (raw.prepare('SELECT id FROM site').get() as { id: string }).id;

  // 1. a room's history, for 60 rooms with a move-in
  const rooms = raw.prepare("SELECT room_id FROM handover WHERE kind = 'move_in' ORDER BY number").all() as { room_id: string }[];
  const pick = Array.from({ length: 60 }, (_, i) => rooms[Math.floor((i * rooms.length) / 60)]!.room_id);
  const history: Recorded[][] = [];
  for (const roomId of pick) history.push(await recordStatements(raw, () => must(app.call(desk, 'handovers.roomHistory', { roomId }))));
  let h = 0;
  let hr = 0;

  // 2. drafts on vacant rooms: one sample recorded, then ours signs its own, raw replays the sample on its own
  const vacant = (raw.prepare(`SELECT r.id FROM room r WHERE r.usage = 'residential' AND NOT EXISTS (SELECT 1 FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL)
    AND NOT EXISTS (SELECT 1 FROM handover x WHERE x.room_id = r.id) ORDER BY r.code LIMIT 200`).all() as { id: string }[]).map((r) => r.id);
  const drafts: { id: string; roomId: string }[] = [];
  for (const roomId of vacant) drafts.push({ ...(await must<{ id: string }>(app.call(desk, 'handovers.start', { kind: 'move_in', roomId }))), roomId });
  // the bench signer: a receptionist whose stored hash has N = 2 (written into this working copy only)
  if (!raw.prepare('SELECT 1 FROM staff WHERE username = ?').get(CHEAP_SIGNER)) {
    const admin = await app.call(null, 'auth.login', { username: 'admin', password: BENCH_PASSWORD });
    await must(app.call(admin.token!, 'staff.create', { username: CHEAP_SIGNER, displayName: '测速员', role: 'receptionist', password: BENCH_PASSWORD }));
  }
  raw.prepare('UPDATE staff SET password_hash = ? WHERE username = ?').run(await hashPassword(BENCH_PASSWORD, 2), CHEAP_SIGNER);
  const sign = (d: { id: string }, n: number) => ({ id: d.id, occupantMethod: 'drawn' as const, occupantName: `业主${n}`, occupantPng: PNG, staffUsername: CHEAP_SIGNER, staffPassword: BENCH_PASSWORD });
  const sample = drafts.shift()!;
  const known = new Set<unknown>([sample.id, sample.roomId]);
  const saveSql = await recordStatements(raw, () => must(app.call(desk, 'handovers.save', { id: sample.id, body: form(0) })));
  const signSql = await recordStatements(raw, () => must(app.call(desk, 'handovers.sign', sign(sample, 0))));
  const before = new Set((raw.prepare('SELECT id FROM staff UNION ALL SELECT id FROM site').all() as { id: string }[]).map((r) => r.id));
  const rawTx = raw.transaction((statements: Recorded[]) => replay(statements));
  const staffHash = (raw.prepare('SELECT password_hash FROM staff WHERE username = ?').get(DEMO_RECEPTIONIST) as { password_hash: string }).password_hash;
  const half = Math.floor(drafts.length / 2);
  const oursDrafts = drafts.slice(0, half);
  const rawDrafts = drafts.slice(half);
  let os = 0;
  let og = 0;
  let rs = 0;
  let rg = 0;
  /** the sample's statements made this draft's: its draft and room swapped, every id the sample made made afresh */
  const rawCopy = (statements: Recorded[], d: { id: string; roomId: string }) => {
    const swap = new Map<unknown, unknown>([[sample.id, d.id], [sample.roomId, d.roomId]]);
    const sub = (p: unknown): unknown => {
      if (Array.isArray(p)) return p.map(sub);
      if (swap.has(p)) return swap.get(p);
      if (typeof p === 'string' && UUID.test(p) && !known.has(p) && !before.has(p)) swap.set(p, uuidv7());
      return swap.has(p) ? swap.get(p) : p;
    };
    return statements.map((st) => ({ sql: st.sql, params: st.params.map(sub) }));
  };

  // 3. the shift pre-fill of the cashier (their receipts since the start of the day, open cases, loans due, the desk's keys)
  const cashier = (raw.prepare("SELECT id FROM staff WHERE role = 'cashier' ORDER BY username LIMIT 1").get() as { id: string }).id;
  const now = app.store.clock.now();
  const prefillSql = await recordStatements(raw, () => shiftPrefill(app.store.db, siteId, cashier, now, 480));

  const cheap = (raw.prepare('SELECT password_hash FROM staff WHERE username = ?').get(CHEAP_SIGNER) as { password_hash: string }).password_hash;
  return [
    { name: N[0], iterations: 300, warmup: 20, ours: () => must(app.call(desk, 'handovers.roomHistory', { roomId: pick[h++ % pick.length] })), raw: () => replay(history[hr++ % history.length]!) },
    // each draft is saved by the first measurement and signed by the second, ours and raw alike
    { name: N[1], iterations: Math.min(40, half - 3, rawDrafts.length - 3), warmup: 3,
      ours: () => { const d = oursDrafts[os++]!; return must(app.call(desk, 'handovers.save', { id: d.id, body: form(os) })); },
      raw: () => rawTx(rawCopy(saveSql, rawDrafts[rs++]!)) },
    { name: N[2], iterations: Math.min(40, half - 3, rawDrafts.length - 3), warmup: 3,
      ours: () => { const d = oursDrafts[og++]!; return must(app.call(desk, 'handovers.sign', sign(d, og))); },
      raw: async () => {
        if (!(await verifyPassword(BENCH_PASSWORD, cheap))) throw new Error('raw verify failed');
        rawTx(rawCopy(signSql, rawDrafts[rg++]!));
      } },
    { name: N[3], iterations: 40, warmup: 3,
      ours: async () => { if (!(await verifyPassword(BENCH_PASSWORD, staffHash))) throw new Error('verify failed'); },
      raw: () => new Promise<void>((resolve, reject) => { scrypt(BENCH_PASSWORD, 'salt-of-16-bytes', 32, { N: 16384, r: 8, p: 1 }, (e) => (e ? reject(e) : resolve())); }) },
    { name: N[4], iterations: 100, warmup: 5, ours: () => shiftPrefill(app.store.db, siteId, cashier, now, 480), raw: () => replay(prefillSql) },
  ];
}

