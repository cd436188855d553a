import { sql } from 'kysely';
import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { can } from '../auth/permissions.js';
import { AppError } from '../errors.js';
import { ROLE_NAMES } from '../i18n/roles.js';
import type { RequestKind, ReturnCondition } from './tables.js';
import { KIND_WORDS, STATUS_WORDS, readableItem, register, seesRestricted, veil } from './shared.js';
import { monthRange, siteDay } from '../time/site-time.js';

/**
 * Access to the archive (档案资料管理制度): reading, borrowing and copying each need a request on
 * the 审批表 (who, which items, why) approved by a leader; the archivist then records the
 * reading or copying, or lends the file with the request's due date and takes it back,
 * noting its condition. Everything lands in the register. The centre head may read
 * without a request; the reading is still registered.
 */
export interface RequestInput {
  kind: RequestKind;
  requester: string;
  requesterUnit?: string;
  purpose: string;
  dueOn?: string | null;
  itemIds: string[];
}

export async function createRequest(ctx: OpContext, i: RequestInput) {
  const siteId = requireSite(ctx);
  const session = requireSession(ctx);
  if (i.kind === 'borrow' && !i.dueOn) throw new AppError('archives.due_required');
  if (i.dueOn && i.dueOn < siteDay(ctx.now, ctx.settings.utcOffsetMinutes)) throw new AppError('archives.bad_due', { due: i.dueOn });
  const items = [];
  for (const id of new Set(i.itemIds)) {
    // not readableItem: a restricted item is exactly what needs a request
    const item = await ctx.trx.selectFrom('archive_item').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
    if (!item) throw new AppError('archives.not_found');
    if (item.status === 'destroyed') throw new AppError('archives.destroyed', { code: item.ref_code });
    items.push(item);
  }
  const row = {
    ...newRow(siteId, ctx.now),
    kind: i.kind, requester: i.requester, requester_unit: i.requesterUnit ?? '', purpose: i.purpose,
    due_on: i.kind === 'borrow' ? i.dueOn! : null, status: 'pending' as const, entered_by: session.staffId,
    decided_by: null, decided_at: null, decision_note: '',
  };
  await ctx.trx.insertInto('archive_request').values(row).execute();
  for (const item of items) {
    await ctx.trx.insertInto('archive_request_item').values({ ...newRow(siteId, ctx.now), request_id: row.id, item_id: item.id }).execute();
    await register(ctx, item, 'requested', { requestId: row.id, person: i.requester, note: i.purpose });
  }
  return { id: row.id };
}

async function requestOf(ctx: OpContext, id: string) {
  const r = await ctx.trx.selectFrom('archive_request').selectAll().where('site_id', '=', requireSite(ctx)).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('archives.request_not_found');
  return r;
}

async function requestItems(ctx: OpContext, requestId: string) {
  return ctx.trx.selectFrom('archive_request_item as ri').innerJoin('archive_item as i', 'i.id', 'ri.item_id')
    .select(['i.id', 'i.ref_code', 'i.title', 'i.status', 'i.confidentiality',
      // a borrow request lends each item once: after it is back, another loan needs another request
      (eb) => eb.exists(eb.selectFrom('archive_loan as l').select('l.id').whereRef('l.request_id', '=', 'ri.request_id').whereRef('l.item_id', '=', 'ri.item_id')).as('lent')])
    .where('ri.request_id', '=', requestId).orderBy('i.ref_code').execute();
}

export async function decideRequest(ctx: OpContext, i: { requestId: string; approve: boolean; note?: string }) {
  const session = requireSession(ctx);
  const r = await requestOf(ctx, i.requestId);
  if (r.status !== 'pending') throw new AppError('archives.request_decided', { statusZh: STATUS_WORDS[r.status][0], statusEn: STATUS_WORDS[r.status][1] });
  const status = i.approve ? 'approved' as const : 'rejected' as const;
  await ctx.trx.updateTable('archive_request')
    .set({ status, decided_by: session.staffId, decided_at: ctx.now.toISOString(), decision_note: i.note ?? '', updated_at: ctx.now.toISOString() })
    .where('id', '=', r.id).execute();
  for (const item of await requestItems(ctx, r.id)) await register(ctx, item, status, { requestId: r.id, person: r.requester, note: i.note ?? '' });
  return { status };
}

