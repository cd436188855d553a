import { sql } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { runBuilt } from '../store/prepared.js';
import { CHANGE_COLUMNS, NEWEST_CHANGES, readableChanges, TRAIL_PAGE, type StoredChange } from './queries.js';

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
      const siteId = requireSite(ctx);
      const conn = ctx.store.raw;
      if (f.limit === TRAIL_PAGE && !f.actorId && !f.from && !f.to && !f.table && !f.operation && !f.text) {
        return readableChanges(conn, NEWEST_CHANGES.all(conn, { siteId, beforeSeq: f.beforeSeq ?? Number.MAX_SAFE_INTEGER }) as StoredChange[]);
      }
      return readableChanges(conn, runBuilt(conn, (db) => {
        let q = db.selectFrom('change_log as c')
          .leftJoin('staff as s', 's.id', 'c.actor_id')
          .select(CHANGE_COLUMNS)
          .where('c.site_id', '=', siteId);
        if (f.actorId) q = q.where('c.actor_id', '=', f.actorId);
        if (f.from) q = q.where('c.at', '>=', new Date(f.from).toISOString());
        // a bare date as the upper bound means "through the end of that day"
        if (f.to) q = q.where('c.at', '<', f.to.length === 10 ? new Date(new Date(f.to).getTime() + 86_400_000).toISOString() : new Date(f.to).toISOString());
        if (f.table) q = q.where('c.table_name', '=', f.table);
        if (f.operation) q = q.where('c.operation', '=', f.operation);
        if (f.text) {
          const like = `%${f.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
          // SQLite's LIKE has no escape character unless told: without ESCAPE, '\\%' matched nothing
          q = q.where(sql<boolean>`(c.after LIKE ${like} ESCAPE '\\' OR c.before LIKE ${like} ESCAPE '\\')`);
        }
        if (f.beforeSeq) q = q.where('c.seq', '<', f.beforeSeq);
        // the size written in the SQL, as the first page's is (a checked integer): one kept statement per size asked for
        return q.orderBy('c.seq', 'desc').limit(sql.lit(f.limit));
      }) as StoredChange[]);
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
