import { siteDateTime } from '../../../../db/time/site-time';
import { useI18n } from '../../i18n';
import type { HandoverView } from './shared';

/** A printed document's foot: the hash of what was signed (or "draft"), and when it was printed. */
export function DocFoot({ view, now }: { view: HandoverView; now: string }) {
  const { t } = useI18n();
  return (
    <div className="ho-doc-foot">
      <span>{view.bodySha256 ? `${t('ho.hash')}${t('ho.colon')}${view.bodySha256}` : t('ho.doc.draft')}</span>
      <span>{t('ho.doc.printed', { at: now ? siteDateTime(now, view.utcOffsetMinutes) : '' })}</span>
    </div>
  );
}

/** A staff signature line on a printout: the name once signed in on the spot, or a blank line to sign by hand. */
export function StaffSignLine({ view, role, label }: { view: HandoverView; role: string; label: string }) {
  const { t } = useI18n();
  const s = view.signatures.find((x) => x.role === role);
  return (
    <div className="ho-sign">
      <span className="ho-sign-label">{label}{t('ho.colon')}</span>
      <span className="ho-sign-line">{s ? <b>{s.signer_name}</b> : null}</span>
      <span className="ho-sign-at">{s ? t('ho.doc.signedOn', { at: siteDateTime(s.signed_at, view.utcOffsetMinutes) }) : ''}</span>
    </div>
  );
}
