import type { OpOutput } from '../../../../db/api/types';
import { useI18n, type Translate } from '../../i18n';
import { formatYuan, yuan } from './shared';
import './fees.css';

export type MonthReport = OpOutput<'fees.monthReport'>;

/** basis points → "33.96%" (display only) */
export const pct = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

/** The rows of the month's money, shared by the screen and the printout: fee income first, deposits apart. */
export function monthLines(r: MonthReport, t: Translate) {
  return {
    income: [
      { key: 'c', label: t('fees.collectedInMonth'), value: yuan(r.collected.total) },
      { key: 'a', label: t('fees.collectedArrears'), value: yuan(r.collected.arrears) },
      { key: 'pp', label: t('fees.prepay'), value: yuan(r.collected.prepay) },
      ...(r.collected.reversed ? [{ key: 'rv', label: t('fees.collectedReversed'), value: `−${yuan(r.collected.reversed)}` }] : []),
      { key: 'o', label: t('fees.arrearsCarried'), value: yuan(r.arrearsCarried) },
    ],
    deposits: [
      { key: 'dt', label: t('fees.depositsTaken'), value: yuan(r.deposits.taken) },
      { key: 'dr', label: t('fees.depositsRefunded'), value: yuan(r.deposits.refunded) },
      { key: 'dn', label: t('fees.depositsNet'), value: yuan(r.deposits.net) },
    ],
  };
}

/** The monthly collection report on A4, as the centre posts it for the owners (每月向业主公布). */
export function ReportDoc({ r }: { r: MonthReport }) {
  const { t } = useI18n();
  const lines = monthLines(r, t);
  return (
    <section className="print-page fee-doc">
      <h1>{r.site}</h1>
      <h2>{t('fees.reportDocTitle', { period: r.period })}</h2>
      <table>
        <thead><tr><th>{t('fees.item')}</th><th className="num">{t('fees.billedCol')}</th><th className="num">{t('fees.paidCol')}</th><th className="num">{t('fees.rate')}</th></tr></thead>
        <tbody>
          {r.byItem.map((i) => <tr key={i.code}><td>{i.name}</td><td className="num">{formatYuan(i.billed)}</td><td className="num">{formatYuan(i.paid)}</td><td className="num">{pct(i.rateBp)}</td></tr>)}
          <tr><td><b>{t('fees.feeIncome')}</b></td><td className="num"><b>{formatYuan(r.billed)}</b></td><td className="num"><b>{formatYuan(r.paid)}</b></td><td className="num"><b>{pct(r.rateBp)}</b></td></tr>
        </tbody>
      </table>
      <table>
        <tbody>{lines.income.map((l) => <tr key={l.key}><td>{l.label}</td><td className="num">{l.value}</td></tr>)}</tbody>
      </table>
      <table>
        <thead><tr><th colSpan={2}>{t('fees.depositsCard')}</th></tr></thead>
        <tbody>{lines.deposits.map((l) => <tr key={l.key}><td>{l.label}</td><td className="num">{l.value}</td></tr>)}</tbody>
      </table>
      <table>
        <thead><tr><th>{t('fees.period')}</th><th className="num">{t('fees.billedCol')}</th><th className="num">{t('fees.paidCol')}</th><th className="num">{t('fees.rate')}</th></tr></thead>
        <tbody>{r.trend.map((m) => <tr key={m.period}><td>{m.period}</td><td className="num">{formatYuan(m.billed)}</td><td className="num">{formatYuan(m.paid)}</td><td className="num">{pct(m.rateBp)}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
