import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { can } from '../auth/permissions.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import { dayRange, siteDay } from '../time/site-time.js';
import { approvalInput, deskApproval } from './approval.js';
import { dayClosedSql, dayState } from './day-state.js';
import type { PayMethod } from './tables.js';
import { localDate } from '../api/schemas.js';
import { newDownloadPath, registerDownload } from '../files/files.js';
import { XLSX_TYPE } from '../registry/import/report.js';
import { writeDayXlsx } from './day-export.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * The cashier's day (日结): totals by method, the receipt numbers used, the voids with
 * their reasons, and the cash to hand over. A cashier sees their own day; whoever approves
 * voids (supervisor, manager) sees every cashier's. Closing it records the report as it
 * stood; after that the day takes no payments and no voids.
 */
export async function dayReport(db: Db, siteId: string, cashierId: string, day: string, utcOffsetMinutes: number) {
  const cashier = await db.selectFrom('staff').select(['id', 'display_name']).where('site_id', '=', siteId).where('id', '=', cashierId).executeTakeFirst();
  if (!cashier) throw new AppError('fees.not_found', { whatZh: '收费员', whatEn: 'cashier' });
  // Voids belong to the receipt's own day; reversals (冲正) to the day they were made.
  const receipts = await db.selectFrom('receipt as r').innerJoin('room as m', 'm.id', 'r.room_id').leftJoin('receipt_void as v', (j) => j.onRef('v.receipt_id', '=', 'r.id').on('v.kind', '=', 'void'))
    .leftJoin('staff as a', 'a.id', 'v.approved_by').leftJoin('staff as b', 'b.id', 'v.voided_by')
    .select(['r.id', 'r.number', 'r.seq', 'r.total', 'r.payer', 'r.created_at', 'm.code as roomCode', 'v.reason as voidReason', 'a.display_name as approver', 'b.display_name as voidedBy'])
    .where('r.cashier_id', '=', cashierId).where('r.day', '=', day).where('r.kind', '=', 'payment').orderBy('r.seq').execute();
  const methods = await db.selectFrom('receipt_payment as p').innerJoin('receipt as r', 'r.id', 'p.receipt_id')
    .select(['p.method', (eb) => eb.fn.sum<number>('p.amount').as('amount'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('r.cashier_id', '=', cashierId).where('r.day', '=', day).where('r.kind', '=', 'payment')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id').where('v.kind', '=', 'void'))))
    .groupBy('p.method').execute();
  const reversals = await db.selectFrom('receipt_void as v').innerJoin('receipt as r', 'r.id', 'v.receipt_id').innerJoin('staff as a', 'a.id', 'v.approved_by')
    .select(['r.id', 'r.number', 'r.day as receiptDay', 'r.total', 'v.reason', 'a.display_name as approver'])
    .select((eb) => eb.selectFrom('receipt_payment as p').select((e) => e.fn.coalesce(e.fn.sum<number>('p.amount'), e.lit(0)).as('c')).whereRef('p.receipt_id', '=', 'r.id').where('p.method', '=', 'cash').as('cash'))
    .where('v.voided_by', '=', cashierId).where('v.day', '=', day).where('v.kind', '=', 'reversal').orderBy('r.seq').execute();
  const closes = await db.selectFrom('day_close as c').innerJoin('staff as s', 's.id', 'c.closed_by')
    .select(['c.created_at', 's.display_name as by', sql<string>`'close'`.as('kind'), sql<string>`''`.as('reason'), sql<string | null>`NULL`.as('approver')])
    .where('c.cashier_id', '=', cashierId).where('c.day', '=', day)
    .unionAll(db.selectFrom('day_reopening as o').innerJoin('staff as s', 's.id', 'o.done_by').leftJoin('staff as a', 'a.id', 'o.approved_by')
      .select(['o.created_at', 's.display_name as by', 'o.kind', 'o.reason', 'a.display_name as approver'])
      .where('o.cashier_id', '=', cashierId).where('o.day', '=', day))
    .execute().then((h) => h.sort((a, b) => a.created_at.localeCompare(b.created_at)));
  const lastEvent = closes.at(-1);
  const closed = lastEvent?.kind === 'close' ? { created_at: lastEvent.created_at, closedBy: lastEvent.by } : undefined;
  const refs = await db.selectFrom('receipt_payment as p').innerJoin('receipt as r', 'r.id', 'p.receipt_id')
    .select(['p.receipt_id', 'p.method', 'p.reference', 'p.reference_note'])
    .where('r.cashier_id', '=', cashierId).where('r.day', '=', day).where('p.reference', '!=', '').execute();
  // the shifts handed over that day: one close covers them all
  const range = dayRange(day, utcOffsetMinutes);
  const shifts = await db.selectFrom('handover as h').leftJoin('handover_signature as g', (j) => j.onRef('g.handover_id', '=', 'h.id').on('g.role', '=', 'incoming'))
    .select(['h.number', 'h.status', 'h.created_at', 'h.signed_at', 'g.signer_name as incoming'])
    .where('h.site_id', '=', siteId).where('h.kind', '=', 'shift').where('h.created_by', '=', cashierId)
    .where('h.created_at', '>=', range.from).where('h.created_at', '<', range.to).orderBy('h.created_at').execute();
  // deposit refunds (their own numbered documents) are money out of this cashier's till
  const refunds = await db.selectFrom('receipt as r').innerJoin('receipt_payment as p', 'p.receipt_id', 'r.id')
    .select(['r.id', 'r.number', 'r.total', 'r.payer', 'p.method'])
    .where('r.cashier_id', '=', cashierId).where('r.day', '=', day).where('r.kind', '=', 'refund')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id'))))
    .orderBy('r.seq').execute();
  const valid = receipts.filter((r) => !r.voidReason);
  const byMethod = methods.map((m) => ({ method: m.method as PayMethod, amount: Number(m.amount), count: Number(m.count) }));
  return {
    day,
    cashier: { id: cashier.id, name: cashier.display_name },
    receipts: receipts.map((r) => ({ ...r, references: refs.filter((x) => x.receipt_id === r.id).map(({ receipt_id: _r, ...x }) => x) })),
    count: valid.length,
    voidCount: receipts.length - valid.length,
    firstNumber: receipts[0]?.number ?? null,
    lastNumber: receipts.at(-1)?.number ?? null,
    total: valid.reduce((s, r) => s + r.total, 0),
    byMethod,
    refunds,
    reversals: reversals.map((r) => ({ ...r, cash: Number(r.cash ?? 0) })),
    cashToHandOver: (byMethod.find((m) => m.method === 'cash')?.amount ?? 0) - refunds.filter((r) => r.method === 'cash').reduce((s, r) => s + r.total, 0)
      - reversals.reduce((s, r) => s + Number(r.cash ?? 0), 0),
    voids: receipts.filter((r) => r.voidReason).map((r) => ({ number: r.number, total: r.total, reason: r.voidReason!, approver: r.approver ?? '', voidedBy: r.voidedBy ?? '' })),
    closed: closed ? { at: closed.created_at, by: closed.closedBy } : null,
    /** every close and reopening of the day, in order */
    history: closes,
    shifts,
  };
}

/** Own day for a cashier; anyone's for a void approver. */
function whose(ctx: OpContext, cashierId: string | undefined): string {
  const me = requireSession(ctx);
  const id = cashierId ?? me.staffId;
  if (id !== me.staffId && !can(me.role, 'fees.approve_void')) throw new AppError('fees.day_not_yours');
  if (id === me.staffId && !can(me.role, 'fees.collect') && !can(me.role, 'fees.approve_void')) throw new AppError('fees.day_not_yours');
  return id;
}

const day = localDate;

export const dayOps = {
  'fees.dayReport': defineOp({
    input: z.object({ day: day.optional(), cashierId: z.string().uuid().optional() }),
    access: 'fees.read',
    run: async (ctx, i) => dayReport(ctx.trx, requireSite(ctx), whose(ctx, i.cashierId), i.day ?? siteDay(ctx.now, ctx.settings.utcOffsetMinutes), ctx.settings.utcOffsetMinutes),
  }),

  /** The day as an .xlsx, each payment with its reference, for reconciling with the payment statements. */
  'fees.dayExport': defineOp({
    input: z.object({ day: day.optional(), cashierId: z.string().uuid().optional(), locale: z.enum(['zh-CN', 'en-US']) }),
    access: 'fees.read',
    run: async (ctx, i) => {
      const r = await dayReport(ctx.trx, requireSite(ctx), whose(ctx, i.cashierId), i.day ?? siteDay(ctx.now, ctx.settings.utcOffsetMinutes), ctx.settings.utcOffsetMinutes);
      const { id, path } = newDownloadPath(ctx.store, 'xlsx');
      const name = await writeDayXlsx(ctx, path, r, i.locale);
      return registerDownload(ctx.store, requireSession(ctx).token, { id, path, name, type: XLSX_TYPE });
    },
  }),

  /**
   * Who took or gave back money on a day, for the supervisor's overview: a cashier whose only
   * business that day was a reversal (冲正) of an earlier receipt has a day to see and close too.
   */
  'fees.dayCashiers': defineOp({
    input: z.object({ day: day.optional() }),
    access: 'fees.approve_void',
    run: async (ctx, i) => {
      const d = i.day ?? siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      return ctx.trx.selectFrom('staff as s')
        .select(['s.id', 's.display_name as name'])
        .select((eb) => eb.selectFrom('receipt as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.cashier_id', '=', 's.id').where('r.day', '=', d).as('receipts'))
        .select(dayClosedSql(sql.ref('s.id'), sql`${d}`).as('closed'))
        .where('s.site_id', '=', requireSite(ctx))
        .where((eb) => eb.or([
          eb.exists(eb.selectFrom('receipt as r').select('r.id').whereRef('r.cashier_id', '=', 's.id').where('r.day', '=', d)),
          eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.voided_by', '=', 's.id').where('v.day', '=', d).where('v.kind', '=', 'reversal')),
        ]))
        .orderBy('s.display_name').execute();
    },
  }),

  'fees.closeDay': defineOp({
    input: z.object({ day: day.optional() }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const me = requireSession(ctx);
      const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      const d = i.day ?? today;
      if (d > today) throw new AppError('fees.day_future', { day: d });
      const off = ctx.settings.utcOffsetMinutes;
      const report = await dayReport(ctx.trx, siteId, me.staffId, d, off);
      if (report.closed) throw new AppError('fees.day_already_closed', { day: d });
      const { receipts: _omit, closed: _c, history: _h, ...summary } = report;
      if (report.history.length) {
        // closed before and reopened since: this close is one more row of the day's story
        await ctx.trx.insertInto('day_reopening').values({ ...newRow(siteId, ctx.now), cashier_id: me.staffId, day: d, kind: 'close', reason: '', summary: JSON.stringify(summary),
          done_by: me.staffId, approved_by: null }).execute();
      } else {
        await ctx.trx.insertInto('day_close').values({ ...newRow(siteId, ctx.now), cashier_id: me.staffId, day: d, summary: JSON.stringify(summary), closed_by: me.staffId }).execute();
      }
      return dayReport(ctx.trx, siteId, me.staffId, d, off);
    },
  }),

  /**
   * What the till needs to know of the cashier's own day: closed or not, by whom and when,
   * and whether the site lets a supervisor reopen it.
   */
  'fees.tillDay': defineOp({
    input: z.object({}).optional(),
    access: 'fees.collect',
    run: async (ctx) => {
      const me = requireSession(ctx);
      const d = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      const state = dayState(ctx.store.raw, me.staffId, d);
      const report = state.everClosed ? await dayReport(ctx.trx, requireSite(ctx), me.staffId, d, ctx.settings.utcOffsetMinutes) : null;
      return { day: d, closed: report?.closed ?? null, history: report?.history ?? [], reopen: ctx.settings.dayReopen };
    },
  }),

  /**
   * Reopen today's closed day for a late payment: a supervisor signs in at the desk and the
   * reason is recorded; the cashier closes the day again afterwards. Where the site does not
   * allow it, late money waits for the next day.
   */
  'fees.reopenDay': defineOp({
    input: z.object({ ...approvalInput }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const me = requireSession(ctx);
      const d = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      if (ctx.settings.dayReopen === 'never') throw new AppError('fees.reopen_not_allowed');
      if (!dayState(ctx.store.raw, me.staffId, d).closed) throw new AppError('fees.reopen_not_closed', { day: d });
      const approver = await deskApproval(ctx, i.approverUsername, i.approverPassword);
      await ctx.trx.insertInto('day_reopening').values({ ...newRow(siteId, ctx.now), cashier_id: me.staffId, day: d, kind: 'reopen', reason: i.reason,
        done_by: me.staffId, approved_by: approver.id }).execute();
      return { day: d, approver: approver.name };
    },
  }),
};
