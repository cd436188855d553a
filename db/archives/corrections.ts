import { newRow } from '../api/rows.js';
import { requireSession, requireSite, type OpContext } from '../api/op.js';
import { AppError } from '../errors.js';
import type { ArchiveItemTable, CorrectedField, CorrectionChanges, CorrectionKind } from './tables.js';

/** What may be corrected of a filed item; never its code (category, class, department, sequence). */
export type ItemCorrection = Partial<Pick<ArchiveItemTable, CorrectedField>>;

type Item = Pick<ArchiveItemTable, 'id' | 'ref_code' | 'status' | CorrectedField>;

/** The fields that really change, each with its value before and after. */
export function changesOf(item: Item, wanted: ItemCorrection): CorrectionChanges {
  const changes: CorrectionChanges = {};
  for (const [field, value] of Object.entries(wanted) as [CorrectedField, string | number | null | undefined][]) {
    if (value === undefined || item[field] === value) continue;
    changes[field] = [item[field], value];
  }
  return changes;
}

/**
 * Corrects or moves items, each in its own row of archive_correction (fields before and
 * after, why, who), in the operation's one transaction: a refused item leaves every item
 * as it was. A destroyed item cannot be changed; its retention cannot be changed once an
 * appraisal has been made of it (the appraisal decided on the retention it had).
 */
export async function correctItems(
  ctx: OpContext, kind: CorrectionKind, itemIds: readonly string[], wanted: ItemCorrection, reason: string,
): Promise<{ changed: number }> {
  const siteId = requireSite(ctx);
  const staffId = requireSession(ctx).staffId;
  const items = await ctx.trx.selectFrom('archive_item')
    .select(['id', 'ref_code', 'status', 'title', 'year', 'produced_on', 'retention', 'piece_count', 'remarks', 'location_room', 'cabinet', 'shelf', 'box'])
    .where('site_id', '=', siteId).where('id', 'in', [...itemIds]).execute();
  if (items.length !== new Set(itemIds).size) throw new AppError('archives.not_found');
  let changed = 0;
  for (const item of items) {
    if (item.status === 'destroyed') throw new AppError('archives.destroyed', { code: item.ref_code });
    const changes = changesOf(item, wanted);
    if (changes.retention) {
      const appraised = await ctx.trx.selectFrom('archive_appraisal').select('id').where('item_id', '=', item.id).executeTakeFirst();
      if (appraised) throw new AppError('archives.retention_appraised', { code: item.ref_code });
    }
    const fields = Object.keys(changes) as CorrectedField[];
    if (!fields.length) continue;
    await ctx.trx.updateTable('archive_item')
      .set({ ...Object.fromEntries(fields.map((f) => [f, changes[f]![1]])), updated_at: ctx.now.toISOString() })
      .where('id', '=', item.id).execute();
    await ctx.trx.insertInto('archive_correction').values({
      ...newRow(siteId, ctx.now), item_id: item.id, kind, changes: JSON.stringify(changes), reason, done_by: staffId,
    }).execute();
    changed++;
  }
  if (!changed) throw new AppError('archives.nothing_changed');
  return { changed };
}

/** An item's corrections and moves, newest first, with who made them. */
export async function correctionsOf(ctx: OpContext, itemId: string) {
  const rows = await ctx.trx.selectFrom('archive_correction as c').leftJoin('staff as s', 's.id', 'c.done_by')
    .select(['c.id', 'c.kind', 'c.changes', 'c.reason', 'c.created_at as at', 's.display_name as by'])
    .where('c.item_id', '=', itemId).orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as CorrectionChanges }));
}
