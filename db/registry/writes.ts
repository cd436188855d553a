import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import type { IdType, OccupantKind, RoomState, RoomUsage } from '../registry/tables.js';
import { notFound } from './refusals.js';
import { floorOf, isValidResidentId, normalizePhone, normalizePlate, roomCode } from './rules.js';

/**
 * Registry writes, shared by the screens' operations, the Excel import and the demo
 * generator, so every path obeys the same rules. Each returns the row's id and writes
 * only what changed (an unchanged save adds nothing to the change log).
 */
type Db = Kysely<Schema> | Transaction<Schema>;

function stamp(now: Date) {
  return now.toISOString();
}

/** Keys whose value differs: the smallest honest update. */
function changed<T extends Record<string, unknown>>(before: T, after: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) if (after[k] !== undefined && after[k] !== before[k]) out[k] = after[k];
  return out;
}

type RegistryTable = 'building' | 'unit' | 'room' | 'occupant' | 'household_member' | 'vehicle' | 'parking_space';
type LooseDb = Kysely<Record<RegistryTable, Record<string, unknown>>>;

/**
 * Insert a new row (no id yet), or update the row of this site with only the columns whose
 * value changed, so an unchanged save adds nothing to the change log. Returns the id and
 * the changed columns (empty for an insert or a no-op).
 */
async function insertOrUpdate(
  db: Db, table: RegistryTable, siteId: string, now: Date, id: string | undefined,
  values: Record<string, unknown>, what: Parameters<typeof notFound>[0],
): Promise<{ id: string; diff: Record<string, unknown> }> {
  const loose = db as unknown as LooseDb;
  if (!id) {
    const row = { ...newRow(siteId, now), ...values };
    await loose.insertInto(table).values(row).execute();
    return { id: row.id, diff: {} };
  }
  const before = await loose.selectFrom(table).selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
  if (!before) throw notFound(what);
  const diff = changed(before, values);
  if (Object.keys(diff).length) await loose.updateTable(table).set({ ...diff, updated_at: stamp(now) }).where('id', '=', id).execute();
  return { id, diff };
}

export async function saveBuilding(db: Db, siteId: string, now: Date, b: { id?: string; code: string; name: string; remarks?: string }): Promise<string> {
  const clash = await db.selectFrom('building').select('id').where('site_id', '=', siteId).where('code', '=', b.code).executeTakeFirst();
  if (clash && clash.id !== b.id) throw new AppError('registry.duplicate_building', { code: b.code });
  const { id, diff } = await insertOrUpdate(db, 'building', siteId, now, b.id, { code: b.code, name: b.name, remarks: b.remarks ?? (b.id ? undefined : '') }, 'building');
  if (diff.code) await recodeRooms(db, now, { buildingId: id });
  return id;
}

export async function saveUnit(db: Db, siteId: string, now: Date, u: { id?: string; buildingId: string; code: string; name: string }): Promise<string> {
  const building = await db.selectFrom('building').select('id').where('id', '=', u.buildingId).where('site_id', '=', siteId).executeTakeFirst();
  if (!building) throw notFound('building');
  const clash = await db.selectFrom('unit').select('id').where('building_id', '=', u.buildingId).where('code', '=', u.code).executeTakeFirst();
  if (clash && clash.id !== u.id) throw new AppError('registry.duplicate_unit', { code: u.code });
  const { id, diff } = await insertOrUpdate(db, 'unit', siteId, now, u.id, { ...(u.id ? {} : { building_id: u.buildingId }), code: u.code, name: u.name }, 'unit');
  if (diff.code) await recodeRooms(db, now, { unitId: id });
  return id;
}

/** A building or unit got a new code: its rooms' codes follow. */
async function recodeRooms(db: Db, now: Date, where: { buildingId?: string; unitId?: string }): Promise<void> {
  let q = db.selectFrom('room as r').innerJoin('building as b', 'b.id', 'r.building_id').leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.room_no', 'b.code as b', 'u.code as u']);
  if (where.buildingId) q = q.where('r.building_id', '=', where.buildingId);
  if (where.unitId) q = q.where('r.unit_id', '=', where.unitId);
  for (const r of await q.execute()) {
    const code = roomCode(r.b, r.u, r.room_no);
    await db.updateTable('room').set({ code, code_digits: code.replace(/-/g, ''), updated_at: stamp(now) }).where('id', '=', r.id).execute();
  }
}

export interface RoomInput {
  id?: string;
  buildingId: string;
  unitId: string | null;
  roomNo: string;
  areaCenti: number;
  usage: RoomUsage;
  state: RoomState;
  remarks?: string;
}

