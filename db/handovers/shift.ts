import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { addDays, dayStartsAt, siteDay } from '../time/site-time.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * What a shift handover (交接班) is filled in with, read from the store when it is started:
 * the open cases the outgoing person owns, the site's open cases near or past their deadline,
 * archive loans due, and — for whoever took money — the cash on hand by method and the range
 * of receipts since their last shift handover (a shift is not a day: a mid-day handover
 * counts from the last one, or from the start of today when there was none).
 */
export const NEAR_DEADLINE_MS = 4 * 3600_000;

export async function shiftPrefill(db: Db, siteId: string, outgoingId: string, now: Date, utcOffsetMinutes: number) {
  const nowIso = now.toISOString();
  const soon = new Date(now.getTime() + NEAR_DEADLINE_MS).toISOString();
  const caseCols = ['case_no', 'kind', 'room_code', 'stage', 'due_at', 'matter'] as const;
  const owned = await db.selectFrom('complaint_case').select(caseCols).where('site_id', '=', siteId).where('receiver_id', '=', outgoingId)
    .where('stage', '!=', 'closed').orderBy('due_at').limit(100).execute();
  // written out, not bound: so the index of open cases by deadline serves it (a partial index needs the very words)
  const urgent = await db.selectFrom('complaint_case').select(caseCols).where('site_id', '=', siteId).where(sql<boolean>`stage IN ('received', 'handling')`)
    .where('due_at', '<=', soon).orderBy('due_at').limit(100).execute();
  const today = siteDay(now, utcOffsetMinutes);
  const loans = await db.selectFrom('archive_loan as l').innerJoin('archive_item as i', 'i.id', 'l.item_id')
    .select(['i.ref_code', 'i.title', 'l.borrower', 'l.due_on']).where('l.site_id', '=', siteId).where('l.returned_at', 'is', null)
    .where('l.due_on', '<=', addDays(today, 1)).orderBy('l.due_on').limit(100).execute();
  const last = await db.selectFrom('handover').select('signed_at').where('site_id', '=', siteId).where('kind', '=', 'shift').where('created_by', '=', outgoingId)
    .where('status', '=', 'signed').orderBy('signed_at', 'desc').limit(1).executeTakeFirst();
  const since = last?.signed_at ?? dayStartsAt(today, utcOffsetMinutes).toISOString();
  // the receipts' business day bounds the read to the shift's days (a site's years of receipts are not scanned)
  const sinceDay = siteDay(new Date(since), utcOffsetMinutes);
  const receipts = await db.selectFrom('receipt as r').select(['r.number', 'r.kind', 'r.total'])
    .select((eb) => eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id')).as('voided'))
    .where('r.site_id', '=', siteId).where('r.cashier_id', '=', outgoingId).where('r.day', '>=', sinceDay).where('r.created_at', '>', since).where('r.created_at', '<=', nowIso)
    .orderBy('r.created_at').execute();
  const methods = await db.selectFrom('receipt_payment as p').innerJoin('receipt as r', 'r.id', 'p.receipt_id')
    .select(['p.method', (eb) => eb.fn.sum<number>('p.amount').as('amount')])
    .where('r.site_id', '=', siteId).where('r.cashier_id', '=', outgoingId).where('r.day', '>=', sinceDay).where('r.created_at', '>', since).where('r.created_at', '<=', nowIso)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id'))))
    .groupBy('p.method').orderBy('p.method').execute();
  const payments = receipts.filter((r) => r.kind === 'payment');
  const keys = await deskKeys(db, siteId);
  return {
    since,
    keys: { held: keys.filter((k) => !k.borrower).length, out: keys.filter((k) => k.borrower).map((k) => ({ label: k.label, roomCode: k.roomCode, borrower: k.borrower!, lentAt: k.lent_at! })) },
    ownedCases: owned.map((c) => ({ ...c, overdue: c.due_at < nowIso, near: c.due_at >= nowIso && c.due_at <= soon })),
    urgentCases: urgent.map((c) => ({ ...c, overdue: c.due_at < nowIso })),
    loansDue: loans.map((l) => ({ ...l, overdue: l.due_on < today })),
    cash: {
      receipts: receipts.length,
      voided: receipts.filter((r) => r.voided).length,
      first: payments[0]?.number ?? null,
      last: payments.at(-1)?.number ?? null,
      byMethod: methods.map((m) => ({ method: m.method, amount: Number(m.amount) })),
    },
  };
}

/** The desk's keys (active ones unless `all`), each with its open loan if lent. */
export async function deskKeys(db: Db, siteId: string, all = false) {
  let q = db.selectFrom('desk_key as k').leftJoin('room as r', 'r.id', 'k.room_id')
    .leftJoin('desk_key_loan as l', (j) => j.onRef('l.key_id', '=', 'k.id').on('l.returned_at', 'is', null))
    .select(['k.id', 'k.label', 'k.kind', 'k.room_id', 'r.code as roomCode', 'k.count', 'k.note', 'k.active', 'l.borrower', 'l.purpose', 'l.lent_at'])
    .where('k.site_id', '=', siteId);
  if (!all) q = q.where('k.active', '=', 1);
  return q.orderBy('k.kind').orderBy('k.label').execute();
}
