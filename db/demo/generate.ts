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
import {
  CAR_MODELS, COMPOUND_SURNAMES, GIVEN_FEMALE_FIRST, GIVEN_FEMALE_SECOND, GIVEN_FEMALE_WHOLE, GIVEN_MALE_FIRST, GIVEN_MALE_SECOND,
  GIVEN_MALE_WHOLE, ID_REGIONS, MOBILE_PREFIXES, PLATE_LETTERS, PLATE_PREFIXES, RELATIONS, SHOP_NAMES, SURNAMES,
} from './pools.js';

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
}

export interface DemoProgress {
  phase: 'site' | 'staff' | 'registry' | 'parking' | 'done';
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

export interface DemoResult {
  /** whether set-up ran (the store had no site) */
  createdSite: boolean;
  siteName: string;
  admin: { username: string };
  staff: DemoStaff[];
  counts: DemoCounts;
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

const SCALES = {
  small: { towers: 2, rooms: null, occupantsPerRoom: 1.5, shops: 8, offices: 2, garage: 6 },
  large: { towers: null, rooms: 20_000, occupantsPerRoom: 1.5, shops: 60, offices: 20, garage: 240 },
} as const;

// ---------------------------------------------------------------------------------------
// Deterministic randomness

export type Rand = () => number;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export function seededRandom(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
/** Favours the head of the list (surnames are far from uniform). */
const pickSkewed = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() ** 1.8 * list.length)]!;
const chance = (rand: Rand, p: number) => rand() < p;
const digits = (rand: Rand, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
function pickWeighted<T>(rand: Rand, list: readonly (readonly [T, number])[]): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of list) if ((r -= w) < 0) return v;
  return list.at(-1)![0];
}

// ---------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, UTC arithmetic)

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const addDays = (d: string, n: number) => toDay(ms(d) + n * DAY);
const minDay = (a: string, b: string) => (a < b ? a : b);

// ---------------------------------------------------------------------------------------
// People

interface Person {
  name: string;
  surname: string;
  male: boolean;
  /** YYYYMMDD */
  birth: string;
}

function givenName(rand: Rand, male: boolean): string {
  if (chance(rand, 0.45)) return pick(rand, male ? GIVEN_MALE_WHOLE : GIVEN_FEMALE_WHOLE);
  return pick(rand, male ? GIVEN_MALE_FIRST : GIVEN_FEMALE_FIRST) + pick(rand, male ? GIVEN_MALE_SECOND : GIVEN_FEMALE_SECOND);
}

function person(rand: Rand, today: string, o: { surname?: string; male?: boolean; ageMin: number; ageMax: number }): Person {
  const surname = o.surname ?? (chance(rand, 0.015) ? pick(rand, COMPOUND_SURNAMES) : pickSkewed(rand, SURNAMES));
  const male = o.male ?? chance(rand, 0.5);
  const age = int(rand, o.ageMin, o.ageMax);
  const birth = toDay(ms(today) - age * 365.25 * DAY - int(rand, 0, 364) * DAY).replace(/-/g, '');
  return { name: surname + givenName(rand, male), surname, male, birth };
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID. */
export function residentIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body17[i]), 0);
  return '10X98765432'[sum % 11]!;
}

function idDocument(rand: Rand, p: Person): { idType: 'none' | 'resident_id' | 'passport' | 'hk_macau' | 'taiwan'; idNumber?: string } {
  const r = rand();
  if (r < 0.84) {
    // sequence: odd for men, even for women
    const seq = int(rand, 0, 49) * 2 + (p.male ? 1 : 0) + 100 * int(rand, 0, 9);
    const body = `${pick(rand, ID_REGIONS)}${p.birth}${String(seq).padStart(3, '0')}`;
    return { idType: 'resident_id', idNumber: body + residentIdCheck(body) };
  }
  if (r < 0.87) return { idType: 'passport', idNumber: `E${digits(rand, 8)}` };
  if (r < 0.90) return { idType: 'hk_macau', idNumber: `${pick(rand, ['H', 'M'])}${digits(rand, 8)}` };
  if (r < 0.91) return { idType: 'taiwan', idNumber: digits(rand, 8) };
  return { idType: 'none' };
}

/** A mobile number, written the way people hand them over (spaces, dashes, +86). */
function mobile(rand: Rand): string {
  const n = `${pick(rand, MOBILE_PREFIXES)}${digits(rand, 8)}`;
  const r = rand();
  if (r < 0.7) return n;
  if (r < 0.85) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (r < 0.95) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
  return `+86 ${n}`;
}

