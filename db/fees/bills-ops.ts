import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { AppError } from '../errors.js';
import { roomAccount } from './account.js';
import { period } from './items-ops.js';
import { formatYuan, MAX_FEN } from './money.js';
import { monthsBetween, periodEnd } from './rules.js';
import { siteMonth } from '../time/site-time.js';

/**
 * Period bills (核发): every active area and fixed item, at the rate valid for the period,
 * for every room of the site or one building. Previewable; committing twice creates nothing
 * new (a partial unique index holds one generated line per room, item and period).
 */

/** The lines a period would add: every room × active item with a price then, not billed yet. */
const CANDIDATES = `
  WITH item_rate AS (
    SELECT i.id AS item_id, i.kind, i.applies_to,
      (SELECT fr.price_e4 FROM fee_rate fr WHERE fr.item_id = i.id AND fr.valid_from <= @period ORDER BY fr.valid_from DESC LIMIT 1) AS price
    FROM fee_item i WHERE i.site_id = @site AND i.active = 1 AND i.kind IN ('area', 'fixed'))
  SELECT r.id AS room_id, ir.item_id, CASE ir.kind WHEN 'area' THEN r.area_centi ELSE 100 END AS q, ir.price
  FROM room r JOIN item_rate ir ON ir.price IS NOT NULL AND (ir.applies_to = 'all' OR ir.applies_to = r.usage)
  WHERE r.site_id = @site AND (@building IS NULL OR r.building_id = @building)
    AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.period = @period AND b.item_id = ir.item_id AND b.room_id = r.id AND b.source != 'manual')`;

/**
 * A line's amount as lineAmount (money.ts) computes it: quantity × price, to the fen, half up.
 * Both are non-negative integers (area ≤ 1e8 centi-m², price ≤ 1e10), so the product fits
 * in 64 bits and integer division is the floor. tests/db/fees-bills.test.ts holds the two equal.
 */
const AMOUNT = '((c.q * c.price + 5000) / 10000)';
const LINES = `SELECT c.room_id, c.item_id, c.q, c.price, ${AMOUNT} AS amount FROM (${CANDIDATES}) c WHERE ${AMOUNT} > 0`;

/** What the period would add, per item, and how many rooms: the preview, and the summary of a commit. */
export const PREVIEW = `WITH line AS MATERIALIZED (${LINES})
  SELECT item_id, count(*) AS lines, sum(amount) AS total, max(amount) AS biggest, (SELECT count(DISTINCT room_id) FROM line) AS rooms
  FROM line GROUP BY item_id`;

/**
 * The period's lines, written by one statement. Row by row from JavaScript, each INSERT (with
 * its capture and bill_open triggers) opened its own statement journal and copied every page
 * it touched into it; one INSERT … SELECT journals each page once. Exported for the bench.
 */
export const GENERATE = `INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
  SELECT fd_id(), @site, l.room_id, l.item_id, @period, 'generated', l.q, l.price, l.amount, @due, NULL, @by, @at, @at FROM (${LINES}) l`;

interface ItemPreview { item_id: string; lines: number; total: number; biggest: number; rooms: number }

export const billOps = {
  'fees.generate': defineOp({
    input: z.object({ period, buildingId: z.string().uuid().nullable().optional(), commit: z.boolean() }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      // Next month may be billed ahead (bills go out before the month starts); further is a typo.
      if (monthsBetween(siteMonth(ctx.now, ctx.settings.utcOffsetMinutes), i.period) > 1) throw new AppError('fees.period_future', { period: i.period });
      if (i.buildingId) {
        const b = await ctx.trx.selectFrom('building').select('id').where('site_id', '=', siteId).where('id', '=', i.buildingId).executeTakeFirst();
        if (!b) throw new AppError('fees.not_found', { whatZh: '楼栋', whatEn: 'building' });
      }
      const raw = ctx.store.raw;
      const scope = { period: i.period, site: siteId, building: i.buildingId ?? null };
      const found = raw.prepare(PREVIEW).all(scope) as ItemPreview[];
      if (found.some((f) => f.biggest > MAX_FEN)) throw new AppError('fees.too_much', { max: formatYuan(MAX_FEN) });
      const items = await ctx.trx.selectFrom('fee_item').select(['id', 'code', 'name']).where('site_id', '=', siteId).orderBy('code').execute();
      const byItem = items.flatMap((it) => {
        const f = found.find((x) => x.item_id === it.id);
        return f ? [{ itemId: it.id, code: it.code, name: it.name, lines: f.lines, total: f.total }] : [];
      });
      const already = (raw.prepare(`SELECT count(*) AS n FROM bill b JOIN room r ON r.id = b.room_id
        WHERE b.site_id = ? AND b.period = ? AND b.source = 'generated' AND (? IS NULL OR r.building_id = ?)`).get(siteId, i.period, i.buildingId ?? null, i.buildingId ?? null) as { n: number }).n;
      const lines = found.reduce((s, f) => s + f.lines, 0);
      if (i.commit && lines) {
        const at = ctx.now.toISOString();
        raw.prepare(GENERATE).run({ ...scope, due: periodEnd(i.period), by: requireSession(ctx).staffId, at });
      }
      return {
        period: i.period,
        committed: i.commit,
        lines,
        rooms: found[0]?.rooms ?? 0,
        total: found.reduce((s, f) => s + f.total, 0),
        alreadyBilled: already,
        byItem,
      };
    },
  }),

  /** What a room owes, oldest first, its credit, and its recent receipts: the cashier's screen and the receptionist's look-up. */
  'fees.roomAccount': defineOp({
    input: z.object({ roomId: z.string().uuid(), paid: z.boolean().optional() }),
    access: 'fees.read',
    run: async (ctx, i) => roomAccount(ctx.store.raw, requireSite(ctx), i.roomId, i.paid ?? false),
  }),
};
