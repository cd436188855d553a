import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../../api/op.js';
import { newRow } from '../../api/rows.js';
import { AppError, type ApiError } from '../../errors.js';
import { uploadedFile } from '../../files/files.js';
import { inJobTransaction } from '../../jobs/jobs.js';
import { workbookOf } from '../../registry/import/sheets.js';
import { takePayment } from '../pay-ops.js';
import { findColumns, judgeResults, type ResultRow } from './results-check.js';

/**
 * The bank's results imported (回盘导入): the batch sheet returned with 成功 / 失败 and a reason.
 * All of the file or none of it: the rows are judged inside the one transaction that writes
 * them, and if any row is refused nothing is written and every row is reported. A results
 * file is the bank's account of one settlement; applying part of it would leave the desk's
 * receipts and the bank's statement disagreeing in a way nobody could see from either. The
 * refused rows are corrected (or, for money the bank must return, taken out) and the same
 * file imported again: the lines already recorded are reported as such and pay nothing twice.
 *
 * A success becomes a payment through the till's own rules (takePayment: a numbered receipt,
 * method bank, the line reference as its payment reference); a failure is recorded with its
 * reason and the bills stay owed.
 */
export interface DebitImportRow {
  row: number;
  reference: string;
  room: string;
  amount: number | null;
  outcome: ResultRow['outcome'];
  reason: string;
  status: ResultRow['status'];
  error: ApiError | null;
  receipt: { id: string; number: string } | null;
}

export interface DebitImportResult {
  applied: boolean;
  /** the refusal of the whole file, when a row is refused */
  refusal: ApiError | null;
  counts: { paid: number; failed: number; already: number; errors: number };
  collected: number;
  rows: DebitImportRow[];
}

export const resultOps = {
  'fees.debit.import': defineOp({
    input: z.object({ batchId: z.string().uuid(), uploadId: z.string().uuid() }),
    access: 'fees.collect',
    withoutStore: true,
    run: async (ctx, i): Promise<DebitImportResult> => {
      const siteId = requireSite(ctx);
      const session = requireSession(ctx);
      const store = ctx.store;
      const settings = ctx.settings;
      const wb = await workbookOf(store, uploadedFile(store, session.token, i.uploadId));
      const sheet = wb.sheets.find((s) => { try { return !!findColumns(s); } catch { return false; } }) ?? wb.sheets[0];
      if (!sheet) throw new AppError('fees.debit.no_columns');
      return inJobTransaction(store, session.staffId, 'fees.debit.import', async (trx) => {
        const batch = await trx.selectFrom('debit_batch').select(['id', 'number']).where('site_id', '=', siteId).where('id', '=', i.batchId).executeTakeFirst();
        if (!batch) throw new AppError('fees.not_found', { whatZh: '托收批次', whatEn: 'debit batch' });
        const judged = judgeResults(store.raw, siteId, batch.id, sheet);
        const count = (s: ResultRow['status']) => judged.filter((r) => r.status === s).length;
        const counts = { paid: count('pay'), failed: count('fail'), already: count('already'), errors: count('error') };
        const rows: DebitImportRow[] = judged.map(({ line: _line, ...r }) => ({ ...r, receipt: null }));
        if (counts.errors) {
          return { applied: false, refusal: new AppError('fees.debit.refused_rows', { count: counts.errors }).toApiError(), counts, collected: 0, rows };
        }
        const now = store.clock.now();
        let collected = 0;
        for (const [k, r] of judged.entries()) {
          if (r.status !== 'pay' && r.status !== 'fail') continue;
          const line = r.line!;
          let receipt: { id: string; number: string } | null = null;
          if (r.status === 'pay') {
            const paid = takePayment(store.raw, siteId, session.staffId, now, settings, {
              roomId: line.roomId, lines: line.bills, methods: [{ method: 'bank', amount: line.amount, reference: r.reference }],
              payer: line.holder, remarks: `银行托收 ${batch.number} / direct debit`,
            });
            receipt = { id: paid.id, number: paid.number };
            collected += line.amount;
          }
          await trx.insertInto('debit_result').values({
            ...newRow(siteId, now), line_id: line.id, outcome: r.outcome!, reason: r.status === 'fail' ? r.reason : '',
            receipt_id: receipt?.id ?? null, done_by: session.staffId,
          }).execute();
          rows[k]!.receipt = receipt;
        }
        return { applied: true, refusal: null, counts, collected, rows };
      });
    },
  }),
};