const landline = (rand: Rand, ext: boolean) => `0755-${pick(rand, ['2', '8'])}${digits(rand, 7)}${ext ? `转${int(rand, 801, 899)}` : ''}`;

function plate(rand: Rand, used: Set<string>): string {
  for (;;) {
    const prefix = pickWeighted(rand, PLATE_PREFIXES);
    let tail: string;
    if (chance(rand, 0.2)) {
      tail = `${pick(rand, ['D', 'F'])}${digits(rand, 5)}`; // new-energy: 6 characters
    } else {
      const chars = Array.from({ length: 5 }, (_, i) => (i < 2 && chance(rand, 0.25) ? pick(rand, [...PLATE_LETTERS]) : String(Math.floor(rand() * 10))));
      tail = chars.join('');
    }
    const p = `${prefix}${tail}`;
    if (!used.has(p)) {
      used.add(p);
      // as typed at the desk, now and then with the dot or a space
      return chance(rand, 0.1) ? `${prefix}·${tail}` : chance(rand, 0.05) ? `${prefix} ${tail.toLowerCase()}` : p;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The plan: what the site looks like, decided before any call

interface UnitPlan { code: string; name: string }
interface BuildingPlan {
  code: string;
  name: string;
  remarks: string;
  kind: 'tower' | 'street' | 'garage';
  units: UnitPlan[];
  delivered: string;
}

interface MemberPlan { name: string; relation: string; phone?: string }
interface OccupantPlan {
  kind: 'owner' | 'tenant';
  person: Person;
  moveIn: string;
  moveOut: string | null;
  members: MemberPlan[];
  vehicles: number;
  parking: boolean;
  remarks: string;
  shop: boolean;
}
interface RoomPlan {
  building: number;
  unit: number | null;
  roomNo: string;
  area: string | number;
  usage: 'residential' | 'shop' | 'office' | 'parking';
  state: 'vacant' | 'delivered' | 'decorating' | 'occupied' | 'rented';
  remarks: string;
  owned: boolean;
  tenant: boolean;
  formerOwner: boolean;
  formerTenants: number;
  occupants: OccupantPlan[];
}

interface Plan {
  buildings: BuildingPlan[];
  rooms: RoomPlan[];
  parkingSpaces: number;
}

/** An area as typed: usually "89.47", sometimes with ㎡, sometimes a spreadsheet number. */
function typedArea(rand: Rand, centi: number): string | number {
  const text = `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
  const r = rand();
  if (r < 0.8) return text;
  if (r < 0.9) return `${text}㎡`;
  return Number(text);
}

function planSite(rand: Rand, scale: DemoScale, today: string): Plan {
  const spec = SCALES[scale];
  const buildings: BuildingPlan[] = [];
  const rooms: RoomPlan[] = [];
  const latestDelivery = addDays(today, -2 * 365);
  const delivery = () => minDay(addDays('2012-06-30', int(rand, 0, 9 * 365)), latestDelivery);

  // residential towers: 18–33 floors, 2–4 units, 2–4 flats per floor
  const others = spec.shops + spec.offices + spec.garage;
  const residentialTarget = spec.rooms === null ? Number.POSITIVE_INFINITY : spec.rooms - others;
  let residential = 0;
  for (let t = 1; spec.towers === null ? residential < residentialTarget : t <= spec.towers; t++) {
    const small = scale === 'small';
    const floors = small ? int(rand, 20, 26) : int(rand, 18, 33);
    const units = small ? 2 : int(rand, 2, 4);
    const perFloor = small ? 3 : int(rand, 2, 4);
    const b = buildings.push({
      code: String(t), name: `${t}栋`, remarks: `${floors}层，${units}个单元，每层${perFloor}户`, kind: 'tower',
      units: Array.from({ length: units }, (_, u) => ({ code: String(u + 1), name: `${u + 1}单元` })), delivered: delivery(),
    }) - 1;
    for (let f = 1; f <= floors; f++) {
      for (let u = 0; u < units; u++) {
        for (let k = 1; k <= perFloor; k++) {
          if (residential >= residentialTarget) break;
          const end = k === 1 || k === perFloor;
          const centi = f === floors && chance(rand, 0.5) ? int(rand, 16000, 21000) : end ? int(rand, 11500, 14500) : int(rand, 7800, 10500);
          rooms.push(room(b, u, `${f}${String(k).padStart(2, '0')}`, typedArea(rand, centi), 'residential'));
          residential++;
        }
      }
    }
  }
  // the shopping street (商铺 on two floors, offices above), no units
  const street = buildings.push({ code: 'S', name: '商业街', remarks: '临街商铺及办公', kind: 'street', units: [], delivered: delivery() }) - 1;
  for (let i = 0; i < spec.shops; i++) {
    const floor = i < spec.shops * 0.7 ? 1 : 2;
    rooms.push(room(street, null, `${floor}${String(i + 1).padStart(2, '0')}`, typedArea(rand, int(rand, 3000, 18000)), 'shop'));
  }
  for (let i = 0; i < spec.offices; i++) rooms.push(room(street, null, `3${String(i + 1).padStart(2, '0')}`, typedArea(rand, int(rand, 6000, 30000)), 'office'));
  // the garage: parking spaces sold as property (产权车位)
  const garage = buildings.push({ code: 'CK', name: '地下车库', remarks: '产权车位', kind: 'garage', units: [], delivered: delivery() }) - 1;
  for (let i = 0; i < spec.garage; i++) rooms.push(room(garage, null, `B${Math.floor(i / 500) + 1}${String((i % 500) + 1).padStart(3, '0')}`, typedArea(rand, int(rand, 1200, 1500)), 'parking'));

  function room(building: number, unit: number | null, roomNo: string, area: string | number, usage: RoomPlan['usage']): RoomPlan {
    return { building, unit, roomNo, area, usage, state: 'vacant', remarks: '', owned: false, tenant: false, formerOwner: false, formerTenants: 0, occupants: [] };
  }

  // who owns and who rents
  let count = 0;
  for (const r of rooms) {
    r.owned = chance(rand, r.usage === 'residential' ? 0.96 : r.usage === 'parking' ? 0.75 : 0.9);
    r.tenant = r.owned && chance(rand, r.usage === 'residential' ? 0.18 : r.usage === 'parking' ? 0 : 0.75);
    count += Number(r.owned) + Number(r.tenant);
  }
  // the rest of the occupants are history: earlier owners (resales) and earlier tenants
  const occupantTarget = Math.round(rooms.length * spec.occupantsPerRoom);
  const owned = rooms.filter((r) => r.owned && r.usage !== 'parking');
  for (let guard = 0; count < occupantTarget && guard < occupantTarget * 20; guard++) {
    const r = pick(rand, owned);
    if (r.formerTenants >= 3) continue;
    if (!r.formerOwner && chance(rand, 0.3)) r.formerOwner = true;
    else r.formerTenants++;
    count++;
  }

  for (const r of rooms) timeline(r, buildings[r.building]!.delivered);

  function timeline(r: RoomPlan, delivered: string): void {
    if (!r.owned) {
      r.state = 'vacant';
      return;
    }
    const shop = r.usage === 'shop' || r.usage === 'office';
    const ownerAge = { ageMin: 28, ageMax: 72 };
    let t = minDay(addDays(delivered, int(rand, 0, 180)), today);
    if (r.formerOwner) {
      const span = Math.max(1, Math.round(((ms(today) - ms(t)) / DAY) * (0.2 + rand() * 0.3)));
      const out = addDays(t, span);
      r.occupants.push(occupant('owner', person(rand, today, ownerAge), t, out, shop));
      t = minDay(addDays(out, int(rand, 0, 30)), today);
    }
    const owner = occupant('owner', person(rand, today, ownerAge), t, null, shop);
    r.occupants.push(owner);
    const tenancies = r.formerTenants + Number(r.tenant);
    if (tenancies > 0) {
      const from = minDay(addDays(t, int(rand, 30, 120)), today);
      const span = Math.max(tenancies, Math.round((ms(today) - ms(from)) / DAY));
      const seg = Math.max(1, Math.floor(span / tenancies));
      for (let i = 0; i < tenancies; i++) {
        const moveIn = minDay(addDays(from, i * seg), today);
        const current = i === tenancies - 1 && r.tenant;
        const moveOut = current ? null : minDay(addDays(moveIn, Math.max(0, seg - int(rand, 5, 20))), today);
        r.occupants.push(occupant('tenant', person(rand, today, { ageMin: 22, ageMax: 55 }), moveIn, moveOut, shop));
      }
    }
    // who lives there decides the state; the owner's household only if they live there
    if (r.usage === 'parking') r.state = 'delivered';
    else if (r.tenant) r.state = 'rented';
    else r.state = pickWeighted(rand, [['occupied', 88], ['delivered', 6], ['decorating', 6]] as const);
    if (r.state === 'decorating') r.remarks = `装修中，装修押金已交（${addDays(today, -int(rand, 5, 60))}）`;
    if (shop && r.tenant) r.remarks = pick(rand, SHOP_NAMES);
    for (const o of r.occupants) {
      const lives = o.kind === 'tenant' || r.state === 'occupied' || o.moveOut !== null;
      if (r.usage === 'parking' || o.shop) {
        o.vehicles = chance(rand, 0.3) ? 1 : 0;
      } else if (lives) {
        o.members = household(o.person, o.kind === 'owner' ? 0.5 : 0.2);
        o.vehicles = chance(rand, o.kind === 'owner' ? 0.42 : 0.25) ? (chance(rand, 0.12) ? 2 : 1) : 0;
      }
      o.parking = o.vehicles > 0 && r.usage !== 'parking' && chance(rand, 0.65);
    }
  }

  function occupant(kind: 'owner' | 'tenant', p: Person, moveIn: string, moveOut: string | null, shop: boolean): OccupantPlan {
    return { kind, person: p, moveIn, moveOut, members: [], vehicles: 0, parking: false, remarks: '', shop };
  }

  function household(head: Person, p: number): MemberPlan[] {
    if (!chance(rand, p)) return [];
    const out: MemberPlan[] = [];
    const headAge = Number(today.slice(0, 4)) - Number(head.birth.slice(0, 4));
    if (chance(rand, 0.8)) out.push({ name: person(rand, today, { male: !head.male, ageMin: 25, ageMax: 70 }).name, relation: RELATIONS.spouse, phone: chance(rand, 0.7) ? mobile(rand) : undefined });
    const children = headAge < 30 ? 0 : int(rand, 0, 2);
    for (let i = 0; i < children; i++) out.push({ name: person(rand, today, { surname: head.surname, ageMin: 1, ageMax: 30 }).name, relation: RELATIONS.child, phone: chance(rand, 0.3) ? mobile(rand) : undefined });
    if (chance(rand, 0.15)) out.push({ name: person(rand, today, { surname: head.surname, ageMin: 60, ageMax: 90 }).name, relation: RELATIONS.parent });
    if (chance(rand, 0.05)) out.push({ name: person(rand, today, { ageMin: 20, ageMax: 60 }).name, relation: pick(rand, RELATIONS.other) });
    return out;
  }

  return { buildings, rooms, parkingSpaces: Math.max(8, Math.round(residential * 0.4)) };
}

// ---------------------------------------------------------------------------------------
// Building it through the API

export async function generateDemo(app: App, options: DemoOptions, onProgress: (p: DemoProgress) => void = () => undefined): Promise<DemoResult> {
  const today = options.today ?? app.store.clock.now().toISOString().slice(0, 10);
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

  // 1. the site and its administrator
  onProgress({ phase: 'site', done: 0, total: 1 });
  let admin: string;
  let siteName = existing?.name ?? '';
  if (!existing) {
    const site = options.site ?? DEMO_SITE;
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

  // 2. staff of each role
  onProgress({ phase: 'staff', done: 0, total: DEMO_STAFF.length });
  const have = new Set((await call(admin, 'staff.list', {})).value.map((s) => s.username));
  for (const [i, s] of DEMO_STAFF.entries()) {
    if (!have.has(s.username)) await call(admin, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: options.staffPassword });
    onProgress({ phase: 'staff', done: i + 1, total: DEMO_STAFF.length });
  }
  const desk = await signIn(DEMO_STAFF[0]!.username, options.staffPassword, { zh: '前台接待', en: 'receptionist' });

  // 3. the registry, room by room, as a receptionist would key it in
  const plan = planSite(rand, options.scale, today);
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
  } finally {
    raw.pragma(`synchronous = ${synchronous}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
  }
  await call(desk, 'auth.logout', {});
  await call(admin, 'auth.logout', {});
  onProgress({ phase: 'done', done: 1, total: 1 });

  return { createdSite: !existing, siteName, admin: { username: options.admin.username }, staff: [...DEMO_STAFF], counts, calls };
}
