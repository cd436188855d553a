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

/**
 * A signature line on a printout: "signed on paper" (the scanned sheet is attached, not squeezed
 * onto the line), the drawn signature's image (by hash, from `images`), or the name of a person who signed in on the spot; a blank line to sign by hand
 * while it is unsigned. Under it, who signed and when.
 */
export function SignLine({ view, role, label, images = {} }: { view: HandoverView; role: string; label: string; images?: Record<string, string> }) {
  const { t } = useI18n();
  const s = view.signatures.find((x) => x.role === role);
  const img = s?.image_sha256 ? images[s.image_sha256] : undefined;
  const at = s ? t('ho.doc.signedOn', { at: siteDateTime(s.signed_at, view.utcOffsetMinutes) }) : '';
  return (
    <div className="ho-sign" data-testid={`sign-line-${role}`}>
      <span className="ho-sign-label">{label}{t('ho.colon')}</span>
      <span className="ho-sign-line">
        {s?.method === 'paper' ? <i>{t('ho.sign.paperSigned')}</i>
          : img?.startsWith('data:image/') ? <img src={img} alt={s!.signer_name} /> : s ? <b>{s.signer_name}</b> : null}
      </span>
      <span className="ho-sign-at">{s && s.method !== 'attest' ? `${s.signer_name} · ${at}` : at}</span>
    </div>
  );
}
