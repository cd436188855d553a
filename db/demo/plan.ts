/** The demo site's plan: buildings, units, rooms and their occupants, decided before any call to the store. */
import { RELATIONS, SHOP_NAMES } from './pools.js';
import type { DemoScale } from './generate.js';
import { person, mobile, type Person } from './people.js';
import { addDays, chance, DAY, int, minDay, ms, pick, pickWeighted, type Rand } from './random.js';

export const SCALES = {
  small: { towers: 2, rooms: null, occupantsPerRoom: 1.5, shops: 8, offices: 2, garage: 6 },
  large: { towers: null, rooms: 20_000, occupantsPerRoom: 1.5, shops: 60, offices: 20, garage: 240 },
} as const;

export interface UnitPlan { code: string; name: string }
export interface BuildingPlan {
  code: string;
  name: string;
  remarks: string;
  kind: 'tower' | 'street' | 'garage';
  units: UnitPlan[];
  delivered: string;
}

export interface MemberPlan { name: string; relation: string; phone?: string }
export interface OccupantPlan {
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
export interface RoomPlan {
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

export interface Plan {
  buildings: BuildingPlan[];
  rooms: RoomPlan[];
  parkingSpaces: number;
}

/** An area as typed: usually "89.47", sometimes with ㎡, sometimes a spreadsheet number. */
export function typedArea(rand: Rand, centi: number): string | number {
  const text = `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
  const r = rand();
  if (r < 0.8) return text;
  if (r < 0.9) return `${text}㎡`;
  return Number(text);
}

export function planSite(rand: Rand, scale: DemoScale, today: string): Plan {
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
