import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { prepareInsert, prepareQuery, type Param } from '../store/prepared.js';
import { creditBalance } from './account.js';
import { MAX_FEN, formatYuan } from './money.js';
import { receiptNumber } from './rules.js';
import { siteDay } from '../time/site-time.js';
import type { PayMethod } from './tables.js';

/**
 * Taking a payment: the lines picked (each fully or partly), an optional prepayment kept
 * as credit, one or more methods, cash tendered and change. The receipt, its number, its
 * lines and its methods are written in the operation's one transaction, so a crash leaves
 * either all of them or none: numbers have no gaps and no duplicates (the store checks the
 * sequence too). Every amount is checked against the store as it is at commit time, so a
 * second window paying the same line is refused rather than paying it twice.
 */
const fen = z.number().int().min(1).max(MAX_FEN);
export const METHODS = ['cash', 'wechat', 'alipay', 'card', 'bank', 'credit'] as const;

export const METHOD_NAMES: Record<PayMethod, [string, string]> = {
  cash: ['现金', 'cash'],
  wechat: ['微信', 'WeChat Pay'],
  alipay: ['支付宝', 'Alipay'],
  card: ['银行卡', 'bank card'],
  bank: ['银行托收', 'bank direct debit'],
  credit: ['预存抵扣', 'prepaid credit'],
};

export const payInput = z.object({
  roomId: z.string().uuid(),
  lines: z.array(z.object({ billId: z.string().uuid(), amount: fen })).max(500),
  prepay: fen.optional(),
  methods: z.array(z.object({ method: z.enum(METHODS), amount: fen })).min(1).max(6),
  /** cash handed over, when cash is one of the methods */
  tendered: z.number().int().min(0).max(MAX_FEN).optional(),
  payer: z.string().trim().max(40).optional(),
  remarks: z.string().trim().max(200).optional(),
});
export type PayInput = z.output<typeof payInput>;

/**
 * The payment's reads and writes, compiled once (store/prepared.ts): a payment is the desk's
 * most frequent write, and building each Kysely query anew cost about as much as SQLite
 * takes to run it. They run on the operation's connection, inside its transaction.
 */
const DAY_CLOSED = prepareQuery((db, p: Param<{ cashier: string; day: string }>) => db.selectFrom('day_close').select('id')
  .where('cashier_id', '=', p('cashier')).where('day', '=', p('day')));
const ROOM = prepareQuery((db, p: Param<{ site: string; room: string }>) => db.selectFrom('room').select(['id', 'code'])
  .where('site_id', '=', p('site')).where('id', '=', p('room')));
/** A bill line, what receipts that are not void have paid on it, and whether it was cancelled. */
const BILL = prepareQuery((db, p: Param<{ id: string }>) => db.selectFrom('bill as b').innerJoin('fee_item as f', 'f.id', 'b.item_id')
  .select(['b.id', 'b.room_id', 'b.amount', 'b.period', 'f.name'])
  .select(sql<number>`COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`.as('paid'))
  .select(sql<number>`EXISTS (SELECT 1 FROM bill_cancel c WHERE c.bill_id = b.id)`.as('cancelled'))
  .where('b.id', '=', p('id')));
const LAST_SEQ = prepareQuery((db, p: Param<{ site: string; year: number }>) => db.selectFrom('receipt').select((eb) => eb.fn.max('seq').as('seq'))
  .where('site_id', '=', p('site')).where('kind', '=', 'payment').where('year', '=', p('year')));
const STAMPS = ['id', 'site_id', 'created_at', 'updated_at'] as const;
const INSERT_RECEIPT = prepareInsert('receipt', [...STAMPS, 'kind', 'year', 'seq', 'number', 'room_id', 'payer', 'total', 'tendered', 'change_given', 'cashier_id', 'day', 'remarks', 'refund_of']);
const INSERT_LINE = prepareInsert('receipt_line', [...STAMPS, 'receipt_id', 'kind', 'bill_id', 'amount']);
const INSERT_PAYMENT = prepareInsert('receipt_payment', [...STAMPS, 'receipt_id', 'method', 'amount']);

/** Refuse a closed day: after the day close, that cashier's day takes no new money and no voids. */
export function assertDayOpen(conn: Database.Database, cashierId: string, day: string): void {
  if (DAY_CLOSED.first(conn, { cashier: cashierId, day })) throw new AppError('fees.day_closed', { day });
}

