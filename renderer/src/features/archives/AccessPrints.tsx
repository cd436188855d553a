import type { OpOutput } from '../../../../db/api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { useDeskTime } from '../../time/deskTime';
import { registerNote } from './RegisterTable';
import './archive-print.css';

/**
 * The access papers the archive room keeps (domain: access needs an approved
 * 档案查阅/借阅/复印审批表, and each use goes into the 登记表): the request form as decided,
 * for signatures on paper, and the register of a month's readings, copies, loans and returns.
 */
type Request = OpOutput<'archives.requests'>[number];
type Line = OpOutput<'archives.register'>[number];

const KINDS = ['read', 'borrow', 'copy'] as const;
/** What the paper register lists: the uses of the archive, not the requests and scans. */
export const USE_EVENTS: ReadonlySet<Line['event']> = new Set(['read', 'copied', 'lent', 'returned']);
const LINES_PER_PAGE = 20;

export function RequestFormDoc({ request, onClose }: { request: Request | null; onClose(): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const when = useDeskTime();
  const r = request;
  return (
    <PrintPreview open={!!r} onClose={onClose} title={t('arch.form.title')} paper="A4" fileName="档案查阅借阅复印审批表.pdf">
      {r && (
        <section className="print-page arch-form">
          <h1>{t('arch.form.title')}</h1>
          <div className="meta"><span>{me.site?.name}</span><span>{t('arch.form.applied', { date: when.day(r.created_at) })}</span></div>
          <table className="grid">
            <tbody>
              <tr><th>{t('arch.req.kind')}</th><td colSpan={3}>{KINDS.map((k) => <span key={k} className="box">{k === r.kind ? '☑' : '☐'} {t(`arch.req.kind.${k}`)}</span>)}</td></tr>
              <tr><th>{t('arch.req.requester')}</th><td>{r.requester}</td><th>{t('arch.form.unit')}</th><td>{r.requester_unit || '—'}</td></tr>
              <tr><th>{t('arch.req.purpose')}</th><td colSpan={3}>{r.purpose}</td></tr>
              <tr><th>{t('arch.req.due')}</th><td>{r.due_on ?? '—'}</td><th>{t('arch.form.enteredBy')}</th><td>{r.entered_by_name}</td></tr>
            </tbody>
          </table>
          <table className="grid items">
            <thead><tr><th>{t('arch.cat.no')}</th><th>{t('arch.code')}</th><th>{t('arch.title')}</th></tr></thead>
            <tbody>{r.items.map((i, n) => <tr key={i.id}><td className="c">{n + 1}</td><td className="c">{i.ref_code}</td><td>{i.title}</td></tr>)}</tbody>
          </table>
          <table className="grid">
            <tbody>
              <tr>
                <th>{t('arch.form.decision')}</th>
                <td colSpan={3} className="tall">
                  {r.status === 'pending' ? '' : `${t(`arch.req.status.${r.status}`)}${r.decision_note ? `${t('common.colon')}${r.decision_note}` : ''}`}
                </td>
              </tr>
              <tr>
                <th>{t('arch.form.approver')}</th><td>{r.decided_by_name ?? ''}</td>
                <th>{t('arch.form.decidedOn')}</th><td>{r.decided_at ? when.day(r.decided_at) : ''}</td>
              </tr>
              <tr><th>{t('arch.form.applicantSign')}</th><td className="sign" /><th>{t('arch.form.approverSign')}</th><td className="sign" /></tr>
            </tbody>
          </table>
          <p className="rule">{t('arch.form.rule')}</p>
        </section>
      )}
    </PrintPreview>
  );
}

export function RegisterDoc({ lines, month, open, onClose }: { lines: Line[]; month: string; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const when = useDeskTime().format;
  // the paper register runs forward in time, as it was written
  const uses = lines.filter((l) => USE_EVENTS.has(l.event)).reverse();
  const all: Line[][] = [];
  for (let i = 0; i < uses.length; i += LINES_PER_PAGE) all.push(uses.slice(i, i + LINES_PER_PAGE));
  if (!all.length) all.push([]);
  return (
    <PrintPreview open={open} onClose={onClose} title={t('arch.regdoc.title')} paper="A4-landscape" fileName={`档案查阅借阅复印登记表-${month}.pdf`}>
      {all.map((page, p) => (
        <section key={p} className="print-page arch-catalogue">
          <h1>{t('arch.regdoc.title')}</h1>
          <div className="meta"><span>{me.site?.name} · {month}</span><span>{t('arch.print.count', { n: uses.length })}</span></div>
          <table>
            <colgroup>
              <col style={{ width: '10mm' }} /><col style={{ width: '32mm' }} /><col style={{ width: '26mm' }} /><col /><col style={{ width: '18mm' }} />
              <col style={{ width: '24mm' }} /><col style={{ width: '50mm' }} /><col style={{ width: '22mm' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('arch.cat.no')}</th><th>{t('arch.reg.at')}</th><th>{t('arch.code')}</th><th>{t('arch.title')}</th><th>{t('arch.reg.event')}</th>
                <th>{t('arch.reg.person')}</th><th>{t('arch.reg.note')}</th><th>{t('arch.reg.staff')}</th>
              </tr>
            </thead>
            <tbody>
              {page.map((l, i) => (
                <tr key={l.id}>
                  <td className="c">{p * LINES_PER_PAGE + i + 1}</td><td className="c">{when(l.at)}</td><td className="c">{l.ref_code}</td><td>{l.title}</td>
                  <td className="c">{t(`arch.ev.${l.event}`)}</td><td>{l.person}</td><td>{registerNote(t, l.note)}</td><td>{l.staff_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="foot">{p + 1} / {all.length}</div>
        </section>
      ))}
    </PrintPreview>
  );
}
