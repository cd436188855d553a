import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { roomAccount } from './account.js';
import { capitalAmount } from './money.js';
import { addDays, siteDay, siteMonth } from '../time/site-time.js';
import { chineseDate, owedByItem } from './rules.js';
import { arrearsReport, owingRooms } from './arrears-report.js';

/**
 * Arrears (欠费) by building and by age (arrears-report.ts, on the report reader), and dunning
 * (催缴): the notice printed per room or in bulk, and every attempt logged with its method,
 * outcome and who made it.
 */
export const arrearsOps = {
  'fees.arrears': defineOp({
    input: z.object({ buildingId: z.string().uuid().nullable().optional(), limit: z.number().int().min(1).max(2000).default(300) }),
    access: 'fees.read',
    readsApart: true,
    run: async (ctx, i) => arrearsReport(ctx.store.reader, {
      site: requireSite(ctx), building: i.buildingId ?? null, now: siteMonth(ctx.now, ctx.settings.utcOffsetMinutes), limit: i.limit,
    }),
  }),

  /** The rooms of a building (or the site) that owe anything, for printing all their notices in one job. */
  'fees.owingRooms': defineOp({
    input: z.object({ buildingId: z.string().uuid().nullable() }),
    access: 'fees.collect',
    readsApart: true,
    run: async (ctx, i) => owingRooms(ctx.store.reader, { site: requireSite(ctx), building: i.buildingId, now: siteMonth(ctx.now, ctx.settings.utcOffsetMinutes) }),
  }),

  /**
   * Dunning notices (催缴通知书) for some rooms, as a Chinese office writes them: to the occupant
   * by name, the room, what is owed by item and period, a date to pay by, the office's address
   * and phone, dated in Chinese. Each notice issued is logged as an attempt.
   */
  'fees.notices': defineOp({
    input: z.object({ roomIds: z.array(z.string().uuid()).min(1).max(500) }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const by = requireSession(ctx).staffId;
      const site = await ctx.trx.selectFrom('site').select('name').where('id', '=', siteId).executeTakeFirstOrThrow();
      const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
      const dueOn = addDays(today, ctx.settings.dunningDueDays);
      const out = [];
      for (const roomId of [...new Set(i.roomIds)]) {
        const a = roomAccount(ctx.store.raw, siteId, roomId);
        if (a.totalOwed <= 0) continue;
        await ctx.trx.insertInto('dunning_log').values({ ...newRow(siteId, ctx.now), room_id: roomId, method: 'notice', outcome: '', arrears: a.totalOwed, done_by: by }).execute();
        out.push({ room: a.room, payer: a.payer, lines: a.lines, items: owedByItem(a.lines), total: a.totalOwed, capital: capitalAmount(a.totalOwed) });
      }
      return {
        siteName: site.name, siteAddress: ctx.settings.siteAddress, sitePhone: ctx.settings.sitePhone,
        issuedOn: ctx.now.toISOString(), issuedDay: today, issuedCn: chineseDate(today), dueOn, dueCn: chineseDate(dueOn), notices: out,
      };
    },
  }),

  'fees.logDunning': defineOp({
    input: z.object({ roomId: z.string().uuid(), method: z.enum(['notice', 'phone', 'visit', 'message']), outcome: z.string().trim().max(200).optional() }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const a = roomAccount(ctx.store.raw, siteId, i.roomId);
      if (a.totalOwed <= 0) throw new AppError('fees.nothing_owed', { room: a.room.code });
      const row = { ...newRow(siteId, ctx.now), room_id: i.roomId, method: i.method, outcome: i.outcome ?? '', arrears: a.totalOwed, done_by: requireSession(ctx).staffId };
      await ctx.trx.insertInto('dunning_log').values(row).execute();
      return { id: row.id };
    },
  }),

  'fees.dunningLog': defineOp({
    input: z.object({ roomId: z.string().uuid() }),
    access: 'fees.read',
    run: async (ctx, i) => ctx.trx.selectFrom('dunning_log as d').innerJoin('staff as s', 's.id', 'd.done_by')
      .select(['d.id', 'd.method', 'd.outcome', 'd.arrears', 'd.created_at', 's.display_name as by'])
      .where('d.site_id', '=', requireSite(ctx)).where('d.room_id', '=', i.roomId).orderBy('d.created_at', 'desc').execute(),
  }),
};
