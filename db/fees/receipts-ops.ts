import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { can } from '../auth/permissions.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import { approvalInput, deskApproval } from './approval.js';
import { capitalAmount } from './money.js';
import { assertDayOpen } from './pay-ops.js';
import { dayState } from './day-state.js';
import { readSettings } from '../settings/queries.js';
import { siteDay } from '../time/site-time.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Everything a printed receipt shows, read back from the store (never from the screen that took the money). */
export async function receiptView(db: Db, siteId: string, id: string) {
  const r = await db.selectFrom('receipt as r').innerJoin('room as m', 'm.id', 'r.room_id').innerJoin('staff as s', 's.id', 'r.cashier_id')
    .innerJoin('site', 'site.id', 'r.site_id')
    .select(['r.id', 'r.kind', 'r.number', 'r.payer', 'r.total', 'r.tendered', 'r.change_given', 'r.day', 'r.created_at', 'r.remarks', 'r.cashier_id',
      'm.code as roomCode', 's.display_name as cashier', 'site.name as siteName'])
    .where('r.site_id', '=', siteId).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('fees.not_found', { whatZh: '收据', whatEn: 'receipt' });
  const lines = await db.selectFrom('receipt_line as l').leftJoin('bill as b', 'b.id', 'l.bill_id').leftJoin('fee_item as f', 'f.id', 'b.item_id')
    .select(['l.id', 'l.kind', 'l.amount', 'b.period', 'b.quantity_centi', 'b.price_e4', 'b.amount as billAmount', 'f.name as itemName', 'f.unit', 'f.kind as itemKind'])
    .where('l.receipt_id', '=', id).orderBy('b.period').orderBy('f.code').execute();
  const methods = await db.selectFrom('receipt_payment').select(['method', 'amount', 'reference']).where('receipt_id', '=', id).orderBy('amount', 'desc').execute();
  const voided = await db.selectFrom('receipt_void as v').innerJoin('staff as a', 'a.id', 'v.approved_by').innerJoin('staff as b', 'b.id', 'v.voided_by')
    .select(['v.kind', 'v.day', 'v.reason', 'v.created_at', 'a.display_name as approver', 'b.display_name as voidedBy']).where('v.receipt_id', '=', id).executeTakeFirst();
  // a print marked as never having come out of the printer does not count
  const prints = await db.selectFrom('receipt_print as p').select((eb) => eb.fn.countAll<number>().as('n')).where('p.receipt_id', '=', id)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('receipt_print_undone as u').select('u.id').whereRef('u.print_id', '=', 'p.id')))).executeTakeFirst();
  const settings = await readSettings(db, siteId);
  return { ...r, siteAddress: settings.siteAddress, sitePhone: settings.sitePhone, capital: capitalAmount(r.total), lines, methods, void: voided ?? null, prints: Number(prints?.n ?? 0) };
}


const cancelInput = z.object({ receiptId: z.string().uuid(), ...approvalInput });

async function cancel(ctx: OpContext, i: z.output<typeof cancelInput>, kind: 'void' | 'reversal') {
  const siteId = requireSite(ctx);
  const me = requireSession(ctx);
  const receipt = await ctx.trx.selectFrom('receipt').select(['id', 'number', 'kind', 'cashier_id', 'day']).where('site_id', '=', siteId).where('id', '=', i.receiptId).executeTakeFirst();
  if (!receipt) throw new AppError('fees.not_found', { whatZh: '收据', whatEn: 'receipt' });
  // Who may void: the cashier who took it, or — when that cashier is away — a supervisor at
  // the desk, whose shift the cashiers' tills are (a void lands on the receipt's own day).
  // A reversal is money handed back today from the till of whoever reverses, so any cashier
  // on duty may reverse (the service centre's rule: another staff member collects in their own name when the
  // cashier is off), and it lands in their own day; a supervisor has no till to reverse from
  // (fees.reverse needs fees.collect).
  // Either way a second person holding fees.approve_void signs in; both are recorded.
  const mine = receipt.cashier_id === me.staffId;
  if (kind === 'void' && !mine && !can(me.role, 'fees.approve_void')) throw new AppError('fees.not_your_receipt', { number: receipt.number });
  const done = await ctx.trx.selectFrom('receipt_void').select('id').where('receipt_id', '=', receipt.id).executeTakeFirst();
  if (done) throw new AppError('fees.already_void', { number: receipt.number });
  const closed = dayState(ctx.store.raw, receipt.cashier_id, receipt.day).closed;
  if (kind === 'void' && closed) throw new AppError('fees.day_closed', { day: receipt.day });
  if (kind === 'reversal' && !closed) throw new AppError('fees.reverse_open_day', { number: receipt.number });
  const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
  if (kind === 'reversal') assertDayOpen(ctx.store.raw, me.staffId, today);
  const approver = await deskApproval(ctx, i.approverUsername, i.approverPassword);
  await ctx.trx.insertInto('receipt_void').values({ ...newRow(siteId, ctx.now), receipt_id: receipt.id, kind, day: today, reason: i.reason, voided_by: me.staffId, approved_by: approver.id }).execute();
  return { number: receipt.number };
}

