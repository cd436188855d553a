import { sql } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { approvalInput, deskApproval } from './approval.js';
import { formatYuan } from './money.js';

/**
 * Cancelling a charge (作废应收): a line billed in error owes nothing from then on. Like a
 * void it needs a reason and a supervisor's approval at the desk; the line itself stays,
 * marked cancelled, and the period still counts as billed for it. A line with payments is
 * refused (void the receipt first), and the store refuses both in its own triggers too
 * (migration 0009). A cancelled meter line takes its reading out of the meter's chain: the
 * next reading is measured from the last one still in force.
 */
export const cancelOps = {
  'fees.cancelBill': defineOp({
    input: z.object({ billId: z.string().uuid(), ...approvalInput }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const bill = await ctx.trx.selectFrom('bill as b').innerJoin('fee_item as f', 'f.id', 'b.item_id').innerJoin('room as r', 'r.id', 'b.room_id')
        .select(['b.id', 'b.period', 'b.amount', 'f.name', 'r.code as room'])
        .select(sql<number>`COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id
          AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`.as('paid'))
        .select(sql<number>`EXISTS (SELECT 1 FROM bill_cancel c WHERE c.bill_id = b.id)`.as('cancelled'))
        .where('b.site_id', '=', siteId).where('b.id', '=', i.billId).executeTakeFirst();
      if (!bill) throw new AppError('fees.not_found', { whatZh: '账单', whatEn: 'bill line' });
      const what = { room: bill.room, item: bill.name, period: bill.period };
      if (bill.cancelled) throw new AppError('fees.bill_cancelled', what);
      if (bill.paid > 0) throw new AppError('fees.bill_paid', { ...what, paid: formatYuan(bill.paid) });
      const approver = await deskApproval(ctx, i.approverUsername, i.approverPassword);
      const row = { ...newRow(siteId, ctx.now), bill_id: bill.id, reason: i.reason, cancelled_by: requireSession(ctx).staffId, approved_by: approver.id };
      await ctx.trx.insertInto('bill_cancel').values(row).execute();
      return { id: row.id, ...what, amount: bill.amount, approver: approver.name };
    },
  }),
};