/** A room's columns from its building's and unit's codes: the one place a room code is made. */
export function roomValues(buildingCode: string, unitCode: string | null, r: RoomInput) {
  const code = roomCode(buildingCode, unitCode, r.roomNo);
  return {
    building_id: r.buildingId,
    unit_id: r.unitId,
    room_no: r.roomNo,
    code,
    code_digits: code.replace(/-/g, ''),
    floor: floorOf(r.roomNo),
    area_centi: r.areaCenti,
    usage: r.usage,
    state: r.state,
    remarks: r.remarks ?? '',
  };
}

export async function saveRoom(db: Db, siteId: string, now: Date, r: RoomInput): Promise<string> {
  const building = await db.selectFrom('building').select(['id', 'code']).where('id', '=', r.buildingId).where('site_id', '=', siteId).executeTakeFirst();
  if (!building) throw notFound('building');
  let unitCode: string | null = null;
  if (r.unitId) {
    const unit = await db.selectFrom('unit').select(['code']).where('id', '=', r.unitId).where('building_id', '=', r.buildingId).executeTakeFirst();
    if (!unit) throw notFound('unit');
    unitCode = unit.code;
  }
  const values = roomValues(building.code, unitCode, r);
  const clash = await db.selectFrom('room').select('id').where('site_id', '=', siteId).where('code', '=', values.code).executeTakeFirst();
  if (clash && clash.id !== r.id) throw new AppError('registry.duplicate_room', { code: values.code });
  return (await insertOrUpdate(db, 'room', siteId, now, r.id, values, 'room')).id;
}

export interface OccupantInput {
  id?: string;
  roomId: string;
  kind: OccupantKind;
  name: string;
  phone?: string;
  phone2?: string;
  idType?: IdType;
  idNumber?: string;
  moveIn?: string | null;
  remarks?: string;
}

function checkedPhone(p: string | undefined): string {
  const v = normalizePhone(p ?? '');
  if (v === null) throw new AppError('registry.bad_phone', { value: p ?? '' });
  return v;
}

/** An occupant's columns, checked: phones normalised, a resident ID number must be valid. */
export function occupantValues(o: OccupantInput) {
  const idNumber = (o.idNumber ?? '').trim().toUpperCase();
  if (o.idType === 'resident_id' && idNumber && !isValidResidentId(idNumber)) throw new AppError('registry.bad_id_number', { value: idNumber });
  return {
    room_id: o.roomId,
    kind: o.kind,
    name: o.name.trim(),
    phone: checkedPhone(o.phone),
    phone2: checkedPhone(o.phone2),
    id_type: idNumber ? (o.idType ?? 'other') : 'none',
    id_number: idNumber,
    move_in: o.moveIn ?? null,
    remarks: o.remarks ?? '',
  } as const;
}

export async function saveOccupant(db: Db, siteId: string, now: Date, o: OccupantInput): Promise<string> {
  const room = await db.selectFrom('room').select('id').where('id', '=', o.roomId).where('site_id', '=', siteId).executeTakeFirst();
  if (!room) throw notFound('room');
  const values = occupantValues(o);
  if (!o.id) {
    const row = { ...newRow(siteId, now), ...values, move_out: null };
    await db.insertInto('occupant').values(row).execute();
    return row.id;
  }
  const before = await db.selectFrom('occupant').selectAll().where('id', '=', o.id).where('site_id', '=', siteId).executeTakeFirst();
  if (!before) throw notFound('occupant');
  if (before.move_out) throw new AppError('registry.moved_out', { date: before.move_out });
  // An edit that leaves the ID document out keeps the one on record: a role that sees it
  // masked cannot send the full number back, and must not erase it by saving a phone.
  const keepId = o.idType === undefined && o.idNumber === undefined;
  const diff = changed(before, keepId ? { ...values, id_type: undefined, id_number: undefined } : values);
  if (Object.keys(diff).length) await db.updateTable('occupant').set({ ...diff, updated_at: stamp(now) }).where('id', '=', o.id).execute();
  return o.id;
}

