/**
 * Which months of a site's collection figures a batch can have changed, gathered from its
 * rows as the import reads them (hq.month_figures is worked out again for just those):
 * - a bill: its billing month (before and after a change);
 * - a receipt, a void or a reversal: the calendar month of its day;
 * - a receipt line: its bill's billing month and its receipt's month;
 * - a cancellation: its bill's billing month;
 * - a void or a reversal: also its receipt's month and its lines' bills' billing months;
 * - a fee item changed (whether its bills count as fees may have changed): every month of the site.
 * A bill or receipt named by a row but not itself in the batch is looked up on the server,
 * after the batch is applied; most lines name a bill and a receipt of their own batch.
 */
import { sql, type Transaction } from 'kysely';
import type { ChangeRow } from '../sync/rules.js';
import type { HqPgSchema } from './tables.js';

const monthOf = (day: unknown) => (typeof day === 'string' ? day.slice(0, 7) : null);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

export class BatchMonths {
  private readonly months = new Set<string>();
  private readonly billPeriod = new Map<string, string>();
  private readonly receiptMonth = new Map<string, string>();
  private readonly billsNamed = new Set<string>();
  private readonly receiptsNamed = new Set<string>();
  private readonly receiptsVoided = new Set<string>();
  private feeItemChanged = false;

  /** One state of a row of the batch: its values before or after the change (called for every row of a load: no closures). */
  note(table: string, kind: ChangeRow['kind'], row: Record<string, unknown>): void {
    switch (table) {
      case 'bill': {
        const p = text(row.period);
        if (!p) break;
        this.months.add(p);
        if (typeof row.id === 'string') this.billPeriod.set(row.id, p);
        break;
      }
      case 'receipt': {
        const m = monthOf(row.day);
        if (!m) break;
        this.months.add(m);
        if (typeof row.id === 'string') this.receiptMonth.set(row.id, m);
        break;
      }
      case 'receipt_void': {
        const m = monthOf(row.day);
        if (m) this.months.add(m);
        if (typeof row.receipt_id === 'string') {
          this.receiptsNamed.add(row.receipt_id);
          this.receiptsVoided.add(row.receipt_id);
        }
        break;
      }
      case 'receipt_line':
        if (typeof row.bill_id === 'string') this.billsNamed.add(row.bill_id);
        if (typeof row.receipt_id === 'string') this.receiptsNamed.add(row.receipt_id);
        break;
      case 'bill_cancel':
        if (typeof row.bill_id === 'string') this.billsNamed.add(row.bill_id);
        break;
      case 'fee_item':
        if (kind !== 'insert') this.feeItemChanged = true;
        break;
    }
  }

  /** The months touched, once the batch's rows are on the server (so what they name is there too). */
  async resolve(trx: Transaction<HqPgSchema>, writer: string): Promise<string[]> {
    const out = new Set(this.months);
    const bills = [...this.billsNamed].filter((id) => {
      const p = this.billPeriod.get(id);
      if (p) out.add(p);
      return !p;
    });
    const receipts = [...this.receiptsNamed].filter((id) => {
      const m = this.receiptMonth.get(id);
      if (m) out.add(m);
      return !m;
    });
    const found = async (q: ReturnType<typeof sql<{ m: string | null }>>) => { for (const r of (await q.execute(trx)).rows) if (r.m) out.add(r.m); };
    if (bills.length > 0) await found(sql`SELECT DISTINCT period AS m FROM sites.bill WHERE site_id = ${writer} AND id = ANY(${bills}::text[])`);
    if (receipts.length > 0) await found(sql`SELECT DISTINCT substr(day, 1, 7) AS m FROM sites.receipt WHERE site_id = ${writer} AND id = ANY(${receipts}::text[])`);
    if (this.receiptsVoided.size > 0) {
      await found(sql`SELECT DISTINCT b.period AS m FROM sites.receipt_line l JOIN sites.bill b ON b.site_id = l.site_id AND b.id = l.bill_id
        WHERE l.site_id = ${writer} AND l.receipt_id = ANY(${[...this.receiptsVoided]}::text[])`);
    }
    if (this.feeItemChanged) {
      await found(sql`SELECT period AS m FROM sites.bill WHERE site_id = ${writer}
        UNION SELECT substr(day, 1, 7) FROM sites.receipt WHERE site_id = ${writer}
        UNION SELECT substr(day, 1, 7) FROM sites.receipt_void WHERE site_id = ${writer}`);
    }
    return [...out].sort();
  }
}
