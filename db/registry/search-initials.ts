import type Database from 'better-sqlite3';
import { pinyin } from 'pinyin-pro';
import { sql } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';
import { ROOM_COLS } from './search-codes.js';
import { siteMirror } from './site-mirror.js';

/**
 * Occupants by the pinyin initials of their name, as people type on a Latin keyboard:
 * "zjt" finds 张建涛, "oyxm" 欧阳晓梅 (a name's first character read as a surname: 曾 is
 * zeng, 单 shan). The store keeps no initials (no column, no index), so they are worked out
 * in memory (site-mirror.ts) and kept in two sorted lists, current occupants and moved-out
 * ones: a prefix is a binary search, and only the rooms of the hits are read.
 */
interface Occupant { id: string; name: string; move_out: string | null }
interface Entry { id: string; initials: string; name: string }
type Lists = [current: Entry[], movedOut: Entry[]];

const PINYIN_FIRST = { pattern: 'first', toneType: 'none', type: 'array' } as const;
/**
 * Initials already worked out: a name's first two characters (read as a name's start, so a
 * surname's reading, compound ones like 万俟 too) and single characters after them. A
 * site's 30,000 names share a few thousand of either, so the first search reads the
 * dictionary a few thousand times, not 30,000.
 */
const headInitials = new Map<string, string>();
const charInitial = new Map<string, string>();
const cached = (map: Map<string, string>, key: string, make: () => string) => {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
};

/** A name's initials, lower case: its Chinese characters only ("" for a name without any). */
export function nameInitials(name: string): string {
  const han = [...name.replace(/[^\u3400-\u9fff]/g, '')];
  if (!han.length) return '';
  const head = han.slice(0, 2).join('');
  return (cached(headInitials, head, () => pinyin(head, { ...PINYIN_FIRST, surname: 'head' }).join(''))
    + han.slice(2).map((c) => cached(charInitial, c, () => pinyin(c, PINYIN_FIRST).join(''))).join('')).toLowerCase();
}

const OCCUPANTS = prepareQuery((db, p: Param<{ siteId: string }>) => db.selectFrom('occupant').select(['id', 'name', 'move_out'])
  .where('site_id', '=', p('siteId')));
// Lookups by the ids the mirror found: unary + keeps SQLite from walking a site_id index (every row).
const SOME_OCCUPANTS = prepareQuery((db, p: Param<{ siteId: string; ids: string }>) => db.selectFrom('occupant').select(['id', 'name', 'move_out'])
  .where(sql`+site_id`, '=', p('siteId')).where(sql<boolean>`id IN (SELECT value FROM json_each(${p('ids')}))`));
const HITS = prepareQuery((db, p: Param<{ siteId: string; ids: string }>) => db.selectFrom('occupant as o').innerJoin('room as r', 'r.id', 'o.room_id')
  .select([...ROOM_COLS, 'o.id as occupantId', 'o.name as occupantName', 'o.kind as occupantKind', 'o.move_out'])
  .where(sql`+o.site_id`, '=', p('siteId')).where(sql<boolean>`o.id IN (SELECT value FROM json_each(${p('ids')}))`));

const before = (a: Entry, b: Entry) => (a.initials !== b.initials ? a.initials < b.initials : a.name !== b.name ? a.name < b.name : a.id < b.id);
/** Where an entry goes in a sorted list (the first place not before it). */
function place(list: Entry[], e: Entry): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!, e)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const entryOf = (o: Occupant): Entry => ({ id: o.id, initials: nameInitials(o.name), name: o.name });
const listOf = (lists: Lists, o: Occupant) => lists[o.move_out === null ? 0 : 1];

const initialsOf = siteMirror<Occupant, Lists>({
  table: 'occupant',
  readAll: (conn, siteId) => OCCUPANTS.all(conn, { siteId }),
  readSome: (conn, siteId, ids) => SOME_OCCUPANTS.all(conn, { siteId, ids: JSON.stringify(ids) }),
  build: (rows) => {
    const lists: Lists = [[], []];
    for (const o of rows) if (/[\u3400-\u9fff]/.test(o.name)) listOf(lists, o).push(entryOf(o));
    for (const l of lists) l.sort((a, b) => (before(a, b) ? -1 : 1));
    return lists;
  },
  add: (lists, o) => {
    if (!/[\u3400-\u9fff]/.test(o.name)) return;
    const list = listOf(lists, o);
    const e = entryOf(o);
    list.splice(place(list, e), 0, e);
  },
  remove: (lists, o) => {
    const list = listOf(lists, o);
    const i = place(list, entryOf(o));
    if (list[i]?.id === o.id) list.splice(i, 1);
  },
});

/** The first entries (in order) whose initials start with the prefix. */
function withPrefix(list: Entry[], prefix: string, limit: number): Entry[] {
  const out: Entry[] = [];
  for (let i = place(list, { initials: prefix, name: '', id: '' }); i < list.length && out.length < limit; i++) {
    if (!list[i]!.initials.startsWith(prefix)) break;
    out.push(list[i]!);
  }
  return out;
}

export interface InitialsRow {
  roomId: string; code: string; usage: string; state: string;
  occupantName: string; occupantKind: string; move_out: string | null;
}

/**
 * Occupants whose name's initials start with what was typed ("zjt", "ZJ"): current
 * occupants first, each group by initials then name.
 */
export function occupantsByInitials(conn: Database.Database, siteId: string, typed: string, limit: number): InitialsRow[] {
  const prefix = typed.toLowerCase();
  const [current, movedOut] = initialsOf(conn, siteId);
  const now = withPrefix(current, prefix, limit);
  const found = now.length < limit ? [...now, ...withPrefix(movedOut, prefix, limit - now.length)] : now;
  if (!found.length) return [];
  const rows = new Map(HITS.all(conn, { siteId, ids: JSON.stringify(found.map((e) => e.id)) }).map((r) => [r.occupantId, r]));
  return found.flatMap((e) => rows.get(e.id) ?? []);
}
