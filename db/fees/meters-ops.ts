import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { AppError } from '../errors.js';
import { period } from './items-ops.js';
import { deskToday } from '../time/site-time.js';
import { HISTORY, WITHDRAWN, judgeReading, jumpRefusal, loadMeterItems, METERS, priceReading, READING_RE, readingCenti, writeReading } from './meter-rules.js';
import { localDate } from '../api/schemas.js';

/**
 * Meter readings (抄表) typed at the desk, one room at a time: each reading bills the use
 * since the previous one at the price valid for its period. The rules (baseline, lower,
 * future, jump, price) are in meter-rules.ts, shared with the Excel import.
 */
const reading = z.string().trim().max(12).regex(READING_RE, 'a meter reading with at most two decimals');

export const meterOps = {
  'fees.reading': defineOp({
    input: z.object({
      roomId: z.string().uuid(),
      meter: z.enum(METERS),
      period,
      readOn: localDate,
      reading,
      confirmJump: z.boolean().optional(),
    }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const value = readingCenti(i.reading);
      // the future is refused before anything is looked up, as it always was
      judgeReading(deskToday(ctx.now, ctx.settings.utcOffsetMinutes), [], { period: i.period, readOn: i.readOn, value });
      const room = await ctx.trx.selectFrom('room').select(['id', 'usage']).where('site_id', '=', siteId).where('id', '=', i.roomId).executeTakeFirst();
      if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });
      const history = await ctx.trx.selectFrom('meter_reading').select(['period', 'previous_centi', 'reading_centi']).select(WITHDRAWN.as('withdrawn'))
        .where('room_id', '=', room.id).where('meter', '=', i.meter).orderBy('period', 'desc').limit(HISTORY).execute();
      const judged = judgeReading(deskToday(ctx.now, ctx.settings.utcOffsetMinutes), history, { period: i.period, readOn: i.readOn, value });
      if (judged.jump && !i.confirmJump) throw jumpRefusal(judged.jump);
      const items = judged.baseline || judged.use === 0 ? [] : await loadMeterItems(ctx.trx, siteId, i.meter);
      const r = priceReading(items, room.usage, { roomId: room.id, meter: i.meter, period: i.period, readOn: i.readOn, judged });
      const out = writeReading(ctx.store.raw, siteId, ctx.now, requireSession(ctx).staffId, r);
      return { id: out.id, use: judged.use, baseline: judged.baseline, bill: out.bill };
    },
  }),
};
