import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { localDate } from '../api/schemas.js';
import { daysToRanges, nationalCalendar, preloadNationalCalendar, rangesToDays, readCalendar, writeYear } from './calendar.js';

/**
 * The site's holiday calendar (设置 → 投诉报修 → 节假日): read by year as date ranges, saved a
 * year at a time, and reloaded from the national calendar. Deadlines read it at once.
 */
const year = z.number().int().min(2000).max(2100);
const name = (max: number) => z.string().trim().max(max);

export const calendarOps = {
  'complaints.calendar': defineOp({
    input: z.object({ year }),
    access: 'complaints.read',
    run: async (ctx, i) => ({
      year: i.year,
      ranges: daysToRanges(await readCalendar(ctx.trx, requireSite(ctx), i.year)),
      /** whether the national calendar of that year is published in the program's data */
      nationalPublished: nationalCalendar(i.year).length > 0,
    }),
  }),

  'complaints.saveCalendar': defineOp({
    input: z.object({
      year,
      ranges: z.array(z.object({ from: localDate, to: localDate, kind: z.enum(['holiday', 'workday']), nameZh: name(30), nameEn: name(60) })).max(100),
    }),
    access: 'settings.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      await writeYear(ctx.trx, siteId, i.year, rangesToDays(i.year, i.ranges), ctx.now);
      return daysToRanges(await readCalendar(ctx.trx, siteId, i.year));
    },
  }),

  /** Add the national calendar's days of this year and the next that the site does not have yet. */
  'complaints.loadNationalCalendar': defineOp({
    input: z.object({}).optional(),
    access: 'settings.manage',
    run: async (ctx) => ({ years: await preloadNationalCalendar(ctx.trx, requireSite(ctx), ctx.now, ctx.settings.utcOffsetMinutes) }),
  }),
};
