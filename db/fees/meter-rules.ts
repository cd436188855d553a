import { sql, type Kysely, type Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { prepareInsert } from '../store/prepared.js';
import type Database from 'better-sqlite3';
import type { Schema } from '../store/schema.js';
import type { RoomUsage } from '../registry/tables.js';
import { formatYuan, lineAmount } from './money.js';
import { periodEnd } from './rules.js';
import type { MeterKind } from './tables.js';

/**
 * The rules of a meter reading (抄表), written once: the desk's one-room form (fees.reading)
 * and the Excel import (meter-import/) both judge every reading here, against the same facts
 * (the meter's last readings, the metered items and their prices), and write it the same way.
 *   - the first reading of a meter is its baseline (nothing billed);
 *   - a reading dated, or for a period, in the future is refused;
 *   - a period at or before the meter's last one is refused (a reading is never edited);
 *   - a reading lower than the last is refused (meters do not run backwards);
 *   - a use far above the usual (a misread digit, typically) needs confirming;
 *   - a reading whose bill was cancelled (作废应收) is withdrawn: the meter goes on from the
 *     last reading in force, and the withdrawn period is not read again (readings are never
 *     edited): the use lands on the next period's bill;
 *   - billing needs an active metered item for the meter and the room's usage, with a price
 *     valid for the period.
 */
export const METERS = ['water', 'electricity', 'gas'] as const satisfies readonly MeterKind[];
export const READING_RE = /^\d{1,8}(\.\d{1,2})?$/;
/** A use more than this many times the recent average (or above JUMP_FLOOR with no history) needs confirming. */
export const JUMP_FACTOR = 3;
export const JUMP_FLOOR_CENTI = 100_000; // 1,000 units
/** How many of a meter's last readings the "usual use" is averaged over. */
export const HISTORY = 4;

/** "1212.75" → 121275 hundredths, with integer arithmetic (the text already matched READING_RE). */
export function readingCenti(s: string): number {
  const [i, f = ''] = s.split('.');
  return Number(i) * 100 + Number(f.padEnd(2, '0'));
}

/** 121275 → "1212.75", as the messages and the sheets show a reading. */
export const centiText = (c: number) => formatYuan(c).replace(/,/g, '');

/** A meter's stored readings, newest first (at most HISTORY of them). */
export interface PastReading {
  period: string;
  previous_centi: number;
  reading_centi: number;
  /** 1 when the reading's bill was cancelled */
  withdrawn: number;
}

/**
 * Whether a meter_reading row is withdrawn: its bill was cancelled. bill_cancel is small and
 * its bills are found by primary key: one lookup per cancellation. CROSS JOIN keeps SQLite to
 * that order; left to choose, it scanned every meter bill and probed bill_cancel, and a
 * 20,000-row import's check took 38 s instead of 1 s.
 */
export const WITHDRAWN = sql<number>`meter_reading.id IN (SELECT b.reading_id FROM bill_cancel c CROSS JOIN bill b ON b.id = c.bill_id WHERE b.reading_id IS NOT NULL)`;

export interface Judged {
  previous: number;
  value: number;
  use: number;
  baseline: boolean;
  /** set when the use needs confirming: the use and the usual use, in hundredths */
  jump: { use: number; usual: number } | null;
}

/**
 * Judge one reading against its meter's history. Throws the refusal (future, exists, order,
 * lower); a jump is returned, not thrown, so the import can ask for it row by row.
 */
export function judgeReading(desk: { day: string; month: string }, history: readonly PastReading[], r: { period: string; readOn: string; value: number }): Judged {
  const today = desk.day;
  if (r.readOn > today || r.period > desk.month) throw new AppError('fees.reading_future', { date: r.readOn > today ? r.readOn : r.period });
  const same = history.find((h) => h.period === r.period);
  if (same?.withdrawn) throw new AppError('fees.reading_withdrawn', { period: r.period });
  const inForce = history.filter((h) => !h.withdrawn);
  const last = inForce[0];
  if (last && r.period <= last.period) throw new AppError(r.period === last.period ? 'fees.reading_exists' : 'fees.reading_order', { period: r.period, last: last.period });
  const previous = last ? last.reading_centi : r.value;
  if (r.value < previous) throw new AppError('fees.reading_lower', { reading: centiText(r.value), last: centiText(previous) });
  const use = r.value - previous;
  const uses = inForce.map((h) => h.reading_centi - h.previous_centi).filter((u) => u > 0);
  const usual = uses.length ? uses.reduce((a, b) => a + b, 0) / uses.length : 0;
  const jump = !!last && (usual ? use > usual * JUMP_FACTOR : use > JUMP_FLOOR_CENTI);
  return { previous, value: r.value, use, baseline: !last, jump: jump ? { use, usual: Math.round(usual) } : null };
}

export function jumpRefusal(j: { use: number; usual: number }): AppError {
  return new AppError('fees.reading_jump', { use: centiText(j.use), usual: centiText(j.usual) });
}

/** A metered item with its prices, oldest first. */
export interface MeterItem {
  id: string;
  meter: MeterKind;
  applies_to: string;
  rates: { valid_from: string; price_e4: number }[];
}

/**
 * The item and price that bill a meter's use in a period: an item for the room's own usage
 * before one for all rooms; its latest price valid in the period. Throws if there is none.
 */
export function meterPrice(items: readonly MeterItem[], meter: MeterKind, usage: RoomUsage, period: string): { itemId: string; price: number } {
  const item = items.find((i) => i.meter === meter && i.applies_to === usage) ?? items.find((i) => i.meter === meter && i.applies_to === 'all');
  const rate = item?.rates.filter((r) => r.valid_from <= period).at(-1);
  if (!item || !rate) throw new AppError('fees.no_meter_item', { period });
  return { itemId: item.id, price: rate.price_e4 };
}

type Db = Kysely<Schema> | Transaction<Schema>;

/** The site's active metered items and all their prices (a handful of rows). */
export async function loadMeterItems(db: Db, siteId: string, meter?: MeterKind): Promise<MeterItem[]> {
  let q = db.selectFrom('fee_item').select(['id', 'meter', 'applies_to']).where('site_id', '=', siteId).where('kind', '=', 'metered').where('active', '=', 1);
  if (meter) q = q.where('meter', '=', meter);
  const items = await q.orderBy('created_at').orderBy('id').execute();
  if (!items.length) return [];
  const rates = await db.selectFrom('fee_rate').select(['item_id', 'valid_from', 'price_e4']).where('item_id', 'in', items.map((i) => i.id)).orderBy('valid_from').execute();
  return items.map((i) => ({ id: i.id, meter: i.meter!, applies_to: i.applies_to, rates: rates.filter((r) => r.item_id === i.id) }));
}

/** What judging and pricing decided for one reading, ready to write. */
export interface ReadingToWrite {
  roomId: string;
  meter: MeterKind;
  period: string;
  readOn: string;
  judged: Judged;
  /** null for a baseline or no use; otherwise the item, price and amount billed (amount may be 0: no bill line) */
  bill: { itemId: string; price: number; amount: number } | null;
}

/** Price a judged reading (a baseline or a zero use bills nothing and needs no item). */
export function priceReading(items: readonly MeterItem[], usage: RoomUsage, r: Omit<ReadingToWrite, 'bill'>): ReadingToWrite {
  if (r.judged.baseline || r.judged.use === 0) return { ...r, bill: null };
  const { itemId, price } = meterPrice(items, r.meter, usage, r.period);
  return { ...r, bill: { itemId, price, amount: lineAmount(r.judged.use, price) } };
}

const STAMPS = ['id', 'site_id', 'created_at', 'updated_at'] as const;
const INSERT_READING = prepareInsert('meter_reading', [...STAMPS, 'room_id', 'meter', 'period', 'read_on', 'previous_centi', 'reading_centi', 'confirmed_jump', 'created_by']);
const INSERT_BILL = prepareInsert('bill', [...STAMPS, 'room_id', 'item_id', 'period', 'source', 'quantity_centi', 'price_e4', 'amount', 'due_on', 'reading_id', 'created_by']);

/**
 * Write a reading and its bill line, on the open transaction's connection (prepared INSERTs:
 * the import writes 20,000 of them). The table's UNIQUE (room, meter, period) and CHECKs
 * stand behind the rules above.
 */
export function writeReading(conn: Database.Database, siteId: string, now: Date, by: string, r: ReadingToWrite): { id: string; bill: { id: string; amount: number } | null } {
  const row = { ...newRow(siteId, now), room_id: r.roomId, meter: r.meter, period: r.period, read_on: r.readOn, previous_centi: r.judged.previous, reading_centi: r.judged.value, confirmed_jump: r.judged.jump ? 1 : 0, created_by: by };
  INSERT_READING.run(conn, row);
  if (!r.bill || r.bill.amount <= 0) return { id: row.id, bill: null };
  const bill = { ...newRow(siteId, now), room_id: r.roomId, item_id: r.bill.itemId, period: r.period, source: 'meter', quantity_centi: r.judged.use, price_e4: r.bill.price, amount: r.bill.amount, due_on: periodEnd(r.period), reading_id: row.id, created_by: by };
  INSERT_BILL.run(conn, bill);
  return { id: row.id, bill: { id: bill.id, amount: bill.amount } };
}
