import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { attest } from '../auth/attest.js';
import { AppError } from '../errors.js';
import { roomAccount } from '../fees/account.js';
import { centiText, HISTORY, judgeReading, loadMeterItems, priceReading, readingCenti, WITHDRAWN, writeReading, type PastReading } from '../fees/meter-rules.js';
import { newRow } from '../api/rows.js';
import { followOccupancy, moveOut, saveOccupant } from '../registry/writes.js';
import { siteDay, siteMonth } from '../time/site-time.js';
import { lastMove, latestSigned, loadHandover } from './queries.js';
import { checkKeys, checklistChanges, METER_NAMES, missingKeys, moveInBody, moveOutBody, requireMoveIn, requireMoveOut, sectionEmpty, sha256, stableJson, type MoveInBody } from './rules.js';
import { MAX_PNG_TEXT, storeSignature } from './signatures.js';
import type { Handover } from './tables.js';

/**
 * Signing a unit handover: the required sections are checked, the occupant's signature
 * (drawn or on paper) is stored, the staff member signs by signing in on the spot, and
 * what the form sets in motion happens in the same transaction — a move-in registers the
 * occupant (by the registry's rules) and writes the base readings the next meter bill counts
 * from; a move-out writes the final readings and bills them, and moves the occupant out.
 * Then the canonical body (stable JSON) and its SHA-256 are kept and the row is final.
 */
const signInput = z.object({
  id: z.string().uuid(),
  /** how the occupant signed: on the canvas, or on paper (scanned); null until they have signed, and signing is refused naming the section */
  occupantMethod: z.enum(['drawn', 'paper']).nullable(),
  occupantName: z.string().trim().min(1).max(40).optional(),
  /** the canvas as a PNG data URL */
  occupantPng: z.string().max(MAX_PNG_TEXT).optional(),
  /** the scanned paper sheet, uploaded through db/files */
  occupantUploadId: z.string().uuid().optional(),
  staffUsername: z.string().trim().min(1).max(40),
  staffPassword: z.string().min(1).max(200),
});

type MeterLine = { meter: 'water' | 'electricity' | 'gas'; meterNo: string; reading: string };

