import { sql, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { derived, readRules } from './queries.js';
import type { ComplaintDepartment, ComplaintKind } from './tables.js';
import { ftsPhrase, likeContaining } from '../store/text-match.js';

type Trx = Transaction<Schema>;

export interface QueueFilter {
  /** open: unanswered, by deadline; overdue: past the deadline; escalated: at or above a level; all: everything, newest first */
  state: 'open' | 'overdue' | 'escalated' | 'all';
  /** for state=escalated: 1 = supervisor's (level ≥ 1), 2 = deputy GM's */
  level?: 1 | 2;
  mine?: boolean;
  buildingId?: string;
  department?: ComplaintDepartment;
  roomId?: string;
  kind?: ComplaintKind;
  text?: string;
  limit: number;
  offset: number;
}

/** The columns a queue row shows. */
const COLUMNS = [
  'c.id', 'c.case_no', 'c.kind', 'c.channel', 'c.room_code', 'c.complainant', 'c.phone', 'c.category', 'c.severity', 'c.matter', 'c.received_at',
  'c.receiver_id', 'c.stage', 'c.department', 'c.department_name', 'c.assignee', 'c.due_at', 'c.manager_at', 'c.onsite_due_at', 'c.onsite_at',
  'c.replied_at', 'c.valid', 'c.reopen_count', 'c.satisfaction',
] as const;

/**
 * One page of a queue, 50 rows by default, with the clock-derived state of each row.
 * `hasMore` instead of a total: counting 200,000 rows for a page would cost more than the page.
 */
export async function queue(trx: Trx, siteId: string, staffId: string, now: Date, f: QueueFilter) {
  const at = now.toISOString();
  const text = f.text?.trim();
  const caseNo = text && /^\d{4}-\d{1,6}$/.test(text) ? `${text.slice(0, 5)}${text.slice(5).padStart(5, '0')}` : null;
  let q = trx.selectFrom('complaint_case as c').innerJoin('staff as s', 's.id', 'c.receiver_id')
    .select([...COLUMNS, 's.display_name as receiver_name'])
    // a search is driven by its matches: "+" keeps the (unselective) site column from steering the plan
    .where(text && !caseNo ? sql<boolean>`+c.site_id = ${siteId}` : sql<boolean>`c.site_id = ${siteId}`);
  // written with literals, exactly as the partial indexes' WHERE (migration 0005)
  if (f.state !== 'all') q = q.where(sql<boolean>`c.stage IN ('received', 'handling')`);
  if (f.state === 'overdue') q = q.where('c.due_at', '<=', at);
  // the supervisor's: past the deadline, or a repair nobody reached within the on-site time
  if (f.state === 'escalated' && (f.level ?? 1) === 1) {
    q = q.where((eb) => eb.or([eb('c.due_at', '<=', at), eb.and([eb('c.onsite_at', 'is', null), eb('c.onsite_due_at', '<=', at)])]));
  }
  if (f.state === 'escalated' && f.level === 2) q = q.where('c.manager_at', '<=', at);
  if (f.mine) q = q.where('c.receiver_id', '=', staffId);
  if (f.buildingId) q = q.where('c.building_id', '=', f.buildingId);
  if (f.department) q = q.where('c.department', '=', f.department);
  if (f.roomId) q = q.where('c.room_id', '=', f.roomId);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (text) {
    if (caseNo) q = q.where('c.case_no', '=', caseNo);
    else if ([...text].length >= 3) q = q.where(sql<boolean>`c.rowid IN (SELECT rowid FROM complaint_case_fts WHERE complaint_case_fts MATCH ${ftsPhrase(text)})`);
    else {
      // one or two characters are below the trigram's reach: a scan, still over the same fields
      const like = likeContaining(text);
      q = q.where(sql<boolean>`(c.matter LIKE ${like} ESCAPE '\\' OR c.wanted LIKE ${like} ESCAPE '\\' OR c.reply_text LIKE ${like} ESCAPE '\\')`);
    }
  }
  // search results newest logged first (rowid order: read straight from the matches, no sort)
  if (text) q = q.orderBy(sql`c.rowid`, 'desc');
  else q = f.state === 'all' ? q.orderBy('c.received_at', 'desc') : q.orderBy('c.due_at').orderBy('c.received_at').orderBy('c.id');
  const rows = await q.limit(f.limit + 1).offset(f.offset).execute();
  const rules = await readRules(trx, siteId);
  return {
    rows: rows.slice(0, f.limit).map((r) => ({ ...r, ...derived(r, now, rules) })),
    hasMore: rows.length > f.limit,
  };
}
