import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import { prepareQuery, type Param } from '../store/prepared.js';
import { dayClosedSql } from './day-state.js';

/**
 * A room's account: what it owes, oldest first, its credit, and its recent receipts. The
 * cashier's screen opens it for every room served and the receptionist looks it up, so its
 * reads are compiled once (store/prepared.ts) and run on the operation's connection.
 *
 * Open lines come from bill_open (what each line still owes, kept by triggers) by its room
 * index: the room's unpaid lines, not its five years of history. Lines already paid are
 * reached through the room's receipts, and only when asked for.
 */
type RoomParams = { room: string };
type SiteRoomParams = { site: string; room: string };

const roomRow = prepareQuery((db, p: Param<SiteRoomParams>) => db.selectFrom('room').select(['id', 'code', 'area_centi', 'usage'])
  .where('site_id', '=', p('site')).where('id', '=', p('room')));

/** The first owner still living there, else the first tenant: whose name a receipt is made out to. */
const payerRow = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('occupant').select('name')
  .where('room_id', '=', p('room')).where('move_out', 'is', null).orderBy('kind').orderBy('created_at').limit(1));

const LINE = ['b.id', 'b.period', 'b.quantity_centi', 'b.price_e4', 'b.amount', 'b.due_on', 'i.code as itemCode', 'i.name as itemName', 'i.kind', 'i.unit'] as const;

const openLines = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('bill_open as o')
  .innerJoin('bill as b', 'b.id', 'o.bill_id').innerJoin('fee_item as i', 'i.id', 'b.item_id')
  .select(LINE).select(sql<number>`b.amount - o.owed`.as('paid')).select(sql<number>`0`.as('cancelled'))
  .where('o.room_id', '=', p('room')).orderBy('b.period').orderBy('i.code'));

/** What non-void receipts have paid on a line. */
const PAID = sql<number>`COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id
  AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0)`;

/**
 * The room's history: every line it owes, its receipts paid (void or not: a void reopens
 * its lines), or was cancelled. Cancelled lines owe nothing and say so.
 */
const allLines = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('bill as b')
  .innerJoin('fee_item as i', 'i.id', 'b.item_id').leftJoin('bill_cancel as c', 'c.bill_id', 'b.id')
  .select(LINE).select(PAID.as('paid')).select(sql<number>`c.id IS NOT NULL`.as('cancelled'))
  .where('b.id', 'in', db.selectFrom('bill_open').select('bill_id').where('room_id', '=', p('room'))
    .union(db.selectFrom('receipt as r').innerJoin('receipt_line as l', 'l.receipt_id', 'r.id').select(sql<string>`l.bill_id`.as('bill_id'))
      .where('r.room_id', '=', p('room')).where('l.bill_id', 'is not', null))
    // bills found from the (few) cancellations by primary key: a join here let SQLite scan every bill
    .union(db.selectFrom('bill as y').select('y.id as bill_id').where('y.id', 'in', db.selectFrom('bill_cancel').select('bill_id')).where('y.room_id', '=', p('room'))))
  .orderBy('b.period').orderBy('i.code'));

/** Prepaid money not yet used: prepayments in, credit used as a payment method out (void receipts count for neither). */
const creditRow = prepareQuery((db, p: Param<RoomParams>) => db.selectNoFrom([
  sql<number | null>`(SELECT sum(l.amount) FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id WHERE r.room_id = ${p('room')} AND l.kind = 'prepay'
    AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = r.id))`.as('inn'),
  sql<number | null>`(SELECT sum(m.amount) FROM receipt r JOIN receipt_payment m ON m.receipt_id = r.id WHERE r.room_id = ${p('room')} AND m.method = 'credit'
    AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = r.id))`.as('out'),
]));

const recentReceipts = prepareQuery((db, p: Param<RoomParams>) => db.selectFrom('receipt as r').innerJoin('staff as s', 's.id', 'r.cashier_id')
  .leftJoin('receipt_void as v', 'v.receipt_id', 'r.id')
  .select(['r.id', 'r.number', 'r.kind', 'r.total', 'r.day', 'r.created_at', 's.display_name as cashier', 'v.reason as voidReason', 'v.kind as voidKind'])
  .select(dayClosedSql(sql.ref('r.cashier_id'), sql.ref('r.day')).as('dayClosed'))
  .where('r.room_id', '=', p('room')).orderBy('r.created_at', 'desc').limit(20));

/** The account's SQL, for the tests that hold its query plans (no scan of the bill table). */
export const ACCOUNT_SQL = { open: openLines.sql, all: allLines.sql };

export function creditBalance(conn: Database.Database, roomId: string): number {
  const row = creditRow.first(conn, { room: roomId });
  return (row?.inn ?? 0) - (row?.out ?? 0);
}

export function roomAccount(conn: Database.Database, siteId: string, roomId: string, includePaid = false) {
  const room = roomRow.first(conn, { site: siteId, room: roomId });
  if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });
  const lines = (includePaid ? allLines : openLines).all(conn, { room: roomId });
  const owed = lines.map((l) => ({ ...l, cancelled: !!l.cancelled, owed: l.cancelled ? 0 : l.amount - l.paid }));
  return {
    room: { id: room.id, code: room.code, areaCenti: room.area_centi, usage: room.usage },
    payer: payerRow.first(conn, { room: roomId })?.name ?? '',
    lines: owed,
    totalOwed: owed.reduce((s, l) => s + l.owed, 0),
    credit: creditBalance(conn, roomId),
    receipts: recentReceipts.all(conn, { room: roomId }),
  };
}
