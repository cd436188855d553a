import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { prepareQuery, type Param } from '../store/prepared.js';

/**
 * The last receipt number used of a site, kind and year: the highest of the receipts and of
 * the numbers taken out of use (lost or spoiled), which share one gapless sequence.
 */
const LAST_SEQ = prepareQuery((db, p: Param<{ site: string; kind: 'payment' | 'refund'; year: number }>) => db.selectNoFrom([
  sql<number>`max(
    COALESCE((SELECT max(seq) FROM receipt WHERE site_id = ${p('site')} AND kind = ${p('kind')} AND year = ${p('year')}), 0),
    COALESCE((SELECT max(seq) FROM receipt_number_skip WHERE site_id = ${p('site')} AND kind = ${p('kind')} AND year = ${p('year')}), 0))`.as('seq'),
]));

export function lastReceiptSeq(conn: Database.Database, site: string, kind: 'payment' | 'refund', year: number): number {
  return Number(LAST_SEQ.first(conn, { site, kind, year })?.seq ?? 0);
}
