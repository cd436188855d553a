/**
 * Reference data on the screens: head office publishes (and writes notices to every site);
 * a site receives what head office published (verified and applied like any batch, capture
 * off) and reads the notices. What head office owns is listed once, in reference.ts.
 */
import { z } from 'zod';
import { localDate } from '../api/schemas.js';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { startJob } from '../jobs/jobs.js';
import { publishReference, type ExportResult } from './export.js';
import { importFolder, type ImportOutcome } from './import.js';
import { loadSigningKey } from './keys.js';
import { peers } from './queries.js';
import { HEAD_OFFICE_TABLES } from './reference.js';
import { dataDirOf, folderOf, identityOf, noteFailure } from './site-ops.js';

/** A sync step as a job: its progress shown, its failure kept for the status line. */
function syncJob<R>(ctx: OpContext, kind: string, phase: string, work: (onProgress: (done: number, total: number) => void) => Promise<R>) {
  const store = ctx.store;
  return startJob(ctx, kind, async (job): Promise<R> => {
    job.progress(0, 0, phase);
    try {
      return await work((done, total) => job.progress(done, total, phase));
    } catch (e) {
      noteFailure(store, e, store.clock.now());
      throw e;
    }
  });
}

export const referenceOps = {
  /** Head office: publish its reference data changed since the last publication, as a job. */
  'sync.publish': defineOp({
    input: z.object({}),
    access: 'sync.manage',
    run: async (ctx) => {
      requireSession(ctx);
      const me = await identityOf(ctx);
      if (me.mode !== 'head_office') throw new AppError('sync.not_head_office');
      const folder = await folderOf(ctx);
      const key = loadSigningKey(dataDirOf(ctx.store));
      if (!key) throw new AppError('sync.no_key');
      return syncJob(ctx, 'sync.publish', 'publishing', (): Promise<ExportResult> => publishReference(ctx.store, { folder, key }));
    },
  }),

  /** A site: receive head office's published reference data, as a job. */
  'sync.receive': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      requireSession(ctx);
      const me = await identityOf(ctx);
      if (me.mode !== 'site') throw new AppError('sync.not_site');
      if (!(await peers(ctx.trx)).some((p) => p.role === 'head_office' && p.status === 'approved')) throw new AppError('sync.no_head_office');
      const folder = await folderOf(ctx);
      return syncJob(ctx, 'sync.receive', 'applying', (onProgress): Promise<ImportOutcome> => importFolder(ctx.store, folder, { onProgress }));
    },
  }),

  /** What head office owns (the tables), and what was published or received last. */
  'sync.referenceStatus': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      const me = await identityOf(ctx);
      const last = await ctx.trx.selectFrom('sync_batch').select(['file', 'seq_to', 'rows', 'at']).where('kind', '=', 'reference')
        .where('direction', '=', me.mode === 'head_office' ? 'out' : 'in').orderBy('seq_from', 'desc').limit(1).executeTakeFirst();
      const owned = await ctx.trx.selectFrom('head_office_row').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return { tables: HEAD_OFFICE_TABLES.map((t) => t.table), last: last ?? null, ownedRows: Number(owned?.n ?? 0) };
    },
  }),

  /** Notices from head office (at head office: the ones it wrote), newest first. */
  'sync.notices': defineOp({
    input: z.object({}),
    access: 'signed-in',
    run: async (ctx) => {
      const siteId = requireSite(ctx);
      return ctx.trx.selectFrom('notice').select(['id', 'title', 'body', 'published_on', 'active']).where('site_id', '=', siteId)
        .orderBy('published_on', 'desc').orderBy('id', 'desc').limit(200).execute();
    },
  }),

  /** Head office writes a notice to every site (it goes out with the next publication). */
  'sync.addNotice': defineOp({
    input: z.object({ title: z.string().trim().min(1).max(100), body: z.string().trim().max(4000), publishedOn: localDate }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      const me = await identityOf(ctx);
      if (me.mode !== 'head_office') throw new AppError('sync.not_head_office');
      const row = { ...newRow(me.siteId, ctx.now), title: i.title, body: i.body, published_on: i.publishedOn, active: 1 };
      await ctx.trx.insertInto('notice').values(row).execute();
      return { id: row.id };
    },
  }),
};
