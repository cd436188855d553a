import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import { period } from './items-ops.js';
import { MAX_FEN, formatYuan } from './money.js';
import { assertDayOpen, METHODS } from './pay-ops.js';
import { periodEnd, receiptNumber } from './rules.js';
import { lastReceiptSeq } from './receipt-numbers.js';
import { siteDay, siteMonth } from '../time/site-time.js';

/**
 * One-off charges and deposits (e.g. a decoration deposit, 装修押金) are put on a room's
 * account by hand; a paid deposit is refunded by its own numbered document (退款单,
 * PREFIXTK-2026-000001), signed by the payee, at most once, never more than was paid.
 */
export const depositOps = {
  'fees.charge': defineOp({
    input: z.object({ roomId: z.string().uuid(), itemId: z.string().uuid(), period: period.optional(), amount: z.number().int().min(1).max(MAX_FEN) }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const item = await ctx.trx.selectFrom('fee_item').select(['id', 'kind', 'active']).where('site_id', '=', siteId).where('id', '=', i.itemId).executeTakeFirst();
      if (!item || !item.active) throw new AppError('fees.not_found', { whatZh: '收费项目', whatEn: 'fee item' });
      if (item.kind !== 'oneoff' && item.kind !== 'deposit') throw new AppError('fees.not_manual');
      const room = await ctx.trx.selectFrom('room').select('id').where('site_id', '=', siteId).where('id', '=', i.roomId).executeTakeFirst();
      if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });
      const p = i.period ?? siteMonth(ctx.now, ctx.settings.utcOffsetMinutes);
      const row = { ...newRow(siteId, ctx.now), room_id: room.id, item_id: item.id, period: p, source: 'manual' as const, quantity_centi: 100, price_e4: i.amount * 100, amount: i.amount, due_on: periodEnd(p), reading_id: null, created_by: requireSession(ctx).staffId };
      await ctx.trx.insertInto('bill').values(row).execute();
      return { id: row.id };
    },
  }),

  /** Deposits a room has paid and not had back: what can be refunded. */
  'fees.deposits': defineOp({
    input: z.object({ roomId: z.string().uuid() }),
    access: 'fees.read',
    run: async (ctx, i) => heldDeposits(ctx.trx, i.roomId),
  }),

  'fees.refundDeposit': defineOp({
    input: z.object({
      lineId: z.string().uuid(),
      amount: z.number().int().min(1).max(MAX_FEN),
      method: z.enum(METHODS.filter((m) => m !== 'credit') as ['cash', 'wechat', 'alipay', 'card', 'bank']),
      payee: z.string().trim().min(1).max(40),
      reason: z.string().trim().min(2).max(200),
    }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const me = requireSession(ctx).staffId;
      const day = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      assertDayOpen(ctx.store.raw, me, day);
      const line = await ctx.trx.selectFrom('receipt_line as l').innerJoin('receipt as r', 'r.id', 'l.receipt_id').innerJoin('bill as b', 'b.id', 'l.bill_id').innerJoin('fee_item as f', 'f.id', 'b.item_id')
        .select(['l.id', 'l.amount', 'r.room_id', 'r.number', 'f.kind', 'f.name'])
        .select(sql<number>`EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = r.id)`.as('voided'))
        .where('l.site_id', '=', siteId).where('l.id', '=', i.lineId).executeTakeFirst();
      if (!line || line.kind !== 'deposit' || line.voided) throw new AppError('fees.not_a_deposit');
      const done = await ctx.trx.selectFrom('receipt as r').select('r.number').where('r.refund_of', '=', line.id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id')))).executeTakeFirst();
      if (done) throw new AppError('fees.deposit_refunded', { number: done.number });
      if (i.amount > line.amount) throw new AppError('fees.refund_too_much', { paid: formatYuan(line.amount) });
      const year = Number(day.slice(0, 4));
      const seq = lastReceiptSeq(ctx.store.raw, siteId, 'refund', year) + 1;
      const doc = {
        ...newRow(siteId, ctx.now), kind: 'refund' as const, year, seq, number: receiptNumber(ctx.settings.receiptPrefix, year, seq, 'refund', ctx.settings.receiptSite),
        room_id: line.room_id, payer: i.payee, total: i.amount, tendered: null, change_given: 0, cashier_id: me, day,
        remarks: `${line.name} · ${line.number} · ${i.reason}`, refund_of: line.id,
      };
      await ctx.trx.insertInto('receipt').values(doc).execute();
      await ctx.trx.insertInto('receipt_line').values({ ...newRow(siteId, ctx.now), receipt_id: doc.id, kind: 'refund', bill_id: null, amount: i.amount }).execute();
      await ctx.trx.insertInto('receipt_payment').values({ ...newRow(siteId, ctx.now), receipt_id: doc.id, method: i.method, amount: i.amount }).execute();
      return { id: doc.id, number: doc.number };
    },
  }),
};

export async function heldDeposits(db: Kysely<Schema> | Transaction<Schema>, roomId: string) {
  return db.selectFrom('receipt_line as l').innerJoin('receipt as r', 'r.id', 'l.receipt_id').innerJoin('bill as b', 'b.id', 'l.bill_id').innerJoin('fee_item as f', 'f.id', 'b.item_id')
    .select(['l.id as lineId', 'l.amount', 'r.number', 'r.day', 'r.payer', 'f.name as itemName'])
    .where('r.room_id', '=', roomId).where('f.kind', '=', 'deposit')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt as x').select('x.id').whereRef('x.refund_of', '=', 'l.id')
      .where((e2) => e2.not(e2.exists(e2.selectFrom('receipt_void as v2').select('v2.id').whereRef('v2.receipt_id', '=', 'x.id')))))))
    .orderBy('r.created_at').execute();
}
