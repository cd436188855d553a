import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { maskedRowText } from '../fees/debit/rules.js';
import { prepareQuery, type Param, type PreparedQuery } from '../store/prepared.js';
import type { ChangeLogTable } from '../store/schema.js';
import { isNamed, nameParts, subjectName, type NamedTable, type Reference } from './rules.js';

/**
 * The name a person knows each record by, asked for a page of ids at once (one statement per
 * table, the ids passed as a JSON array so the statement is prepared once).
 */
export const NAME_SQL: Readonly<Record<NamedTable, string>> = {
  room: 'SELECT t.id, t.code AS name FROM room t',
  receipt: 'SELECT t.id, t.number AS name FROM receipt t',
  complaint_case: 'SELECT t.id, t.case_no AS name FROM complaint_case t',
  archive_item: 'SELECT t.id, t.ref_code AS name FROM archive_item t',
  handover: 'SELECT t.id, t.number AS name FROM handover t',
  fee_item: 'SELECT t.id, t.name FROM fee_item t',
  bill: `SELECT t.id, r.code || ' ' || t.period || ' ' || f.name AS name FROM bill t
    JOIN room r ON r.id = t.room_id JOIN fee_item f ON f.id = t.item_id`,
  debit_agreement: `SELECT t.id, r.code || ' ' || t.bank AS name FROM debit_agreement t JOIN room r ON r.id = t.room_id`,
  debit_batch: 'SELECT t.id, t.number AS name FROM debit_batch t',
  debit_batch_line: 'SELECT t.id, t.reference AS name FROM debit_batch_line t',
  desk_key: 'SELECT t.id, t.label AS name FROM desk_key t',
  occupant: `SELECT t.id, r.code || ' ' || t.name AS name FROM occupant t JOIN room r ON r.id = t.room_id`,
  staff: 'SELECT t.id, t.display_name AS name FROM staff t',
};

/** The statement that names a page's records of one table, the ids given as a JSON array. */
export function nameLookupSql(table: NamedTable): string {
  return `${NAME_SQL[table]} WHERE t.id IN (SELECT value FROM json_each(?))`;
}

const statements = new WeakMap<Database.Database, Map<NamedTable, Database.Statement>>();

