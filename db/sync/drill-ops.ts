/**
 * Head office looks into one site: its rooms (who lives there, what is owed), its receipts of
 * a month and its cases of a month, as the site's own lists show them, read from the rows
 * imported from that site — in the head-office store, or on the server. Read-only: head
 * office never writes a site's records.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { localMonth } from '../api/schemas.js';
import { monthRange } from '../time/site-time.js';
import { bytewise, flag, holds, readSites, siteByCode } from './held-rows.js';

const LIMIT = 500;
const input = z.object({ siteCode: z.string().trim().min(1).max(32), period: localMonth });

export const drillOps = {
  /**
   * One site's rooms, in the registry's order (1-1-101 before 1-1-1001), optionally those whose
   * code holds the typed text: each with its current occupants and what it still owes.
   */
  'sync.siteRooms': defineOp({
    input: z.object({ siteCode: input.shape.siteCode, text: z.string().trim().max(20).optional() }),
    access: 'reports.read',
    readsServer: true,
    run: async (ctx, i) => readSites(ctx, async (held) => {
      const site = siteByCode(held, i.siteCode);
      const { db } = held;
      // what a bill still owes: the site's derived table in the store, the same figure's view on the server
      const open = (held.on === 'server' ? 'report.bill_open as x' : 'bill_open as x') as 'bill_open as x';
      let q = db.selectFrom('room as r').innerJoin('building as b', (j) => j.onRef('b.site_id', '=', 'r.site_id').onRef('b.id', '=', 'r.building_id'))
        .leftJoin('unit as u', (j) => j.onRef('u.site_id', '=', 'r.site_id').onRef('u.id', '=', 'r.unit_id'))
        .select(['r.id', 'r.code', 'r.usage', 'r.state', 'r.area_centi'])
        .select((eb) => eb.selectFrom(open).select(sql<number>`coalesce(sum(x.owed), 0)`.as('owed'))
          .whereRef('x.site_id', '=', 'r.site_id').whereRef('x.room_id', '=', 'r.id').where('x.owed', '>', 0).as('owed'))
        .where('r.site_id', '=', site.id);
      if (i.text) q = q.where(holds(held, 'r.code', i.text));
      const rooms = await q.orderBy(sql`length(b.code)`).orderBy(bytewise(held, 'b.code')).orderBy(sql`length(u.code) nulls first`)
        .orderBy(sql`${bytewise(held, 'u.code')} nulls first`).orderBy(sql`length(r.room_no)`).orderBy(bytewise(held, 'r.room_no')).limit(LIMIT).execute();
      // who lives there now, in the order they were registered
      const people = rooms.length === 0 ? [] : await db.selectFrom('occupant as o').select(['o.room_id', 'o.name'])
        .where('o.site_id', '=', site.id).where('o.room_id', 'in', rooms.map((r) => r.id)).where('o.move_out', 'is', null)
        .orderBy(bytewise(held, 'o.id')).execute();
      return rooms.map((r) => {
        const names = people.filter((p) => p.room_id === r.id).map((p) => p.name);
        return { ...r, owed: Number(r.owed ?? 0), occupants: names.length ? names.join('、') : null };
      });
    }),
  }),

  /** One site's receipts of a month (by the day they were taken), oldest number first, voided ones marked. */
  'sync.siteReceipts': defineOp({
    input,
    access: 'reports.read',
    readsServer: true,
    run: async (ctx, i) => readSites(ctx, async (held) => {
      const site = siteByCode(held, i.siteCode);
      const found = await held.db.selectFrom('receipt as r')
        .innerJoin('room as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.id', '=', 'r.room_id'))
        .leftJoin('staff as s', (j) => j.onRef('s.site_id', '=', 'r.site_id').onRef('s.id', '=', 'r.cashier_id'))
        .select(['r.id', 'r.number', 'r.kind', 'r.day', 'r.total', 'r.payer', 'm.code as roomCode', 's.display_name as cashier'])
        .select((eb) => eb.exists(eb.selectFrom('receipt_void as v').select('v.id')
          .whereRef('v.site_id', '=', 'r.site_id').whereRef('v.receipt_id', '=', 'r.id')).as('voided'))
        .where('r.site_id', '=', site.id).where('r.day', '>=', `${i.period}-01`).where('r.day', '<=', `${i.period}-31`)
        .orderBy(bytewise(held, 'r.number')).limit(LIMIT).execute();
      return found.map((r) => ({ ...r, voided: flag(r.voided) }));
    }),
  }),

  /** One site's cases received in a month (the site's calendar), in the order received, escalated ones marked. */
  'sync.siteCases': defineOp({
    input,
    access: 'reports.read',
    readsServer: true,
    run: async (ctx, i) => readSites(ctx, async (held) => {
      const site = siteByCode(held, i.siteCode);
      const { from, to } = monthRange(i.period, ctx.settings.utcOffsetMinutes);
      const found = await held.db.selectFrom('complaint_case as c')
        .select(['c.id', 'c.case_no', 'c.kind', 'c.category', 'c.severity', 'c.stage', 'c.room_code', 'c.matter', 'c.received_at', 'c.due_at', 'c.closed_at', 'c.satisfaction'])
        .select((eb) => eb.exists(eb.selectFrom('complaint_event as e').select('e.id')
          .whereRef('e.site_id', '=', 'c.site_id').whereRef('e.case_id', '=', 'c.id').where('e.event', '=', 'escalated')).as('escalated'))
        .where('c.site_id', '=', site.id).where('c.received_at', '>=', from).where('c.received_at', '<', to)
        // cases received in the same instant in the order they were taken: the store's row order; the server keeps no
        // row order, and a case's id (time-ordered, rising within one desk) is that order
        .orderBy(bytewise(held, 'c.received_at')).orderBy(held.on === 'server' ? bytewise(held, 'c.id') : sql`c.rowid`).limit(LIMIT).execute();
      return found.map((c) => ({ ...c, escalated: flag(c.escalated) }));
    }),
  }),
};