/** Move-out keeps the occupant (history); their vehicles and parking go with them. Returns the room. */
export async function moveOut(db: Db, siteId: string, now: Date, occupantId: string, date: string): Promise<string> {
  const o = await db.selectFrom('occupant').select(['id', 'room_id', 'move_in', 'move_out']).where('id', '=', occupantId).where('site_id', '=', siteId).executeTakeFirst();
  if (!o) throw notFound('occupant');
  if (o.move_out) throw new AppError('registry.moved_out', { date: o.move_out });
  if (o.move_in && date < o.move_in) throw new AppError('registry.move_out_before_in', { moveIn: o.move_in });
  await db.updateTable('occupant').set({ move_out: date, updated_at: stamp(now) }).where('id', '=', occupantId).execute();
  await db.updateTable('vehicle').set({ active: 0, updated_at: stamp(now) }).where('occupant_id', '=', occupantId).where('active', '=', 1).execute();
  await db.updateTable('parking_space').set({ occupant_id: null, updated_at: stamp(now) }).where('occupant_id', '=', occupantId).execute();
  return o.room_id;
}

async function liveOccupant(db: Db, siteId: string, occupantId: string): Promise<void> {
  const o = await db.selectFrom('occupant').select(['move_out']).where('id', '=', occupantId).where('site_id', '=', siteId).executeTakeFirst();
  if (!o) throw notFound('occupant');
  if (o.move_out) throw new AppError('registry.moved_out', { date: o.move_out });
}

export async function saveMember(db: Db, siteId: string, now: Date, m: { id?: string; occupantId: string; name: string; relation?: string; phone?: string; active?: boolean }): Promise<string> {
  await liveOccupant(db, siteId, m.occupantId);
  const values = { occupant_id: m.occupantId, name: m.name.trim(), relation: m.relation ?? '', phone: checkedPhone(m.phone), active: m.active === false ? 0 : 1 };
  return (await insertOrUpdate(db, 'household_member', siteId, now, m.id, values, 'member')).id;
}

export async function saveVehicle(db: Db, siteId: string, now: Date, v: { id?: string; occupantId: string; plate: string; description?: string; active?: boolean }): Promise<string> {
  await liveOccupant(db, siteId, v.occupantId);
  const plate = normalizePlate(v.plate);
  // province + letter + 5 (6 for new-energy cars), or 4 and 学/警/挂/港/澳…; other forms as letters and digits
  if (!/^[\u4e00-\u9fa5][A-Z](?:[A-Z0-9]{5,6}|[A-Z0-9]{4}[学警挂港澳使领试超])$|^[A-Z0-9]{5,10}$/.test(plate)) throw new AppError('registry.bad_plate', { value: v.plate });
  const values = { occupant_id: v.occupantId, plate, description: v.description ?? '', active: v.active === false ? 0 : 1 };
  return (await insertOrUpdate(db, 'vehicle', siteId, now, v.id, values, 'vehicle')).id;
}

export async function saveParking(db: Db, siteId: string, now: Date, p: { id?: string; code: string; occupantId: string | null; tenure: 'owned' | 'rented'; remarks?: string }): Promise<string> {
  if (p.occupantId) await liveOccupant(db, siteId, p.occupantId);
  const code = p.code.trim().toUpperCase();
  const clash = await db.selectFrom('parking_space').select('id').where('site_id', '=', siteId).where('code', '=', code).executeTakeFirst();
  if (clash && clash.id !== p.id) throw new AppError('registry.duplicate_parking', { code });
  const values = { code, occupant_id: p.occupantId, tenure: p.tenure, remarks: p.remarks ?? '' };
  return (await insertOrUpdate(db, 'parking_space', siteId, now, p.id, values, 'parking')).id;
}

/**
 * A room's state follows who lives there, so the tree's counts and the bills' "lived in"
 * are right without a second edit: a current tenant → 出租; else an owner who has moved in
 * → 入住; a room lived in no more (the last one moved out) → 空置. 空置, 已交付 and 装修中
 * are the desk's to set by hand and are kept while nobody has moved in.
 */
export async function followOccupancy(db: Db, siteId: string, now: Date, roomId: string): Promise<RoomState> {
  const room = await db.selectFrom('room').select(['state']).where('id', '=', roomId).where('site_id', '=', siteId).executeTakeFirst();
  if (!room) throw notFound('room');
  const people = await db.selectFrom('occupant').select(['kind', 'move_in']).where('room_id', '=', roomId).where('move_out', 'is', null).execute();
  const lived: RoomState | null = people.some((p) => p.kind === 'tenant') ? 'rented'
    : people.some((p) => p.kind === 'owner' && p.move_in) ? 'occupied' : null;
  const next = lived ?? (room.state === 'occupied' || room.state === 'rented' ? 'vacant' : room.state);
  if (next !== room.state) await db.updateTable('room').set({ state: next, updated_at: stamp(now) }).where('id', '=', roomId).execute();
  return next;
}
