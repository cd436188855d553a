import type { Transaction } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { attest } from '../auth/attest.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import { siteDay, siteYear } from '../time/site-time.js';
import { loadHandover } from './queries.js';
import { custodyOf, transfersDue } from './transfer.js';
import { handoverNumber, sha256, stableJson } from './rules.js';
import { keepDrawnSignature, MAX_PNG_TEXT, storeSignature } from './signatures.js';
import type { SignatureRole } from './tables.js';

/**
 * The archive transfer list (档案移交清单): a department or service centre hands files to the
 * company archive room. Items come from the catalogue or, for papers not yet indexed, a name
 * and count per class. It is signed by four people: the person handing over, the receiver (an
 * archivist) and both department heads — four different people; with fewer it is refused. Each
 * draws their signature on the pad, or all four sign the printed list on paper and its scanned
 * sheet is attached once. A signer who is staff of this store also signs in on the spot (the
 * receiver always is); one who is not (a head at the company) gives a name.
 * Once signed, the catalogue items on it are in the receiving room's custody.
 */
const id = z.string().uuid();
export const TRANSFER_ROLES = ['handing', 'receiving', 'head_handing', 'head_receiving'] as const satisfies readonly SignatureRole[];
const ROLE_NAMES: Record<(typeof TRANSFER_ROLES)[number], { zh: string; en: string }> = {
  handing: { zh: '移交人', en: 'the person handing over' }, receiving: { zh: '接收人', en: 'the receiver' },
  head_handing: { zh: '移交部门负责人', en: 'the handing department head' }, head_receiving: { zh: '接收部门负责人', en: 'the receiving department head' },
};

const itemLine = z.object({
  itemId: id.nullable(),
  name: z.string().trim().max(100).optional(),
  classCode: z.string().trim().max(20).optional(),
  count: z.number().int().min(1).max(100_000).optional(),
});
const dept = z.string().trim().min(1).max(40);
/** The archive room that receives, unless the list names another. */
export const ARCHIVE_ROOM = '公司档案室';

/** A transfer list's body: who hands over to whom, the lines (each counted on the spot before signing). */
export interface TransferLine { itemId: string | null; refCode?: string; title?: string; name?: string; classCode?: string; count: number; counted: number | null }
export interface TransferBody { fromDept: string; toDept: string; items: TransferLine[]; total: number; notes: string }

/** The catalogue items on a signed list now lie in the receiving room: their location says so, shelf places cleared until it files them. */
export async function takeIntoCustody(trx: Transaction<Schema>, siteId: string, now: Date, body: TransferBody) {
  const ids = body.items.map((x) => x.itemId).filter((x): x is string => !!x);
  if (!ids.length) return;
  await trx.updateTable('archive_item').set({ location_room: body.toDept.slice(0, 40), cabinet: '', shelf: '', box: '', updated_at: now.toISOString() })
    .where('site_id', '=', siteId).where('id', 'in', ids).execute();
}

async function editableTransfer(ctx: OpContext, handoverId: string) {
  const h = await loadHandover(ctx.trx, requireSite(ctx), handoverId);
  if (h.kind !== 'transfer') throw new AppError('handovers.wrong_kind');
  if (h.status === 'signed') throw new AppError('handovers.signed_final', { number: h.number, version: h.version });
  return h;
}

