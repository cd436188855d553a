import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { changesPage, readableChanges, TRAIL_PAGE } from './queries.js';
import { likeContaining } from '../store/text-match.js';

// the regex alone lets '2026-99-99' through, whose Date would throw in the handler
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

export const trailOps = {
  /**
   * The audit trail: every captured change (who, when, what, before/after, and the record by
   * its business name), newest first, filtered by person, time, table, operation or a word in
   * the data. Paged by seq.
   */
  'audit.list': defineOp({
    input: z.object({
      actorId: z.string().uuid().optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      table: z.string().regex(/^[a-z_]{1,40}$/).optional(),
      operation: z.string().regex(/^[a-zA-Z.]{1,60}$/).optional(),
      text: z.string().trim().min(1).max(100).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(200).default(TRAIL_PAGE),
    }),
    access: 'audit.read',
    // every read below is a prepared statement, run before any await
    readsAtOnce: true,
    run: async (ctx, f) => {
      const conn = ctx.store.raw;
      const page = changesPage(conn, {
        siteId: requireSite(ctx),
        actorId: f.actorId,
        from: f.from && new Date(f.from).toISOString(),
        // a bare date as the upper bound means "through the end of that day"
        to: f.to && (f.to.length === 10 ? new Date(new Date(f.to).getTime() + 86_400_000).toISOString() : new Date(f.to).toISOString()),
        table: f.table,
        operation: f.operation,
        like: f.text && likeContaining(f.text),
        beforeSeq: f.beforeSeq,
      }, f.limit);
      return readableChanges(conn, page);
    },
  }),

  /** Who can be picked in the audit filter (all staff, including disabled ones). */
  'audit.actors': defineOp({
    input: z.object({}).optional(),
    access: 'audit.read',
    run: async (ctx) =>
      ctx.trx.selectFrom('staff').select(['id', 'username', 'display_name']).where('site_id', '=', requireSite(ctx)).orderBy('username').execute(),
  }),
};
