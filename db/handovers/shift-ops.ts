import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { attest } from '../auth/attest.js';
import { AppError } from '../errors.js';
import { loadHandover } from './queries.js';
import { handoverNumber, sha256, stableJson } from './rules.js';
import { shiftPrefill } from './shift.js';
import { siteYear } from '../time/site-time.js';

/**
 * The shift handover (交接班): the outgoing person starts it (filled in from the store), adds
 * notes, and the incoming person acknowledges it by signing in on the spot; the outgoing
 * person cannot acknowledge their own. Until acknowledged it stays flagged on both people's
 * home pages. Any staff member hands over a shift, so these need only home.view.
 */
const id = z.string().uuid();

export const shiftOps = {
  'handovers.startShift': defineOp({
    input: z.object({ incomingId: id.nullable(), notes: z.string().trim().max(2000).optional() }),
    access: 'home.view',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const me = requireSession(ctx);
      const year = siteYear(ctx.now, ctx.settings.utcOffsetMinutes);
      if (i.incomingId) {
        const who = await ctx.trx.selectFrom('staff').select(['id', 'active']).where('site_id', '=', siteId).where('id', '=', i.incomingId).executeTakeFirst();
        if (!who?.active) throw new AppError('staff.not_found');
        if (who.id === me.staffId) throw new AppError('handovers.outgoing_acknowledges', { name: me.displayName });
      }
      const last = await ctx.trx.selectFrom('handover').select((eb) => eb.fn.max('seq').as('m')).where('site_id', '=', siteId).where('kind', '=', 'shift').where('year', '=', year).where('version', '=', 1).executeTakeFirst();
      const seq = Number(last?.m ?? 0) + 1;
      const body = { role: me.role, incomingId: i.incomingId, notes: i.notes ?? '', prefill: await shiftPrefill(ctx.trx, siteId, me.staffId, ctx.now, ctx.settings.utcOffsetMinutes) };
      const row = { ...newRow(siteId, ctx.now), kind: 'shift' as const, year, seq, number: handoverNumber('shift', year, seq), version: 1, replaces_id: null, reason: '', room_id: null, occupant_id: null,
        status: 'draft' as const, body: JSON.stringify(body), canonical: null, body_sha256: null, signed_at: null, created_by: me.staffId };
      await ctx.trx.insertInto('handover').values(row).execute();
      return { id: row.id, number: row.number, prefill: body.prefill };
    },
  }),

  /** The incoming person signs in on the spot to acknowledge; the outgoing person is refused. */
  'handovers.acknowledgeShift': defineOp({
    input: z.object({ id, username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200), notes: z.string().trim().max(2000).optional() }),
    access: 'home.view',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const h = await loadHandover(ctx.trx, siteId, i.id);
      if (h.kind !== 'shift') throw new AppError('handovers.wrong_kind');
      if (h.status === 'signed') throw new AppError('handovers.signed_final', { number: h.number, version: h.version });
      const body = JSON.parse(h.body) as { incomingId: string | null; notes: string };
      const incoming = await attest(ctx, i.username, i.password, { permission: 'home.view', notStaffId: h.created_by, refusal: 'handovers.outgoing_acknowledges' });
      if (body.incomingId && body.incomingId !== incoming.id) throw new AppError('handovers.not_signer', { name: incoming.name });
      const outgoing = await ctx.trx.selectFrom('staff').select(['id', 'display_name']).where('id', '=', h.created_by).executeTakeFirstOrThrow();
      const at = ctx.now.toISOString();
      const sigs = [
        { role: 'outgoing' as const, signer_name: outgoing.display_name, staff_id: outgoing.id, method: 'attest' as const, image_sha256: null },
        { role: 'incoming' as const, signer_name: incoming.name, staff_id: incoming.id, method: 'attest' as const, image_sha256: null },
      ];
      for (const s of sigs) await ctx.trx.insertInto('handover_signature').values({ ...newRow(siteId, ctx.now), handover_id: h.id, ...s, signed_at: at }).execute();
      const signedBody = { ...body, incomingId: incoming.id, notes: i.notes ? `${body.notes}${body.notes ? '\n' : ''}${i.notes}` : body.notes };
      const canonical = stableJson({ kind: h.kind, number: h.number, version: h.version, body: signedBody, signedAt: at, signatures: sigs.map((s) => ({ role: s.role, name: s.signer_name, staffId: s.staff_id, at })) });
      const hash = sha256(canonical);
      await ctx.trx.updateTable('handover').set({ status: 'signed', body: JSON.stringify(signedBody), canonical, body_sha256: hash, signed_at: at, updated_at: at }).where('id', '=', h.id).execute();
      return { id: h.id, number: h.number, sha256: hash };
    },
  }),

  /** The colleagues a shift may be handed to (active staff of the site, not the person asking). */
  'handovers.colleagues': defineOp({
    input: z.object({}).optional(),
    access: 'home.view',
    run: async (ctx) => ctx.trx.selectFrom('staff').select(['id', 'display_name', 'role']).where('site_id', '=', requireSite(ctx)).where('active', '=', 1)
      .where('id', '!=', requireSession(ctx).staffId).where('role', '!=', 'admin').orderBy('role').orderBy('display_name').execute(),
  }),

  /** Shift handovers not yet acknowledged that this person handed over or is to receive (the home page's flag). */
  'handovers.pendingShifts': defineOp({
    input: z.object({}).optional(),
    access: 'home.view',
    run: async (ctx) => {
      const me = requireSession(ctx);
      const rows = await ctx.trx.selectFrom('handover as h').innerJoin('staff as s', 's.id', 'h.created_by')
        .select(['h.id', 'h.number', 'h.created_at', 'h.created_by', 's.display_name as outgoing', 'h.body'])
        .where('h.site_id', '=', requireSite(ctx)).where('h.kind', '=', 'shift').where('h.status', '=', 'draft').orderBy('h.created_at').execute();
      return rows.map(({ body, ...r }) => ({ ...r, incomingId: (JSON.parse(body) as { incomingId: string | null }).incomingId }))
        .filter((r) => r.created_by === me.staffId || r.incomingId === me.staffId || r.incomingId === null)
        .map((r) => ({ ...r, mine: r.created_by === me.staffId }));
    },
  }),
};
