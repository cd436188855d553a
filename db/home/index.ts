import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { dayRange, deskToday, siteDay } from '../time/site-time.js';
import { workList } from './worklist.js';

/** The home page's "today": what this person and this desk have done since the site's midnight. */
export const homeOps = {
  'home.today': defineOp({
    /** dayStart: an earlier instant to count from (tests); by default the site's local midnight */
    input: z.object({ dayStart: z.string().datetime().optional() }).optional(),
    access: 'home.view',
    run: async (ctx, input) => {
      const siteId = requireSite(ctx);
      const me = requireSession(ctx);
      // stored stamps are toISOString() text: compare in that form ('…00Z' sorts after '…00.500Z')
      const offset = ctx.settings.utcOffsetMinutes;
      const since = input?.dayStart ? new Date(input.dayStart).toISOString() : dayRange(siteDay(ctx.now, offset), offset).from;
      const myChanges = await ctx.trx.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', siteId).where('actor_id', '=', me.staffId).where('at', '>=', since).executeTakeFirstOrThrow();
      const signIns = await ctx.trx.selectFrom('audit_event').select(['actor_id', 'created_at'])
        .where('site_id', '=', siteId).where('event', '=', 'login.ok').where('created_at', '>=', since).execute();
      const onDuty = await ctx.trx.selectFrom('staff').select(['id', 'display_name', 'role'])
        .where('id', 'in', signIns.length ? [...new Set(signIns.map((s) => s.actor_id ?? ''))] : [''])
        .orderBy('display_name').execute();
      return { now: ctx.now.toISOString(), today: deskToday(ctx.now, offset), myChangesToday: Number(myChanges.n), signInsToday: signIns.length, onDuty };
    },
  }),

  /** The day's work list of the person signed in, by role (db/home/worklist.ts). */
  'home.worklist': defineOp({
    input: z.object({}).optional(),
    access: 'home.view',
    run: async (ctx) => ({
      now: ctx.now.toISOString(),
      sections: await workList({ trx: ctx.trx, siteId: requireSite(ctx), me: requireSession(ctx), now: ctx.now, offsetMinutes: ctx.settings.utcOffsetMinutes }),
    }),
  }),
};
