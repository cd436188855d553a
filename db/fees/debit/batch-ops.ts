import { sql } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../../api/op.js';
import { newRow } from '../../api/rows.js';
import { localMonth } from '../../api/schemas.js';
import { AppError } from '../../errors.js';
import { batchLines, listBatches } from './queries.js';
import { batchNumber, lineReference } from './rules.js';
import { startDebitSheet } from './sheet.js';

/**
 * A month's debit batch (托收批次): the rooms with an agreement in force that month and bills
 * still owed (that month's and earlier), one line each, frozen with the bill lines and amounts
 * it pays. A room whose line in an earlier batch has no result yet is left out, so the bank
 * is never asked for the same bills twice.
 */
const locale = z.enum(['zh-CN', 'en-US']).default('zh-CN');

export const batchOps = {
  'fees.debit.batches': defineOp({
    input: z.object({}),
    access: 'fees.read',
    run: async (ctx) => listBatches(ctx.trx, requireSite(ctx)),
  }),

  'fees.debit.batch': defineOp({
    input: z.object({ id: z.string().uuid() }),
    access: 'fees.read',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const batch = await ctx.trx.selectFrom('debit_batch').select(['id', 'number', 'period', 'lines', 'total'])
        .where('site_id', '=', siteId).where('id', '=', i.id).executeTakeFirst();
      if (!batch) throw new AppError('fees.not_found', { whatZh: '托收批次', whatEn: 'debit batch' });
      return { ...batch, lines: (await batchLines(ctx.trx, siteId, i.id)).map(({ bills, ...l }) => ({ ...l, bills: bills.length })) };
    },
  }),

  'fees.debit.createBatch': defineOp({
    input: z.object({ period: localMonth }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const open = await ctx.trx.selectFrom('debit_agreement as a').innerJoin('room as r', 'r.id', 'a.room_id')
        .innerJoin('bill_open as o', 'o.room_id', 'a.room_id')
        .select(['a.id as agreementId', 'a.room_id as roomId', 'o.bill_id as billId', 'o.owed'])
        .where('a.site_id', '=', siteId).where('a.valid_from', '<=', i.period)
        .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>=', i.period)]))
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM debit_agreement_end e WHERE e.agreement_id = a.id)`)
        .where('o.period', '<=', i.period)
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM debit_batch_line l WHERE l.room_id = a.room_id
          AND NOT EXISTS (SELECT 1 FROM debit_result x WHERE x.line_id = l.id))`)
        .orderBy(sql`length(r.code)`).orderBy('r.code').orderBy('o.period').orderBy('o.bill_id').execute();
      if (!open.length) throw new AppError('fees.debit.nothing_to_debit', { period: i.period });
      const rooms = new Map<string, { agreementId: string; bills: { billId: string; amount: number }[] }>();
      for (const o of open) {
        const r = rooms.get(o.roomId) ?? { agreementId: o.agreementId, bills: [] };
        r.bills.push({ billId: o.billId, amount: o.owed });
        rooms.set(o.roomId, r);
      }
      const last = await ctx.trx.selectFrom('debit_batch').select((eb) => eb.fn.max('seq').as('seq'))
        .where('site_id', '=', siteId).where('period', '=', i.period).executeTakeFirst();
      const seq = (last?.seq ?? 0) + 1;
      const number = batchNumber(i.period, seq);
      const lines = [...rooms].map(([roomId, r], k) => ({
        ...newRow(siteId, ctx.now), line_no: k + 1, reference: lineReference(number, k + 1), room_id: roomId, agreement_id: r.agreementId,
        amount: r.bills.reduce((s, b) => s + b.amount, 0), bills: JSON.stringify(r.bills),
      }));
      const batch = {
        ...newRow(siteId, ctx.now), period: i.period, seq, number, lines: lines.length,
        total: lines.reduce((s, l) => s + l.amount, 0), created_by: requireSession(ctx).staffId,
      };
      await ctx.trx.insertInto('debit_batch').values(batch).execute();
      for (let k = 0; k < lines.length; k += 200) {
        await ctx.trx.insertInto('debit_batch_line').values(lines.slice(k, k + 200).map((l) => ({ ...l, batch_id: batch.id }))).execute();
      }
      return { id: batch.id, number, lines: lines.length, total: batch.total };
    },
  }),

  'fees.debit.export': defineOp({
    input: z.object({ batchId: z.string().uuid(), locale }),
    access: 'fees.collect',
    withoutStore: true,
    run: async (ctx, i) => startDebitSheet(ctx, i),
  }),
};
