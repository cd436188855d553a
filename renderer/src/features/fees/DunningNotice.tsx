import type { OpOutput } from '../../../../db/api/types';
import { useI18n } from '../../i18n';
import { formatYuan, yuan } from './shared';

export type Notices = OpOutput<'fees.notices'>;

/**
 * 催缴通知书, one A5 page a room, as a Chinese office writes it: to the occupant by name, the
 * room, what is owed summarised by item and period, the total in figures and in capitals, the
 * date to pay by, the office's address and phone, a seal area and the date in Chinese. In
 * English the same, with the dates as written (YYYY-MM-DD).
 */
export function NoticeDoc({ n }: { n: Notices }) {
  const { t, locale } = useI18n();
  const zh = locale === 'zh-CN';
  const issued = zh ? n.issuedCn : n.issuedDay;
  const due = zh ? n.dueCn : n.dueOn;
  return (
    <>
      {n.notices.map((x) => (
        <section key={x.room.id} className="print-page fee-doc dunning-notice" data-testid="notice-page">
          <h1>{n.siteName}</h1>
          <h2>{t('fees.notice.title')}</h2>
          <p>{t('fees.notice.to', { payer: x.payer || t('fees.notice.occupant') })}</p>
          <p className="indent">{t('fees.notice.body', { date: issued, room: x.room.code })}</p>
          <table>
            <thead><tr><th>{t('fees.item')}</th><th>{t('fees.period')}</th><th className="num">{t('fees.notice.periods')}</th><th className="num">{t('fees.owed')}</th></tr></thead>
            <tbody>
              {x.items.map((g) => (
                <tr key={g.item}>
                  <td>{g.item}</td>
                  <td>{g.from === g.to ? g.from : t('fees.notice.items', { from: g.from, to: g.to })}</td>
                  <td className="num">{g.periods}</td>
                  <td className="num">{formatYuan(g.amount)}</td>
                </tr>
              ))}
              <tr><td colSpan={3} className="capital">{t('fees.doc.capital')}{x.capital}</td><td className="num capital">{yuan(x.total)}</td></tr>
            </tbody>
          </table>
          <p className="indent">{t('fees.notice.please', { due })}</p>
          <div className="notice-foot">
            <div>
              {n.siteAddress && <div>{t('fees.notice.address', { address: n.siteAddress })}</div>}
              {n.sitePhone && <div>{t('fees.notice.phone', { phone: n.sitePhone })}</div>}
            </div>
            <div className="notice-sign">
              <span className="seal-box">{t('fees.notice.seal')}</span>
              <div>{n.siteName}</div>
              <div>{issued}</div>
            </div>
          </div>
        </section>
      ))}
    </>
  );
}
