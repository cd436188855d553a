import { sql, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { dayRange, siteDay } from '../time/site-time.js';
import { derived, readRules } from './queries.js';
import type { ComplaintRules } from './rules.js';

/**
 * The complaint ledger's lines of the home page's work list: each a few indexed reads over the
 * open cases (a partial index holds only them), so the list stays fast on a ledger of years.
 */
type Trx = Transaction<Schema>;

const COLUMNS = [
  'c.id', 'c.case_no', 'c.kind', 'c.severity', 'c.room_code', 'c.complainant', 'c.matter', 'c.stage', 'c.due_at', 'c.manager_at',
  'c.onsite_due_at', 'c.onsite_at', 'c.replied_at', 'c.receiver_id',
] as const;

export interface CaseLine {
  id: string;
  caseNo: string;
  kind: string;
  roomCode: string;
  text: string;
  link: string;
  dueAt: string;
  state: ReturnType<typeof derived>;
}

type Row = { id: string; case_no: string; kind: Schema['complaint_case']['kind']; room_code: string; complainant: string; matter: string } & Parameters<typeof derived>[0];

function line(r: Row, now: Date, rules: ComplaintRules): CaseLine {
  return {
    id: r.id, caseNo: r.case_no, kind: r.kind, roomCode: r.room_code, text: `${r.complainant}：${r.matter.slice(0, 60)}`,
    link: `/complaints/case/${r.id}`, dueAt: r.due_at, state: derived(r, now, rules),
  };
}

const LIMIT = 20;
// "due_at > ''" (always true) gives the planner the open-cases partial index's second column: without it SQLite walks the received-at index
const open = sql<boolean>`c.stage IN ('received', 'handling') AND c.due_at > ''`;

/** My open cases due by the end of the site's today (midnight included: 小修不过夜), overdue ones first. */
export async function myCasesDueToday(trx: Trx, siteId: string, staffId: string, now: Date, rules: ComplaintRules) {
  const end = dayRange(siteDay(now, rules.utcOffsetMinutes), rules.utcOffsetMinutes).to;
  const rows = await trx.selectFrom('complaint_case as c').select(COLUMNS).where('c.site_id', '=', siteId).where(open)
    .where('c.receiver_id', '=', staffId).where('c.due_at', '<=', end).orderBy('c.due_at').limit(LIMIT + 1).execute();
  return rows.map((r) => line(r, now, rules));
}

// written with literals, exactly as the awaiting-on-site partial index's WHERE (migration 0018): a handful of rows, read in on-site order
const awaiting = sql<boolean>`c.stage IN ('received', 'handling') AND c.onsite_at IS NULL AND c.onsite_due_at IS NOT NULL`;

/** Repairs still waiting for someone on site (those whose on-site time has passed, when `lateBy` is given), the most pressing first. */
function awaitingRows(trx: Trx, siteId: string, lateBy?: string) {
  let q = trx.selectFrom('complaint_case as c').select(COLUMNS).where('c.site_id', '=', siteId).where(awaiting);
  if (lateBy) q = q.where('c.onsite_due_at', '<=', lateBy);
  return q.orderBy('c.onsite_due_at').limit(LIMIT + 1).execute();
}

/** Repairs still waiting for someone on site, the most pressing first. */
export async function awaitingOnsite(trx: Trx, siteId: string, now: Date, rules: ComplaintRules) {
  return (await awaitingRows(trx, siteId)).map((r) => line(r, now, rules));
}

/** Cases I answered that wait for the follow-up call (回访), oldest reply first. */
export async function followUpsDue(trx: Trx, siteId: string, staffId: string, now: Date, rules: ComplaintRules) {
  const rows = await trx.selectFrom('complaint_case as c').select(COLUMNS).where('c.site_id', '=', siteId).where(sql<boolean>`c.stage = 'replied'`)
    .where('c.receiver_id', '=', staffId).orderBy('c.replied_at').limit(LIMIT + 1).execute();
  return rows.map((r) => line(r, now, rules));
}

const openCases = (trx: Trx, siteId: string) => trx.selectFrom('complaint_case as c').select(COLUMNS).where('c.site_id', '=', siteId).where(open);

/**
 * The escalated cases of a level: the supervisor's (past the deadline, or nobody on site in
 * time: those first) or the deputy GM's.
 */
export async function escalations(trx: Trx, siteId: string, level: 1 | 2, now: Date, rules: ComplaintRules) {
  const at = now.toISOString();
  const overdue = (q: ReturnType<typeof openCases>, n: number) =>
    q.where(level === 2 ? 'c.manager_at' : 'c.due_at', '<=', at).orderBy('c.due_at').limit(n).execute();
  if (level === 2) return (await overdue(openCases(trx, siteId), LIMIT + 1)).map((r) => line(r, now, rules));
  // nobody on site is the most urgent thing a supervisor can be told: those first, then the rest by deadline (one page of each, read in index order)
  const late = await awaitingRows(trx, siteId, at);
  const seen = new Set(late.map((r) => r.id));
  const rest = (await overdue(openCases(trx, siteId), LIMIT + 1 + late.length)).filter((r) => !seen.has(r.id));
  return [...late, ...rest].slice(0, LIMIT + 1).map((r) => line(r, now, rules));
}

/** Today's figures of the ledger: received, answered and closed today; open, overdue and waiting for someone on site now. */
export async function todaysFigures(trx: Trx, siteId: string, now: Date, rules: ComplaintRules) {
  const { from, to } = dayRange(siteDay(now, rules.utcOffsetMinutes), rules.utcOffsetMinutes);
  const at = now.toISOString();
  const count = (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  const n = sql<number>`count(*)`.as('n');
  const base = () => trx.selectFrom('complaint_case as c').where('c.site_id', '=', siteId);
  const [received, closed, openNow, overdue, onsiteLate] = await Promise.all([
    count(base().select(n).where('c.received_at', '>=', from).where('c.received_at', '<', to)),
    count(base().select(n).where('c.closed_at', '>=', from).where('c.closed_at', '<', to)),
    count(base().select(n).where(open)),
    count(base().select(n).where(open).where('c.due_at', '<=', at)),
    count(base().select(n).where(awaiting).where('c.onsite_due_at', '<=', at)),
  ]);
  return { received, closed, open: openNow, overdue, onsiteLate };
}

export { readRules };
