import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { roomAccount } from './account.js';
import { capitalAmount } from './money.js';
import { addDays, siteDay, siteMonth } from '../time/site-time.js';
import { chineseDate, owedByItem } from './rules.js';

/**
 * Arrears (欠费) by building and by age, and dunning (催缴): the notice printed per room or
 * in bulk, and every attempt logged with its method, outcome and who made it. Age is months
 * from a line's period to this month: ≤1, 1–3, 3–6, 6–12, >12.
 */
const AGE = (periodCol: string) => `((CAST(substr(@now, 1, 4) AS INTEGER) - CAST(substr(${periodCol}, 1, 4) AS INTEGER)) * 12
  + CAST(substr(@now, 6, 2) AS INTEGER) - CAST(substr(${periodCol}, 6, 2) AS INTEGER))`;
const OWED_LINES = `
  SELECT r.building_id, o.room_id, o.period, o.owed, ${AGE('o.period')} AS age
  FROM bill_open o JOIN room r ON r.id = o.room_id
  WHERE o.site_id = @site AND (@building IS NULL OR r.building_id = @building)`;

export const arrearsOps = {
  'fees.arrears': defineOp({
    input: z.object({ buildingId: z.string().uuid().nullable().optional(), limit: z.number().int().min(1).max(2000).default(300) }),
    access: 'fees.read',
    run: async (ctx, i) => {
      const params = { site: requireSite(ctx), building: i.buildingId ?? null, now: siteMonth(ctx.now, ctx.settings.utcOffsetMinutes) };
      const raw = ctx.store.raw;
      const byBuilding = raw.prepare(`WITH o AS (${OWED_LINES}) SELECT bd.id AS buildingId, bd.code, bd.name,
          count(DISTINCT o.room_id) AS rooms, sum(o.owed) AS total,
          sum(CASE WHEN o.age <= 1 THEN o.owed ELSE 0 END) AS m1, sum(CASE WHEN o.age > 1 AND o.age <= 3 THEN o.owed ELSE 0 END) AS m3,
          sum(CASE WHEN o.age > 3 AND o.age <= 6 THEN o.owed ELSE 0 END) AS m6, sum(CASE WHEN o.age > 6 AND o.age <= 12 THEN o.owed ELSE 0 END) AS m12,
          sum(CASE WHEN o.age > 12 THEN o.owed ELSE 0 END) AS older
        FROM o JOIN building bd ON bd.id = o.building_id WHERE o.owed > 0 GROUP BY bd.id ORDER BY bd.code`).all(params) as {
        buildingId: string; code: string; name: string; rooms: number; total: number; m1: number; m3: number; m6: number; m12: number; older: number;
      }[];
      // whom to call: the first owner still living there, else the first tenant, with their phone
      const rooms = raw.prepare(`WITH o AS (${OWED_LINES}), t AS (SELECT o.room_id AS roomId, r.code, sum(o.owed) AS total, min(o.period) AS since, count(*) AS lines, max(o.age) AS age,
          (SELECT d.created_at || ' ' || d.method FROM dunning_log d WHERE d.room_id = o.room_id ORDER BY d.created_at DESC LIMIT 1) AS lastDunning
        FROM o JOIN room r ON r.id = o.room_id WHERE o.owed > 0 GROUP BY o.room_id ORDER BY total DESC, r.code LIMIT @limit)
        SELECT t.*, p.name AS occupant, p.kind AS occupantKind, p.phone AS phone FROM t
          LEFT JOIN occupant p ON p.id = (SELECT x.id FROM occupant x WHERE x.room_id = t.roomId AND x.move_out IS NULL ORDER BY x.kind, x.created_at LIMIT 1)
        ORDER BY t.total DESC, t.code`).all({ ...params, limit: i.limit }) as {
        roomId: string; code: string; total: number; since: string; lines: number; age: number; lastDunning: string | null;
        occupant: string | null; occupantKind: string | null; phone: string | null;
      }[];
      return { asOf: params.now, byBuilding, rooms };
    },
  }),

  /** The rooms of a building (or the site) that owe anything, for printing all their notices in one job. */
  'fees.owingRooms': defineOp({
    input: z.object({ buildingId: z.string().uuid().nullable() }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const params = { site: requireSite(ctx), building: i.buildingId, now: siteMonth(ctx.now, ctx.settings.utcOffsetMinutes) };
      const ids = ctx.store.raw.prepare(`WITH o AS (${OWED_LINES}) SELECT o.room_id AS id FROM o JOIN room r ON r.id = o.room_id
        WHERE o.owed > 0 GROUP BY o.room_id ORDER BY r.code`).all(params) as { id: string }[];
      return ids.map((r) => r.id);
    },
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
