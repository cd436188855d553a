import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { invalidInput } from '../api/validation.js';
import { createCase } from '../complaints/workflow.js';
import { AppError } from '../errors.js';
import { siteDay, siteYear } from '../time/site-time.js';
import { handoverLists, lastMove, latestSigned, listFilterInput, listHandovers, loadHandover, openDraft, roomHistory, signaturesOf, storeFilter, versionsOf } from './queries.js';
import { bodySchema, checkKeys, checklistChanges, handoverNumber, METER_KINDS, missingKeys, moveInBody, type MoveInBody, type MoveOutBody } from './rules.js';
import { signatureImage } from './signatures.js';
import type { HandoverKind } from './tables.js';

/**
 * A handover document's life: started (numbered) from the room card or the 交接 area, saved as
 * a draft as often as needed, read back, listed, and corrected once signed (a new version).
 * Signing is in sign-ops.ts.
 */
const id = z.string().uuid();
const unitKind = z.enum(['move_in', 'move_out']);
const usage = z.enum(['', 'residential', 'shop', 'office', 'parking', 'other']);
const KIND_NAME: Record<HandoverKind, { zh: string; en: string }> = {
  move_in: { zh: '入伙交接', en: 'move-in handover' }, move_out: { zh: '迁出交接', en: 'move-out handover' },
  shift: { zh: '交接班', en: 'shift handover' }, transfer: { zh: '档案移交', en: 'archive transfer' },
};

async function roomOf(ctx: OpContext, roomId: string) {
  const room = await ctx.trx.selectFrom('room').select(['id', 'code', 'state', 'usage']).where('site_id', '=', requireSite(ctx)).where('id', '=', roomId).executeTakeFirst();
  if (!room) throw new AppError('registry.not_found', { whatZh: '房间', whatEn: 'room' });
  return room;
}

/** Insert a new document (version 1 takes the next number; a correction keeps its number). */
async function insertHandover(ctx: OpContext, h: { kind: HandoverKind; roomId: string | null; occupantId?: string | null; body: unknown; replaces?: { id: string; number: string; year: number; seq: number; version: number }; reason?: string }) {
  const siteId = requireSite(ctx);
  let year: number, seq: number;
  if (h.replaces) ({ year, seq } = h.replaces);
  else {
    year = siteYear(ctx.now, ctx.settings.utcOffsetMinutes);
    const last = await ctx.trx.selectFrom('handover').select((eb) => eb.fn.max('seq').as('m')).where('site_id', '=', siteId).where('kind', '=', h.kind).where('year', '=', year).where('version', '=', 1).executeTakeFirst();
    seq = Number(last?.m ?? 0) + 1;
  }
  const row = {
    ...newRow(siteId, ctx.now), kind: h.kind, year, seq, number: h.replaces?.number ?? handoverNumber(h.kind, year, seq), version: h.replaces ? h.replaces.version + 1 : 1,
    replaces_id: h.replaces?.id ?? null, reason: h.reason ?? '', room_id: h.roomId, occupant_id: h.occupantId ?? null, status: 'draft' as const,
    body: JSON.stringify(h.body), canonical: null, body_sha256: null, signed_at: null, created_by: requireSession(ctx).staffId,
  };
  await ctx.trx.insertInto('handover').values(row).execute();
  return { id: row.id, number: row.number, version: row.version };
}

/** The meter numbers last written on this room's forms, so the next form starts from them. */
async function lastMeterNos(ctx: OpContext, roomId: string): Promise<Record<string, string>> {
  const prev = await ctx.trx.selectFrom('handover').select('body').where('room_id', '=', roomId).where('status', '=', 'signed').orderBy('signed_at', 'desc').limit(1).executeTakeFirst();
  const out: Record<string, string> = {};
  if (prev) for (const m of (JSON.parse(prev.body) as { meters?: { meter: string; meterNo: string }[] }).meters ?? []) out[m.meter] = m.meterNo;
  return out;
}

