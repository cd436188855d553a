import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';

/**
 * A site's rows of one table, held in memory in the shape a search needs (room numbers,
 * names' pinyin initials) where the store has no index for it and none may be added.
 * Built on first use, per connection and site, and kept current through the change log:
 * before each use the site's last change number is read (one key lookup); the rows written
 * since are read again and swapped in. Rows written with capture off (applied from
 * elsewhere) are not seen until the next start.
 */
export interface MirrorShape<R extends { id: string }, I> {
  table: 'room' | 'occupant';
  readAll(conn: Database.Database, siteId: string): R[];
  readSome(conn: Database.Database, siteId: string, ids: string[]): R[];
  build(rows: R[]): I;
  add(index: I, row: R): void;
  remove(index: I, row: R): void;
}

const LAST_SEQ = prepareQuery((db, p: Param<{ siteId: string }>) => db.selectFrom('change_log').select(sql<number | null>`max(seq)`.as('seq'))
  .where('site_id', '=', p('siteId')));
const CHANGED = prepareQuery((db, p: Param<{ siteId: string; after: number; table: string }>) => db.selectFrom('change_log').select('row_id').distinct()
  .where('site_id', '=', p('siteId')).where('seq', '>', p('after')).where('table_name', '=', p('table')));
/** Past this many changes since the last look, reading every row again is cheaper. */
const REREAD_ALL = 5000;

export function siteMirror<R extends { id: string }, I>(shape: MirrorShape<R, I>): (conn: Database.Database, siteId: string) => I {
  type State = { seq: number; rows: Map<string, R>; index: I };
  const byConn = new WeakMap<Database.Database, Map<string, State>>();
  return (conn, siteId) => {
    let sites = byConn.get(conn);
    if (!sites) byConn.set(conn, (sites = new Map()));
    const seq = LAST_SEQ.first(conn, { siteId })?.seq ?? 0;
    let s = sites.get(siteId);
    if (s && s.seq === seq) return s.index;
    if (!s || seq < s.seq || seq - s.seq > REREAD_ALL) {
      const rows = shape.readAll(conn, siteId);
      s = { seq, rows: new Map(rows.map((r) => [r.id, r])), index: shape.build(rows) };
      sites.set(siteId, s);
      return s.index;
    }
    const ids = CHANGED.all(conn, { siteId, after: s.seq, table: shape.table }).map((c) => c.row_id);
    if (ids.length) {
      for (const id of ids) {
        const old = s.rows.get(id);
        if (old) shape.remove(s.index, old);
        s.rows.delete(id);
      }
      for (const r of shape.readSome(conn, siteId, ids)) {
        s.rows.set(r.id, r);
        shape.add(s.index, r);
      }
    }
    s.seq = seq;
    return s.index;
  };
}
