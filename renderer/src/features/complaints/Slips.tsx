import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { at, type CaseDetail } from './labels';
import './slips.css';

/** 投诉处理单: the whole case on one A4 page, as it is filed with the month's ledger. */
export function HandlingSlip({ c, now }: { c: CaseDetail; now: string }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const cat = locale === 'en-US' ? c.category_en : c.category_zh;
  const dept = c.department ? (c.department === 'other' ? c.department_name : t(`cmp.dept.${c.department}`)) : '';
  const escalations = c.events.filter((e) => e.event === 'escalated').map((e) => `${at(e.at)} ${t(e.detail.level === 2 ? 'cmp.level2' : 'cmp.level1')}`).join('；');
  return (
    <section className="print-page cmp-slip" data-testid="handling-slip">
      <h1>{t(c.kind === 'repair' ? 'cmp.slip.repairTitle' : 'cmp.slip.title')}</h1>
      <div className="cmp-slip-sub"><span>{me.site?.name}</span><span>{t('cmp.caseNo')}{t('common.colon')}{c.case_no}</span></div>
      <table>
        <tbody>
          <tr><th>{t('cmp.kind')}</th><td>{t(`cmp.kind.${c.kind}`)} · {t(`cmp.severity.${c.severity}`)}</td><th>{t('cmp.channel')}</th><td>{t(`cmp.channel.${c.channel}`)}</td></tr>
          <tr><th>{t('cmp.complainant')}</th><td>{c.complainant}</td><th>{t('cmp.phone')}</th><td>{c.phone}</td></tr>
          <tr><th>{t('cmp.room')}</th><td>{c.room_code || t('cmp.room.none')}</td><th>{t('cmp.category')}</th><td>{cat}</td></tr>
          <tr><th>{t('cmp.receivedAt')}</th><td>{at(c.received_at)}</td><th>{t('cmp.receiverShort')}</th><td>{c.receiver_name}</td></tr>
          <tr><th>{t('cmp.matter')}</th><td colSpan={3} className="tall">{c.matter}</td></tr>
          <tr><th>{t('cmp.wanted')}</th><td colSpan={3} className="mid">{c.wanted}</td></tr>
          <tr><th>{t('cmp.due')}</th><td>{at(c.due_at)}</td><th>{t('cmp.stage')}</th><td>{t(`cmp.stage.${c.stage}`)}{c.valid ? '' : ` · ${t('cmp.invalid')}`}</td></tr>
          <tr><th>{t('cmp.department')}</th><td>{dept}</td><th>{t('cmp.assignee')}</th><td>{c.assignee}</td></tr>
          <tr><th>{t('cmp.reply')}</th><td colSpan={3} className="tall">{c.reply_method ? `${t(`cmp.method.${c.reply_method}`)} ${at(c.replied_at)}${t('common.colon')}` : ''}{c.reply_text}</td></tr>
          <tr><th>{t('cmp.e.followed_up')}</th><td colSpan={3} className="mid">{c.satisfaction ? `${t('cmp.satisfaction')} ${c.satisfaction}/5 ${at(c.followed_at)} ${c.followup_remarks}` : ''}</td></tr>
          <tr><th>{t('cmp.e.escalated')}</th><td colSpan={3}>{escalations}</td></tr>
          <tr><th>{t('cmp.e.closed')}</th><td>{at(c.closed_at)}</td><th>{t('cmp.slip.sign')}</th><td></td></tr>
        </tbody>
      </table>
      <div className="cmp-slip-foot"><span>{c.reopen_count ? t('cmp.reopens', { n: c.reopen_count }) : ''}</span><span>{t('cmp.slip.printedAt', { at: at(now) })}</span></div>
    </section>
  );
}

/** 派工单: what the department needs to do the work, with room for the worker's and owner's signatures. */
export function DispatchSlip({ c, now }: { c: CaseDetail; now: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const dept = c.department ? (c.department === 'other' ? c.department_name : t(`cmp.dept.${c.department}`)) : '';
  const note = [...c.events].reverse().find((e) => e.event === 'dispatched')?.detail.note as string | undefined;
  return (
    <section className="print-page cmp-slip" data-testid="dispatch-slip">
      <h1>{t('cmp.slip.dispatchTitle')}</h1>
      <div className="cmp-slip-sub"><span>{me.site?.name}</span><span>{t('cmp.caseNo')}{t('common.colon')}{c.case_no}</span></div>
      <table>
        <tbody>
          <tr><th>{t('cmp.department')}</th><td>{dept}</td><th>{t('cmp.assignee')}</th><td>{c.assignee}</td></tr>
          <tr><th>{t('cmp.room')}</th><td>{c.room_code || t('cmp.room.none')}</td><th>{t('cmp.complainant')}</th><td>{c.complainant} {c.phone}</td></tr>
          <tr><th>{t('cmp.matter')}</th><td colSpan={3} className="mid">{c.matter}{note ? `（${note}）` : ''}</td></tr>
          <tr><th>{c.onsite_due_at ? t('cmp.onsiteDue') : t('cmp.receivedAt')}</th><td>{at(c.onsite_due_at ?? c.received_at)}</td><th>{t('cmp.due')}</th><td>{at(c.due_at)}</td></tr>
          <tr><th>{t('cmp.slip.materials')}</th><td colSpan={3} className="mid"></td></tr>
          <tr><th>{t('cmp.slip.finishedAt')}</th><td></td><th>{t('cmp.slip.workerSign')}</th><td></td></tr>
          <tr><th>{t('cmp.satisfaction')}</th><td>☐1 ☐2 ☐3 ☐4 ☐5</td><th>{t('cmp.slip.ownerSign')}</th><td></td></tr>
        </tbody>
      </table>
      <div className="cmp-slip-foot"><span>{t('cmp.receiverShort')}{t('common.colon')}{c.receiver_name}</span><span>{t('cmp.slip.printedAt', { at: at(now) })}</span></div>
    </section>
  );
}