async function startUnit(ctx: OpContext, kind: 'move_in' | 'move_out', roomId: string) {
  const siteId = requireSite(ctx);
  const room = await roomOf(ctx, roomId);
  const draft = await openDraft(ctx.trx, room.id, kind);
  if (draft) throw new AppError('handovers.draft_open', { room: room.code, number: draft.number, kindZh: KIND_NAME[kind].zh, kindEn: KIND_NAME[kind].en });
  const last = await lastMove(ctx.trx, room.id);
  const lists = await handoverLists(ctx.trx, siteId, room.usage);
  const meterNos = await lastMeterNos(ctx, room.id);
  const meters = METER_KINDS.map((meter) => ({ meter, meterNo: meterNos[meter] ?? '', reading: '' }));
  if (kind === 'move_in') {
    if (last?.kind === 'move_in') throw new AppError('handovers.room_occupied', { room: room.code, number: last.number });
    const body = moveInBody.parse({
      keys: lists.key.map((k) => ({ kind: k, count: 0, numbers: '' })),
      meters,
      checklist: lists.facility.map((item) => ({ item, condition: 'ok' })),
      documents: lists.document,
    });
    return insertHandover(ctx, { kind, roomId: room.id, body });
  }
  if (last?.kind !== 'move_in') throw new AppError('handovers.no_move_in', { room: room.code });
  const moveIn = await latestSigned(ctx.trx, siteId, last.number);
  const inBody = JSON.parse(moveIn!.body) as MoveInBody;
  const occupant = last.occupant_id ? await ctx.trx.selectFrom('occupant').select(['id', 'name']).where('id', '=', last.occupant_id).executeTakeFirst() : undefined;
  const body: MoveOutBody = {
    occupantId: occupant?.id ?? null, occupantName: occupant?.name ?? '',
    keys: inBody.keys.map((k) => ({ kind: k.kind, handed: k.count, count: k.count, numbers: k.numbers })),
    meters: inBody.meters.map((m) => ({ meter: m.meter, meterNo: m.meterNo, reading: '' })),
    checklist: inBody.checklist.map((c) => ({ item: c.item, condition: c.condition, remark: '', caseId: null, caseNo: '' })),
    moveOutDate: siteDay(ctx.now, ctx.settings.utcOffsetMinutes), remarks: '',
  };
  return insertHandover(ctx, { kind, roomId: room.id, occupantId: occupant?.id ?? null, body });
}

/** A draft, checked: only drafts change, and a body must fit its kind. */
async function editableDraft(ctx: OpContext, handoverId: string) {
  const h = await loadHandover(ctx.trx, requireSite(ctx), handoverId);
  if (h.status === 'signed') throw new AppError('handovers.signed_final', { number: h.number, version: h.version });
  return h;
}

export async function saveBody(ctx: OpContext, handoverId: string, body: unknown) {
  const h = await editableDraft(ctx, handoverId);
  const checked = bodySchema(h.kind).safeParse(body);
  if (!checked.success) throw invalidInput(new z.ZodError(checked.error.issues.map((i) => ({ ...i, path: ['body', ...i.path] }))));
  const parsed = checked.data;
  checkKeys(parsed.keys);
  await ctx.trx.updateTable('handover').set({ body: JSON.stringify(parsed), updated_at: ctx.now.toISOString() }).where('id', '=', h.id).execute();
  return { id: h.id, number: h.number, version: h.version };
}

