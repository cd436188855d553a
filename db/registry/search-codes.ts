import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';

/**
 * Room codes in natural order (1-1-101 before 1-1-1001: compared part by part, a number as
 * a number), and rooms found by the trailing parts of their code: the room number alone
 * ("501") or unit and room ("2-501"), the way residents say where they live.
 *
 * All of it reads the (site_id, code) index in ranges or point lookups: a range is read
 * in natural order one unit at a time (units are few; a unit's rooms are a short range),
 * so "1栋" reads the first unit's rooms, not the whole building's.
 */

/** Natural order of codes: part by part, digits by their value, letters as text. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('-');
  const pb = b.split('-');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = comparePart(pa[i]!, pb[i]!);
    if (c) return c;
  }
  return pa.length - pb.length;
}

function comparePart(a: string, b: string): number {
  const ca = a.match(/\d+|\D+/g) ?? [];
  const cb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    const c = nx && ny ? Number(x) - Number(y) || x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
    if (c) return c;
  }
  return ca.length - cb.length;
}

export interface CodeRow { roomId: string; code: string; usage: string; state: string; occupantName: string | null; occupantKind: string | null }

export const ROOM_COLS = ['r.id as roomId', 'r.code', 'r.usage', 'r.state'] as const;
/** For code and digit hits: the room's first current occupant (owners before tenants). */
export const FIRST_OCCUPANT = sql<string | null>`(SELECT o.name FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL ORDER BY o.kind, o.created_at LIMIT 1)`;
export const FIRST_KIND = sql<string | null>`(SELECT o.kind FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL ORDER BY o.kind, o.created_at LIMIT 1)`;
export const upTo = (prefix: string) => `${prefix}\uffff`;

type Range = { siteId: string; from: string; to: string; limit: number };
/**
 * Rooms whose code starts so, shortest first then as text: natural order when what
 * follows the prefix is the room number (a unit's range).
 */
const IN_RANGE = prepareQuery((db, p: Param<Range>) => db.selectFrom('room as r').select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
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

type Trailing = { siteId: string; unit: string | null; room: string };
/**
 * Rooms whose code ends with this room number (in any unit, or in a unit of this code):
 * one lookup of the site's code index per unit, and per building for rooms outside units.
 */
const BY_TRAILING = prepareQuery((db, p: Param<Trailing>) => db.selectFrom('unit as u').innerJoin('building as b', 'b.id', 'u.building_id')
  .innerJoin('room as r', (j) => j.on('r.site_id', '=', p('siteId')).on('r.code', '=', sql<string>`b.code || '-' || u.code || '-' || ${p('room')}`))
  .select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
  .where('u.site_id', '=', p('siteId')).where(sql<boolean>`(${p('unit')} IS NULL OR u.code = ${p('unit')})`)
  .unionAll(db.selectFrom('building as b')
    .innerJoin('room as r', (j) => j.on('r.site_id', '=', p('siteId')).on('r.code', '=', sql<string>`b.code || '-' || ${p('room')}`))
    .select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
    .where('b.site_id', '=', p('siteId')).where(sql<boolean>`${p('unit')} IS NULL`).where('r.unit_id', 'is', null)));

/**
 * "501" → every room 501 (1-2-501, 2-1-501…); "2-501" → room 501 of every unit 2.
 * In natural order; null when what was typed is not one or two code parts.
 */
export function roomsByTrailingParts(conn: Database.Database, siteId: string, typed: string, limit: number): CodeRow[] {
  const parts = typed.split('-');
  if (parts.length > 2 || parts.some((p) => !p)) return [];
  const [unit, room] = parts.length === 2 ? [parts[0]!, parts[1]!] : [null, parts[0]!];
  return BY_TRAILING.all(conn, { siteId, unit, room }).sort((a, b) => compareCodes(a.code, b.code)).slice(0, limit);
}
