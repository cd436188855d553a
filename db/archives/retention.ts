import { sql } from 'kysely';
import { siteYear } from '../time/site-time.js';
import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { register, seesRestricted, veil } from './shared.js';

/**
 * Retention appraisal (鉴定). An item's period runs to the end of year + N; from the next
 * year it comes up on the appraisal list, never silently. The archivist may keep it (to be
 * looked at again in a later year) or propose destruction, which a manager approves. A
 * destroyed item keeps its row and its code for ever: codes are never reused.
 */
const RET_WORDS: Record<string, [string, string]> = { '30': ['30年', '30 years'], '25': ['25年', '25 years'], '15': ['15年', '15 years'], '10': ['10年', '10 years'], '5': ['5年', '5 years'] };

/** Items past their period (this year by the desk's clock) and not kept beyond it, with any pending proposal. */
export async function appraisalDue(ctx: OpContext, f: { limit: number; itemId?: string }) {
  const year = siteYear(ctx.now, ctx.settings.utcOffsetMinutes);
  let q = ctx.trx.selectFrom('archive_item as i')
    .leftJoin('archive_appraisal as a', (j) => j.onRef('a.item_id', '=', 'i.id').on('a.status', '=', 'pending'))
    .select(['i.id', 'i.ref_code', 'i.title', 'i.confidentiality', 'i.year', 'i.retention', 'i.status', 'a.id as pending_id', 'a.reason as pending_reason',
      sql<number>`i.year + CAST(i.retention AS INTEGER)`.as('until')])
    .where('i.site_id', '=', requireSite(ctx))
    .where('i.retention', '<>', 'permanent')
    .where('i.status', '<>', 'destroyed')
    .where(sql<boolean>`i.year + CAST(i.retention AS INTEGER) < ${year}`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('archive_appraisal as k').select('k.id')
      .whereRef('k.item_id', '=', 'i.id').where('k.decision', '=', 'keep').where('k.status', '=', 'approved').where('k.review_year', '>', year))));
  if (f.itemId) q = q.where('i.id', '=', f.itemId);
  return veil(await q.orderBy('i.year').orderBy('i.ref_code').limit(f.limit).execute(), seesRestricted(ctx));
}

export async function appraise(ctx: OpContext, i: { itemId: string; decision: 'keep' | 'destroy'; reason: string; keepYears?: number }) {
  const session = requireSession(ctx);
  const siteId = requireSite(ctx);
  const year = siteYear(ctx.now, ctx.settings.utcOffsetMinutes);
  const item = await ctx.trx.selectFrom('archive_item').selectAll().where('site_id', '=', siteId).where('id', '=', i.itemId).executeTakeFirst();
  if (!item) throw new AppError('archives.not_found');
  if (item.status === 'destroyed') throw new AppError('archives.destroyed', { code: item.ref_code });
  const [due] = await appraisalDue(ctx, { limit: 1, itemId: item.id });
  if (!due) {
    const until = item.retention === 'permanent' ? '—' : String(item.year + Number(item.retention));
    const [zh, en] = item.retention === 'permanent' ? ['永久', 'permanent'] : RET_WORDS[item.retention]!;
    throw new AppError('archives.not_due', { code: item.ref_code, retentionZh: zh, retentionEn: en, until });
  }
  if (due.pending_id) throw new AppError('archives.appraisal_pending', { code: item.ref_code });
  if (i.decision === 'destroy' && item.status === 'out') throw new AppError('archives.on_loan', { code: item.ref_code });
  const keep = i.decision === 'keep';
  const row = {
    ...newRow(siteId, ctx.now), item_id: item.id, decision: i.decision, reason: i.reason,
    review_year: keep ? year + (i.keepYears ?? 5) : null,
    status: keep ? 'approved' as const : 'pending' as const, proposed_by: session.staffId,
    decided_by: keep ? session.staffId : null, decided_at: keep ? ctx.now.toISOString() : null,
  };
  await ctx.trx.insertInto('archive_appraisal').values(row).execute();
  await register(ctx, item, keep ? 'kept' : 'destroy_proposed', { note: keep ? `${i.reason}（${row.review_year}）` : i.reason });
  return { id: row.id, status: row.status, reviewYear: row.review_year };
}

/** Pending destruction proposals for a manager to decide. */
export async function pendingDestructions(ctx: OpContext) {
  return ctx.trx.selectFrom('archive_appraisal as a').innerJoin('archive_item as i', 'i.id', 'a.item_id').innerJoin('staff as s', 's.id', 'a.proposed_by')
    .select(['a.id', 'a.item_id', 'i.ref_code', 'i.title', 'i.confidentiality', 'i.year', 'i.retention', 'a.reason', 'a.created_at', 's.display_name as proposed_by_name'])
    .where('a.site_id', '=', requireSite(ctx)).where('a.status', '=', 'pending').orderBy('a.created_at').execute()
    .then((rows) => veil(rows, seesRestricted(ctx)));
}

export async function decideDestruction(ctx: OpContext, i: { appraisalId: string; approve: boolean; note?: string }) {
  const session = requireSession(ctx);
  const a = await ctx.trx.selectFrom('archive_appraisal').selectAll().where('site_id', '=', requireSite(ctx)).where('id', '=', i.appraisalId)
    .where('status', '=', 'pending').executeTakeFirst();
  if (!a) throw new AppError('archives.appraisal_not_found');
  const item = await ctx.trx.selectFrom('archive_item').selectAll().where('id', '=', a.item_id).executeTakeFirstOrThrow();
  if (i.approve && item.status === 'out') throw new AppError('archives.on_loan', { code: item.ref_code });
  const at = ctx.now.toISOString();
  await ctx.trx.updateTable('archive_appraisal').set({ status: i.approve ? 'approved' : 'rejected', decided_by: session.staffId, decided_at: at, updated_at: at })
    .where('id', '=', a.id).execute();
  if (i.approve) await ctx.trx.updateTable('archive_item').set({ status: 'destroyed', updated_at: at }).where('id', '=', item.id).execute();
  await register(ctx, item, i.approve ? 'destroyed' : 'destroy_rejected', { note: [a.reason, i.note].filter(Boolean).join('；') });
  return { status: i.approve ? 'destroyed' as const : 'kept' as const };
}
