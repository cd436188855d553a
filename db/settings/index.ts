import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { readSettings, settingsSchema, writeSettings } from './queries.js';

export const settingsOps = {
  'settings.get': defineOp({
    input: z.object({}).optional(),
    access: 'signed-in',
    run: async (ctx) => {
      const siteId = requireSite(ctx);
      const site = await ctx.trx.selectFrom('site').select(['code', 'name']).where('id', '=', siteId).executeTakeFirstOrThrow();
      return { site, settings: await readSettings(ctx.trx, siteId) };
    },
  }),
  'settings.update': defineOp({
    input: z.object({
      siteName: z.string().trim().min(1).max(100).optional(),
      settings: settingsSchema.omit({ receiptSite: true }).partial(), // the receipt's site code is head office's to assign
    }),
    access: 'settings.manage',
    run: async (ctx, input) => {
      const siteId = requireSite(ctx);
      if (input.siteName) {
        await ctx.trx.updateTable('site').set({ name: input.siteName, updated_at: ctx.now.toISOString() })
          .where('id', '=', siteId).where('name', '!=', input.siteName).execute();
      }
      await writeSettings(ctx.trx, siteId, input.settings, ctx.now);
      ctx.invalidate();
      return readSettings(ctx.trx, siteId);
    },
  }),
};
