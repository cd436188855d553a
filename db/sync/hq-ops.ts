/**
 * Sync at head office: enrolling service centres (invitation, reply, approval after the
 * fingerprint is compared by phone, revocation), importing every site's files as a job
 * (then acknowledging each site in the folder), the per-site dashboard and refusals, and
 * the collection report of every site by month.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { localMonth } from '../api/schemas.js';
import { defineOp, requireSession, type OpContext } from '../api/op.js';
import { AppError } from '../errors.js';
import { monthCollection } from '../fees/report-ops.js';
import { inProcessReader } from '../store/reader.js';
import { uuidv7 } from '../ids.js';
import { startJob } from '../jobs/jobs.js';
import { siteDateTime } from '../time/site-time.js';
import { siteCodeSchema } from '../setup/index.js';
import { readInvitation, readReply, writeInvitation } from './enrol.js';
import { writeFileAtomic } from './files.js';
import { fetchSitesScans, importFolder, importInto, type ImportOutcome } from './import.js';
import { hqPgOf } from '../headoffice-pg/config.js';
import { pgCollection } from '../headoffice-pg/queries.js';
import { pgScansOf, pgTarget } from '../headoffice-pg/target.js';
import { importBooks } from './import-book.js';
import { loadSigningKey } from './keys.js';
import { cursorOf, peers, savePeer } from './queries.js';
import { fingerprint, HEAD_OFFICE_DIR } from './rules.js';
import { dataDirOf, folderOf, identityOf, noteFailure } from './site-ops.js';

/** Every enrolled site's fees of a billing month (from the server when head office has one), and the company's total. */
export async function collectionBySite(ctx: OpContext, period: string) {
  await headOffice(ctx);
  const sites = (await peers(ctx.trx)).filter((p) => p.role === 'site' && p.status !== 'invited');
  const pg = await hqPgOf(ctx.store);
  type Row = { siteCode: string; site: string; billed: number; paid: number; rateBp: number; collected: number };
  const rows: Row[] = pg ? await pgCollection(pg, period, sites.map((p) => p.code)) : [];
  for (const p of pg ? [] : sites) {
    const has = await ctx.trx.selectFrom('site').select('id').where('id', '=', p.writer_id).executeTakeFirst();
    if (!has) continue;
    const r = await monthCollection(inProcessReader(ctx.store.raw), p.writer_id, period);
    rows.push({ siteCode: r.siteCode, site: r.site, billed: r.billed, paid: r.paid, rateBp: r.rateBp, collected: r.collected });
  }
  const sum = (k: 'billed' | 'paid' | 'collected') => rows.reduce((a, r) => a + r[k], 0);
  const billed = sum('billed');
  const paid = sum('paid');
  return { period, sites: rows, total: { billed, paid, collected: sum('collected'), rateBp: billed > 0 ? Math.floor((paid * 10000) / billed) : 0 } };
}

async function headOffice(ctx: OpContext) {
  const me = await identityOf(ctx);
  if (me.mode !== 'head_office') throw new AppError('sync.not_head_office');
  return me;
}

const normalise = (fp: string) => fp.toUpperCase().replace(/[^0-9A-F]/g, '');

