import { siteDateTime } from '../../../../db/time/site-time';
import { useI18n } from '../../i18n';
import { DocFoot, SignLine } from './DocParts';
import { yuan } from '../fees/shared';
import type { HandoverView } from './shared';
import './handovers.css';

export interface ShiftBody {
  notes: string;
  prefill: {
    since: string;
    ownedCases: { case_no: string; matter: string; due_at: string; overdue: boolean; near: boolean }[];
    urgentCases: { case_no: string; matter: string; due_at: string; overdue: boolean }[];
    loansDue: { ref_code: string; title: string; borrower: string; due_on: string; overdue: boolean }[];
    cash: { receipts: number; voided: number; first: string | null; last: string | null; byMethod: { method: string; amount: number }[] };
    /** the desk's keys (shifts handed over before the key register have none) */
    keys?: { held: number; out: { label: string; roomCode: string | null; borrower: string; lentAt: string }[] };
  };
}

/** 交接班记录 on A4: what was handed over, both people's names (or blank lines), the hash of what was signed. */
export function ShiftDoc({ view, now }: { view: HandoverView; now: string }) {
  const { t } = useI18n();
  const C = t('ho.colon');
  const body = view.body as unknown as ShiftBody;
  const p = body.prefill;
  const when = (iso: string | null) => (iso ? siteDateTime(iso, view.utcOffsetMinutes) : '');
  const cases = [...p.ownedCases, ...p.urgentCases.filter((u) => !p.ownedCases.some((o) => o.case_no === u.case_no))];
  return (
    <section className="print-page ho-doc" data-testid="shift-doc">
      <h1>{t('ho.shift.printTitle')}</h1>
      <div className="ho-doc-sub"><span>{view.site.name}</span><span>{t('ho.number')}{C}{view.number}</span></div>
      {view.status === 'draft' && <div className="ho-doc-draft">{t('ho.doc.draft')}</div>}
      <table>
        <tbody>
          <tr><th>{t('ho.shift.outgoing')}</th><td>{view.createdBy}</td><th>{t('ho.shift.incoming')}</th><td>{view.signatures.find((s) => s.role === 'incoming')?.signer_name ?? view.incomingName}</td></tr>
          <tr><th>{t('ho.createdAt')}</th><td>{when(view.createdAt)}</td><th>{t('ho.signedAt')}</th><td>{when(view.signedAt)}</td></tr>
        </tbody>
      </table>
      <h2>{t('ho.shift.cash', { since: when(p.since) })}</h2>
      <p>{p.cash.receipts ? t('ho.shift.receipts', { n: p.cash.receipts, v: p.cash.voided, first: p.cash.first ?? '', last: p.cash.last ?? '' }) : t('ho.shift.noReceipts')}</p>
      {p.cash.byMethod.length > 0 && <p>{p.cash.byMethod.map((m) => `${t(`ho.method.${m.method}` as 'ho.method.cash')}${C}${yuan(m.amount)}`).join('　')}</p>}
      {p.keys && (
        <>
          <h2>{t('ho.shift.keys')}</h2>
          <p>{t('ho.keys.in')}{C}{p.keys.held}　{t('ho.shift.keysOut', { n: p.keys.out.length })}</p>
          {p.keys.out.length > 0 && (
            <table className="ho-grid">
              <thead><tr><th>{t('ho.keys.label')}</th><th>{t('ho.keys.room')}</th><th>{t('ho.keys.borrower')}</th><th>{t('ho.keys.lentAt')}</th></tr></thead>
              <tbody>{p.keys.out.map((k, i) => <tr key={i}><td>{k.label}</td><td>{k.roomCode ?? ''}</td><td>{k.borrower}</td><td>{when(k.lentAt)}</td></tr>)}</tbody>
            </table>
          )}
        </>
      )}
      <h2>{t('ho.shift.ownedCases')} / {t('ho.shift.urgentCases')}</h2>
      {cases.length ? (
        <table className="ho-grid">
          <tbody>{cases.map((c) => <tr key={c.case_no}><td>{c.case_no}</td><td>{c.matter}</td><td>{when(c.due_at)}{c.overdue ? ` ${t('ho.shift.overdue')}` : ''}</td></tr>)}</tbody>
        </table>
      ) : <p>{t('ho.none')}</p>}
      <h2>{t('ho.shift.loansDue')}</h2>
      {p.loansDue.length ? <p>{p.loansDue.map((l) => `${l.ref_code} ${l.title} · ${l.borrower} · ${l.due_on}`).join('；')}</p> : <p>{t('ho.none')}</p>}
      {body.notes && <p><b>{t('ho.remarks')}{C}</b><span style={{ whiteSpace: 'pre-wrap' }}>{body.notes}</span></p>}
      <div className="ho-signs"><SignLine view={view} role="outgoing" label={t('ho.shift.outgoing')} /><SignLine view={view} role="incoming" label={t('ho.shift.incoming')} /></div>
      <DocFoot view={view} now={now} />
    </section>
  );
}
