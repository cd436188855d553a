import type { Generated } from 'kysely';
import type { SiteDataRow } from '../store/schema.js';
import type { DebitTables } from './debit/tables.js';

/** Fee collection tables (migration 0004). Money is integer fen; unit prices integer 1/10000 yuan. */
export type FeeKind = 'area' | 'metered' | 'fixed' | 'oneoff' | 'deposit';
export type MeterKind = 'water' | 'electricity' | 'gas';
export type ReadingKind = 'base' | 'periodic' | 'final';
export type PayMethod = 'cash' | 'wechat' | 'alipay' | 'card' | 'bank' | 'credit';
export type AppliesTo = 'all' | 'residential' | 'shop' | 'office' | 'parking' | 'other';

export interface FeeItemTable extends SiteDataRow {
  code: string;
  name: string;
  kind: FeeKind;
  meter: MeterKind | null;
  /** what a quantity counts: m², 吨, 度, 月 */
  unit: string;
  applies_to: AppliesTo;
  active: number;
}

export interface FeeRateTable extends SiteDataRow {
  item_id: string;
  /** YYYY-MM: the first period billed at this price; a later row supersedes it */
  valid_from: string;
  /** price per unit in 1/10000 yuan (per m² per month for area fees) */
  price_e4: number;
  created_by: string;
}

export interface MeterReadingTable extends SiteDataRow {
  room_id: string;
  meter: MeterKind;
  /** base (a move-in's 表底), periodic (抄表), final (a move-out's last reading) */
  kind: Generated<ReadingKind>;
  period: string;
  read_on: string;
  previous_centi: number;
  reading_centi: number;
  confirmed_jump: number;
  created_by: string;
}

export interface BillTable extends SiteDataRow {
  room_id: string;
  item_id: string;
  period: string;
  source: 'generated' | 'meter' | 'manual';
  /** hundredths of the item's unit (area fee: hundredths of m²) */
  quantity_centi: number;
  price_e4: number;
  /** fen, rounded half up per line */
  amount: number;
  due_on: string;
  reading_id: string | null;
  created_by: string;
}

/**
 * A receipt number taken out of use without a receipt in this store: 'lost' (issued on
 * paper, lost by the store after a crash, accounted for by a supervisor). It shares the
 * receipts' gapless sequence, so the number is neither issued again nor silently skipped.
 */
export interface ReceiptNumberSkipTable extends SiteDataRow {
  kind: 'payment' | 'refund';
  year: number;
  seq: number;
  number: string;
  cause: 'lost';
  reason: string;
  done_by: string;
}

export interface ReceiptTable extends SiteDataRow {
  kind: 'payment' | 'refund';
  year: number;
  seq: number;
  number: string;
  room_id: string;
  payer: string;
  total: number;
  tendered: number | null;
  change_given: number;
  cashier_id: string;
  /** the desk's local date the money was taken: the cashier's day */
  day: string;
  remarks: string;
  refund_of: string | null;
}

export interface ReceiptLineTable extends SiteDataRow {
  receipt_id: string;
  kind: 'bill' | 'prepay' | 'refund';
  bill_id: string | null;
  amount: number;
}

export interface ReceiptPaymentTable extends SiteDataRow {
  receipt_id: string;
  method: PayMethod;
  amount: number;
  /** the transaction, voucher or card-tail number of a non-cash payment; '' for cash */
  reference: Generated<string>;
  /** why the same reference was taken again for the same method on the same day */
  reference_note: Generated<string>;
}

export interface ReceiptVoidTable extends SiteDataRow {
  receipt_id: string;
  /** void: on the receipt's open day; reversal (冲正): after its day was closed, dated the day it is made */
  kind: 'void' | 'reversal';
  day: string;
  reason: string;
  voided_by: string;
  approved_by: string;
}

export interface ReceiptPrintTable extends SiteDataRow {
  receipt_id: string;
  copy: number;
  paper: string;
  printed_by: string;
}

export interface DayCloseTable extends SiteDataRow {
  cashier_id: string;
  day: string;
  /** JSON of the report as closed */
  summary: string;
  closed_by: string;
}

export interface DunningLogTable extends SiteDataRow {
  room_id: string;
  method: 'notice' | 'phone' | 'visit' | 'message';
  outcome: string;
  arrears: number;
  done_by: string;
}

/** A closed day reopened by a supervisor with a reason, or closed again after that (the first close is day_close). */
export interface DayReopeningTable extends SiteDataRow {
  cashier_id: string;
  day: string;
  kind: 'reopen' | 'close';
  reason: string;
  /** JSON of the day report as closed again */
  summary: Generated<string>;
  done_by: string;
  approved_by: string | null;
}

/** A counted print that never came out (the dialog cancelled): the next print is the original again. */
export interface ReceiptPrintUndoneTable extends SiteDataRow {
  print_id: string;
  receipt_id: string;
  done_by: string;
}

/** Derived by triggers: what each bill line still owes, for lines that owe anything. */
export interface BillOpenTable {
  bill_id: string;
  site_id: string;
  room_id: string;
  period: string;
  owed: number;
}

/** A bill line cancelled (作废应收): it owes nothing from then on; the line itself stays. */
export interface BillCancelTable extends SiteDataRow {
  bill_id: string;
  reason: string;
  cancelled_by: string;
  approved_by: string;
}

/** The fee tables, bank direct debit's (debit/tables.ts) among them. */
export interface FeeTables extends DebitTables {
  bill_open: BillOpenTable;
  fee_item: FeeItemTable;
  fee_rate: FeeRateTable;
  meter_reading: MeterReadingTable;
  bill: BillTable;
  bill_cancel: BillCancelTable;
  receipt: ReceiptTable;
  receipt_line: ReceiptLineTable;
  receipt_payment: ReceiptPaymentTable;
  receipt_void: ReceiptVoidTable;
  receipt_print: ReceiptPrintTable;
  day_close: DayCloseTable;
  dunning_log: DunningLogTable;
  day_reopening: DayReopeningTable;
  receipt_print_undone: ReceiptPrintUndoneTable;
  receipt_number_skip: ReceiptNumberSkipTable;
}
