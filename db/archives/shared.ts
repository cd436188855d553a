import type { OpContext } from '../api/op.js';
import { requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { can } from '../auth/permissions.js';
import { AppError } from '../errors.js';
import type { RegisterEvent } from './tables.js';

/** Helpers the archive's operations share: opening an item as the caller may, and writing the register. */

/** Whether the caller may see restricted items: only the archive's own staff and its approvers. */
export function seesRestricted(ctx: OpContext): boolean {
  const role = requireSession(ctx).role;
  return can(role, 'archives.write') || can(role, 'archives.approve');
}

/** What a list shows instead of a restricted item's title to those who may not open it (both languages: it is data, printed and exported as is). */
export const VEILED_TITLE = '（限制级档案 · restricted item）';
/** A restricted item's columns that say what it is or where it lies; a register line's note may name its scans. */
const VEILED_COLUMNS = new Set(['remarks', 'location_room', 'cabinet', 'shelf', 'box', 'note']);

/**
 * Rows of a list, with every restricted item's title, remarks, location and notes veiled
 * unless the caller may open it: the item stays listed by its code, so it can be asked for.
 */
export function veil<T extends { confidentiality: string }>(rows: T[], sees: boolean): T[] {
  if (sees) return rows;
  return rows.map((row) => {
    if (row.confidentiality !== 'restricted') return row;
    const out: Record<string, unknown> = { ...row };
    for (const key of Object.keys(out)) {
      if (key === 'title') out[key] = VEILED_TITLE;
      else if (VEILED_COLUMNS.has(key)) out[key] = '';
    }
    return out as T;
  });
}

/** The item, if the caller may open it: restricted items open only for the archive's staff and approvers. */
export async function readableItem(ctx: OpContext, id: string) {
  const item = await ctx.trx.selectFrom('archive_item').selectAll().where('site_id', '=', requireSite(ctx)).where('id', '=', id).executeTakeFirst();
  if (!item) throw new AppError('archives.not_found');
  if (item.confidentiality === 'restricted' && !seesRestricted(ctx)) throw new AppError('archives.restricted');
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
