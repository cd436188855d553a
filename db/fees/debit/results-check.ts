import type Database from 'better-sqlite3';
import { AppError, type ApiError, type ErrorParams } from '../../errors.js';
import { fromInertText } from '../../files/inert-cells.js';
import type { ErrorCode } from '../../i18n/errors.js';
import { cellText } from '../../registry/import/check.js';
import type { Cell, ParsedSheet } from '../../registry/import/read.js';
import { nonEmpty } from '../../registry/import/sheets.js';
import { prepareQuery, type Param } from '../../store/prepared.js';
import { formatYuan, parseYuan } from '../money.js';
import { columnFor, type DebitColumn } from './sheet.js';
import { readOutcome } from './rules.js';
import type { DebitOutcome } from './tables.js';

/**
 * The bank's results file judged row by row against the batch, writing nothing. Every row
 * with a reference ends as one status:
 *   pay     — 成功 for a line with no result yet, its bills still owing what was sent;
 *   fail    — 失败 for a line with no result yet: recorded with its reason, the bills stay owed;
 *   already — the line already has this very result (the file imported before): nothing again;
 *   error   — refused, with its reason (an unknown line, a line twice, a result not
 *             understood, another room or amount than was sent, bills meanwhile paid at the
 *             till, a result that contradicts the one recorded).
 */
export type RowStatus = 'pay' | 'fail' | 'already' | 'error';

export interface ResultRow {
  row: number;
  reference: string;
  room: string;
  amount: number | null;
  outcome: DebitOutcome | null;
  reason: string;
  status: RowStatus;
  error: ApiError | null;
  line: { id: string; roomId: string; holder: string; amount: number; bills: { billId: string; amount: number }[] } | null;
}

const LINE = prepareQuery((db, p: Param<{ site: string; reference: string }>) => db.selectFrom('debit_batch_line as l')
  .innerJoin('room as r', 'r.id', 'l.room_id').innerJoin('debit_agreement as a', 'a.id', 'l.agreement_id')
  .leftJoin('debit_result as x', 'x.line_id', 'l.id')
  .select(['l.id', 'l.batch_id', 'l.room_id', 'r.code as room', 'a.holder', 'l.amount', 'l.bills', 'x.outcome'])
  .where('l.site_id', '=', p('site')).where('l.reference', '=', p('reference')));
const OWED = prepareQuery((db, p: Param<{ bill: string }>) => db.selectFrom('bill_open').select('owed').where('bill_id', '=', p('bill')));

const OUTCOME_WORDS: Record<DebitOutcome, [string, string]> = { success: ['成功', 'success'], failure: ['失败', 'failure'] };
const err = (code: ErrorCode, params: ErrorParams = {}) => new AppError(code, params).toApiError();

/** The header row (of the first ten) naming the reference and result columns, and each column's number. */
export function findColumns(sheet: ParsedSheet): { headerRow: number; cols: Partial<Record<DebitColumn, number>> } {
  for (let r = 1; r <= Math.min(10, sheet.rows.length); r++) {
    const cols: Partial<Record<DebitColumn, number>> = {};
    (sheet.rows[r - 1] ?? []).forEach((c, k) => {
      const col = typeof c === 'string' ? columnFor(c) : null;
      if (col && cols[col] === undefined) cols[col] = k + 1;
    });
    if (cols.reference !== undefined && cols.result !== undefined) return { headerRow: r, cols };
  }
  throw new AppError('fees.debit.no_columns');
}

function amountOf(c: Cell | undefined): number | null {
  if (c === null || c === undefined) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? Math.round(c * 100) : NaN;
  const t = cellText(c).replace(/[¥￥,，\s]/g, '');
  return t === '' ? null : (parseYuan(t) ?? NaN);
}

/** Judge the file against the batch as the store is now (call it inside the writing transaction). */
export function judgeResults(conn: Database.Database, siteId: string, batchId: string, sheet: ParsedSheet): ResultRow[] {
  const { headerRow, cols } = findColumns(sheet);
  const at = (cells: Cell[], c: DebitColumn) => (cols[c] === undefined ? undefined : cells[cols[c]! - 1]);
  const text = (cells: Cell[], c: DebitColumn) => fromInertText(cellText(at(cells, c) ?? null)).trim();
  const seen = new Set<string>();
  const out: ResultRow[] = [];
  sheet.rows.slice(headerRow).forEach((cells, k) => {
    if (!nonEmpty(cells)) return;
    const reference = text(cells, 'reference');
    const resultText = text(cells, 'result');
    if (!reference && !resultText) return; // a total or note row
    const r: ResultRow = {
      row: headerRow + 1 + k, reference, room: text(cells, 'room'), amount: amountOf(at(cells, 'amount')), outcome: readOutcome(resultText),
      reason: text(cells, 'reason').slice(0, 200), status: 'error', error: null, line: null,
    };
    out.push(r);
    const line = reference ? LINE.first(conn, { site: siteId, reference }) : undefined;
    if (!line || line.batch_id !== batchId) return void (r.error = err('fees.debit.unknown_line', { reference: reference || '—' }));
    if (seen.has(reference)) return void (r.error = err('fees.debit.line_twice', { reference }));
    seen.add(reference);
    if (!r.outcome) return void (r.error = err('fees.debit.bad_result', { text: resultText }));
    if (r.room && r.room !== line.room) return void (r.error = err('fees.debit.room_differs', { reference, room: line.room, given: r.room }));
    if (r.amount !== null && r.amount !== line.amount) {
      return void (r.error = err('fees.debit.amount_differs', {
        reference, amount: formatYuan(line.amount), given: Number.isNaN(r.amount) ? text(cells, 'amount') : formatYuan(r.amount),
      }));
    }
    const bills = JSON.parse(line.bills) as { billId: string; amount: number }[];
    r.line = { id: line.id, roomId: line.room_id, holder: line.holder, amount: line.amount, bills };
    r.room = line.room;
    if (line.outcome) {
      if (line.outcome === r.outcome) return void (r.status = 'already');
      return void (r.error = err('fees.debit.result_changed', {
        reference, beforeZh: OUTCOME_WORDS[line.outcome][0], beforeEn: OUTCOME_WORDS[line.outcome][1],
        givenZh: OUTCOME_WORDS[r.outcome][0], givenEn: OUTCOME_WORDS[r.outcome][1],
      }));
    }
    if (r.outcome === 'failure') return void (r.status = 'fail');
    // the bills must still owe what the bank took: paid or cancelled at the till meanwhile, the money has nowhere to go
    const owed = bills.map((b) => OWED.first(conn, { bill: b.billId })?.owed ?? 0);
    if (bills.some((b, j) => owed[j]! < b.amount)) {
      return void (r.error = err('fees.debit.paid_meanwhile', {
        room: line.room, owed: formatYuan(owed.reduce((s, o) => s + o, 0)), amount: formatYuan(line.amount),
      }));
    }
    r.status = 'pay';
  });
  if (!out.length) throw new AppError('fees.debit.no_rows');
  return out;
}
