import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';
import { normalizePlate } from './rules.js';
import { occupantsByInitials } from './search-initials.js';
import { FIRST_KIND, FIRST_OCCUPANT, ROOM_COLS, roomsByCodePrefix, roomsByTrailingParts, upTo } from './search-codes.js';
import { ftsPhrase } from '../store/text-match.js';

export interface SearchHit {
  roomId: string;
  code: string;
  usage: string;
  state: string;
  /** the current occupant the match is about, or the room's first current owner */
  occupantName: string | null;
  occupantKind: string | null;
  /** why this room matched: the code as typed, its digits, a name (or its pinyin initials), the last digits of a phone, or a car's plate */
  matchedBy: 'code' | 'digits' | 'name' | 'initials' | 'phone' | 'plate';
  /** the matched plate (a plate hit) */
  plate?: string;
  /** the matched phone, last four only (the card shows the rest) */
  phoneTail: string | null;
  movedOut: boolean;
}

/** A range of keys starting with a prefix: [from, to). */
type Range = { siteId: string; from: string; to: string; limit: number };

/** Rooms by their code's digits: "32501" finds 3-2-501, "325" finds 3-2-5xx. */
const BY_DIGITS = prepareQuery((db, p: Param<Range>) => db.selectFrom('room as r').select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
  .where('r.site_id', '=', p('siteId')).where('r.code_digits', '>=', p('from')).where('r.code_digits', '<', p('to'))
  .orderBy('r.code_digits').limit(p('limit')));

/**
 * Occupants whose phone (either number) ends with these four digits: one lookup in each
 * phone-tail index. (Written as two subqueries: with an OR, and with site_id on the outer
 * occupant, SQLite walks a whole index for the site — every row — instead.)
 */
const BY_PHONE_TAIL = prepareQuery((db, p: Param<{ siteId: string; tail: string; limit: number }>) => db.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id')
  .select([...ROOM_COLS, 'o.name as occupantName', 'o.kind as occupantKind', 'o.move_out'])
  .where(sql<boolean>`o.rowid IN (
    SELECT rowid FROM occupant WHERE site_id = ${p('siteId')} AND substr(phone, -4) = ${p('tail')}
    UNION SELECT rowid FROM occupant WHERE site_id = ${p('siteId')} AND phone2 != '' AND substr(phone2, -4) = ${p('tail')})`)
  .orderBy(sql`o.move_out IS NOT NULL`).orderBy('r.code').limit(p('limit')));

/**
 * Occupants by any part of their name, current occupants first, then by name. Three
 * characters or more go through the trigram index; one or two (a surname, a given name:
 * below the trigram's reach) through occupant_gram, whose key lists current occupants
 * first by name, so the search reads only as many rows as it returns, however common the
 * character.
 */
type NameQuery = { siteId: string; text: string; limit: number };
const PERSON_COLS = [...ROOM_COLS, 'o.name as occupantName', 'o.kind as occupantKind', 'o.move_out'] as const;
const BY_NAME_FTS = prepareQuery((db, p: Param<NameQuery>) => db.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id').select(PERSON_COLS)
  .where(sql<boolean>`o.rowid IN (SELECT rowid FROM occupant_fts WHERE occupant_fts MATCH ${p('text')})`)
  // unary + keeps SQLite from walking a site_id index (every row) instead of the FTS hits
  .where(sql`+o.site_id`, '=', p('siteId'))
  .orderBy(sql`o.move_out IS NOT NULL`).orderBy('o.name').orderBy('o.id').limit(p('limit')));
const BY_NAME_GRAM = prepareQuery((db, p: Param<NameQuery>) => db.selectFrom('occupant_gram as g').innerJoin('occupant as o', 'o.id', 'g.occupant_id')
  .innerJoin('room as r', 'r.id', 'o.room_id').select(PERSON_COLS)
  .where('g.site_id', '=', p('siteId')).where('g.gram', '=', p('text'))
  .orderBy('g.moved_out').orderBy('g.name').orderBy('g.occupant_id').limit(p('limit')));

/**
 * Rooms by a car's plate, the way security calls it in: "粤B12345" (or its start, 粤B1…)
 * through the (site_id, plate) index; without the province, "B12345", by the rest of the
 * plate (a walk over the site's vehicles: a few thousand short rows). Both read in plate
 * order so they stop at the limit ("粤B" alone matches nearly every car); among the hits,
 * cars in use come first.
 */
type PlateQuery = { siteId: string; from: string; to: string; limit: number };
const PLATE_COLS = [...PERSON_COLS, 'v.plate', 'v.active'] as const;
const BY_PLATE = prepareQuery((db, p: Param<PlateQuery>) => db.selectFrom('vehicle as v').innerJoin('occupant as o', 'o.id', 'v.occupant_id')
  .innerJoin('room as r', 'r.id', 'o.room_id').select(PLATE_COLS)
  .where('v.site_id', '=', p('siteId')).where('v.plate', '>=', p('from')).where('v.plate', '<', p('to'))
  .orderBy('v.site_id').orderBy('v.plate').limit(p('limit')));
const BY_PLATE_REST = prepareQuery((db, p: Param<PlateQuery>) => db.selectFrom('vehicle as v').innerJoin('occupant as o', 'o.id', 'v.occupant_id')
  .innerJoin('room as r', 'r.id', 'o.room_id').select(PLATE_COLS)
  .where('v.site_id', '=', p('siteId')).where(sql`substr(v.plate, 2)`, '>=', p('from')).where(sql`substr(v.plate, 2)`, '<', p('to'))
  .orderBy('v.site_id').orderBy('v.plate').limit(p('limit')));

