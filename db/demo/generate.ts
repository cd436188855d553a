/**
 * The demo site: a realistic Chinese residential community, built through the same
 * application API the desk uses (app.call with an administrator's and a receptionist's
 * sessions), so every room, occupant, vehicle and move-out passes the registry's rules.
 *
 * Deterministic: the same seed and `today` give the same site (ids and stamps aside), so
 * benches that generate it once and cache it measure the same thing on every machine.
 *
 *   small  2 residential towers (~300 rooms, ~450 occupants), a few shops and parking
 *   large  20,000 rooms and 30,000 occupants: ~90 towers, a shopping street, a garage
 */
import type { App } from '../api/app.js';
import type { OpInput, OpName, OpOutput } from '../api/types.js';
import type { Role } from '../store/schema.js';
import { isSettable, SYSTEM_ACTOR, systemActor, Timeline, type DemoCall } from './actor.js';
import { planArchives, type ArchiveCounts } from './archives.js';
import { planComplaints, type CaseCounts } from './complaints.js';
import { planFees, type FeeCounts } from './fees.js';
import { demoHandoverRegisters } from './handover-registers.js';
import { demoHandovers } from './handovers.js';
import { CAR_MODELS } from './pools.js';
import { idDocument, landline, mobile, plate } from './people.js';
import { planSite } from './plan.js';
import { chance, pick, seededRandom } from './random.js';
import { at, dayOf, monthsFrom } from './when.js';

export type DemoScale = 'small' | 'large';

export interface DemoOptions {
  scale: DemoScale;
  /** PRNG seed (default 20261201) */
  seed?: number;
  /** the site created when the store has none yet */
  site?: { code: string; name: string };
  /** the administrator: created with this password when the store has no site yet, else signed in with it */
  admin: { username: string; password: string; displayName?: string };
  /** the password of the demo staff accounts (one per role) */
  staffPassword: string;
  /** the latest move-in or move-out date (YYYY-MM-DD); default: the app clock's date */
  today?: string;
  /** write the year of fees, cases and archives after the registry (default true; benches that write their own history say false) */
  history?: boolean;
}

export interface DemoProgress {
  phase: 'site' | 'staff' | 'registry' | 'parking' | 'history' | 'done';
  done: number;
  total: number;
}

export interface DemoStaff {
  username: string;
  displayName: string;
  role: Role;
}

export interface DemoCounts {
  buildings: number;
  units: number;
  rooms: number;
  occupants: number;
  movedOut: number;
  members: number;
  vehicles: number;
  parkingSpaces: number;
}

/** What the year of desk work left: fee items, bill runs, receipts, cases, archive items, requests and loans. */
export type DemoHistoryCounts = FeeCounts & CaseCounts & ArchiveCounts;

export interface DemoResult {
  /** whether set-up ran (the store had no site) */
  createdSite: boolean;
  siteName: string;
  admin: { username: string };
  staff: DemoStaff[];
  counts: DemoCounts;
  history: DemoHistoryCounts;
  /** API calls made */
  calls: number;
}

/** The demo cannot be built here; the message says why in both languages. Nothing was written. */
export class DemoRefused extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
    this.name = 'DemoRefused';
  }
}

/** The system account's password stem: it is disabled once the demo is built, so nobody uses it. */
const DEMO_SYSTEM_SECRET = 'SystemDemo';

export const DEMO_SITE = { code: 'SZ-CH01', name: '深圳南山翠湖花园客户服务中心' } as const;

