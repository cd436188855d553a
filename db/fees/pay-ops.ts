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
import { lastReceiptSeq } from './receipt-numbers.js';
import { dayState } from './day-state.js';
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
  methods: z.array(z.object({
    method: z.enum(METHODS),
    amount: fen,
    /** the transaction, voucher or card-tail number of a non-cash payment */
    reference: z.string().trim().max(64).regex(/^[\w\-/.#* ]*$/).optional(),
    /** why a reference already used today for the same method is taken again */
    referenceNote: z.string().trim().min(2).max(200).optional(),
  })).min(1).max(6),
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
/** A reference already on a receipt of the same day and method that is not void. */
const SAME_REFERENCE = prepareQuery((db, p: Param<{ site: string; method: PayMethod; reference: string; day: string }>) => db.selectFrom('receipt_payment as p')
  .innerJoin('receipt as r', 'r.id', 'p.receipt_id').select('r.number')
  .where('p.reference', '=', p('reference')).where('p.method', '=', p('method')).where('r.site_id', '=', p('site')).where('r.day', '=', p('day'))
  .where(({ not, exists, selectFrom }) => not(exists(selectFrom('receipt_void as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id')))));
const ROOM = prepareQuery((db, p: Param<{ site: string; room: string }>) => db.selectFrom('room').select(['id', 'code'])
  .where('site_id', '=', p('site')).where('id', '=', p('room')));
/** A bill line, what receipts that are not void have paid on it, and whether it was cancelled. */
const BILL = prepareQuery((db, p: Param<{ id: string }>) => db.selectFrom('bill as b').innerJoin('fee_item as f', 'f.id', 'b.item_id')
  .select(['b.id', 'b.room_id', 'b.amount', 'b.period', 'f.name'])
  .select(sql<number>`COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`.as('paid'))
  .select(sql<number>`EXISTS (SELECT 1 FROM bill_cancel c WHERE c.bill_id = b.id)`.as('cancelled'))
  .where('b.id', '=', p('id')));
const STAMPS = ['id', 'site_id', 'created_at', 'updated_at'] as const;
const INSERT_RECEIPT = prepareInsert('receipt', [...STAMPS, 'kind', 'year', 'seq', 'number', 'room_id', 'payer', 'total', 'tendered', 'change_given', 'cashier_id', 'day', 'remarks', 'refund_of']);
const INSERT_LINE = prepareInsert('receipt_line', [...STAMPS, 'receipt_id', 'kind', 'bill_id', 'amount']);
const INSERT_PAYMENT = prepareInsert('receipt_payment', [...STAMPS, 'receipt_id', 'method', 'amount', 'reference', 'reference_note']);

/** Refuse a closed day: after the day close, that cashier's day takes no new money and no voids. */
export function assertDayOpen(conn: Database.Database, cashierId: string, day: string): void {
  if (dayState(conn, cashierId, day).closed) throw new AppError('fees.day_closed', { day });
}

type TillSettings = { receiptPrefix: string; receiptSite?: string; utcOffsetMinutes: number; referenceRequired?: readonly string[] };

/**
 * Each non-cash method's reference: required where the site says so, never on cash or credit,
 * and the same reference for the same method on the same day taken again only with a reason
 * (a second terminal slip, a split transfer), which is kept beside it.
 */
function checkReferences(conn: Database.Database, siteId: string, day: string, settings: TillSettings, methods: PayInput['methods']): void {
  for (const m of methods) {
    const name = { methodZh: METHOD_NAMES[m.method][0], methodEn: METHOD_NAMES[m.method][1] };
    if ((m.method === 'cash' || m.method === 'credit') && (m.reference || m.referenceNote)) throw new AppError('fees.reference_not_for', name);
    if (!m.reference) {
      if (settings.referenceRequired?.includes(m.method)) throw new AppError('fees.reference_required', name);
      if (m.referenceNote) throw new AppError('fees.reference_note_alone');
      continue;
    }
    const same = SAME_REFERENCE.first(conn, { site: siteId, method: m.method, reference: m.reference, day });
    if (same && !m.referenceNote) throw new AppError('fees.reference_duplicate', { ...name, reference: m.reference, number: same.number });
  }
}

export function takePayment(conn: Database.Database, siteId: string, cashierId: string, now: Date, settings: TillSettings, i: PayInput) {
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
  checkReferences(conn, siteId, day, settings, i.methods);
  if (credit) {
    // credit pays bills, not more credit
    if (credit > billsTotal) throw new AppError('fees.credit_for_prepay');
    const balance = creditBalance(conn, room.id);
    if (credit > balance) throw new AppError('fees.credit_short', { balance: formatYuan(balance) });
  }

  const year = Number(day.slice(0, 4));
  const seq = lastReceiptSeq(conn, siteId, 'payment', year) + 1;
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
  for (const m of i.methods) {
    INSERT_PAYMENT.run(conn, { ...newRow(siteId, now), receipt_id: receipt.id, method: m.method, amount: m.amount, reference: m.reference ?? '', reference_note: m.referenceNote ?? '' });
  }
  return { id: receipt.id, number: receipt.number, total, change: receipt.change_given };
}

export const payOps = {
  'fees.pay': defineOp({
    input: payInput,
    access: 'fees.collect',
    run: async (ctx, i) => takePayment(ctx.store.raw, requireSite(ctx), requireSession(ctx).staffId, ctx.now, ctx.settings, i),
  }),
};