/** An approved request of the right kind that names the item. */
async function approvedFor(ctx: OpContext, requestId: string, want: RequestKind, itemId: string) {
  const r = await requestOf(ctx, requestId);
  if (r.status !== 'approved') throw new AppError('archives.request_not_approved', { statusZh: STATUS_WORDS[r.status][0], statusEn: STATUS_WORDS[r.status][1] });
  if (r.kind !== want) {
    throw new AppError('archives.request_wrong_kind', { kindZh: KIND_WORDS[r.kind][0], kindEn: KIND_WORDS[r.kind][1], wantZh: KIND_WORDS[want][0], wantEn: KIND_WORDS[want][1] });
  }
  const item = await readableItem(ctx, itemId);
  const on = await ctx.trx.selectFrom('archive_request_item').select('id').where('request_id', '=', r.id).where('item_id', '=', itemId).executeTakeFirst();
  if (!on) throw new AppError('archives.not_in_request', { code: item.ref_code });
  if (item.status === 'destroyed') throw new AppError('archives.destroyed', { code: item.ref_code });
  return { r, item };
}

/** Register a reading or a copying: on an approved request, or (reading only) by the centre head in person. */
export async function recordUse(ctx: OpContext, i: { itemIds: string[]; event: 'read' | 'copied'; requestId?: string | null; note?: string }) {
  const session = requireSession(ctx);
  const want: RequestKind = i.event === 'read' ? 'read' : 'copy';
  for (const id of new Set(i.itemIds)) {
    if (i.requestId) {
      if (!can(session.role, 'archives.write')) throw new AppError('auth.forbidden', { role: session.role, roleZh: ROLE_NAMES[session.role]['zh-CN'], roleEn: ROLE_NAMES[session.role]['en-US'] });
      const { r, item } = await approvedFor(ctx, i.requestId, want, id);
      await register(ctx, item, i.event, { requestId: r.id, person: r.requester, note: i.note ?? '' });
    } else {
      if (session.role !== 'manager' || i.event !== 'read') throw new AppError('archives.needs_request');
      const item = await readableItem(ctx, id);
      if (item.status === 'destroyed') throw new AppError('archives.destroyed', { code: item.ref_code });
      await register(ctx, item, 'read', { person: session.displayName, note: i.note ?? '' });
    }
  }
  return null;
}

async function openLoan(ctx: OpContext, itemId: string) {
  return ctx.trx.selectFrom('archive_loan').selectAll().where('item_id', '=', itemId).where('returned_at', 'is', null).executeTakeFirst();
}

export async function lend(ctx: OpContext, i: { requestId: string; itemId: string }) {
  const session = requireSession(ctx);
  const { r, item } = await approvedFor(ctx, i.requestId, 'borrow', i.itemId);
  const out = await openLoan(ctx, item.id);
  if (out || item.status === 'out') throw new AppError('archives.already_out', { code: item.ref_code, borrower: out?.borrower ?? '?', due: out?.due_on ?? '?' });
  const before = await ctx.trx.selectFrom('archive_loan').select('id').where('request_id', '=', r.id).where('item_id', '=', item.id).executeTakeFirst();
  if (before) throw new AppError('archives.request_used', { code: item.ref_code });
  const row = {
    ...newRow(requireSite(ctx), ctx.now), item_id: item.id, request_id: r.id, borrower: r.requester, lent_by: session.staffId,
    lent_at: ctx.now.toISOString(), due_on: r.due_on!, returned_at: null, returned_by: null, return_condition: null, return_note: '',
  };
  await ctx.trx.insertInto('archive_loan').values(row).execute();
  await ctx.trx.updateTable('archive_item').set({ status: 'out', updated_at: ctx.now.toISOString() }).where('id', '=', item.id).execute();
  await register(ctx, item, 'lent', { requestId: r.id, person: r.requester, note: r.due_on! });
  return { loanId: row.id, dueOn: row.due_on };
}

