import type Database from 'better-sqlite3';
import { maskedRow } from '../fees/debit/rules.js';
import { prepareQuery, type Param } from '../store/prepared.js';
import type { ChangeLogTable } from '../store/schema.js';
import { nameParts, subjectName, type NamedTable } from './rules.js';

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

/** A change as the audit trail shows it: rows parsed (an account number masked) and the record named. */
export type AuditEntry = Omit<StoredChange, 'before' | 'after'> & {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** the record by its business name (receipt number, room code, case number, archive code), if it has one */
  subject: string | null;
};

/** Parses a page of changes and names each record, the references looked up table by table. */
export function readableChanges(conn: Database.Database, changes: StoredChange[]): AuditEntry[] {
  const parsed = changes.map((c) => {
    const before = c.before ? maskedRow(c.table_name, JSON.parse(c.before) as Record<string, unknown>) : null;
    const after = c.after ? maskedRow(c.table_name, JSON.parse(c.after) as Record<string, unknown>) : null;
    return { c, before, after, parts: nameParts(c.table_name, after ?? before) };
  });
  const wanted = new Map<NamedTable, Set<string>>();
  for (const { parts } of parsed) {
    if (parts.ref) (wanted.get(parts.ref.table) ?? wanted.set(parts.ref.table, new Set()).get(parts.ref.table)!).add(parts.ref.id);
  }
  const names = new Map<NamedTable, Map<string, string>>();
  for (const [table, ids] of wanted) names.set(table, namesOf(conn, table, [...ids]));
  return parsed.map(({ c, before, after, parts }) => ({
    ...c,
    before,
    after,
    subject: subjectName(parts.own, parts.ref ? names.get(parts.ref.table)?.get(parts.ref.id) ?? null : null),
  }));
}

/** What the trail reads of each change (change_log as c, staff as s): one list for the prepared first page and the filtered builder. */
export const CHANGE_COLUMNS = [
  'c.seq', 'c.at', 'c.actor_id', 's.display_name as actor_name', 's.username as actor_username',
  'c.operation', 'c.table_name', 'c.row_id', 'c.kind', 'c.before', 'c.after',
] as const;

/**
 * The newest page with no filter, the trail's first screen: prepared once, so opening the
 * trail costs what SQLite takes, not a query build. Filters go through the builder.
 */
export const NEWEST_CHANGES = prepareQuery((db, p: Param<{ siteId: string; beforeSeq: number; limit: number }>) =>
  db.selectFrom('change_log as c')
    .leftJoin('staff as s', 's.id', 'c.actor_id')
    .select(CHANGE_COLUMNS)
    .where('c.site_id', '=', p('siteId'))
    .where('c.seq', '<', p('beforeSeq'))
    .orderBy('c.seq', 'desc')
    .limit(p('limit')));