export const hqSyncOps = {
  /** Every enrolled site: its standing, key fingerprint, a reply waiting for approval, its last file and refusals. */
  'sync.sites': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      const me = await headOffice(ctx);
      const list = (await peers(ctx.trx)).filter((p) => p.role === 'site');
      const books = await importBooks(ctx, list);
      const out = [];
      for (const p of list) {
        let reply: { fingerprint: string } | null = null;
        if (p.status === 'invited' && me.folder) {
          try {
            const r = readReply(me.folder, p.code);
            reply = r && { fingerprint: r.fingerprint };
          } catch { /* a damaged reply is shown as none */ }
        }
        // from the server when head office imports there: what every head-office PC has applied and refused
        const { applied, lastFile: last, refused } = books.get(p.writer_id)!;
        out.push({
          code: p.code, name: p.name, status: p.status,
          fingerprint: p.public_key ? fingerprint(p.public_key) : null,
          reply,
          applied,
          lastFile: last ? { ...last, atText: siteDateTime(last.at, ctx.settings.utcOffsetMinutes) } : null,
          lagHours: last ? Math.max(0, Math.round((ctx.now.getTime() - Date.parse(last.at)) / 360_000) / 10) : null,
          refused: refused.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, string | number> })),
        });
      }
      return out;
    },
  }),

  /** Enrol a service centre: its code and name, and an invitation file in the folder for it to import. */
  'sync.addSite': defineOp({
    input: z.object({ code: siteCodeSchema, name: z.string().trim().min(1).max(100) }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      const me = await headOffice(ctx);
      const folder = await folderOf(ctx);
      const existing = (await peers(ctx.trx)).find((p) => p.code === i.code);
      if (existing && existing.status !== 'revoked') throw new AppError('sync.site_taken', { code: i.code });
      const own = await ctx.trx.selectFrom('site').select(['code']).where('id', '=', me.siteId).executeTakeFirstOrThrow();
      if (own.code === i.code) throw new AppError('sync.site_taken', { code: i.code });
      const key = loadSigningKey(dataDirOf(ctx.store));
      if (!key) throw new AppError('sync.no_key');
      // re-enrolling a revoked site (its PC replaced) keeps its writer id: its sequence continues
      await savePeer(ctx.trx, { writer_id: existing?.writer_id ?? `invited-${uuidv7(ctx.now.getTime())}`, code: i.code, name: i.name, role: 'site', public_key: null, status: 'invited' }, ctx.now.toISOString());
      const company = await ctx.trx.selectFrom('site').select(['code', 'name']).where('id', '=', me.siteId).executeTakeFirstOrThrow();
      writeInvitation(folder, key, { writer: me.siteId, code: company.code, name: company.name }, { code: i.code, name: i.name });
      return { code: i.code, headOfficeFingerprint: key.fingerprint };
    },
  }),

  /** Approve a site's reply, once the fingerprint read out by the site matches the reply's. */
  'sync.approve': defineOp({
    input: z.object({ code: siteCodeSchema, fingerprint: z.string().trim().min(16).max(40) }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      await headOffice(ctx);
      const folder = await folderOf(ctx);
      const peer = (await peers(ctx.trx)).find((p) => p.code === i.code);
      if (!peer) throw new AppError('sync.unknown_peer', { code: i.code });
      const got = readReply(folder, i.code);
      if (!got) throw new AppError('sync.no_reply', { code: i.code });
      if (normalise(got.fingerprint) !== normalise(i.fingerprint)) throw new AppError('sync.fingerprint_mismatch', { actual: got.fingerprint });
      const invitation = readInvitation(folder, i.code);
      if (!invitation || invitation.hash !== got.reply.invitation) throw new AppError('sync.stale_reply', { code: i.code });
      const knownWriter = !peer.writer_id.startsWith('invited-');
      if (knownWriter && peer.writer_id !== got.reply.site.writer) throw new AppError('sync.writer_changed', { code: i.code });
      await ctx.trx.updateTable('sync_peer').set({ writer_id: got.reply.site.writer, public_key: got.reply.publicKey, status: 'approved', updated_at: ctx.now.toISOString() })
        .where('code', '=', i.code).execute();
      return { code: i.code, fingerprint: got.fingerprint };
    },
  }),

  /** Revoke a site's key (a stolen or replaced PC): its files are refused from now on until it is enrolled again. */
  'sync.revoke': defineOp({
    input: z.object({ code: siteCodeSchema }),
    access: 'sync.manage',
    run: async (ctx, i) => {
      await headOffice(ctx);
      const r = await ctx.trx.updateTable('sync_peer').set({ status: 'revoked', updated_at: ctx.now.toISOString() }).where('code', '=', i.code).where('role', '=', 'site').executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('sync.unknown_peer', { code: i.code });
      return { code: i.code };
    },
  }),

  /** Import every enrolled site's files, as a job; then acknowledge each site in the folder. */
  'sync.import': defineOp({
    input: z.object({}),
    access: 'sync.run',
    run: async (ctx) => {
      requireSession(ctx);
      await headOffice(ctx);
      const folder = await folderOf(ctx);
      const store = ctx.store;
      return startJob(ctx, 'sync.import', async (job): Promise<ImportOutcome> => {
        job.progress(0, 0, 'applying');
        try {
          // with head office's PostgreSQL server configured, the sites' batches go there
          const pg = await hqPgOf(store);
          const onProgress = (d: number, t: number) => job.progress(d, t, 'applying');
          const target = pg ? pgTarget(pg, store) : null;
          const outcome = target ? await importInto(target, store, folder, { onProgress }) : await importFolder(store, folder, { onProgress });
          // the scans the server's rows name are kept on this PC, as the SQLite store's are (importFolder does that itself)
          if (pg) await fetchSitesScans(store, folder, (writer) => pgScansOf(pg, writer));
          const at = store.clock.now().toISOString();
          for (const p of (await peers(store.db)).filter((x) => x.role === 'site' && x.status === 'approved')) {
            const through = target ? await target.reader.cursor(p.writer_id) : await cursorOf(store.db, p.writer_id);
            try {
              writeFileAtomic(join(folder, HEAD_OFFICE_DIR, 'acks', `${p.code}.json`), Buffer.from(JSON.stringify({ site: p.code, through, at })));
            } catch { /* an acknowledgement is a courtesy: the next import writes it again */ }
          }
          return outcome;
        } catch (e) {
          noteFailure(store, e, store.clock.now());
          throw e;
        }
      });
    },
  }),

  /** The collection report of every site for a month, each as the site's own report computes it, and their total. */
  'sync.collection': defineOp({
    input: z.object({ period: localMonth }),
    access: 'reports.read',
    readsServer: true,
    run: async (ctx, i) => collectionBySite(ctx, i.period),
  }),
};
