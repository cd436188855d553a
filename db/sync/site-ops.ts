/**
 * Sync on the site's screen (and what both modes share): the shared folder of this PC,
 * where this store stands, joining head office through an invitation, and exporting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { AppError } from '../errors.js';
import { startJob } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import { siteCodeSchema } from '../setup/index.js';
import { readInvitation, writeReply } from './enrol.js';
import { exportChanges, type ExportResult } from './export.js';
import { storeIdentity } from './identity.js';
import { loadSigningKey, newSigningKey, saveSigningKey } from './keys.js';
import { cursorOf, lastExported, peers, savePeer } from './queries.js';
import { HEAD_OFFICE_DIR } from './rules.js';
import { siteDateTime } from '../time/site-time.js';
import { writeSettings } from '../settings/queries.js';
import { noteFailure, noteSuccess, sendStatus } from './status.js';

export const dataDirOf = (store: Store) => dirname(store.file);

export { noteFailure } from './status.js';

export async function identityOf(ctx: OpContext) {
  const me = await storeIdentity(ctx.trx);
  if (!me) throw new AppError('sync.no_identity');
  return me;
}

export async function folderOf(ctx: OpContext): Promise<string> {
  const me = await identityOf(ctx);
  if (!me.folder) throw new AppError('sync.no_folder');
  return me.folder;
}

/** Head office's acknowledgement of this site: the last sequence it applied, and when. */
function acknowledgement(folder: string | null, code: string): { through: number; at: string } | null {
  const file = folder && join(folder, HEAD_OFFICE_DIR, 'acks', `${code}.json`);
  if (!file || !existsSync(file)) return null;
  try {
    const a = JSON.parse(readFileSync(file, 'utf8')) as { through?: unknown; at?: unknown };
    return typeof a.through === 'number' && typeof a.at === 'string' ? { through: a.through, at: a.at } : null;
  } catch {
    return null;
  }
}

const folderInput = z.string().trim().min(1).max(1000);

export const siteSyncOps = {
  /** Where this store stands: its mode, folder, key, what is exported and waiting, what head office acknowledged. */
  'sync.status': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      const me = await identityOf(ctx);
      const site = await ctx.trx.selectFrom('site').select(['code', 'name']).where('id', '=', me.siteId).executeTakeFirstOrThrow();
      const key = loadSigningKey(dataDirOf(ctx.store));
      const latest = await cursorOf(ctx.trx, me.siteId);
      const exported = (await lastExported(ctx.trx, me.siteId))?.seq_to ?? 0;
      const ho = (await peers(ctx.trx)).find((p) => p.role === 'head_office');
      const ack = acknowledgement(me.folder, site.code);
      return {
        mode: me.mode, siteCode: site.code, siteName: site.name, folder: me.folder,
        fingerprint: key?.fingerprint ?? null,
        headOffice: ho ? { code: ho.code, name: ho.name, status: ho.status } : null,
        latest, exported, waiting: latest - exported,
        acknowledged: ack && { ...ack, atText: siteDateTime(ack.at, ctx.settings.utcOffsetMinutes) },
        ...sendStatus(ctx.store),
        autoEveryMinutes: ctx.settings.syncExportMinutes,
        lastAutoText: ((at) => at && siteDateTime(at, ctx.settings.utcOffsetMinutes))(sendStatus(ctx.store).lastAutoAt),
      };
    },
  }),

  /** This PC's shared folder (a network share, or the USB drive's path). */
  'sync.setFolder': defineOp({
    input: z.object({ folder: folderInput }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      await identityOf(ctx);
      await ctx.trx.updateTable('store_identity').set({ sync_folder: i.folder }).execute();
      return { folder: i.folder };
    },
  }),

  /** How often this site sends by itself (minutes; 0 = only by the button and at day close). */
  'sync.setAutoExport': defineOp({
    input: z.object({ minutes: z.number().int().min(0).max(1440) }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      await writeSettings(ctx.trx, siteId, { syncExportMinutes: i.minutes }, ctx.now);
      ctx.invalidate();
      return { minutes: i.minutes };
    },
  }),

  /**
   * Join head office: read the invitation for `code` from the folder, take the code and
   * name head office assigned, trust head office's key, make this site's key pair and
   * write the reply. Returns both fingerprints to read out by phone.
   */
  'sync.join': defineOp({
    input: z.object({ code: siteCodeSchema }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      const me = await identityOf(ctx);
      if (me.mode !== 'site') throw new AppError('sync.not_site');
      const folder = await folderOf(ctx);
      const got = readInvitation(folder, i.code);
      if (!got) throw new AppError('sync.no_invitation', { code: i.code });
      const { invitation } = got;
      const at = ctx.now.toISOString();
      await ctx.trx.updateTable('site').set({ code: invitation.site.code, name: invitation.site.name, updated_at: at }).where('id', '=', me.siteId).execute();
      await savePeer(ctx.trx, { writer_id: invitation.company.writer, code: invitation.company.code, name: invitation.company.name, role: 'head_office', public_key: invitation.headOfficeKey, status: 'approved' }, at);
      // from now on its receipts carry the code head office assigned: no two sites print the same number
      await writeSettings(ctx.trx, me.siteId, { receiptSite: invitation.site.code }, ctx.now);
      const key = newSigningKey();
      saveSigningKey(dataDirOf(ctx.store), key);
      writeReply(folder, key, { writer: me.siteId, code: invitation.site.code, name: invitation.site.name }, got.hash);
      ctx.invalidate();
      return { siteCode: invitation.site.code, fingerprint: key.fingerprint, headOfficeFingerprint: got.fingerprint };
    },
  }),

  /** Export this store's changes to the folder, as a job (progress, never blocking the desk). */
  'sync.export': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      requireSession(ctx);
      requireSite(ctx);
      const folder = await folderOf(ctx);
      const key = loadSigningKey(dataDirOf(ctx.store));
      if (!key) throw new AppError('sync.no_key');
      const store = ctx.store;
      return startJob(ctx, 'sync.export', async (job): Promise<ExportResult> => {
        job.progress(0, 0, 'exporting');
        try {
          const r = await exportChanges(store, { folder, key, onProgress: (done, total) => job.progress(done, total) });
          noteSuccess(store);
          return r;
        } catch (e) {
          noteFailure(store, e, store.clock.now());
          throw e;
        }
      });
    },
  }),
};
