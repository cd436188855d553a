import type { OpOutput } from '../../../../db/api/types';
import { useI18n } from '../../i18n';
import './slips.css';

type Stats = OpOutput<'complaints.stats'>;
export type ReportPeriod = 'day' | 'week' | 'month';
export interface ReportGroup { key: 'byKind' | 'byCategory' | 'bySeverity' | 'byChannel' | 'byDepartment'; name(k: string): string }

/**
 * The complaint report on A4: the supervisor's daily summary, the weekly report to the manager
 * or the monthly statistics — the same counts as the screen, with the period and the time printed.
 */
export function ReportDoc({ s, period, groups, printedAt }: { s: Stats; period: ReportPeriod; groups: readonly ReportGroup[]; printedAt: string }) {
  const { t } = useI18n();
  const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
  const figures: [string, string | number][] = [
    [t('cmp.r.total'), s.total], [t('cmp.r.open'), s.open], [t('cmp.r.closed'), s.closed], [t('cmp.r.onTimeRate'), pct(s.onTimeRate)],
    [t('cmp.r.avgClose'), s.avgCloseMinutes == null ? '–' : t('cmp.r.hours', { n: (s.avgCloseMinutes / 60).toFixed(1) })],
    [t('cmp.r.satisfaction'), s.satisfaction ?? '–'], [t('cmp.r.reopened'), s.reopenedCases], [t('cmp.r.invalid'), s.invalid],
  ];
  return (
    <section className="print-page cmp-slip" data-testid="report-doc">
      <h1>{s.site.name}</h1>
      <h1>{t('cmp.r.printTitle')} · {t(`cmp.r.period.${period}`)}</h1>
      <div className="cmp-slip-sub"><span>{s.from === s.to ? s.from : `${s.from} – ${s.to}`}</span><span>{t('cmp.r.printed', { at: printedAt })}</span></div>
      <table>
        <tbody>
          {[0, 2, 4, 6].map((i) => (
            <tr key={i}><th>{figures[i]![0]}</th><td>{figures[i]![1]}</td><th>{figures[i + 1]![0]}</th><td>{figures[i + 1]![1]}</td></tr>
          ))}
        </tbody>
      </table>
      {groups.map((g) => (
        <table key={g.key} style={{ marginTop: '3mm' }}>
          <thead><tr><th style={{ width: 'auto' }}>{t(`cmp.r.${g.key}`)}</th><th style={{ width: '30mm' }}>{t('cmp.r.count')}</th></tr></thead>
          <tbody>{s[g.key].map((r) => <tr key={r.key}><td>{g.name(r.key)}</td><td>{r.n}</td></tr>)}</tbody>
        </table>
      ))}
    </section>
  );
}