/** Everything a form screen and a printout show, read back from the store. */
export async function handoverView(ctx: OpContext, handoverId: string) {
  const siteId = requireSite(ctx);
  const h = await loadHandover(ctx.trx, siteId, handoverId);
  const room = h.room_id ? await ctx.trx.selectFrom('room').select(['id', 'code', 'state', 'usage']).where('id', '=', h.room_id).executeTakeFirst() : undefined;
  const site = await ctx.trx.selectFrom('site').select(['name', 'code']).where('id', '=', siteId).executeTakeFirstOrThrow();
  const createdBy = await ctx.trx.selectFrom('staff').select('display_name').where('id', '=', h.created_by).executeTakeFirst();
  const body = JSON.parse(h.body) as Record<string, unknown>;
  let compare: { missingKeys: ReturnType<typeof missingKeys>; changes: ReturnType<typeof checklistChanges>; moveInNumber: string } | null = null;
  if (h.kind === 'move_out' && h.room_id) {
    // a signed move-out compares with the move-in it was signed against, not with a later occupant's
    const signedAgainst = h.canonical ? (JSON.parse(h.canonical) as { effects?: { moveInNumber?: string } }).effects?.moveInNumber : undefined;
    const moveIn = signedAgainst ? await latestSigned(ctx.trx, siteId, signedAgainst)
      : await ctx.trx.selectFrom('handover').select(['number', 'body']).where('room_id', '=', h.room_id).where('kind', '=', 'move_in')
        .where('status', '=', 'signed').orderBy('signed_at', 'desc').limit(1).executeTakeFirst();
    const out = body as unknown as MoveOutBody;
    compare = { moveInNumber: moveIn?.number ?? '', missingKeys: missingKeys(out.keys), changes: moveIn ? checklistChanges((JSON.parse(moveIn.body) as MoveInBody).checklist, out.checklist) : [] };
  }
  const incomingId = h.kind === 'shift' ? (body as { incomingId?: string | null }).incomingId : null;
  const incomingName = incomingId ? (await ctx.trx.selectFrom('staff').select('display_name').where('id', '=', incomingId).executeTakeFirst())?.display_name ?? '' : '';
  return {
    id: h.id, kind: h.kind, number: h.number, incomingName, version: h.version, status: h.status, reason: h.reason, replacesId: h.replaces_id,
    room: room ?? null, occupantId: h.occupant_id, body, createdAt: h.created_at, createdBy: createdBy?.display_name ?? '', createdById: h.created_by,
    signedAt: h.signed_at, bodySha256: h.body_sha256, canonical: h.canonical ? (JSON.parse(h.canonical) as Record<string, unknown>) : null,
    signatures: await signaturesOf(ctx.trx, h.id), versions: await versionsOf(ctx.trx, siteId, h.number), compare,
    site, utcOffsetMinutes: ctx.settings.utcOffsetMinutes,
  };
}

