/**
 * Registry measurements on the large demo site (20,000 rooms, 30,000 occupants): room
 * search as the receptionist types, and opening a room card. Each query set is taken
 * from the data itself (deterministic: the demo is seeded), and the raw side replays the
 * exact statements our call ran (see record.ts).
 *
 * Targets: search p95 ≤ 5 ms in the store, opening a card p95 ≤ 5 ms, each
 * within 2× of raw better-sqlite3.
 */
import type { App } from '../../db/api/app.js';
import type { Measurement } from './harness.js';
import { recordStatements, replayer, type Recorded } from './record.js';

/** The measurements this file makes (run.ts generates the demo site only if the filter wants one). */
export const REGISTRY_BENCH_NAMES = [
  'registry.search: room code as typed (3-2-5…)',
  'registry.search: code digits as typed (32501)',
  'registry.search: last 4 phone digits',
  'registry.search: name, 1 character',
  'registry.search: name, 2 characters',
  'registry.search: name, 3 characters',
  'registry.search: plate as typed (粤B1…)',
  'registry.room: open a room card',
  'registry.search: blank (app.call alone, no SQL)',
] as const;
const N = REGISTRY_BENCH_NAMES;

interface Queries {
  name: string;
  op: 'registry.search' | 'registry.room';
  inputs: Record<string, unknown>[];
}

function every<T>(list: readonly T[], n: number): T[] {
  if (list.length <= n) return [...list];
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]!);
}

/** What people type, from the site's own rooms and people. */
export function registryQueries(app: App): Queries[] {
  const raw = app.store.raw;
  const rooms = raw.prepare("SELECT id, code FROM room WHERE usage = 'residential' ORDER BY code").all() as { id: string; code: string }[];
  const lived = raw.prepare(`SELECT r.id FROM room r WHERE EXISTS (SELECT 1 FROM occupant o WHERE o.room_id = r.id) ORDER BY r.code`).all() as { id: string }[];
  const people = raw.prepare('SELECT name, phone, phone2 FROM occupant ORDER BY room_id IN (SELECT id FROM room) DESC, name, phone').all() as { name: string; phone: string; phone2: string }[];

  const typing = (text: string, from: number) => Array.from({ length: [...text].length - from + 1 }, (_, i) => [...text].slice(0, from + i).join(''));
  const codes = every(rooms, 12).flatMap((r) => typing(r.code, r.code.indexOf('-') + 1));
  const spoken = every(rooms, 12).map((r) => {
    const [b, u] = r.code.split('-');
    return `${b}栋${u}单元`;
  });
  const digits = every(rooms, 12).flatMap((r) => typing(r.code.replace(/-/g, ''), 3));
  const tails = every(people.filter((p) => p.phone.length >= 4), 40).map((p) => p.phone.slice(-4));
  const tails2 = every(people.filter((p) => p.phone2.length >= 4), 10).map((p) => p.phone2.slice(-4));
  const three = every(people.filter((p) => [...p.name].length === 3), 30);
  const one = ['王', '李', '陈', '欧', '伟', '芳', '涵', '轩', '敏', '华', '梅', '强'];
  const two = ['建国', '秀英', '晓梅', '子轩', '欣怡', '王芳', '张伟', '欧阳', ...every(three, 12).map((p) => [...p.name].slice(1).join(''))];
  const plates = every(raw.prepare('SELECT plate FROM vehicle ORDER BY plate').all() as { plate: string }[], 12).flatMap((v) => typing(v.plate, 2));
  const search = (qs: string[]) => qs.map((q) => ({ q }));
  return [
    { name: N[0], op: 'registry.search', inputs: search([...codes, ...spoken]) },
    { name: N[1], op: 'registry.search', inputs: search(digits) },
    { name: N[2], op: 'registry.search', inputs: search([...tails, ...tails2]) },
    { name: N[3], op: 'registry.search', inputs: search(one) },
    { name: N[4], op: 'registry.search', inputs: search(two) },
    { name: N[5], op: 'registry.search', inputs: search(three.map((p) => p.name)) },
    { name: N[6], op: 'registry.search', inputs: search(plates) },
    { name: N[7], op: 'registry.room', inputs: every(lived, 60).map((r) => ({ id: r.id })) },
  ];
}

/**
 * One measurement per query set: ours = app.call as the receptionist, raw = the same
 * statements replayed. Both walk the same inputs in the same order.
 */
export async function registryMeasurements(app: App, token: string, sets: readonly Queries[] = registryQueries(app)): Promise<Measurement[]> {
  const replay = replayer(app.store.raw);
  const out: Measurement[] = [];
  for (const set of sets) {
    const recorded: Recorded[][] = [];
    for (const input of set.inputs) {
      recorded.push(await recordStatements(app.store.raw, async () => {
        const r = await app.call(token, set.op, input);
        if (!r.envelope.ok) throw new Error(`${set.op} ${JSON.stringify(input)}: ${r.envelope.error.code}`);
      }));
    }
    let i = 0;
    let j = 0;
    const n = set.inputs.length;
    out.push({
      name: `${set.name} [${n} inputs]`,
      iterations: Math.max(300, n * 3),
      warmup: n,
      ours: async () => {
        const r = await app.call(token, set.op, set.inputs[i++ % n]);
        if (!r.envelope.ok) throw new Error(r.envelope.error.code);
      },
      raw: () => replay(recorded[j++ % n]!),
    });
  }
  // the floor under every figure above: session, input check, transaction, envelope
  out.push({
    name: N[8],
    iterations: 300,
    ours: async () => {
      const r = await app.call(token, 'registry.search', { q: ' ' });
      if (!r.envelope.ok) throw new Error(r.envelope.error.code);
    },
  });
  return out;
}
