import type Database from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';

/**
 * Whether a cashier's day is closed. The first close is a day_close row; after it a
 * supervisor may reopen the day with a reason (a late payment), and the cashier closes it
 * again: each of those is a day_reopening row. The day is closed while its closes outnumber
 * its reopenings, so the whole story stays in the store and nothing is edited.
 */
export function dayClosedSql(cashier: RawBuilder<unknown>, day: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(EXISTS (SELECT 1 FROM day_close dc WHERE dc.cashier_id = ${cashier} AND dc.day = ${day})
    AND (SELECT count(*) FROM day_reopening dr WHERE dr.cashier_id = ${cashier} AND dr.day = ${day} AND dr.kind = 'reopen')
      = (SELECT count(*) FROM day_reopening dr WHERE dr.cashier_id = ${cashier} AND dr.day = ${day} AND dr.kind = 'close'))`;
}

const STATE = prepareQuery((db, p: Param<{ cashier: string; day: string }>) => db.selectNoFrom([
  dayClosedSql(sql`${p('cashier')}`, sql`${p('day')}`).as('closed'),
  sql<number>`EXISTS (SELECT 1 FROM day_close dc WHERE dc.cashier_id = ${p('cashier')} AND dc.day = ${p('day')})`.as('everClosed'),
]));

export function dayState(conn: Database.Database, cashierId: string, day: string): { closed: boolean; everClosed: boolean } {
  const r = STATE.first(conn, { cashier: cashierId, day });
  return { closed: !!r?.closed, everClosed: !!r?.everClosed };
}