export const receiptOps = {
  /** Find receipts by their number (or its tail) or by a payment's reference (a WeChat or bank transaction number). */
  'fees.findReceipts': defineOp({
    input: z.object({ q: z.string().trim().min(3).max(64) }),
    access: 'fees.read',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const like = `%${i.q.replace(/[%_\\]/g, '\\$&')}`;
      return ctx.trx.selectFrom('receipt as r').innerJoin('room as m', 'm.id', 'r.room_id').innerJoin('staff as s', 's.id', 'r.cashier_id')
        .select(['r.id', 'r.number', 'r.day', 'r.total', 'r.payer', 'm.code as roomCode', 's.display_name as cashier'])
        .select((eb) => eb.selectFrom('receipt_payment as p').select(sql<string>`group_concat(p.method || ':' || p.reference, ' ')`.as('x'))
          .whereRef('p.receipt_id', '=', 'r.id').where('p.reference', '!=', '').as('references'))
        .select((eb) => eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id')).as('voided'))
        .where('r.site_id', '=', siteId)
        .where((eb) => eb.or([
          eb('r.number', 'like', sql<string>`${like} ESCAPE '\\'`),
          eb('r.id', 'in', eb.selectFrom('receipt_payment as p').select('p.receipt_id').where('p.reference', '=', i.q)),
        ]))
        .orderBy('r.created_at', 'desc').limit(20).execute();
    },
  }),

  'fees.receipt': defineOp({
    input: z.object({ id: z.string().uuid() }),
    access: 'fees.read',
    run: async (ctx, i) => receiptView(ctx.trx, requireSite(ctx), i.id),
  }),

  /**
   * Claim a print of the receipt just before it goes to the printer (opening the preview
   * reads fees.receipt and counts nothing). The first claim is the original, every later one
   * a copy that prints 补打; each is logged with who made it. Claimed in the store's one
   * transaction, so two windows printing the same never-printed receipt get one original and
   * one 补打, and the answer says which this print is (copy) before anything is printed. A
   * print that did not come out is given back with fees.printUndone.
   */
  'fees.print': defineOp({
    input: z.object({ id: z.string().uuid(), paper: z.enum(['A5', 'form-241']) }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const view = await receiptView(ctx.trx, siteId, i.id);
      const copy = view.prints > 0;
      const row = { ...newRow(siteId, ctx.now), receipt_id: i.id, copy: copy ? 1 : 0, paper: i.paper, printed_by: requireSession(ctx).staffId };
      await ctx.trx.insertInto('receipt_print').values(row).execute();
      return { ...view, copy, prints: view.prints + 1, printId: row.id };
    },
  }),

  /**
   * The print dialog was cancelled or nothing came out: the cashier says so and the print
   * claimed no longer counts (its row stays, with this one beside it). Only the person who
   * claimed it, and only while it is the receipt's latest print.
   */
  'fees.printUndone': defineOp({
    input: z.object({ printId: z.string().uuid() }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const me = requireSession(ctx);
      const p = await ctx.trx.selectFrom('receipt_print').select(['id', 'receipt_id', 'printed_by']).where('site_id', '=', siteId).where('id', '=', i.printId).executeTakeFirst();
      const latest = p && await ctx.trx.selectFrom('receipt_print').select('id').where('receipt_id', '=', p.receipt_id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const undone = p && await ctx.trx.selectFrom('receipt_print_undone').select('id').where('print_id', '=', p.id).executeTakeFirst();
      if (!p || p.printed_by !== me.staffId || latest?.id !== p.id || undone) throw new AppError('fees.print_not_undoable');
      await ctx.trx.insertInto('receipt_print_undone').values({ ...newRow(siteId, ctx.now), print_id: p.id, receipt_id: p.receipt_id, done_by: me.staffId }).execute();
      return receiptView(ctx.trx, siteId, p.receipt_id);
    },
  }),

  /**
   * Void (作废) with a reason and a supervisor signing in at the desk: their user name and
   * password are checked in this same call (a wrong password counts toward their lockout),
   * and they must hold fees.approve_void. The number stays used; the lines it paid reopen.
   * Once the receipt's day is closed it can only be reversed (冲正, fees.reverse).
   */
  'fees.void': defineOp({
    input: cancelInput,
    access: 'fees.read', // the cashier, or a supervisor for an absent cashier: checked in cancel()
    run: async (ctx, i) => cancel(ctx, i, 'void'),
  }),

  /**
   * Reversal (冲正) of a receipt whose day is closed: the same approval, dated today, in
   * today's day report as money given back; the closed day's figures are left as closed.
   */
  'fees.reverse': defineOp({
    input: cancelInput,
    access: 'fees.collect',
    run: async (ctx, i) => cancel(ctx, i, 'reversal'),
  }),
};
