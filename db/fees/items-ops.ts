import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { parsePrice } from './money.js';
import { localMonth } from '../api/schemas.js';
import { headOfficeOwned } from '../sync/reference.js';

/**
 * Fee items and their rates (admin). A rate is never edited: a new price is a new row
 * valid from a month on, and bills already issued keep the price they were issued at
 * (each bill line stores its own price), so a rate change never alters them.
 */
const text = (max: number) => z.string().trim().max(max);
export const period = localMonth;
const priceText = z.string().trim().max(12).regex(/^\d{1,6}(\.\d{1,4})?$/, 'a price with at most four decimals');

export const itemOps = {
  'fees.items': defineOp({
    input: z.object({}).optional(),
    access: 'fees.read',
    run: async (ctx) => {
      const siteId = requireSite(ctx);
      const items = await ctx.trx.selectFrom('fee_item').selectAll().where('site_id', '=', siteId).orderBy('code').execute();
      const rates = await ctx.trx.selectFrom('fee_rate').select(['id', 'item_id', 'valid_from', 'price_e4']).where('site_id', '=', siteId).orderBy('valid_from', 'desc').execute();
      const fromHeadOffice = headOfficeOwned(ctx.store.raw, 'fee_item', items.map((i) => i.id)); // head office's to change, not the site's
      return items.map((i) => ({ ...i, fromHeadOffice: fromHeadOffice.has(i.id), rates: rates.filter((r) => r.item_id === i.id) }));
    },
  }),

  /** Add an item or rename / retire one. Its kind never changes once bills may refer to it. */
  'fees.saveItem': defineOp({
    input: z.object({
      id: z.string().uuid().optional(),
      code: text(16).min(1).regex(/^[0-9A-Za-z_-]+$/).transform((s) => s.toUpperCase()),
      name: text(40).min(1),
      kind: z.enum(['area', 'metered', 'fixed', 'oneoff', 'deposit']),
      meter: z.enum(['water', 'electricity', 'gas']).nullable().optional(),
      unit: text(8).optional(),
      appliesTo: z.enum(['all', 'residential', 'shop', 'office', 'parking', 'other']).optional(),
      active: z.boolean().default(true),
      /** a new item's first price, from this month on (the same as fees.addRate, in the same step) */
      firstRate: z.object({ validFrom: period, price: priceText }).optional(),
    }),
    access: 'settings.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const meter = i.kind === 'metered' ? i.meter ?? null : null;
      if (i.kind === 'metered' && !meter) throw new AppError('fees.meter_required');
      const values = { code: i.code, name: i.name, unit: i.unit ?? '', applies_to: i.appliesTo ?? 'all', active: i.active ? 1 : 0 };
      const clash = await ctx.trx.selectFrom('fee_item').select('id').where('site_id', '=', siteId).where('code', '=', i.code).executeTakeFirst();
      if (clash && clash.id !== i.id) throw new AppError('fees.duplicate_item', { code: i.code });
      if (!i.id) {
        const row = { ...newRow(siteId, ctx.now), kind: i.kind, meter, ...values };
        await ctx.trx.insertInto('fee_item').values(row).execute();
        if (i.firstRate) {
          await ctx.trx.insertInto('fee_rate').values({
            ...newRow(siteId, ctx.now), item_id: row.id, valid_from: i.firstRate.validFrom, price_e4: parsePrice(i.firstRate.price)!, created_by: requireSession(ctx).staffId,
          }).execute();
        }
        return { id: row.id };
      }
      const existing = await ctx.trx.selectFrom('fee_item').selectAll().where('site_id', '=', siteId).where('id', '=', i.id).executeTakeFirst();
      if (!existing) throw new AppError('fees.not_found', { whatZh: '收费项目', whatEn: 'fee item' });
      if (existing.kind !== i.kind || existing.meter !== meter) throw new AppError('fees.kind_fixed');
      await ctx.trx.updateTable('fee_item').set({ ...values, updated_at: ctx.now.toISOString() }).where('id', '=', i.id).execute();
      return { id: i.id };
    },
  }),

  /** A new price from a month on. Not before a month already billed for this item: issued bills stay as issued. */
  'fees.addRate': defineOp({
    input: z.object({
      itemId: z.string().uuid(),
      validFrom: period,
      price: priceText,
    }),
    access: 'settings.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const item = await ctx.trx.selectFrom('fee_item').select(['id']).where('site_id', '=', siteId).where('id', '=', i.itemId).executeTakeFirst();
      if (!item) throw new AppError('fees.not_found', { whatZh: '收费项目', whatEn: 'fee item' });
      // Billed already from that month on? Asked of the periods from validFrom (bill_period's
      // range: a month or two at most), not of the item's five years of bills (a 2 s scan).
      const billed = await ctx.trx.selectFrom('bill').select((eb) => eb.fn.max('period').as('p'))
        .where('site_id', '=', siteId).where('period', '>=', i.validFrom).where('item_id', '=', i.itemId).executeTakeFirst();
      if (billed?.p && i.validFrom <= billed.p) throw new AppError('fees.rate_backdated', { period: i.validFrom, billed: billed.p });
      const same = await ctx.trx.selectFrom('fee_rate').select('id').where('item_id', '=', i.itemId).where('valid_from', '=', i.validFrom).executeTakeFirst();
      if (same) throw new AppError('fees.rate_exists', { period: i.validFrom });
      const row = { ...newRow(siteId, ctx.now), item_id: i.itemId, valid_from: i.validFrom, price_e4: parsePrice(i.price)!, created_by: requireSession(ctx).staffId };
      await ctx.trx.insertInto('fee_rate').values(row).execute();
      return { id: row.id };
    },
  }),
};
