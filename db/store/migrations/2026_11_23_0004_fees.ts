import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from './capture-v1.js';

/**
 * Fee collection (收费): fee items and their dated rates, bills (应收), receipts with their
 * lines and payment methods, voids, prints, the cashier's day close, meter readings,
 * dunning attempts and deposit refunds. Money is integer fen; unit prices are integer
 * ten-thousandths of a yuan (so 0.538 元/kWh is exact); quantities are hundredths.
 *
 * Money records are append-only: a rate change is a new rate row, a void is a
 * receipt_void row, a reprint is a receipt_print row. The store itself refuses a receipt
 * number out of sequence and a payment beyond what a bill line still owes, so neither a
 * bug nor two windows at once can make a gap, a duplicate or a double payment.
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;
const site = `id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site (id)`;
const MAX_FEN = 9_999_999_999; // 99,999,999.99 元: the largest amount the desk accepts

/** What a bill line has been paid by receipts that are not void. */
const PAID_OF = (billExpr: string) => `COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = ${billExpr}
  AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`;

const statements = [
  `CREATE TABLE fee_item (
    ${site},
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    kind TEXT NOT NULL CHECK (kind IN ('area', 'metered', 'fixed', 'oneoff', 'deposit')),
    meter TEXT CHECK (meter IS NULL OR meter IN ('water', 'electricity', 'gas')),
    unit TEXT NOT NULL DEFAULT '',
    applies_to TEXT NOT NULL DEFAULT 'all' CHECK (applies_to IN ('all', 'residential', 'shop', 'office', 'parking', 'other')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, code),
    CHECK ((kind = 'metered') = (meter IS NOT NULL))
  ) STRICT`,
  ...captureChanges('fee_item', ['code', 'name', 'kind', 'meter', 'unit', 'applies_to', 'active']),
  `CREATE TRIGGER fee_item_no_delete BEFORE DELETE ON fee_item BEGIN SELECT RAISE(ABORT, 'fee items are never deleted: bills refer to them'); END`,

  `CREATE TABLE fee_rate (
    ${site},
    item_id TEXT NOT NULL REFERENCES fee_item (id),
    valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    price_e4 INTEGER NOT NULL CHECK (price_e4 >= 0 AND price_e4 <= 10000000000),
    created_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps},
    UNIQUE (item_id, valid_from)
  ) STRICT`,
  ...captureChanges('fee_rate', ['item_id', 'valid_from', 'price_e4', 'created_by']),
  ...appendOnly('fee_rate', 'fee rates'),

  `CREATE TABLE meter_reading (
    ${site},
    room_id TEXT NOT NULL REFERENCES room (id),
    meter TEXT NOT NULL CHECK (meter IN ('water', 'electricity', 'gas')),
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    read_on TEXT NOT NULL,
    previous_centi INTEGER NOT NULL CHECK (previous_centi >= 0),
    reading_centi INTEGER NOT NULL CHECK (reading_centi >= previous_centi),
    confirmed_jump INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_jump IN (0, 1)),
    created_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps},
    UNIQUE (room_id, meter, period)
  ) STRICT`,
  ...captureChanges('meter_reading', ['room_id', 'meter', 'period', 'read_on', 'previous_centi', 'reading_centi', 'confirmed_jump', 'created_by']),
  ...appendOnly('meter_reading', 'meter readings'),

  `CREATE TABLE bill (
    ${site},
    room_id TEXT NOT NULL REFERENCES room (id),
    item_id TEXT NOT NULL REFERENCES fee_item (id),
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    source TEXT NOT NULL CHECK (source IN ('generated', 'meter', 'manual')),
    quantity_centi INTEGER NOT NULL CHECK (quantity_centi >= 0),
    price_e4 INTEGER NOT NULL CHECK (price_e4 >= 0),
    amount INTEGER NOT NULL CHECK (amount > 0 AND amount <= ${MAX_FEN}),
    due_on TEXT NOT NULL,
    reading_id TEXT REFERENCES meter_reading (id),
    created_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps}
  ) STRICT`,
  // Generating a period twice creates nothing new: one generated line per room, item and period.
  // Period first: a month's 20,000 new lines land side by side in this index (a few pages
  // written), where a room-first key would touch one page per room.
  `CREATE UNIQUE INDEX bill_generated_once ON bill (period, item_id, room_id) WHERE source != 'manual'`,
  // A room's account, and the generator's "already billed?" probe.
  `CREATE INDEX bill_room ON bill (room_id, item_id, period)`,
  `CREATE INDEX bill_period ON bill (site_id, period)`,
  ...captureChanges('bill', ['room_id', 'item_id', 'period', 'source', 'quantity_centi', 'price_e4', 'amount', 'due_on', 'reading_id', 'created_by']),
  ...appendOnly('bill', 'bills'),

  `CREATE TABLE receipt (
    ${site},
    kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'refund')),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    number TEXT NOT NULL,
    room_id TEXT NOT NULL REFERENCES room (id),
    payer TEXT NOT NULL DEFAULT '',
    total INTEGER NOT NULL CHECK (total > 0 AND total <= ${MAX_FEN}),
    tendered INTEGER CHECK (tendered IS NULL OR tendered >= 0),
    change_given INTEGER NOT NULL DEFAULT 0 CHECK (change_given >= 0),
    cashier_id TEXT NOT NULL REFERENCES staff (id),
    day TEXT NOT NULL,
    remarks TEXT NOT NULL DEFAULT '',
    refund_of TEXT REFERENCES receipt_line (id),
    ${stamps},
    UNIQUE (site_id, kind, year, seq),
    UNIQUE (site_id, number)
  ) STRICT`,
  `CREATE INDEX receipt_room ON receipt (room_id, created_at)`,
  `CREATE INDEX receipt_day ON receipt (cashier_id, day)`,
  `CREATE INDEX receipt_site_day ON receipt (site_id, day)`,
  // No gaps, ever: a receipt must take the next number of its site, kind and year.
  `CREATE TRIGGER receipt_next_number BEFORE INSERT ON receipt
    WHEN NEW.seq != COALESCE((SELECT max(seq) FROM receipt WHERE site_id = NEW.site_id AND kind = NEW.kind AND year = NEW.year), 0) + 1
    BEGIN SELECT RAISE(ABORT, 'receipt numbers are gapless: this is not the next number'); END`,
  ...captureChanges('receipt', ['kind', 'year', 'seq', 'number', 'room_id', 'payer', 'total', 'tendered', 'change_given', 'cashier_id', 'day', 'remarks', 'refund_of']),
  ...appendOnly('receipt', 'receipts'),

  `CREATE TABLE receipt_line (
    ${site},
    receipt_id TEXT NOT NULL REFERENCES receipt (id),
    kind TEXT NOT NULL CHECK (kind IN ('bill', 'prepay', 'refund')),
    bill_id TEXT REFERENCES bill (id),
    amount INTEGER NOT NULL CHECK (amount > 0 AND amount <= ${MAX_FEN}),
    ${stamps},
    CHECK ((kind = 'bill') = (bill_id IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX receipt_line_receipt ON receipt_line (receipt_id)`,
  `CREATE INDEX receipt_line_bill ON receipt_line (bill_id) WHERE bill_id IS NOT NULL`,
  // Two windows paying one line: whichever commits second finds the line paid and is refused here.
  `CREATE TRIGGER receipt_line_not_overpaid BEFORE INSERT ON receipt_line WHEN NEW.bill_id IS NOT NULL
    AND ${PAID_OF('NEW.bill_id')} + NEW.amount > (SELECT amount FROM bill WHERE id = NEW.bill_id)
    BEGIN SELECT RAISE(ABORT, 'fees: a bill line cannot be paid beyond what it owes'); END`,
  ...captureChanges('receipt_line', ['receipt_id', 'kind', 'bill_id', 'amount']),
  ...appendOnly('receipt_line', 'receipt lines'),

  `CREATE TABLE receipt_payment (
    ${site},
    receipt_id TEXT NOT NULL REFERENCES receipt (id),
    method TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'card', 'bank', 'credit')),
    amount INTEGER NOT NULL CHECK (amount > 0 AND amount <= ${MAX_FEN}),
    ${stamps},
    UNIQUE (receipt_id, method)
  ) STRICT`,
  ...captureChanges('receipt_payment', ['receipt_id', 'method', 'amount']),
  ...appendOnly('receipt_payment', 'receipt payments'),

  // A void (作废) on the receipt's own open day, or a reversal (冲正) dated the day it is made,
  // once the receipt's day is closed: the closed day's figures stay as closed.
  `CREATE TABLE receipt_void (
    ${site},
    receipt_id TEXT NOT NULL UNIQUE REFERENCES receipt (id),
    kind TEXT NOT NULL DEFAULT 'void' CHECK (kind IN ('void', 'reversal')),
    day TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
    voided_by TEXT NOT NULL REFERENCES staff (id),
    approved_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps}
  ) STRICT`,
  ...captureChanges('receipt_void', ['receipt_id', 'kind', 'day', 'reason', 'voided_by', 'approved_by']),
  ...appendOnly('receipt_void', 'voids'),

  // What each bill line still owes, for lines that owe anything: derived from bill,
  // receipt_line and receipt_void by these triggers (not site data: no stamps, no capture),
  // so arrears and the reports read ~the open lines instead of summing every payment ever.
  `CREATE TABLE bill_open (
    bill_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    period TEXT NOT NULL,
    owed INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX bill_open_period ON bill_open (site_id, period)`,
  `CREATE TRIGGER bill_open_on_bill AFTER INSERT ON bill BEGIN
    INSERT INTO bill_open (bill_id, site_id, room_id, period, owed) VALUES (NEW.id, NEW.site_id, NEW.room_id, NEW.period, NEW.amount);
  END`,
  `CREATE TRIGGER bill_open_on_line AFTER INSERT ON receipt_line WHEN NEW.bill_id IS NOT NULL BEGIN
    UPDATE bill_open SET owed = owed - NEW.amount WHERE bill_id = NEW.bill_id;
    DELETE FROM bill_open WHERE bill_id = NEW.bill_id AND owed <= 0;
  END`,
  `CREATE TRIGGER bill_open_on_void AFTER INSERT ON receipt_void BEGIN
    DELETE FROM bill_open WHERE bill_id IN (SELECT bill_id FROM receipt_line WHERE receipt_id = NEW.receipt_id AND bill_id IS NOT NULL);
    INSERT INTO bill_open (bill_id, site_id, room_id, period, owed)
      SELECT b.id, b.site_id, b.room_id, b.period, b.amount - ${PAID_OF('b.id')} FROM bill b
      WHERE b.id IN (SELECT bill_id FROM receipt_line WHERE receipt_id = NEW.receipt_id AND bill_id IS NOT NULL) AND b.amount - ${PAID_OF('b.id')} > 0;
  END`,

  `CREATE TABLE receipt_print (
    ${site},
    receipt_id TEXT NOT NULL REFERENCES receipt (id),
    copy INTEGER NOT NULL CHECK (copy IN (0, 1)),
    paper TEXT NOT NULL,
    printed_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps}
  ) STRICT`,
  `CREATE INDEX receipt_print_receipt ON receipt_print (receipt_id)`,
  ...captureChanges('receipt_print', ['receipt_id', 'copy', 'paper', 'printed_by']),
  ...appendOnly('receipt_print', 'receipt prints'),

  `CREATE TABLE day_close (
    ${site},
    cashier_id TEXT NOT NULL REFERENCES staff (id),
    day TEXT NOT NULL,
    summary TEXT NOT NULL,
    closed_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps},
    UNIQUE (cashier_id, day)
  ) STRICT`,
  ...captureChanges('day_close', ['cashier_id', 'day', 'summary', 'closed_by']),
  ...appendOnly('day_close', 'day closes'),

  `CREATE TABLE dunning_log (
    ${site},
    room_id TEXT NOT NULL REFERENCES room (id),
    method TEXT NOT NULL CHECK (method IN ('notice', 'phone', 'visit', 'message')),
    outcome TEXT NOT NULL DEFAULT '' CHECK (length(outcome) <= 200),
    arrears INTEGER NOT NULL CHECK (arrears >= 0),
    done_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps}
  ) STRICT`,
  `CREATE INDEX dunning_log_room ON dunning_log (room_id, created_at)`,
  ...captureChanges('dunning_log', ['room_id', 'method', 'outcome', 'arrears', 'done_by']),
  ...appendOnly('dunning_log', 'dunning attempts'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
