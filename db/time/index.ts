import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { deskToday } from './site-time.js';

/** The desk's today, from the store's clock at the site's offset: the screens' date defaults read it, never the browser's clock. */
export const timeOps = {
  'time.today': defineOp({
    input: z.object({}).optional(),
    access: 'signed-in',
    run: async (ctx) => deskToday(ctx.now, ctx.settings.utcOffsetMinutes),
  }),
};
