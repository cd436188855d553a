import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { can } from '../auth/permissions.js';
import { AppError } from '../errors.js';
import type { RegisterEvent } from './tables.js';

/** Helpers the archive's operations share: opening an item as the caller may, and writing the register. */

/** The item, if the caller may open it: restricted items open only for the archive's staff and approvers. */
export async function readableItem(ctx: OpContext, id: string) {
  const item = await ctx.trx.selectFrom('archive_item').selectAll().where('site_id', '=', requireSite(ctx)).where('id', '=', id).executeTakeFirst();
  if (!item) throw new AppError('archives.not_found');
  const role = requireSession(ctx).role;
  if (item.confidentiality === 'restricted' && !can(role, 'archives.write') && !can(role, 'archives.approve')) throw new AppError('archives.restricted');
  return item;
}

/** One line in the register (登记表), by the signed-in member of staff, at the app's clock. */
export async function register(
  ctx: OpContext,
  item: { id: string; ref_code: string },
  event: RegisterEvent,
  more: { requestId?: string | null; person?: string; note?: string } = {},
): Promise<void> {
  await ctx.trx.insertInto('archive_register').values({
    ...newRow(requireSite(ctx), ctx.now),
    item_id: item.id,
    ref_code: item.ref_code,
    event,
    request_id: more.requestId ?? null,
    person: more.person ?? '',
    note: more.note ?? '',
    staff_id: requireSession(ctx).staffId,
    at: ctx.now.toISOString(),
  }).execute();
}


export const STATUS_WORDS = {
  pending: ['待审批', 'pending'],
  approved: ['批准', 'approved'],
  rejected: ['驳回', 'rejected'],
} as const;

export const KIND_WORDS = {
  read: ['查阅', 'reading'],
  borrow: ['借阅', 'borrowing'],
  copy: ['复印', 'copying'],
} as const;
