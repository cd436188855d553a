/**
 * Rebuilding a site: head office writes the site's restore package (its screen), and set-up
 * on the new PC restores from it — verified with head office's key from the site's
 * invitation, replayed with capture off — then answers the invitation with the new PC's key
 * for head office to approve by fingerprint, and signs the administrator in with a new password.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { AppError } from '../errors.js';
import { describeSession, passwordSchema, signIn, usernameSchema } from '../auth/index.js';
import { hashPassword } from '../auth/password.js';
import { recordEvent } from '../audit/record.js';
import { siteCodeSchema } from '../setup/index.js';
import { findByUsername } from '../staff/queries.js';
import { readInvitation, writeReply } from './enrol.js';
import { recordIdentity } from './identity.js';
import { loadSigningKey, newSigningKey, saveSigningKey } from './keys.js';
import { peers, savePeer } from './queries.js';
import { applyRestorePackage, heldInStore, readRestorePackage, restoreDir, writeRestorePackage } from './restore.js';
import { hqPgOf } from '../headoffice-pg/config.js';
import { pgHeldSiteLog } from '../headoffice-pg/target.js';
import { FILES_DIR, fetchScans, scansOfWriter } from './stored-files.js';
import { dataDirOf, folderOf, identityOf } from './site-ops.js';

export const restoreOps = {
  /** Head office: write a site's restore package into the folder (its rows as last applied, and head office's reference data). */
  'sync.writeRestore': defineOp({
    input: z.object({ code: siteCodeSchema }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      const me = await identityOf(ctx);
      if (me.mode !== 'head_office') throw new AppError('sync.not_head_office');
      const folder = await folderOf(ctx);
      const key = loadSigningKey(dataDirOf(ctx.store));
      if (!key) throw new AppError('sync.no_key');
      const peer = (await peers(ctx.trx)).find((p) => p.code === i.code && p.role === 'site');
      if (!peer || peer.writer_id.startsWith('invited-')) throw new AppError('sync.unknown_peer', { code: i.code });
      // with head office's PostgreSQL server configured, the site's rows are there, not in this store
      const pg = await hqPgOf(ctx.store);
      const held = pg ? await pgHeldSiteLog(pg, peer.writer_id) : await heldInStore(ctx.store, ctx.trx, peer.writer_id);
      const m = await writeRestorePackage(ctx.store, ctx.trx, folder, key, me.siteId, { writer: peer.writer_id, code: peer.code, name: peer.name }, held);
      return { code: i.code, through: m.through, refThrough: m.refThrough };
    },
  }),

  /** First run on a new PC: restore a site from head office's package instead of setting up a new one. */
  'setup.restore': defineOp({
    input: z.object({ folder: z.string().trim().min(1).max(1000), code: siteCodeSchema, adminUsername: usernameSchema, password: passwordSchema }),
    access: 'public',
    run: async (ctx, i) => {
      const existing = await ctx.trx.selectFrom('site').select('id').executeTakeFirst();
      if (existing || ctx.siteId) throw new AppError('setup.already_done');
      const invited = readInvitation(i.folder, i.code);
      if (!invited) throw new AppError('sync.no_invitation', { code: i.code });
      const pkg = readRestorePackage(i.folder, i.code, invited.invitation.headOfficeKey, ctx.store.version);
      const at = ctx.now.toISOString();
      applyRestorePackage(ctx.store, pkg, at);
      const site = pkg.manifest.site;
      await fetchScans(ctx.store, site.writer, join(restoreDir(i.folder, i.code), FILES_DIR), async (w) => scansOfWriter(ctx.store, w));
      await recordIdentity(ctx.trx, site.writer, 'site', at);
      await ctx.trx.updateTable('store_identity').set({ sync_folder: i.folder }).execute();
      const { company } = invited.invitation;
      await savePeer(ctx.trx, { writer_id: company.writer, code: company.code, name: company.name, role: 'head_office', public_key: invited.invitation.headOfficeKey, status: 'approved' }, at);
      const admin = await findByUsername(ctx.trx, site.writer, i.adminUsername);
      if (!admin || admin.role !== 'admin' || !admin.active) throw new AppError('sync.restore_no_admin', { username: i.adminUsername });
      // the first change of the rebuilt site: the administrator's new password (the site's staff arrive without one)
      await ctx.trx.updateTable('staff').set({ password_hash: await hashPassword(i.password, ctx.store.passwordCost), password_changed_at: at, updated_at: at }).where('id', '=', admin.id).execute();
      const key = newSigningKey();
      saveSigningKey(dataDirOf(ctx.store), key);
      writeReply(i.folder, key, { writer: site.writer, code: site.code, name: site.name }, invited.hash);
      await recordEvent(ctx.trx, site.writer, ctx.now, 'login.ok', admin.id, { restored: true });
      ctx.invalidate();
      return { ...describeSession(signIn(ctx, { ...admin, password_hash: '' })), fingerprint: key.fingerprint, headOfficeFingerprint: invited.fingerprint, through: pkg.manifest.through };
    },
  }),
};