export const transferOps = {
  'handovers.startTransfer': defineOp({
    input: z.object({ fromDept: dept, toDept: dept.optional(), items: z.array(itemLine).min(1).max(2000), notes: z.string().trim().max(2000).optional() }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const ids = i.items.map((x) => x.itemId).filter((x): x is string => !!x);
      const known = ids.length ? await ctx.trx.selectFrom('archive_item').select(['id', 'ref_code', 'title']).where('site_id', '=', siteId).where('id', 'in', ids).execute() : [];
      const items = i.items.map((x): TransferLine => {
        if (x.itemId) {
          const k = known.find((r) => r.id === x.itemId);
          if (!k) throw new AppError('archives.not_found');
          return { itemId: k.id, refCode: k.ref_code, title: k.title, count: 1, counted: null };
        }
        if (!x.name) throw new AppError('handovers.section_empty', { sectionZh: '移交清单', sectionEn: 'transfer list' });
        return { itemId: null, name: x.name, classCode: x.classCode ?? '', count: x.count ?? 1, counted: null };
      });
      const year = siteYear(ctx.now, ctx.settings.utcOffsetMinutes);
      const last = await ctx.trx.selectFrom('handover').select((eb) => eb.fn.max('seq').as('m')).where('site_id', '=', siteId).where('kind', '=', 'transfer').where('year', '=', year).where('version', '=', 1).executeTakeFirst();
      const seq = Number(last?.m ?? 0) + 1;
      const body: TransferBody = { fromDept: i.fromDept, toDept: i.toDept ?? ARCHIVE_ROOM, items, total: items.reduce((s, x) => s + x.count, 0), notes: i.notes ?? '' };
      const row = { ...newRow(siteId, ctx.now), kind: 'transfer' as const, year, seq, number: handoverNumber('transfer', year, seq), version: 1, replaces_id: null, reason: '', room_id: null, occupant_id: null,
        status: 'draft' as const, body: JSON.stringify(body), canonical: null, body_sha256: null, signed_at: null, created_by: requireSession(ctx).staffId };
      await ctx.trx.insertInto('handover').values(row).execute();
      return { id: row.id, number: row.number, total: body.total };
    },
  }),

  /** Counting on the spot: the count found for each line (and the departments, notes) saved on the draft. */
  'handovers.saveTransfer': defineOp({
    input: z.object({ id, fromDept: dept, toDept: dept, counted: z.array(z.number().int().min(0).max(100_000).nullable()).max(2000), notes: z.string().trim().max(2000) }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const h = await editableTransfer(ctx, i.id);
      const body = JSON.parse(h.body) as TransferBody;
      const items = body.items.map((line, n) => ({ ...line, counted: i.counted[n] ?? null }));
      const next: TransferBody = { ...body, fromDept: i.fromDept, toDept: i.toDept, notes: i.notes, items };
      await ctx.trx.updateTable('handover').set({ body: JSON.stringify(next), updated_at: ctx.now.toISOString() }).where('id', '=', h.id).execute();
      return { id: h.id, number: h.number };
    },
  }),

  /** What the departments still hold and when it is due at the archive room, oldest due first. */
  'handovers.transferDue': defineOp({
    input: z.object({}).optional(),
    access: 'archives.read',
    run: async (ctx) => transfersDue(ctx.trx, requireSite(ctx), siteDay(ctx.now, ctx.settings.utcOffsetMinutes)),
  }),

  /** The archivist marks a catalogue item a major-event paper (重大事件), or unmarks it: it is then due within a month of being formed. */
  'handovers.markMajorEvent': defineOp({
    input: z.object({ itemId: id, majorEvent: z.boolean() }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const r = await ctx.trx.updateTable('archive_item').set({ major_event: i.majorEvent ? 1 : 0, updated_at: ctx.now.toISOString() })
        .where('site_id', '=', requireSite(ctx)).where('id', '=', i.itemId).executeTakeFirst();
      if (!r.numUpdatedRows) throw new AppError('archives.not_found');
      return { itemId: i.itemId, majorEvent: i.majorEvent };
    },
  }),

  /** A catalogue item's custody after transfer: the signed lists that carried it. */
  'handovers.custody': defineOp({
    input: z.object({ itemId: id }),
    access: 'archives.read',
    run: async (ctx, i) => custodyOf(ctx.trx, requireSite(ctx), i.itemId),
  }),

  /**
   * Four signatures, each drawn on the pad or all four on paper with the signed sheet's scan
   * attached (and staff signing in on the spot either way); three (or the same person twice) is refused.
   */
  'handovers.signTransfer': defineOp({
    input: z.object({
      id,
      /** drawn: each signer on their pad; paper: the four signed the printed list, scanned once */
      method: z.enum(['drawn', 'paper']).default('drawn'),
      /** the scan of the signed list (PDF, PNG or JPEG), uploaded through db/files */
      uploadId: z.string().uuid().optional(),
      signers: z.array(z.object({
        role: z.enum(TRANSFER_ROLES),
        /** the signature drawn on the pad, as a PNG data URL */
        png: z.string().max(MAX_PNG_TEXT).optional(),
        /** a signer who has no account in this store: their name */
        name: z.string().trim().min(1).max(40).optional(),
        username: z.string().trim().min(1).max(40).optional(),
        password: z.string().min(1).max(200).optional(),
      })).max(4),
    }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const h = await editableTransfer(ctx, i.id);
      const paper = i.method === 'paper';
      const given = (r: (typeof TRANSFER_ROLES)[number]) => i.signers
        .find((s) => s.role === r && (paper || s.png) && (s.username || (s.name && r !== 'receiving')));
      const missing = TRANSFER_ROLES.filter((r) => !given(r));
      if (missing.length || i.signers.length !== 4) {
        throw new AppError('handovers.signatures_missing', { need: 4, missingZh: missing.map((r) => ROLE_NAMES[r].zh).join('、') || '—', missingEn: missing.map((r) => ROLE_NAMES[r].en).join(', ') || '—' });
      }
      if (paper && !i.uploadId) throw new AppError('handovers.scan_missing');
      const uncounted = (JSON.parse(h.body) as TransferBody).items.findIndex((x) => x.counted === null || x.counted === undefined);
      if (uncounted >= 0) throw new AppError('handovers.not_counted', { line: uncounted + 1 });
      const people: { role: (typeof TRANSFER_ROLES)[number]; id: string | null; name: string; png?: string }[] = [];
      for (const s of i.signers) {
        const p = s.username
          ? await attest(ctx, s.username, s.password ?? '', { permission: s.role === 'receiving' ? 'archives.write' : 'home.view', refusal: 'handovers.not_signer' })
          : { id: null, name: s.name! };
        if (people.some((x) => (p.id && x.id === p.id) || x.name === p.name)) throw new AppError('handovers.not_signer', { name: p.name });
        people.push({ role: s.role, id: p.id, name: p.name, png: s.png });
      }
      // on paper the one scanned sheet carries all four signatures: each signature points at it
      const scan = paper ? await storeSignature(ctx, { method: 'paper', name: '', uploadId: i.uploadId }) : null;
      const images: string[] = [];
      for (const p of people) images.push(scan ?? await keepDrawnSignature(ctx, p.png!));
      const at = ctx.now.toISOString();
      const sigs = people.map((p, n) => ({ role: p.role, signer_name: p.name, staff_id: p.id, method: i.method, image_sha256: images[n]! }));
      for (const sg of sigs) await ctx.trx.insertInto('handover_signature').values({ ...newRow(siteId, ctx.now), handover_id: h.id, ...sg, signed_at: at }).execute();
      const body = JSON.parse(h.body) as TransferBody;
      const canonical = stableJson({
        kind: h.kind, number: h.number, version: h.version, body, signedAt: at,
        signatures: sigs.map((sg) => ({ role: sg.role, name: sg.signer_name, staffId: sg.staff_id, method: sg.method, image: sg.image_sha256, at })),
      });
      const hash = sha256(canonical);
      await ctx.trx.updateTable('handover').set({ status: 'signed', canonical, body_sha256: hash, signed_at: at, updated_at: at }).where('id', '=', h.id).execute();
      await takeIntoCustody(ctx.trx, siteId, ctx.now, body);
      return { id: h.id, number: h.number, sha256: hash };
    },
  }),
};
