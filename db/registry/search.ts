import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface SearchHit {
  roomId: string;
  code: string;
  usage: string;
  state: string;
  /** the current occupant the match is about, or the room's first current owner */
  occupantName: string | null;
  occupantKind: string | null;
  /** why this room matched: the code as typed, its digits, a name, or the last digits of a phone */
  matchedBy: 'code' | 'digits' | 'name' | 'phone';
  /** the matched phone, last four only (the card shows the rest) */
  phoneTail: string | null;
  movedOut: boolean;
}

const ROOM_COLS = ['r.id as roomId', 'r.code', 'r.usage', 'r.state'] as const;
/** For code and digit hits: the room's first current occupant (owners before tenants). */
const FIRST_OCCUPANT = sql<string | null>`(SELECT o.name FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL ORDER BY o.kind, o.created_at LIMIT 1)`;
const FIRST_KIND = sql<string | null>`(SELECT o.kind FROM occupant o WHERE o.room_id = r.id AND o.move_out IS NULL ORDER BY o.kind, o.created_at LIMIT 1)`;

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

/** Rooms by code: "3-2-5" finds 3-2-501…; "3 2 501" and "3栋2单元501" are read the same way. */
async function byCode(db: Db, siteId: string, code: string, limit: number): Promise<SearchHit[]> {
  const rows = await db.selectFrom('room as r').select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
    .where('r.site_id', '=', siteId).where('r.code', '>=', code).where('r.code', '<', `${code}\uffff`)
    .orderBy('r.code').limit(limit).execute();
  return rows.map((r) => ({ ...r, matchedBy: 'code', phoneTail: null, movedOut: false }));
}

/** Rooms by their code's digits: "32501" finds 3-2-501, "325" finds 3-2-5xx. */
async function byDigits(db: Db, siteId: string, q: string, limit: number): Promise<SearchHit[]> {
  const rows = await db.selectFrom('room as r').select([...ROOM_COLS, FIRST_OCCUPANT.as('occupantName'), FIRST_KIND.as('occupantKind')])
    .where('r.site_id', '=', siteId).where('r.code_digits', '>=', q).where('r.code_digits', '<', `${q}\uffff`)
    .orderBy('r.code_digits').limit(limit).execute();
  return rows.map((r) => ({ ...r, matchedBy: 'digits', phoneTail: null, movedOut: false }));
}

/**
 * Occupants whose phone (either number) ends with these four digits: one lookup in each
 * phone-tail index. (Written as two subqueries: with an OR, and with site_id on the outer
 * occupant, SQLite walks a whole index for the site — every row — instead.)
 */
async function byPhoneTail(db: Db, siteId: string, tail: string, limit: number): Promise<SearchHit[]> {
  const rows = await db.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id')
    .select([...ROOM_COLS, 'o.name as occupantName', 'o.kind as occupantKind', 'o.move_out'])
    .where(sql<boolean>`o.rowid IN (
      SELECT rowid FROM occupant WHERE site_id = ${siteId} AND substr(phone, -4) = ${tail}
      UNION SELECT rowid FROM occupant WHERE site_id = ${siteId} AND phone2 != '' AND substr(phone2, -4) = ${tail})`)
    .orderBy(sql`o.move_out IS NOT NULL`).orderBy('r.code').limit(limit).execute();
  return rows.map(({ move_out, ...r }) => ({ ...r, matchedBy: 'phone', phoneTail: tail, movedOut: move_out !== null }));
}

/**
 * Occupants by any part of their name, current occupants first, then by name. Three
 * characters or more go through the trigram index; one or two (a surname, a given name:
 * below the trigram's reach) through occupant_gram, whose key lists current occupants
 * first by name, so the search reads only as many rows as it returns, however common the
 * character.
 */
async function byName(db: Db, siteId: string, q: string, limit: number): Promise<SearchHit[]> {
  const cols = [...ROOM_COLS, 'o.name as occupantName', 'o.kind as occupantKind', 'o.move_out'] as const;
  let rows;
  if ([...q].length >= 3) {
    rows = await db.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id').select(cols)
      .where(sql<boolean>`o.rowid IN (SELECT rowid FROM occupant_fts WHERE occupant_fts MATCH ${`"${q.replace(/"/g, '""')}"`})`)
      // unary + keeps SQLite from walking a site_id index (every row) instead of the FTS hits
      .where(sql`+o.site_id`, '=', siteId)
      .orderBy(sql`o.move_out IS NOT NULL`).orderBy('o.name').orderBy('o.id').limit(limit).execute();
  } else {
    rows = await db.selectFrom('occupant_gram as g').innerJoin('occupant as o', 'o.id', 'g.occupant_id').innerJoin('room as r', 'r.id', 'o.room_id').select(cols)
      .where('g.site_id', '=', siteId).where('g.gram', '=', q.toLowerCase())
      .orderBy('g.moved_out').orderBy('g.name').orderBy('g.occupant_id').limit(limit).execute();
  }
  return rows.map(({ move_out, ...r }) => ({ ...r, matchedBy: 'name', phoneTail: null, movedOut: move_out !== null }));
}

/** Search as the user types: whichever of code, digits, phone tail and name fits what was typed. */
export async function searchRooms(db: Db, siteId: string, text: string, limit = 20): Promise<SearchHit[]> {
  const q = text.trim();
  if (!q) return [];
  const digits = halfWidth(q);
  let hits: SearchHit[];
  if (/^\d+$/.test(digits)) {
    hits = digits.length === 4 ? [...(await byPhoneTail(db, siteId, digits, limit)), ...(await byDigits(db, siteId, digits, limit))] : await byDigits(db, siteId, digits, limit);
  } else {
    const code = typedCodePrefix(q);
    hits = code ? await byCode(db, siteId, code, limit) : [];
    // "li na" reads like a code but is a name: no room by that code, so look for people.
    // Spaces typed between Chinese characters (欧阳 晓梅) are not in the name.
    if (!hits.length) hits = await byName(db, siteId, q.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, ''), limit);
  }
  return hits.slice(0, limit);
}