export async function returnItem(ctx: OpContext, i: { itemId: string; condition: ReturnCondition; note?: string }) {
  const session = requireSession(ctx);
  const item = await readableItem(ctx, i.itemId);
  const loan = await openLoan(ctx, item.id);
  if (!loan) throw new AppError('archives.not_lent', { code: item.ref_code });
  const at = ctx.now.toISOString();
  await ctx.trx.updateTable('archive_loan')
    .set({ returned_at: at, returned_by: session.staffId, return_condition: i.condition, return_note: i.note ?? '', updated_at: at })
    .where('id', '=', loan.id).execute();
  await ctx.trx.updateTable('archive_item').set({ status: 'in', updated_at: at }).where('id', '=', item.id).execute();
  await register(ctx, item, 'returned', { requestId: loan.request_id, person: loan.borrower, note: [i.condition, i.note].filter(Boolean).join('：') });
  return { overdue: siteDay(ctx.now, ctx.settings.utcOffsetMinutes) > loan.due_on };
}

export async function listRequests(ctx: OpContext, f: { status?: 'pending' | 'approved' | 'rejected'; limit: number }) {
  let q = ctx.trx.selectFrom('archive_request as r').innerJoin('staff as e', 'e.id', 'r.entered_by').leftJoin('staff as d', 'd.id', 'r.decided_by')
    .select(['r.id', 'r.kind', 'r.requester', 'r.requester_unit', 'r.purpose', 'r.due_on', 'r.status', 'r.created_at', 'r.decided_at', 'r.decision_note',
      'e.display_name as entered_by_name', 'd.display_name as decided_by_name'])
    .where('r.site_id', '=', requireSite(ctx));
  if (f.status) q = q.where('r.status', '=', f.status);
  const requests = await q.orderBy('r.created_at', 'desc').limit(f.limit).execute();
  const out = [];
  const sees = seesRestricted(ctx);
  for (const r of requests) out.push({ ...r, items: veil(await requestItems(ctx, r.id), sees) });
  return out;
}

/** Loans still out, oldest due first, each saying whether it is overdue today. */
export async function listLoans(ctx: OpContext, f: { overdueOnly?: boolean }) {
  const today = siteDay(ctx.now, ctx.settings.utcOffsetMinutes);
  let q = ctx.trx.selectFrom('archive_loan as l').innerJoin('archive_item as i', 'i.id', 'l.item_id')
    .select(['l.id', 'l.item_id', 'i.ref_code', 'i.title', 'i.confidentiality', 'l.borrower', 'l.lent_at', 'l.due_on', 'l.request_id'])
    .where('l.site_id', '=', requireSite(ctx)).where('l.returned_at', 'is', null);
  if (f.overdueOnly) q = q.where('l.due_on', '<', today);
  const loans = await q.orderBy('l.due_on').execute();
  return veil(loans, seesRestricted(ctx)).map((l) => ({ ...l, overdue: l.due_on < today }));
}

/** The register newest first: of one item, or of one month in the site's calendar. */
export async function listRegister(ctx: OpContext, f: { itemId?: string; month?: string; limit: number }) {
  let q = ctx.trx.selectFrom('archive_register as g').innerJoin('staff as s', 's.id', 'g.staff_id').innerJoin('archive_item as i', 'i.id', 'g.item_id')
    .select(['g.id', 'g.at', 'g.ref_code', 'i.title', 'i.confidentiality', 'g.event', 'g.person', 'g.note', 'g.request_id', 's.display_name as staff_name'])
    .where('g.site_id', '=', requireSite(ctx));
  if (f.itemId) q = q.where('g.item_id', '=', f.itemId);
  if (f.month) {
    const { from, to } = monthRange(f.month, ctx.settings.utcOffsetMinutes);
    q = q.where('g.at', '>=', from).where('g.at', '<', to);
  }
  return veil(await q.orderBy('g.at', 'desc').orderBy(sql`g.rowid`, 'desc').limit(f.limit).execute(), seesRestricted(ctx));
}

/** Where an item is if it is out: who has it and until when. */
export async function whereIs(ctx: OpContext, itemId: string) {
  const l = await openLoan(ctx, itemId);
  return l ? { borrower: l.borrower, dueOn: l.due_on, lentAt: l.lent_at, overdue: l.due_on < siteDay(ctx.now, ctx.settings.utcOffsetMinutes) } : null;
}