export const documentOps = {
  /** The site's lists for the forms: key kinds, the facilities checklist, documents handed over. */
  'handovers.lists': defineOp({
    input: z.object({ usage: usage.optional() }).optional(),
    access: 'handovers.read',
    run: async (ctx, i) => handoverLists(ctx.trx, requireSite(ctx), i?.usage ?? ''),
  }),

  /** Replace one of the site's lists (names kept in order; names left out are retired, never deleted). */
  'handovers.saveList': defineOp({
    input: z.object({ list: z.enum(['key', 'facility', 'document']), usage: usage.default(''), names: z.array(z.string().trim().min(1).max(30)).min(1).max(60) }),
    access: 'settings.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const at = ctx.now.toISOString();
      const have = await ctx.trx.selectFrom('handover_list_item').select(['id', 'name', 'sort', 'active']).where('site_id', '=', siteId).where('list', '=', i.list)
        .where('usage', '=', i.usage).execute();
      const names = [...new Set(i.names)];
      for (const [sort, name] of names.entries()) {
        const row = have.find((r) => r.name === name);
        if (!row) await ctx.trx.insertInto('handover_list_item').values({ ...newRow(siteId, ctx.now), list: i.list, usage: i.usage, name, sort, active: 1 }).execute();
        else if (row.sort !== sort || !row.active) await ctx.trx.updateTable('handover_list_item').set({ sort, active: 1, updated_at: at }).where('id', '=', row.id).execute();
      }
      for (const r of have.filter((r) => r.active && !names.includes(r.name))) await ctx.trx.updateTable('handover_list_item').set({ active: 0, updated_at: at }).where('id', '=', r.id).execute();
      return handoverLists(ctx.trx, siteId, i.usage);
    },
  }),

  /** Start a move-in or move-out handover for a room: numbered now, filled in from the store. */
  'handovers.start': defineOp({
    input: z.object({ kind: unitKind, roomId: id }),
    access: 'handovers.write',
    run: async (ctx, i) => startUnit(ctx, i.kind, i.roomId),
  }),

  /** Save a draft (as often as needed); a signed handover is refused. */
  'handovers.save': defineOp({
    input: z.object({ id, body: z.looseObject({}) }),
    access: 'handovers.write',
    run: async (ctx, i) => saveBody(ctx, i.id, i.body),
  }),

  'handovers.get': defineOp({
    input: z.object({ id }),
    access: 'handovers.read',
    run: async (ctx, i) => handoverView(ctx, i.id),
  }),

  'handovers.list': defineOp({
    input: listFilterInput,
    access: 'handovers.read',
    run: async (ctx, i) => listHandovers(ctx.trx, requireSite(ctx), storeFilter(i, ctx.settings.utcOffsetMinutes)),
  }),

  /** The room card's 交接记录: every handover of the room, every version. */
  'handovers.roomHistory': defineOp({
    input: z.object({ roomId: id }),
    access: 'handovers.read',
    run: async (ctx, i) => roomHistory(ctx.trx, requireSite(ctx), i.roomId),
  }),

  /** Correct a signed handover: a new draft version under the same number, with the reason. */
  'handovers.correct': defineOp({
    input: z.object({ id, reason: z.string().trim().min(2).max(200) }),
    access: 'handovers.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const h = await loadHandover(ctx.trx, siteId, i.id);
      if (h.status !== 'signed') throw new AppError('handovers.not_signed', { number: h.number });
      const next = await ctx.trx.selectFrom('handover').select('id').where('replaces_id', '=', h.id).executeTakeFirst();
      if (next) throw new AppError('handovers.already_corrected', { number: h.number, version: h.version });
      return insertHandover(ctx, { kind: h.kind, roomId: h.room_id, occupantId: h.occupant_id, body: JSON.parse(h.body), reason: i.reason, replaces: { id: h.id, number: h.number, year: h.year, seq: h.seq, version: h.version } });
    },
  }),

  /** A signature's image (drawn, or the scanned paper sheet) as a data URL. */
  'handovers.image': defineOp({
    input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    access: 'handovers.read',
    run: async (ctx, i) => {
      const known = await ctx.trx.selectFrom('handover_signature').select('id').where('site_id', '=', requireSite(ctx)).where('image_sha256', '=', i.sha256).executeTakeFirst();
      if (!known) throw new AppError('handovers.image_missing');
      return { dataUrl: await signatureImage(ctx, i.sha256) };
    },
  }),

  /** A defective or missing facility on a draft opens a repair case in the complaint ledger, linked back to the line. */
  'handovers.openRepair': defineOp({
    input: z.object({ id, index: z.number().int().min(0).max(59) }),
    access: 'handovers.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const h = await editableDraft(ctx, i.id);
      if (h.kind !== 'move_in' && h.kind !== 'move_out') throw new AppError('handovers.wrong_kind');
      const body = JSON.parse(h.body) as MoveInBody | MoveOutBody;
      const line = body.checklist[i.index];
      if (!line || line.condition === 'ok') throw new AppError('handovers.not_defect');
      if (line.caseId) return { caseId: line.caseId, caseNo: line.caseNo };
      const room = h.room_id ? await roomOf(ctx, h.room_id) : null;
      const who = 'occupant' in body ? body.occupant.name : body.occupantName;
      const cond = line.condition === 'defect' ? '有缺陷' : '缺失';
      const made = createCase({ siteId, staffId: requireSession(ctx).staffId, now: ctx.now, conn: ctx.store.raw }, {
        kind: 'repair', channel: 'visit', roomId: room?.id ?? null, complainant: who || '住户', category: 'inunit', severity: 'ordinary',
        matter: `${h.number} 交接：${line.item}${cond}${line.remark ? `（${line.remark}）` : ''}`,
      });
      line.caseId = made.id;
      line.caseNo = made.caseNo;
      await ctx.trx.updateTable('handover').set({ body: JSON.stringify(body), updated_at: ctx.now.toISOString() }).where('id', '=', h.id).execute();
      return { caseId: made.id, caseNo: made.caseNo };
    },
  }),
};