export function takePayment(conn: Database.Database, siteId: string, cashierId: string, now: Date, settings: { receiptPrefix: string; receiptSite?: string; utcOffsetMinutes: number }, i: PayInput) {
  const prefix = settings.receiptPrefix;
  const day = siteDay(now, settings.utcOffsetMinutes);
  assertDayOpen(conn, cashierId, day);
  const room = ROOM.first(conn, { site: siteId, room: i.roomId });
  if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });

  const ids = i.lines.map((l) => l.billId);
  if (new Set(ids).size !== ids.length) throw new AppError('fees.line_twice');
  for (const l of i.lines) {
    const b = BILL.first(conn, { id: l.billId });
    if (!b || b.room_id !== room.id) throw new AppError('fees.line_not_room', { room: room.code });
    if (b.cancelled) throw new AppError('fees.pay_cancelled_line', { room: room.code, item: b.name, period: b.period });
    const owed = b.amount - b.paid;
    if (l.amount > owed) throw new AppError('fees.line_overpaid', { item: b.name, period: b.period, owed: formatYuan(owed), amount: formatYuan(l.amount) });
  }

  const billsTotal = i.lines.reduce((s, l) => s + l.amount, 0);
  const total = billsTotal + (i.prepay ?? 0);
  if (total === 0) throw new AppError('fees.nothing_to_pay');
  if (total > MAX_FEN) throw new AppError('fees.too_much', { max: formatYuan(MAX_FEN) });
  const methods = new Set(i.methods.map((m) => m.method));
  if (methods.size !== i.methods.length) throw new AppError('fees.method_twice');
  const paid = i.methods.reduce((s, m) => s + m.amount, 0);
  if (paid !== total) throw new AppError('fees.methods_mismatch', { total: formatYuan(total), paid: formatYuan(paid) });
  const cash = i.methods.find((m) => m.method === 'cash')?.amount ?? 0;
  if (i.tendered !== undefined && !cash) throw new AppError('fees.tendered_without_cash');
  if (i.tendered !== undefined && i.tendered < cash) throw new AppError('fees.tendered_short', { cash: formatYuan(cash), tendered: formatYuan(i.tendered) });
  const credit = i.methods.find((m) => m.method === 'credit')?.amount ?? 0;
  if (credit) {
    // credit pays bills, not more credit
    if (credit > billsTotal) throw new AppError('fees.credit_for_prepay');
    const balance = creditBalance(conn, room.id);
    if (credit > balance) throw new AppError('fees.credit_short', { balance: formatYuan(balance) });
  }

  const year = Number(day.slice(0, 4));
  const seq = Number(LAST_SEQ.first(conn, { site: siteId, year })?.seq ?? 0) + 1;
  const receipt = {
    ...newRow(siteId, now),
    kind: 'payment' as const,
    year,
    seq,
    number: receiptNumber(prefix, year, seq, 'payment', settings.receiptSite),
    room_id: room.id,
    payer: i.payer ?? '',
    total,
    tendered: i.tendered ?? null,
    change_given: i.tendered !== undefined ? i.tendered - cash : 0,
    cashier_id: cashierId,
    day,
    remarks: i.remarks ?? '',
    refund_of: null,
  };
  INSERT_RECEIPT.run(conn, receipt);
  for (const l of i.lines) INSERT_LINE.run(conn, { ...newRow(siteId, now), receipt_id: receipt.id, kind: 'bill', bill_id: l.billId, amount: l.amount });
  if (i.prepay) INSERT_LINE.run(conn, { ...newRow(siteId, now), receipt_id: receipt.id, kind: 'prepay', bill_id: null, amount: i.prepay });
  for (const m of i.methods) INSERT_PAYMENT.run(conn, { ...newRow(siteId, now), receipt_id: receipt.id, method: m.method, amount: m.amount });
  return { id: receipt.id, number: receipt.number, total, change: receipt.change_given };
}

export const payOps = {
  'fees.pay': defineOp({
    input: payInput,
    access: 'fees.collect',
    run: async (ctx, i) => takePayment(ctx.store.raw, requireSite(ctx), requireSession(ctx).staffId, ctx.now, ctx.settings, i),
  }),
};