/** A plate as typed: province character and a letter ("粤B", "粤b 12"), or letters and digits of 5+ with a letter first. */
export function typedPlate(q: string): { plate: string; province: boolean } | null {
  const plate = normalizePlate(halfWidth(q));
  if (/^[\u4e00-\u9fa5][A-Z][A-Z0-9]*[学警挂港澳使领试超]?$/.test(plate)) return { plate, province: true };
  if (/^[A-Z][A-Z0-9]{4,7}$/.test(plate) && /\d/.test(plate)) return { plate, province: false };
  return null;
}

function byPlate(conn: Database.Database, siteId: string, typed: { plate: string; province: boolean }, limit: number): SearchHit[] {
  const range = { siteId, from: typed.plate, to: upTo(typed.plate), limit };
  const rows = (typed.province ? BY_PLATE : BY_PLATE_REST).all(conn, range).sort((a, b) => b.active - a.active);
  return rows.map((r) => ({
    roomId: r.roomId, code: r.code, usage: r.usage, state: r.state, occupantName: r.occupantName, occupantKind: r.occupantKind,
    matchedBy: 'plate', phoneTail: null, movedOut: r.move_out !== null || r.active === 0, plate: r.plate,
  }));
}

interface RoomRow { roomId: string; code: string; usage: string; state: string; occupantName: string | null; occupantKind: string | null }
interface PersonRow extends RoomRow { move_out: string | null }

// Built field by field: spreading better-sqlite3's row objects costs ~3 µs a row, as much
// as the lookup itself.
const roomHits = (rows: RoomRow[], matchedBy: 'code' | 'digits'): SearchHit[] => rows.map((r) => ({
  roomId: r.roomId, code: r.code, usage: r.usage, state: r.state, occupantName: r.occupantName, occupantKind: r.occupantKind,
  matchedBy, phoneTail: null, movedOut: false,
}));
const personHits = (rows: PersonRow[], matchedBy: 'name' | 'initials' | 'phone', phoneTail: string | null): SearchHit[] => rows.map((r) => ({
  roomId: r.roomId, code: r.code, usage: r.usage, state: r.state, occupantName: r.occupantName, occupantKind: r.occupantKind,
  matchedBy, phoneTail, movedOut: r.move_out !== null,
}));

/** Full-width digits and letters (３－２－５０１) as ASCII, the way an IME may send them. */
function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** What people type between a code's parts (as in rules.ts): dashes of every width, spaces, 栋/单元. */
const CODE_SEPARATORS = /\s*(?:[-－—–_/\\.#·]|栋|幢|号楼|单元|座)\s*|\s+/g;

/** "3-2-5", "3 2 501", "3栋2单元", "3栋2单元501室" → the code prefix "3-2-5", "3-2-501", "3-2-"; null if not a code. */
export function typedCodePrefix(q: string): string | null {
  const parts = halfWidth(q).replace(/[室房号]$/, '').split(CODE_SEPARATORS);
  if (parts.length < 2 || !parts[0] || !parts.every((p) => /^[0-9A-Za-z]*$/.test(p))) return null;
  return parts.join('-').replace(/-+/g, '-').toUpperCase();
}

/** Search as the user types: whichever of code, digits, phone tail and name fits what was typed. */
export function searchRooms(conn: Database.Database, siteId: string, text: string, limit = 20): SearchHit[] {
  const q = text.trim();
  if (!q) return [];
  const digits = halfWidth(q);
  const byDigits = () => roomHits(BY_DIGITS.all(conn, { siteId, from: digits, to: upTo(digits), limit }), 'digits');
  // "501", "2-501": the room number, or unit and room, in every building
  const byTrailing = (typed: string) => roomHits(roomsByTrailingParts(conn, siteId, typed, limit), 'code');
  let hits: SearchHit[];
  if (/^\d+$/.test(digits)) {
    const phones = digits.length === 4 ? personHits(BY_PHONE_TAIL.all(conn, { siteId, tail: digits, limit }), 'phone', digits) : [];
    hits = [...phones, ...byTrailing(digits)];
    if (hits.length < limit) hits = withoutRepeats([...hits, ...byDigits()]);
  } else {
    const code = typedCodePrefix(q);
    const plate = typedPlate(q);
    hits = code ? roomHits(roomsByCodePrefix(conn, siteId, code, limit), 'code') : [];
    if (code && hits.length < limit) hits = withoutRepeats([...hits, ...byTrailing(code)]);
    if (!hits.length && plate) hits = byPlate(conn, siteId, plate, limit);
    // "li na" reads like a code but is a name: no room by that code, so look for people.
    // Spaces typed between Chinese characters (欧阳 晓梅) are not in the name.
    if (!hits.length) hits = byName(conn, siteId, q.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, ''), limit);
    // "zjt" for 张建涛: Latin letters that are no one's name may be a name's pinyin initials
    if (!hits.length && /^[a-z]{2,}$/i.test(q)) hits = personHits(occupantsByInitials(conn, siteId, q, limit), 'initials', null);
  }
  return hits.slice(0, limit);
}

/** A room found twice (its number and its digits, a phone and its code) is listed once, where first found. */
function withoutRepeats(hits: SearchHit[]): SearchHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => h.matchedBy === 'phone' || (seen.has(h.roomId) ? false : (seen.add(h.roomId), true)));
}

function byName(conn: Database.Database, siteId: string, q: string, limit: number): SearchHit[] {
  const rows = [...q].length >= 3
    ? BY_NAME_FTS.all(conn, { siteId, text: ftsPhrase(q), limit })
    : BY_NAME_GRAM.all(conn, { siteId, text: q.toLowerCase(), limit });
  return personHits(rows, 'name', null);
}
