import type Database from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';
import type { Role, Schema } from '../store/schema.js';
import { notFound } from './refusals.js';
import { maskIdNumber } from './rules.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Buildings → units with room counts (and how many are lived in), for the tree. */
export async function registryTree(db: Db, siteId: string) {
  const buildings = await db.selectFrom('building').select(['id', 'code', 'name']).where('site_id', '=', siteId)
    .orderBy(sql`length(code)`).orderBy('code').execute();
  const units = await db.selectFrom('unit').select(['id', 'building_id', 'code', 'name']).where('site_id', '=', siteId)
    .orderBy(sql`length(code)`).orderBy('code').execute();
  const counts = await db.selectFrom('room').select(['building_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('rooms'),
    sql<number>`sum(state IN ('occupied', 'rented'))`.as('lived')])
    .where('site_id', '=', siteId).groupBy(['building_id', 'unit_id']).execute();
  const count = (b: string, u: string | null) => counts.filter((c) => c.building_id === b && (u === undefined || c.unit_id === u));
  return buildings.map((b) => {
    const all = counts.filter((c) => c.building_id === b.id);
    return {
      ...b,
      rooms: all.reduce((n, c) => n + Number(c.rooms), 0),
      lived: all.reduce((n, c) => n + Number(c.lived), 0),
      roomsWithoutUnit: count(b.id, null).reduce((n, c) => n + Number(c.rooms), 0),
      units: units.filter((u) => u.building_id === b.id).map((u) => {
        const c = count(b.id, u.id)[0];
        return { id: u.id, code: u.code, name: u.name, rooms: Number(c?.rooms ?? 0), lived: Number(c?.lived ?? 0) };
      }),
    };
  });
}

/** The rooms of a building or unit, with who lives there now. */
export async function roomsIn(db: Db, siteId: string, buildingId: string, unitId: string | null | undefined) {
  let q = db.selectFrom('room as r')
    .select(['r.id', 'r.code', 'r.room_no', 'r.floor', 'r.area_centi', 'r.usage', 'r.state',
      sql<string | null>`(SELECT group_concat(o.name, '、') FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL)`.as('occupants')])
    .where('r.site_id', '=', siteId).where('r.building_id', '=', buildingId);
  if (unitId !== undefined) q = unitId === null ? q.where('r.unit_id', 'is', null) : q.where('r.unit_id', '=', unitId);
  return q.orderBy(sql`length(r.room_no)`).orderBy('r.room_no').execute();
}

type RoomParams = { siteId: string; roomId: string };
const ROOM = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('room as r').innerJoin('building as b', 'b.id', 'r.building_id').leftJoin('unit as u', 'u.id', 'r.unit_id')
  .select(['r.id', 'r.code', 'r.room_no', 'r.floor', 'r.area_centi', 'r.usage', 'r.state', 'r.remarks', 'r.building_id', 'r.unit_id', 'r.updated_at',
    'b.code as building_code', 'b.name as building_name', 'u.code as unit_code', 'u.name as unit_name'])
  .where('r.id', '=', p('roomId')).where('r.site_id', '=', p('siteId')));
// The room was found in this site (ROOM) before these run, so they look up by room alone:
// a site_id term here tempts SQLite onto the site-wide phone index.
const OCCUPANTS = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('occupant').selectAll().where('room_id', '=', p('roomId'))
  .orderBy(sql`move_out IS NOT NULL`).orderBy('kind').orderBy('created_at'));
/** Rows that belong to any occupant, past or present, of the room. */
const ofRoomsOccupants = (p: Param<RoomParams>) => sql<boolean>`occupant_id IN (SELECT id FROM occupant WHERE room_id = ${p('roomId')})`;
const MEMBERS = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('household_member').select(['id', 'occupant_id', 'name', 'relation', 'phone', 'active'])
  .where(ofRoomsOccupants(p)).orderBy('created_at'));
const VEHICLES = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('vehicle').select(['id', 'occupant_id', 'plate', 'description', 'active'])
  .where(ofRoomsOccupants(p)).orderBy('created_at'));
const PARKING = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('parking_space').select(['id', 'occupant_id', 'code', 'tenure', 'remarks'])
  .where(ofRoomsOccupants(p)).orderBy('code'));

/**
 * Everything the room card shows, as prepared statements (store/prepared.ts): the card is
 * opened on every search hit, and its five lookups each cost less than building them would.
 * ID numbers are masked unless the role may see them.
 */
export function roomCard(conn: Database.Database, siteId: string, roomId: string, role: Role, idFullRoles: readonly Role[]) {
  const params = { siteId, roomId };
  const room = ROOM.first(conn, params);
  if (!room) throw notFound('room');
  const occupants = OCCUPANTS.all(conn, params);
  const [members, vehicles, parking] = occupants.length
    ? [MEMBERS.all(conn, params), VEHICLES.all(conn, params), PARKING.all(conn, params)]
    : [[], [], []];
  const fullIds = idFullRoles.includes(role);
  return {
    room,
    idNumbersMasked: !fullIds,
    occupants: occupants.map(({ site_id: _s, ...o }) => ({
      ...o,
      id_number: fullIds ? o.id_number : maskIdNumber(o.id_number),
      members: members.filter((m) => m.occupant_id === o.id),
      vehicles: vehicles.filter((v) => v.occupant_id === o.id),
      parking: parking.filter((p) => p.occupant_id === o.id),
    })),
  };
}
