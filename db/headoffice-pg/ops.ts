/**
 * Head office's PostgreSQL server on the sync screen: whether one is configured and
 * answering (its connection string shown with the password hidden), and setting or
 * clearing it — a new string is tried (connected, migrated) before it is kept.
 */
import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { AppError } from '../errors.js';
import { hqPgOf, pgUrlOf, savePgUrl } from './config.js';
import { checkUrl, maskUrl, openHqPg } from './connect.js';

export const hqPgOps = {
  'sync.pgStatus': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      const cfg = pgUrlOf(ctx.store);
      if (!cfg) return { configured: false as const };
      try {
        const hq = (await hqPgOf(ctx.store))!;
        const sites = await hq.db.selectFrom('hq.cursor').select(['code', 'seq']).orderBy('code').execute();
        return { configured: true as const, source: cfg.source, url: maskUrl(cfg.url), ok: true as const, sites };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return { configured: true as const, source: cfg.source, url: maskUrl(cfg.url), ok: false as const, error: e.toApiError() };
      }
    },
  }),

  /** Point this head-office PC at a server (or, with an empty string, back at its own store). */
  'sync.pgSave': defineOp({
    input: z.object({ url: z.string().trim().max(500) }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      if (i.url === '') {
        await savePgUrl(ctx.store, null);
        return { configured: false };
      }
      checkUrl(i.url);
      const hq = await openHqPg(i.url, ctx.store); // refuses before anything is kept
      await hq.close();
      await savePgUrl(ctx.store, i.url);
      return { configured: true, url: maskUrl(i.url) };
    },
  }),
};