/** One account per role besides the administrator. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { username: 'li.xiaomei', displayName: '李晓梅', role: 'receptionist' },
  { username: 'zhou.ting', displayName: '周婷', role: 'receptionist' },
  { username: 'wang.xiulan', displayName: '王秀兰', role: 'cashier' },
  { username: 'chen.jing', displayName: '陈静', role: 'archivist' },
  { username: 'liu.jianhua', displayName: '刘建华', role: 'supervisor' },
  { username: 'zhao.guoqiang', displayName: '赵国强', role: 'manager' },
];

// ---------------------------------------------------------------------------------------
// Building it through the API

export async function generateDemo(app: App, options: DemoOptions, onProgress: (p: DemoProgress) => void = () => undefined): Promise<DemoResult> {
  const clock = app.store.clock;
  if (!isSettable(clock)) throw new Error('the demo writes a year of history: open the app with a clock it can set (fakeClock)');
  const end = clock.now().getTime();
  const today = options.today ?? clock.now().toISOString().slice(0, 10);
  const endDay = dayOf(end);
  // a year of history: from the first of the month a year before this one
  const start = `${monthsFrom(`${Number(endDay.slice(0, 4)) - 1}${endDay.slice(4)}`, endDay)[0]!}-01`;
  const rand = seededRandom(options.seed ?? 20261201);
  let calls = 0;

  const existing = await app.store.db.selectFrom('site').select(['id', 'name']).executeTakeFirst();
  if (existing) {
    const { n } = await app.store.db.selectFrom('room').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', existing.id).executeTakeFirstOrThrow();
    if (Number(n) > 0) {
      throw new DemoRefused(
        `数据文件中已有站点“${existing.name}”，并已登记 ${n} 个房间：演示数据只能建在新的或尚无房间的站点上。未做任何改动；请用 --data-dir 指定另一个文件夹。`,
        `The store already has site "${existing.name}" with ${n} rooms registered: a demo site can only be built in a new store or a site with no rooms yet. Nothing was changed; choose another folder with --data-dir.`,
      );
    }
  }

  async function call<N extends OpName>(token: string | null, name: N, input: OpInput<N>): Promise<{ value: OpOutput<N>; token: string | null }> {
    calls++;
    const r = await app.call(token, name, input);
    if (!r.envelope.ok) {
      const m = r.envelope.error.message;
      throw new Error(`demo: ${name} was refused (${r.envelope.error.code}): ${m['en-US']} / ${m['zh-CN']}\ninput: ${JSON.stringify(input)}`);
    }
    return { value: r.envelope.value as OpOutput<N>, token: r.token };
  }

  async function signIn(username: string, password: string, who: { zh: string; en: string }): Promise<string> {
    calls++;
    const r = await app.call(null, 'auth.login', { username, password });
    if (!r.envelope.ok || !r.token) {
      const m = r.envelope.ok ? null : r.envelope.error.message;
      throw new DemoRefused(
        `无法以${who.zh}“${username}”登录（${m?.['zh-CN'] ?? '未知原因'}）。站点已存在时，请用 --user 和 --password 提供系统管理员的用户名和密码。未做任何改动。`,
        `Could not sign in as the ${who.en} "${username}" (${m?.['en-US'] ?? 'unknown reason'}). When the site already exists, give an administrator's user name and password with --user and --password. Nothing was changed.`,
      );
    }
    return r.token;
  }

  // 1. the site and its administrator, the week before the year shown
  onProgress({ phase: 'site', done: 0, total: 1 });
  const setUpAt = new Date(at(start, 9 * 60) - 7 * 86_400_000);
  let admin: string;
  let siteName = existing?.name ?? '';
  if (!existing) {
    const site = options.site ?? DEMO_SITE;
    clock.set(setUpAt);
    const r = await call(null, 'setup.init', {
      siteCode: site.code, siteName: site.name,
      adminUsername: options.admin.username, adminDisplayName: options.admin.displayName ?? '系统管理员', password: options.admin.password,
    });
    admin = r.token!;
    siteName = site.name;
  } else {
    admin = await signIn(options.admin.username, options.admin.password, { zh: '系统管理员', en: 'administrator' });
    const me = await call(admin, 'auth.me', {});
    if (me.value.user?.role !== 'admin') {
      throw new DemoRefused(
        `“${options.admin.username}”不是系统管理员，不能创建演示员工账号。未做任何改动。`,
        `"${options.admin.username}" is not an administrator and cannot create the demo staff accounts. Nothing was changed.`,
      );
    }
  }

  clock.set(setUpAt);

  // 2. staff of each role
  onProgress({ phase: 'staff', done: 0, total: DEMO_STAFF.length });
  const have = new Set((await call(admin, 'staff.list', {})).value.map((s) => s.username));
  for (const [i, s] of DEMO_STAFF.entries()) {
    if (!have.has(s.username)) await call(admin, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: options.staffPassword });
    onProgress({ phase: 'staff', done: i + 1, total: DEMO_STAFF.length });
  }
  // the system account every generated row is credited to (disabled at the end)
  const sys = have.has(SYSTEM_ACTOR.username) ? null : await call(admin, 'staff.create', {
    username: SYSTEM_ACTOR.username, displayName: SYSTEM_ACTOR.displayName, role: 'supervisor', password: `${DEMO_SYSTEM_SECRET}${Math.floor(rand() * 1e9)}`,
  });
  const siteId = (await app.store.db.selectFrom('site').select('id').executeTakeFirstOrThrow()).id;
  const systemId = sys?.value.id ?? (await app.store.db.selectFrom('staff').select('id').where('username', '=', SYSTEM_ACTOR.username).executeTakeFirstOrThrow()).id;
  const actor = systemActor(app, { id: systemId, siteId });
  const desk = actor.as('receptionist');

  // 3. the registry, room by room, as a receptionist would key it in
  const plan = planSite(rand, options.scale, today);
  const history: DemoHistoryCounts = { feeItems: 0, billRuns: 0, receipts: 0, cases: 0, archiveItems: 0, requests: 0, loans: 0 };
  const counts: DemoCounts = { buildings: 0, units: 0, rooms: 0, occupants: 0, movedOut: 0, members: 0, vehicles: 0, parkingSpaces: 0 };
  const plates = new Set<string>();
  const freeSpaces: { id: string; code: string }[] = [];
  let nextSpace = 0;
  const spaceCode = (i: number) => `B${Math.floor(i / 1000) + 1}-${String((i % 1000) + 1).padStart(3, '0')}`;

  // Durability while bulk-loading: the store runs synchronous=FULL (money); a demo being
  // built can be rebuilt, so commits skip the fsync until it is done. Every write still
  // goes through app.call and the registry's rules.
  const raw = app.store.raw;
  const synchronous = raw.pragma('synchronous', { simple: true }) as number;
  raw.pragma('synchronous = OFF');
  try {
    const buildingIds: string[] = [];
    const unitIds: string[][] = [];
    for (const b of plan.buildings) {
      buildingIds.push((await call(desk, 'registry.saveBuilding', { code: b.code, name: b.name, remarks: b.remarks })).value.id);
      counts.buildings++;
      const ids: string[] = [];
      for (const u of b.units) {
        ids.push((await call(desk, 'registry.saveUnit', { buildingId: buildingIds.at(-1)!, code: u.code, name: u.name })).value.id);
        counts.units++;
      }
      unitIds.push(ids);
    }

    const total = plan.rooms.length;
    onProgress({ phase: 'registry', done: 0, total });
    for (const [i, r] of plan.rooms.entries()) {
      const roomId = (await call(desk, 'registry.saveRoom', {
        buildingId: buildingIds[r.building]!,
        unitId: r.unit === null ? null : unitIds[r.building]![r.unit]!,
        roomNo: r.roomNo, area: r.area, usage: r.usage, state: r.state, remarks: r.remarks,
      })).value.id;
      counts.rooms++;

      for (const o of r.occupants) {
        const doc = idDocument(rand, o.person);
        const occupantId = (await call(desk, 'registry.saveOccupant', {
          roomId, kind: o.kind, name: o.person.name,
          phone: mobile(rand),
          phone2: o.shop && chance(rand, 0.5) ? landline(rand, chance(rand, 0.4)) : chance(rand, 0.12) ? mobile(rand) : undefined,
          ...doc, moveIn: o.moveIn, remarks: o.remarks,
        })).value.id;
        counts.occupants++;
        for (const m of o.members) {
          await call(desk, 'registry.saveMember', { occupantId, name: m.name, relation: m.relation, phone: m.phone });
          counts.members++;
        }
        for (let v = 0; v < o.vehicles; v++) {
          await call(desk, 'registry.saveVehicle', { occupantId, plate: plate(rand, plates), description: pick(rand, CAR_MODELS) });
          counts.vehicles++;
        }
        if (o.parking) {
          const tenure = o.kind === 'owner' && chance(rand, 0.6) ? 'owned' : 'rented';
          const reuse = freeSpaces.length > 0 && chance(rand, 0.5) ? freeSpaces.shift()! : null;
          const code = reuse?.code ?? spaceCode(nextSpace++);
          const id = (await call(desk, 'registry.saveParking', { id: reuse?.id, code, occupantId, tenure })).value.id;
          if (!reuse) counts.parkingSpaces++;
          if (o.moveOut) freeSpaces.push({ id, code }); // moving out frees it
        }
        if (o.moveOut) {
          await call(desk, 'registry.moveOut', { id: occupantId, date: o.moveOut });
          counts.movedOut++;
        }
      }
      if (i % 50 === 49 || i === total - 1) onProgress({ phase: 'registry', done: i + 1, total });
    }

    // spaces nobody has taken yet
    const spare = Math.max(0, plan.parkingSpaces - nextSpace);
    onProgress({ phase: 'parking', done: 0, total: spare });
    for (let i = 0; i < spare; i++) {
      await call(desk, 'registry.saveParking', { code: spaceCode(nextSpace++), occupantId: null, tenure: 'owned', remarks: '未售' });
      counts.parkingSpaces++;
      if (i % 200 === 199 || i === spare - 1) onProgress({ phase: 'parking', done: i + 1, total: spare });
    }

    // 4. a year of desk work, played in time order at the moments it happened
    const timeline = new Timeline();
    if (options.history !== false) {
      const demoCall = (async (token: string, name: OpName, input: OpInput<OpName>) => (await call(token, name, input)).value) as DemoCall;
      const scaleOf = { scale: options.scale, start, endDay, end };
      await planFees(app, demoCall, actor, timeline, rand, { ...scaleOf, siteId, counts: history });
      const contacts = raw.prepare(`SELECT r.id, o.name AS occupant, o.phone FROM room r JOIN occupant o ON o.room_id = r.id AND o.move_out IS NULL
        WHERE r.site_id = ? AND r.usage <> 'parking' GROUP BY r.id ORDER BY r.code`).all(siteId) as { id: string; occupant: string; phone: string }[];
      planComplaints(demoCall, actor, timeline, rand, { ...scaleOf, rooms: contacts, counts: history });
      await planArchives(demoCall, actor, timeline, rand, { ...scaleOf, counts: history });
      const steps = timeline.size;
      onProgress({ phase: 'history', done: 0, total: steps });
      await timeline.play(clock, actor, end, () => {
        if (timeline.played % 500 === 0) onProgress({ phase: 'history', done: timeline.played, total: steps });
      });
      onProgress({ phase: 'history', done: steps, total: steps });
    }

    // every occupied room's signed move-in form, credited like the rest to the system account
    clock.set(new Date(end));
    await demoHandovers(app, SYSTEM_ACTOR.username, options.seed);
    // a few move-outs, the desk's key register, two shift handovers and a signed transfer list
    await demoHandoverRegisters(app, SYSTEM_ACTOR.username, options.seed);
  } finally {
    clock.set(new Date(end));
    raw.pragma(`synchronous = ${synchronous}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
  }
  actor.end();
  // nobody signs in as the system account
  admin = await signIn(options.admin.username, options.admin.password, { zh: '系统管理员', en: 'administrator' });
  await call(admin, 'staff.update', { id: systemId, active: false });
  await call(admin, 'auth.logout', {});
  onProgress({ phase: 'done', done: 1, total: 1 });

  return { createdSite: !existing, siteName, admin: { username: options.admin.username }, staff: [...DEMO_STAFF], counts, history, calls };
}
