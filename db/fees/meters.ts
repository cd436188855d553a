import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { period } from './items.js';
import { formatYuan, lineAmount } from './money.js';
import { DAY_RE, deskDay, deskPeriod, periodEnd } from './rules.js';

/**
 * Meter readings (抄表): each reading bills the use since the previous one at the price
 * valid for its period. The first reading of a meter is its baseline (nothing billed).
 * A reading lower than the last is refused; one far above the usual use needs the reader to
 * confirm it (a typo of one digit is the common cause); a reading dated in the future is refused.
 */
const reading = z.string().trim().max(12).regex(/^\d{1,8}(\.\d{1,2})?$/, 'a meter reading with at most two decimals');
/** A use more than this many times the recent average (or above JUMP_FLOOR with no history) needs confirming. */
export const JUMP_FACTOR = 3;
export const JUMP_FLOOR_CENTI = 100_000; // 1,000 units

const centi = (s: string) => {
  const [i, f = ''] = s.split('.');
  return Number(i) * 100 + Number(f.padEnd(2, '0'));
};

export const meterOps = {
  'fees.reading': defineOp({
    input: z.object({
      roomId: z.string().uuid(),
      meter: z.enum(['water', 'electricity', 'gas']),
      period,
      readOn: z.string().regex(DAY_RE, 'YYYY-MM-DD'),
      reading,
      confirmJump: z.boolean().optional(),
    }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      if (i.readOn > deskDay(ctx.now) || i.period > deskPeriod(ctx.now)) throw new AppError('fees.reading_future', { date: i.readOn > deskDay(ctx.now) ? i.readOn : i.period });
      const room = await ctx.trx.selectFrom('room').select(['id', 'code', 'usage']).where('site_id', '=', siteId).where('id', '=', i.roomId).executeTakeFirst();
      if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });
      const history = await ctx.trx.selectFrom('meter_reading').select(['period', 'previous_centi', 'reading_centi'])
        .where('room_id', '=', room.id).where('meter', '=', i.meter).orderBy('period', 'desc').limit(4).execute();
      const last = history[0];
      if (last && i.period <= last.period) throw new AppError(i.period === last.period ? 'fees.reading_exists' : 'fees.reading_order', { period: i.period, last: last.period });
      const value = centi(i.reading);
      const previous = last ? last.reading_centi : value;
      if (value < previous) throw new AppError('fees.reading_lower', { reading: i.reading, last: formatYuan(previous).replace(/,/g, '') });
      const use = value - previous;
      const uses = history.map((h) => h.reading_centi - h.previous_centi).filter((u) => u > 0);
      const usual = uses.length ? uses.reduce((a, b) => a + b, 0) / uses.length : 0;
      const jump = last && (usual ? use > usual * JUMP_FACTOR : use > JUMP_FLOOR_CENTI);
      if (jump && !i.confirmJump) throw new AppError('fees.reading_jump', { use: formatYuan(use).replace(/,/g, ''), usual: formatYuan(Math.round(usual)).replace(/,/g, '') });

      const by = requireSession(ctx).staffId;
      const row = { ...newRow(siteId, ctx.now), room_id: room.id, meter: i.meter, period: i.period, read_on: i.readOn, previous_centi: previous, reading_centi: value, confirmed_jump: jump ? 1 : 0, created_by: by };
      let bill: { id: string; amount: number } | null = null;
      if (last && use > 0) {
        const item = await ctx.trx.selectFrom('fee_item as f')
          .select(['f.id', (eb) => eb.selectFrom('fee_rate as r').select('r.price_e4').whereRef('r.item_id', '=', 'f.id').where('r.valid_from', '<=', i.period).orderBy('r.valid_from', 'desc').limit(1).as('price')])
          .where('f.site_id', '=', siteId).where('f.kind', '=', 'metered').where('f.meter', '=', i.meter).where('f.active', '=', 1)
          .where((eb) => eb.or([eb('f.applies_to', '=', 'all'), eb('f.applies_to', '=', room.usage)])).executeTakeFirst();
        if (!item || item.price === null) throw new AppError('fees.no_meter_item', { period: i.period });
        const amount = lineAmount(use, item.price);
        await ctx.trx.insertInto('meter_reading').values(row).execute();
        if (amount > 0) {
          bill = { id: newRow(siteId, ctx.now).id, amount };
          await ctx.trx.insertInto('bill').values({ ...newRow(siteId, ctx.now), id: bill.id, room_id: room.id, item_id: item.id, period: i.period, source: 'meter', quantity_centi: use, price_e4: item.price, amount, due_on: periodEnd(i.period), reading_id: row.id, created_by: by }).execute();
        }
      } else {
        await ctx.trx.insertInto('meter_reading').values(row).execute();
      }
      return { id: row.id, use, baseline: !last, bill };
    },
  }),
};
