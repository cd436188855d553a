/**
 * Periods, receipt numbers and arrears ages at the cashier's desk, pure. The business day
 * and month come from the site's clock (db/time/site-time.ts): a payment at 23:50 belongs
 * to that evening's day close, whatever UTC or the PC's zone says.
 */
const p2 = (n: number) => String(n).padStart(2, '0');

export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Months from a to b (YYYY-MM): 2026-01 → 2026-03 is 2 */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** The last day of a period: bills of a month fall due at its end. */
export function periodEnd(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${p2(last)}`;
}

/**
 * The receipt number as printed: SJ-2026-000123, or SJ-HZ-01-2026-000123 once head office
 * has assigned the site its code (numbering stays per site, kind and year, without gaps).
 */
export function receiptNumber(prefix: string, year: number, seq: number, kind: 'payment' | 'refund' = 'payment', site = ''): string {
  return `${prefix}${kind === 'refund' ? 'TK' : ''}${site ? `-${site}` : ''}-${year}-${String(seq).padStart(6, '0')}`;
}

/** Arrears age buckets in months overdue: ≤1, 1–3, 3–6, 6–12, >12 */
export type AgeBucket = 'm1' | 'm3' | 'm6' | 'm12' | 'older';
export function ageBucket(duePeriod: string, nowPeriod: string): AgeBucket {
  const m = monthsBetween(duePeriod, nowPeriod);
  if (m <= 1) return 'm1';
  if (m <= 3) return 'm3';
  if (m <= 6) return 'm6';
  if (m <= 12) return 'm12';
  return 'older';
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? CN_DIGITS[tens] : ''}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}

/** A date as a Chinese office writes it on a notice: 2026-12-05 → 二〇二六年十二月五日 */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${[...y!].map((c) => CN_DIGITS[Number(c)]).join('')}年${cnNumber(Number(m))}月${cnNumber(Number(d))}日`;
}

export interface OwedSummary { item: string; from: string; to: string; periods: number; amount: number }

/** What a room owes summarised by item: 物业管理费 2026-01 至 2026-06（6 期）¥1,261.98 — the way a dunning notice lists it. */
export function owedByItem(lines: readonly { itemName: string; period: string; owed: number }[]): OwedSummary[] {
  const out: OwedSummary[] = [];
  for (const l of lines) {
    if (l.owed <= 0) continue;
    const g = out.find((x) => x.item === l.itemName);
    if (!g) {
      out.push({ item: l.itemName, from: l.period, to: l.period, periods: 1, amount: l.owed });
      continue;
    }
    if (l.period < g.from) g.from = l.period;
    if (l.period > g.to) g.to = l.period;
    g.periods++;
    g.amount += l.owed;
  }
  return out;
}
