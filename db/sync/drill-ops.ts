/**
 * Head office looks into one site: its rooms (who lives there, what is owed), its receipts of
 * a month and its cases of a month, as the site's own lists show them, read from the rows
 * imported from that site. Read-only: head office never writes a site's records.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { defineOp, type OpContext } from '../api/op.js';
import { localMonth } from '../api/schemas.js';
import { AppError } from '../errors.js';
import { monthRange } from '../time/site-time.js';
import { sitesHeld } from './consolidated-ops.js';

const LIMIT = 500;
const input = z.object({ siteCode: z.string().trim().min(1).max(32), period: localMonth });

async function siteOf(ctx: OpContext, code: string) {
  const site = (await sitesHeld(ctx)).find((s) => s.code === code);
  if (!site) throw new AppError('sync.unknown_peer', { code });
  return site;
}

export const drillOps = {
  /**
   * One site's rooms, in the registry's order (1-1-101 before 1-1-1001), optionally those whose
   * code holds the typed text: each with its current occupants and what it still owes.
   */
  'sync.siteRooms': defineOp({
    input: z.object({ siteCode: input.shape.siteCode, text: z.string().trim().max(20).optional() }),
    access: 'reports.read',
    run: async (ctx, i) => {
      const site = await siteOf(ctx, i.siteCode);
      let q = ctx.trx.selectFrom('room as r').innerJoin('building as b', 'b.id', 'r.building_id').leftJoin('unit as u', 'u.id', 'r.unit_id')
        .select(['r.id', 'r.code', 'r.usage', 'r.state', 'r.area_centi'])
        .select((eb) => [
          eb.selectFrom('occupant as o').select(sql<string>`group_concat(o.name, '、')`.as('n'))
            .whereRef('o.room_id', '=', 'r.id').where('o.move_out', 'is', null).as('occupants'),
          eb.selectFrom('bill_open as x').select(sql<number>`coalesce(sum(x.owed), 0)`.as('owed'))
            .whereRef('x.room_id', '=', 'r.id').where('x.owed', '>', 0).as('owed'),
        ])
        .where('r.site_id', '=', site.id);
      if (i.text) q = q.where(sql<boolean>`instr(r.code, ${i.text}) > 0`);
      return q.orderBy(sql`length(b.code)`).orderBy('b.code').orderBy(sql`length(u.code)`).orderBy('u.code')
        .orderBy(sql`length(r.room_no)`).orderBy('r.room_no').limit(LIMIT).execute();
    },
  }),

  /** One site's receipts of a month (by the day they were taken), oldest number first, voided ones marked. */
  'sync.siteReceipts': defineOp({
    input,
    access: 'reports.read',
    run: async (ctx, i) => {
      const site = await siteOf(ctx, i.siteCode);
      return ctx.trx.selectFrom('receipt as r').innerJoin('room as m', 'm.id', 'r.room_id').leftJoin('staff as s', 's.id', 'r.cashier_id')
        .select(['r.id', 'r.number', 'r.kind', 'r.day', 'r.total', 'r.payer', 'm.code as roomCode', 's.display_name as cashier'])
        .select((eb) => eb.exists(eb.selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id')).as('voided'))
        .where('r.site_id', '=', site.id).where('r.day', '>=', `${i.period}-01`).where('r.day', '<=', `${i.period}-31`)
        .orderBy('r.number').limit(LIMIT).execute();
    },
  }),

  /** One site's cases received in a month (the site's calendar), in the order received, escalated ones marked. */
  'sync.siteCases': defineOp({
    input,
    access: 'reports.read',
    run: async (ctx, i) => {
      const site = await siteOf(ctx, i.siteCode);
      const { from, to } = monthRange(i.period, ctx.settings.utcOffsetMinutes);
      return ctx.trx.selectFrom('complaint_case as c')
        .select(['c.id', 'c.case_no', 'c.kind', 'c.category', 'c.severity', 'c.stage', 'c.room_code', 'c.matter', 'c.received_at', 'c.due_at', 'c.closed_at', 'c.satisfaction'])
        .select((eb) => eb.exists(eb.selectFrom('complaint_event as e').select('e.id').whereRef('e.case_id', '=', 'c.id').where('e.event', '=', 'escalated')).as('escalated'))
        .where('c.site_id', '=', site.id).where('c.received_at', '>=', from).where('c.received_at', '<', to)
        .orderBy('c.received_at').orderBy(sql`c.rowid`).limit(LIMIT).execute();
    },
  }),
};
