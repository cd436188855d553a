import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../store/schema.js';
import { maskAccount } from './rules.js';

/** Bank direct debit's reads. Account numbers leave here masked, except for the bank's batch sheet. */
type Db = Kysely<Schema> | Transaction<Schema>;

/** A room's (or every room's) agreements, newest first, with who registered and who ended them. */
export async function listAgreements(db: Db, siteId: string, f: { roomId?: string; includeEnded?: boolean }) {
  let q = db.selectFrom('debit_agreement as a').innerJoin('room as r', 'r.id', 'a.room_id').innerJoin('staff as s', 's.id', 'a.created_by')
    .leftJoin('debit_agreement_end as e', 'e.agreement_id', 'a.id').leftJoin('staff as es', 'es.id', 'e.ended_by')
    .select(['a.id', 'a.room_id as roomId', 'r.code as room', 'a.bank', 'a.holder', 'a.account', 'a.valid_from as validFrom', 'a.valid_to as validTo',
      'a.remarks', 's.display_name as createdBy', 'a.created_at as createdAt',
      'e.reason as endReason', 'es.display_name as endedBy', 'e.created_at as endedAt'])
    .where('a.site_id', '=', siteId);
  if (f.roomId) q = q.where('a.room_id', '=', f.roomId);
  if (!f.includeEnded) q = q.where('e.id', 'is', null);
  const rows = await q.orderBy(sql`length(r.code)`).orderBy('r.code').orderBy('a.created_at', 'desc').limit(2000).execute();
  return rows.map(({ account, ...a }) => ({ ...a, account: maskAccount(account), ended: a.endedAt !== null }));
}

/** The batches, newest first, with how many lines have a result and what was debited. */
export async function listBatches(db: Db, siteId: string) {
  return db.selectFrom('debit_batch as b').innerJoin('staff as s', 's.id', 'b.created_by')
    .select(['b.id', 'b.number', 'b.period', 'b.lines', 'b.total', 's.display_name as createdBy', 'b.created_at as createdAt'])
    .select(sql<number>`(SELECT count(*) FROM debit_batch_line l JOIN debit_result x ON x.line_id = l.id
      WHERE l.batch_id = b.id AND x.outcome = 'success')`.as('succeeded'))
    .select(sql<number>`(SELECT count(*) FROM debit_batch_line l JOIN debit_result x ON x.line_id = l.id
      WHERE l.batch_id = b.id AND x.outcome = 'failure')`.as('failed'))
    .select(sql<number>`(SELECT COALESCE(sum(l.amount), 0) FROM debit_batch_line l JOIN debit_result x ON x.line_id = l.id
      WHERE l.batch_id = b.id AND x.outcome = 'success')`.as('collected'))
    .where('b.site_id', '=', siteId).orderBy('b.created_at', 'desc').limit(500).execute();
}

/** A batch's lines with their results; the full account only when `full` (the bank's sheet). */
export async function batchLines(db: Db, siteId: string, batchId: string, full = false) {
  const rows = await db.selectFrom('debit_batch_line as l').innerJoin('room as r', 'r.id', 'l.room_id')
    .innerJoin('debit_agreement as a', 'a.id', 'l.agreement_id')
    .leftJoin('debit_result as x', 'x.line_id', 'l.id').leftJoin('receipt as rc', 'rc.id', 'x.receipt_id')
    .select(['l.id', 'l.line_no as lineNo', 'l.reference', 'l.room_id as roomId', 'r.code as room', 'a.bank', 'a.holder', 'a.account', 'l.amount', 'l.bills',
      'x.outcome', 'x.reason', 'rc.number as receipt', 'rc.id as receiptId'])
    .where('l.site_id', '=', siteId).where('l.batch_id', '=', batchId).orderBy('l.line_no').execute();
  return rows.map(({ account, bills, ...l }) => ({
    ...l, account: full ? account : maskAccount(account), bills: JSON.parse(bills) as { billId: string; amount: number }[],
  }));
}

/** A room's debit story for the till: its lines in batches and their results, newest first. */
export async function roomDebits(db: Db, siteId: string, roomId: string) {
  return db.selectFrom('debit_batch_line as l').innerJoin('debit_batch as b', 'b.id', 'l.batch_id')
    .leftJoin('debit_result as x', 'x.line_id', 'l.id').leftJoin('receipt as rc', 'rc.id', 'x.receipt_id')
    .select(['l.reference', 'b.number as batch', 'b.period', 'l.amount', 'x.outcome', 'x.reason', 'rc.number as receipt'])
    .where('l.site_id', '=', siteId).where('l.room_id', '=', roomId).orderBy('l.created_at', 'desc').limit(50).execute();
}
