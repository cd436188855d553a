import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { uuidv7 } from '../ids.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import { period } from './items.js';
import { lineAmount } from './money.js';
import { deskPeriod, monthsBetween, periodEnd } from './rules.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Period bills (核发): every active area and fixed item, at the rate valid for the period,
 * for every room of the site or one building. Previewable; committing twice creates nothing
 * new (a partial unique index holds one generated line per room, item and period).
 */
interface Candidate {
  room_id: string;
  item_id: string;
  q: number;
  price: number;
}

/** The lines a period would add: every room × active item with a price then, not billed yet. Exported for the bench's raw side. */
export const CANDIDATES = `
  WITH item_rate AS (
    SELECT i.id AS item_id, i.kind, i.applies_to,
      (SELECT fr.price_e4 FROM fee_rate fr WHERE fr.item_id = i.id AND fr.valid_from <= @period ORDER BY fr.valid_from DESC LIMIT 1) AS price
    FROM fee_item i WHERE i.site_id = @site AND i.active = 1 AND i.kind IN ('area', 'fixed'))
  SELECT r.id AS room_id, ir.item_id, CASE ir.kind WHEN 'area' THEN r.area_centi ELSE 100 END AS q, ir.price
  FROM room r JOIN item_rate ir ON ir.price IS NOT NULL AND (ir.applies_to = 'all' OR ir.applies_to = r.usage)
  WHERE r.site_id = @site AND (@building IS NULL OR r.building_id = @building)
    AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.room_id = r.id AND b.item_id = ir.item_id AND b.period = @period AND b.source != 'manual')`;

const INSERT = `INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, reading_id, created_by, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, 'generated', ?, ?, ?, ?, NULL, ?, ?, ?)`;

export const billOps = {
  'fees.generate': defineOp({
    input: z.object({ period, buildingId: z.string().uuid().nullable().optional(), commit: z.boolean() }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      // Next month may be billed ahead (bills go out before the month starts); further is a typo.
      if (monthsBetween(deskPeriod(ctx.now), i.period) > 1) throw new AppError('fees.period_future', { period: i.period });
      if (i.buildingId) {
        const b = await ctx.trx.selectFrom('building').select('id').where('site_id', '=', siteId).where('id', '=', i.buildingId).executeTakeFirst();
        if (!b) throw new AppError('fees.not_found', { whatZh: '楼栋', whatEn: 'building' });
      }
      const raw = ctx.store.raw;
      const found = raw.prepare(CANDIDATES).all({ period: i.period, site: siteId, building: i.buildingId ?? null }) as Candidate[];
      const lines = found.map((c) => ({ ...c, amount: lineAmount(c.q, c.price) })).filter((c) => c.amount > 0);
      const items = await ctx.trx.selectFrom('fee_item').select(['id', 'code', 'name']).where('site_id', '=', siteId).execute();
      const byItem = items.map((it) => {
        const mine = lines.filter((l) => l.item_id === it.id);
        return { itemId: it.id, code: it.code, name: it.name, lines: mine.length, total: mine.reduce((s, l) => s + l.amount, 0) };
      }).filter((x) => x.lines > 0);
      const already = (raw.prepare(`SELECT count(*) AS n FROM bill b JOIN room r ON r.id = b.room_id
        WHERE b.site_id = ? AND b.period = ? AND b.source = 'generated' AND (? IS NULL OR r.building_id = ?)`).get(siteId, i.period, i.buildingId ?? null, i.buildingId ?? null) as { n: number }).n;
      if (i.commit && lines.length) {
        const ins = raw.prepare(INSERT);
        const at = ctx.now.toISOString();
        const due = periodEnd(i.period);
        const by = requireSession(ctx).staffId;
        const ms = ctx.now.getTime();
        for (const l of lines) ins.run(uuidv7(ms), siteId, l.room_id, l.item_id, i.period, l.q, l.price, l.amount, due, by, at, at);
      }
      return {
        period: i.period,
        committed: i.commit,
        lines: lines.length,
        rooms: new Set(lines.map((l) => l.room_id)).size,
        total: lines.reduce((s, l) => s + l.amount, 0),
        alreadyBilled: already,
        byItem,
      };
    },
  }),

  /** What a room owes, oldest first, its credit, and its recent receipts: the cashier's screen and the receptionist's look-up. */
  'fees.roomAccount': defineOp({
    input: z.object({ roomId: z.string().uuid(), paid: z.boolean().optional() }),
    access: 'fees.read',
    run: async (ctx, i) => roomAccount(ctx.trx, requireSite(ctx), i.roomId, i.paid ?? false),
  }),
};

export async function roomAccount(db: Db, siteId: string, roomId: string, includePaid = false) {
  const room = await db.selectFrom('room').select(['id', 'code', 'area_centi', 'usage']).where('site_id', '=', siteId).where('id', '=', roomId).executeTakeFirst();
  if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });
  const payer = await db.selectFrom('occupant').select('name').where('room_id', '=', roomId).where('move_out', 'is', null).orderBy('kind').orderBy('created_at').executeTakeFirst();
  const lines = await db.selectFrom('bill as b').innerJoin('fee_item as i', 'i.id', 'b.item_id')
    .select(['b.id', 'b.period', 'b.quantity_centi', 'b.price_e4', 'b.amount', 'b.due_on', 'i.code as itemCode', 'i.name as itemName', 'i.kind', 'i.unit'])
    .select(sql<number>`COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`.as('paid'))
    .where('b.room_id', '=', roomId).orderBy('b.period').orderBy('i.code').execute();
  const owed = lines.map((l) => ({ ...l, owed: l.amount - l.paid })).filter((l) => includePaid || l.owed > 0);
  const credit = await creditBalance(db, roomId);
  const receipts = await db.selectFrom('receipt as r').innerJoin('staff as s', 's.id', 'r.cashier_id')
    .leftJoin('receipt_void as v', 'v.receipt_id', 'r.id')
    .select(['r.id', 'r.number', 'r.kind', 'r.total', 'r.day', 'r.created_at', 's.display_name as cashier', 'v.reason as voidReason', 'v.kind as voidKind'])
    .select((eb) => eb.exists(eb.selectFrom('day_close as c').select('c.id').whereRef('c.cashier_id', '=', 'r.cashier_id').whereRef('c.day', '=', 'r.day')).as('dayClosed'))
    .where('r.room_id', '=', roomId).orderBy('r.created_at', 'desc').limit(20).execute();
  return {
    room: { id: room.id, code: room.code, areaCenti: room.area_centi, usage: room.usage },
    payer: payer?.name ?? '',
    lines: owed,
    totalOwed: owed.reduce((s, l) => s + l.owed, 0),
    credit,
    receipts,
  };
}

/** Prepaid money not yet used: prepayments in, credit used as a payment method out (void receipts count for neither). */
export async function creditBalance(db: Db, roomId: string): Promise<number> {
  const r = await sql<{ inn: number | null; out: number | null }>`SELECT
      (SELECT sum(l.amount) FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id WHERE r.room_id = ${roomId} AND l.kind = 'prepay'
        AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = r.id)) AS inn,
      (SELECT sum(p.amount) FROM receipt r JOIN receipt_payment p ON p.receipt_id = r.id WHERE r.room_id = ${roomId} AND p.method = 'credit'
        AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = r.id)) AS out`.execute(db);
  const row = r.rows[0];
  return (row?.inn ?? 0) - (row?.out ?? 0);
}