async function history(ctx: OpContext, roomId: string, meter: string): Promise<PastReading[]> {
  return ctx.trx.selectFrom('meter_reading').select(['period', 'previous_centi', 'reading_centi', 'kind']).select(WITHDRAWN.as('withdrawn'))
    .where('room_id', '=', roomId).where('meter', '=', meter as MeterLine['meter']).orderBy('period', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(HISTORY).execute();
}

/** Base readings (表底): never below the last reading in force; nothing billed. */
async function writeBaseReadings(ctx: OpContext, roomId: string, meters: readonly MeterLine[], before: readonly MeterLine[]) {
  const siteId = requireSite(ctx);
  const off = ctx.settings.utcOffsetMinutes;
  const out: { meter: string; readingId: string; reading: string }[] = [];
  for (const m of meters) {
    if (m.reading === '') continue;
    if (before.some((b) => b.meter === m.meter && b.reading === m.reading)) continue; // a correction writes only what changed
    const value = readingCenti(m.reading);
    const last = (await history(ctx, roomId, m.meter)).find((h) => !h.withdrawn);
    if (last && value < last.reading_centi) throw new AppError('handovers.base_lower', { meterZh: METER_NAMES[m.meter].zh, meterEn: METER_NAMES[m.meter].en, reading: centiText(value), last: centiText(last.reading_centi) });
    const w = writeReading(ctx.store.raw, siteId, ctx.now, requireSession(ctx).staffId, {
      roomId, meter: m.meter, kind: 'base', period: siteMonth(ctx.now, off), readOn: siteDay(ctx.now, off), bill: null,
      judged: { previous: value, value, use: 0, baseline: true, jump: null },
    });
    out.push({ meter: m.meter, readingId: w.id, reading: m.reading });
  }
  return out;
}

/** Final readings: judged and billed by the fee rules, as kind final. */
async function writeFinalReadings(ctx: OpContext, room: { id: string; usage: string }, meters: readonly MeterLine[]) {
  const siteId = requireSite(ctx);
  const off = ctx.settings.utcOffsetMinutes;
  const period = siteMonth(ctx.now, off);
  const readOn = siteDay(ctx.now, off);
  const out: { meter: string; readingId: string; reading: string; use: string; billed: number }[] = [];
  for (const m of meters) {
    if (m.reading === '') continue;
    const judged = judgeReading({ day: readOn, month: period }, await history(ctx, room.id, m.meter), { period, readOn, value: readingCenti(m.reading), kind: 'final' });
    const items = judged.baseline || judged.use === 0 ? [] : await loadMeterItems(ctx.trx, siteId, m.meter);
    const r = priceReading(items, room.usage as never, { roomId: room.id, meter: m.meter, kind: 'final', period, readOn, judged });
    const w = writeReading(ctx.store.raw, siteId, ctx.now, requireSession(ctx).staffId, r);
    out.push({ meter: m.meter, readingId: w.id, reading: m.reading, use: centiText(judged.use), billed: w.bill?.amount ?? 0 });
  }
  return out;
}

async function signMoveIn(ctx: OpContext, h: Handover) {
  const siteId = requireSite(ctx);
  const body = moveInBody.parse(JSON.parse(h.body));
  checkKeys(body.keys);
  requireMoveIn(body);
  const room = await ctx.trx.selectFrom('room').select(['id', 'code']).where('id', '=', h.room_id!).executeTakeFirstOrThrow();
  let before: MoveInBody | null = null;
  let occupantId = h.occupant_id;
  const day = body.moveInDate ?? siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
  body.moveInDate = day;
  if (h.version === 1) {
    const last = await lastMove(ctx.trx, room.id);
    if (last?.kind === 'move_in') throw new AppError('handovers.room_occupied', { room: room.code, number: last.number });
    if (body.occupant.id) {
      const o = await ctx.trx.selectFrom('occupant').selectAll().where('id', '=', body.occupant.id).where('site_id', '=', siteId).executeTakeFirst();
      if (!o || o.room_id !== room.id || o.move_out) throw new AppError('handovers.occupant_elsewhere', { room: room.code });
      occupantId = o.id;
      await saveOccupant(ctx.trx, siteId, ctx.now, { id: o.id, roomId: room.id, kind: o.kind, name: o.name, phone: o.phone, phone2: o.phone2, moveIn: o.move_in ?? day, remarks: o.remarks });
    } else {
      occupantId = await saveOccupant(ctx.trx, siteId, ctx.now, {
        roomId: room.id, kind: body.occupant.kind, name: body.occupant.name, phone: body.occupant.phone, idType: body.occupant.idType, idNumber: body.occupant.idNumber, moveIn: day,
      });
      body.occupant.id = occupantId;
    }
    await followOccupancy(ctx.trx, siteId, ctx.now, room.id);
  } else {
    const prev = await loadHandover(ctx.trx, siteId, h.replaces_id!);
    before = JSON.parse(prev.body) as MoveInBody;
  }
  const readings = await writeBaseReadings(ctx, room.id, body.meters, before?.meters ?? []);
  return { body, occupantId, room: room.code, effects: { baseReadings: readings, roomState: (await ctx.trx.selectFrom('room').select('state').where('id', '=', room.id).executeTakeFirstOrThrow()).state } };
}

async function signMoveOut(ctx: OpContext, h: Handover) {
  const siteId = requireSite(ctx);
  const body = moveOutBody.parse(JSON.parse(h.body));
  checkKeys(body.keys);
  requireMoveOut(body);
  const room = await ctx.trx.selectFrom('room').select(['id', 'code', 'usage']).where('id', '=', h.room_id!).executeTakeFirstOrThrow();
  const last = await lastMove(ctx.trx, room.id);
  const moveIn = last?.kind === 'move_in' ? await latestSigned(ctx.trx, siteId, last.number) : undefined;
  let finals: Awaited<ReturnType<typeof writeFinalReadings>> = [];
  if (h.version === 1) {
    if (!moveIn) throw new AppError('handovers.no_move_in', { room: room.code });
    finals = await writeFinalReadings(ctx, room, body.meters);
    const o = await ctx.trx.selectFrom('occupant').select(['id', 'room_id', 'move_out']).where('id', '=', body.occupantId!).executeTakeFirst();
    if (!o || o.room_id !== room.id) throw new AppError('handovers.occupant_elsewhere', { room: room.code });
    body.moveOutDate = body.moveOutDate ?? siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
    if (!o.move_out) await moveOut(ctx.trx, siteId, ctx.now, o.id, body.moveOutDate);
    await followOccupancy(ctx.trx, siteId, ctx.now, room.id);
  }
  const owed = roomAccount(ctx.store.raw, siteId, room.id).totalOwed;
  const changes = moveIn ? checklistChanges((JSON.parse(moveIn.body) as MoveInBody).checklist, body.checklist) : [];
  const state = (await ctx.trx.selectFrom('room').select('state').where('id', '=', room.id).executeTakeFirstOrThrow()).state;
  return { body, occupantId: body.occupantId, room: room.code, effects: { finalReadings: finals, owed, missingKeys: missingKeys(body.keys), checklistChanges: changes, moveInNumber: moveIn?.number ?? '', roomState: state } };
}

export async function signHandover(ctx: OpContext, i: z.output<typeof signInput>) {
  const siteId = requireSite(ctx);
  const h = await loadHandover(ctx.trx, siteId, i.id);
  if (h.status === 'signed') throw new AppError('handovers.signed_final', { number: h.number, version: h.version });
  if (h.kind !== 'move_in' && h.kind !== 'move_out') throw new AppError('handovers.wrong_kind');
  // the sections first, then the signatures, then what the form sets in motion
  if (h.kind === 'move_in') requireMoveIn(moveInBody.parse(JSON.parse(h.body)));
  else requireMoveOut(moveOutBody.parse(JSON.parse(h.body)));
  if (!i.occupantMethod || !i.occupantName) throw sectionEmpty('occupantSignature');
  const occupant = { method: i.occupantMethod, name: i.occupantName, png: i.occupantPng, uploadId: i.occupantUploadId };
  const staff = await attest(ctx, i.staffUsername, i.staffPassword, { permission: 'handovers.write', refusal: 'handovers.not_signer' });
  const done = h.kind === 'move_in' ? await signMoveIn(ctx, h) : await signMoveOut(ctx, h);
  const at = ctx.now.toISOString();
  const image = await storeSignature(ctx, occupant);
  const sigs = [
    { role: 'occupant' as const, signer_name: occupant.name, staff_id: null, method: occupant.method, image_sha256: image },
    { role: 'staff' as const, signer_name: staff.name, staff_id: staff.id, method: 'attest' as const, image_sha256: null },
  ];
  for (const s of sigs) await ctx.trx.insertInto('handover_signature').values({ ...newRow(siteId, ctx.now), handover_id: h.id, ...s, signed_at: at }).execute();
  const site = await ctx.trx.selectFrom('site').select('code').where('id', '=', siteId).executeTakeFirstOrThrow();
  const canonical = stableJson({
    site: site.code, kind: h.kind, number: h.number, version: h.version, replaces: h.replaces_id, reason: h.reason, room: done.room,
    body: done.body, effects: done.effects, signedAt: at,
    signatures: sigs.map((s) => ({ role: s.role, name: s.signer_name, staffId: s.staff_id, method: s.method, image: s.image_sha256, at })),
  });
  const hash = sha256(canonical);
  await ctx.trx.updateTable('handover').set({ status: 'signed', body: JSON.stringify(done.body), occupant_id: done.occupantId, canonical, body_sha256: hash, signed_at: at, updated_at: at })
    .where('id', '=', h.id).execute();
  return { id: h.id, number: h.number, version: h.version, sha256: hash, effects: done.effects };
}

export const signOps = {
  /** Sign a move-in or move-out handover: occupant's signature, staff signing in on the spot. */
  'handovers.sign': defineOp({
    input: signInput,
    access: 'handovers.write',
    run: async (ctx, i) => signHandover(ctx, i),
  }),
};
