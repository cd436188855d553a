import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';
import { siteMirror } from './site-mirror.js';

/**
 * Room codes in natural order (1-1-101 before 1-1-1001: compared part by part, a number as
 * a number), and rooms found by the trailing parts of their code: the room number alone
 * ("501") or unit and room ("2-501"), the way residents say where they live.
 *
 * A code prefix reads the (site_id, code) index in natural order one unit at a time (units
 * are few; a unit's rooms are a short range), so "1栋" reads the first unit's rooms, not
 * the whole building's. Room numbers have no index of their own (it would take a
 * migration): they are held in memory, kept current from the change log (site-mirror.ts).
 */

/**
 * A code's key in natural order (compared as plain text): parts kept apart by the lowest
 * character, each run of digits led by its length, so 1-1-101 < 1-1-1001 and 1-2 < 1-10.
 */
export function naturalKey(code: string): string {
  return code.split('-').map((part) => part.replace(/\d+/g, (d) => `${String.fromCharCode(0x30 + d.length)}${d}`)).join('\u0000');
}

/** Natural order of codes: part by part, digits by their value, letters as text. */
export function compareCodes(a: string, b: string): number {
  const ka = naturalKey(a);
  const kb = naturalKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export interface CodeRow { roomId: string; code: string; usage: string; state: string; occupantName: string | null; occupantKind: string | null }

export const ROOM_COLS = ['r.id as roomId', 'r.code', 'r.usage', 'r.state'] as const;
/** For code and digit hits: the room's first current occupant (owners before tenants). */
const firstCurrent = (col: 'name' | 'kind') =>
  sql<string | null>`(SELECT ${sql.ref(`o.${col}`)} FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL ORDER BY o.kind, o.created_at LIMIT 1)`;
export const FIRST_OCCUPANT = firstCurrent('name');
export const FIRST_KIND = firstCurrent('kind');
export const upTo = (prefix: string) => `${prefix}\uffff`;

type Range = { siteId: string; from: string; to: string; limit: number };
/**
 * Rooms whose code starts so, shortest first then as text: natural order when what
 * follows the prefix is the room number (a unit's range).
 */
const IN_RANGE = prepareQuery((db, p: Param<Range>) => db.selectFrom('room as r')
  .select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
  .where('r.site_id', '=', p('siteId')).where('r.code', '>=', p('from')).where('r.code', '<', p('to'))
  .orderBy(sql`length(r.code)`).orderBy('r.code').limit(p('limit')));
/** A building's rooms outside any unit whose code starts so (through the building's index, not the site's codes). */
const WITHOUT_UNIT = prepareQuery((db, p: Param<Range & { building: string }>) => db.selectFrom('room as r')
  .innerJoin('building as b', 'b.id', 'r.building_id')
  .select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
  .where('b.site_id', '=', p('siteId')).where('b.code', '=', p('building')).where('r.unit_id', 'is', null)
  .where('r.code', '>=', p('from')).where('r.code', '<', p('to'))
  .orderBy(sql`length(r.code)`).orderBy('r.code').limit(p('limit')));
/** A building's units whose code starts so. */
const UNITS = prepareQuery((db, p: Param<{ siteId: string; building: string; from: string; to: string }>) => db.selectFrom('unit as u')
  .innerJoin('building as b', 'b.id', 'u.building_id').select('u.code')
  .where('b.site_id', '=', p('siteId')).where('b.code', '=', p('building')).where('u.code', '>=', p('from')).where('u.code', '<', p('to')));

/**
 * Rooms whose code starts with the typed prefix ("3-", "3-2", "3-2-5"), the first `limit`
 * in natural order.
 */
export function roomsByCodePrefix(conn: Database.Database, siteId: string, prefix: string, limit: number): CodeRow[] {
  const parts = prefix.split('-');
  // building, unit and a start of the room number (or a whole code): one unit's range
  if (parts.length >= 3) return IN_RANGE.all(conn, { siteId, from: prefix, to: upTo(prefix), limit });
  const [building, rest] = [parts[0]!, parts[1] ?? ''];
  const units = UNITS.all(conn, { siteId, building, from: rest, to: upTo(rest) }).map((u) => u.code).sort(compareCodes);
  const rows: CodeRow[] = [];
  // units in natural order, each unit's rooms in natural order: stop once the list is full
  for (const unit of units) {
    if (rows.length >= limit) break;
    const from = `${building}-${unit}-`;
    rows.push(...IN_RANGE.all(conn, { siteId, from, to: upTo(from), limit: limit - rows.length }));
  }
  const loose = WITHOUT_UNIT.all(conn, { siteId, building, from: prefix, to: upTo(prefix), limit });
  return loose.length ? [...rows, ...loose].sort((a, b) => compareCodes(a.code, b.code)).slice(0, limit) : rows;
}

interface RoomNo { id: string; code: string; room_no: string }
/** room number → room id → its code's natural key */
type Buckets = Map<string, Map<string, string>>;
const ROOM_NOS = prepareQuery((db, p: Param<{ siteId: string }>) => db.selectFrom('room').select(['id', 'code', 'room_no']).where('site_id', '=', p('siteId')));
// Lookups by the ids the mirror found: unary + keeps SQLite from walking a site_id index (every row).
const SOME_ROOM_NOS = prepareQuery((db, p: Param<{ siteId: string; ids: string }>) => db.selectFrom('room').select(['id', 'code', 'room_no'])
  .where(sql`+site_id`, '=', p('siteId')).where(sql<boolean>`id IN (SELECT value FROM json_each(${p('ids')}))`));
const BY_IDS = prepareQuery((db, p: Param<{ siteId: string; ids: string }>) => db.selectFrom('room as r')
  .select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
  .where(sql`+r.site_id`, '=', p('siteId')).where(sql<boolean>`r.id IN (SELECT value FROM json_each(${p('ids')}))`));

/** The site's rooms by room number (the store indexes codes from their start only): number → room id → code. */
const roomNumbers = siteMirror<RoomNo, Buckets>({
  table: 'room',
  readAll: (conn, siteId) => ROOM_NOS.all(conn, { siteId }),
  readSome: (conn, siteId, ids) => SOME_ROOM_NOS.all(conn, { siteId, ids: JSON.stringify(ids) }),
  build: (rows) => {
    const buckets: Buckets = new Map();
    for (const r of rows) add(buckets, r);
    return buckets;
  },
  add: (buckets, r) => add(buckets, r),
  remove: (buckets, r) => buckets.get(r.room_no.toUpperCase())?.delete(r.id),
});
function add(buckets: Buckets, r: RoomNo) {
  const key = r.room_no.toUpperCase();
  let b = buckets.get(key);
  if (!b) buckets.set(key, (b = new Map()));
  b.set(r.id, naturalKey(r.code));
}

/**
 * "501" → every room 501 (1-2-501, 2-1-501…); "2-501" → room 501 of every unit 2.
 * In natural order; none when what was typed is not one or two code parts.
 */
export function roomsByTrailingParts(conn: Database.Database, siteId: string, typed: string, limit: number): CodeRow[] {
  const parts = typed.toUpperCase().split('-');
  if (parts.length > 2 || parts.some((p) => !p)) return [];
  const [unit, room] = parts.length === 2 ? [parts[0]!, parts[1]!] : [null, parts[0]!];
  const bucket = roomNumbers(conn, siteId).get(room);
  if (!bucket) return [];
  // a key's parts: building, unit, room (the unit's digits led by their length)
  const unitKey = unit === null ? null : naturalKey(unit);
  const inUnit = ([, key]: [string, string]) => { const c = key.split('\u0000'); return c.length === 3 && c[1] === unitKey; };
  const found = [...bucket].filter((e) => unitKey === null || inUnit(e)).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).slice(0, limit);
  if (!found.length) return [];
  const rows = new Map(BY_IDS.all(conn, { siteId, ids: JSON.stringify(found.map(([id]) => id)) }).map((r) => [r.roomId, r]));
  return found.flatMap(([id]) => rows.get(id) ?? []);
}