function namesOf(conn: Database.Database, table: NamedTable, ids: string[]): Map<string, string> {
  let byTable = statements.get(conn);
  if (!byTable) statements.set(conn, (byTable = new Map()));
  let stmt = byTable.get(table);
  if (!stmt) byTable.set(table, (stmt = conn.prepare(nameLookupSql(table))));
  return new Map((stmt.all(JSON.stringify(ids)) as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/** One captured change as the store keeps it (before/after still JSON text), with who made it. */
export type StoredChange = Omit<ChangeLogTable, 'site_id' | 'tx'> & { actor_name: string | null; actor_username: string | null };

/**
 * A change as the audit trail sends it: the rows before and after as the JSON text the store
 * keeps (an account number masked), which the screen parses to show; and the record named.
 */
export type AuditEntry = StoredChange & {
  /** the record by its business name (receipt number, room code, case number, archive code), if it has one */
  subject: string | null;
};

/**
 * Names each record of a page, the references looked up table by table. A row is parsed only
 * when its table names its records (an audit event, most of the trail, is not): the rows go on
 * as text, so a page costs about what SQLite takes to read it. The page's row objects are
 * completed in place, not copied.
 */
export function readableChanges(conn: Database.Database, changes: StoredChange[]): AuditEntry[] {
  const entries = changes as AuditEntry[];
  const refs: (Reference | null)[] = [];
  const wanted = new Map<NamedTable, Set<string>>();
  for (const e of entries) {
    if (e.before !== null) e.before = maskedRowText(e.table_name, e.before);
    if (e.after !== null) e.after = maskedRowText(e.table_name, e.after);
    const row = e.after ?? e.before;
    const parts = row !== null && isNamed(e.table_name) ? nameParts(e.table_name, JSON.parse(row) as Record<string, unknown>) : null;
    e.subject = parts?.own ?? null;
    refs.push(parts?.ref ?? null);
    if (parts?.ref) (wanted.get(parts.ref.table) ?? wanted.set(parts.ref.table, new Set()).get(parts.ref.table)!).add(parts.ref.id);
  }
  if (wanted.size === 0) return entries;
  const names = new Map<NamedTable, Map<string, string>>();
  for (const [table, ids] of wanted) names.set(table, namesOf(conn, table, [...ids]));
  entries.forEach((e, i) => {
    const ref = refs[i];
    if (ref) e.subject = subjectName(e.subject, names.get(ref.table)?.get(ref.id) ?? null);
  });
  return entries;
}

/** What the trail reads of each change (change_log as c, staff as s). */
export const CHANGE_COLUMNS = [
  'c.seq', 'c.at', 'c.actor_id', 's.display_name as actor_name', 's.username as actor_username',
  'c.operation', 'c.table_name', 'c.row_id', 'c.kind', 'c.before', 'c.after',
] as const;

/** The page the trail's screen asks for each time (it pages by seq). */
export const TRAIL_PAGE = 50;

/** What a page of the trail can be asked for: the values bound into its statement. */
export interface TrailQuery {
  siteId: string;
  actorId?: string;
  /** instants (ISO), from inclusive, to exclusive */
  from?: string;
  to?: string;
  table?: string;
  operation?: string;
  /** a LIKE pattern for a word in the row data, its wildcards escaped with \ */
  like?: string;
  /** the page before this seq (paging back), or the newest */
  beforeSeq?: number;
}
type Filter = Exclude<keyof TrailQuery, 'siteId'>;
const FILTERS: readonly Filter[] = ['actorId', 'from', 'to', 'table', 'operation', 'like', 'beforeSeq'];

function pageQuery(filters: ReadonlySet<Filter>, limit: number): PreparedQuery<TrailQuery, StoredChange> {
  return prepareQuery((db, p: Param<Required<TrailQuery>>) => {
    let q = db.selectFrom('change_log as c')
      .leftJoin('staff as s', 's.id', 'c.actor_id')
      .select(CHANGE_COLUMNS)
      .where('c.site_id', '=', p('siteId'));
    if (filters.has('actorId')) q = q.where('c.actor_id', '=', p('actorId'));
    if (filters.has('from')) q = q.where('c.at', '>=', p('from'));
    if (filters.has('to')) q = q.where('c.at', '<', p('to'));
    if (filters.has('table')) q = q.where('c.table_name', '=', p('table'));
    if (filters.has('operation')) q = q.where('c.operation', '=', p('operation'));
    // SQLite's LIKE has no escape character unless told: without ESCAPE, '\\%' matched nothing
    if (filters.has('like')) q = q.where(sql<boolean>`(c.after LIKE ${p('like')} ESCAPE '\\' OR c.before LIKE ${p('like')} ESCAPE '\\')`);
    if (filters.has('beforeSeq')) q = q.where('c.seq', '<', p('beforeSeq'));
    // written in the SQL, not bound: SQLite read the newest page about 15% slower with LIMIT ?
    return q.orderBy('c.seq', 'desc').limit(sql.lit(limit));
  }) as PreparedQuery<TrailQuery, StoredChange>;
}

const shapes = new Map<string, PreparedQuery<TrailQuery, StoredChange>>();

/**
 * A page of changes, newest first, for the filters given. Each combination of filters and
 * page size is compiled once into a prepared statement (a desk meets a few dozen), so a page
 * costs what SQLite takes to read it, not a query build: the first page, with no filter, is
 * the statement of the trail's first screen.
 */
export function changesPage(conn: Database.Database, query: TrailQuery, limit: number): StoredChange[] {
  let key = String(limit);
  for (const f of FILTERS) if (query[f] !== undefined) key += ` ${f}`;
  let page = shapes.get(key);
  if (!page) {
    if (shapes.size >= 500) shapes.delete(shapes.keys().next().value!);
    shapes.set(key, (page = pageQuery(new Set(FILTERS.filter((f) => query[f] !== undefined)), limit)));
  }
  return page.all(conn, query);
}
