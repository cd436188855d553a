import { useEffect, useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { DocFoot, SignLine } from './DocParts';
import { yuan } from '../fees/shared';
import type { HandoverView, MoveInBody, MoveOutBody, MoveOutEffects } from './shared';
import './handovers.css';

/** The signature images of a handover, as data URLs by hash. */
export function useSignatureImages(view: HandoverView | null) {
  const [images, setImages] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    const hashes = (view?.signatures ?? []).map((s) => s.image_sha256).filter((h): h is string => !!h);
    void Promise.all(hashes.map(async (h) => [h, (await call('handovers.image', { sha256: h })).dataUrl] as const))
      .then((pairs) => live && setImages(Object.fromEntries(pairs)));
    return () => { live = false; };
  }, [view]);
  return images;
}

/** 入伙交接单 / 迁出交接单 on A4: the form as signed, the signatures (or blank lines), and the hash of what was signed. */
export function HandoverDoc({ view, images, now }: { view: HandoverView; images: Record<string, string>; now: string }) {
  const { t, locale } = useI18n();
  const C = t('ho.colon');
  const [SEMI, COMMA] = locale === 'en-US' ? ['; ', ', '] : ['；', '、'];
  const cond = (c: string | null) => (c ? t(`ho.cond.${c}` as 'ho.cond.ok') : '—');
  const meterName = (m: string) => t(`ho.meter.${m}` as 'ho.meter.water');
  const isIn = view.kind === 'move_in';
  const inBody = view.body as unknown as MoveInBody;
  const outBody = view.body as unknown as MoveOutBody;
  const effects = (view.canonical?.effects ?? null) as MoveOutEffects | null;
  return (
    <section className="print-page ho-doc" data-testid="handover-doc">
      <h1>{t(isIn ? 'ho.doc.title.move_in' : 'ho.doc.title.move_out')}</h1>
      <div className="ho-doc-sub">
        <span>{view.site.name}</span>
        <span>{t('ho.number')}{C}{view.number}{view.version > 1 ? ` · ${t('ho.versionN', { n: view.version })}` : ''}</span>
      </div>
      {view.status === 'draft' && <div className="ho-doc-draft">{t('ho.doc.draft')}</div>}
      {view.version > 1 && <div className="ho-doc-note">{t('ho.doc.correction', { reason: view.reason })}</div>}
      <table>
        <tbody>
          <tr><th>{t('ho.room')}</th><td>{view.room?.code}</td><th>{t(isIn ? 'ho.moveInDate' : 'ho.moveOutDate')}</th><td>{isIn ? inBody.moveInDate ?? '' : outBody.moveOutDate ?? ''}</td></tr>
          {isIn ? (
            <>
              <tr><th>{t('ho.occ.name')}</th><td>{inBody.occupant.name} · {t(`registry.kind.${inBody.occupant.kind}`)}</td><th>{t('ho.occ.phone')}</th><td>{inBody.occupant.phone}</td></tr>
              <tr><th>{t('ho.occ.idNumber')}</th><td>{inBody.occupant.idNumber}{inBody.occupant.idChecked ? ` ✓ ${t('ho.occ.idChecked')}` : ''}</td><th>{t('ho.cards')}</th><td>{inBody.cards}</td></tr>
            </>
          ) : (
            <tr><th>{t('ho.occupant')}</th><td colSpan={3}>{outBody.occupantName}</td></tr>
          )}
        </tbody>
      </table>

      <h2>{t('ho.sec.keys')}</h2>
      <table className="ho-grid">
        <thead><tr><th>{t('ho.key.kind')}</th>{!isIn && <th>{t('ho.key.handed')}</th>}<th>{t(isIn ? 'ho.key.count' : 'ho.key.returned')}</th><th>{t('ho.key.numbers')}</th></tr></thead>
        <tbody>
          {(isIn ? inBody.keys.filter((k) => k.count > 0).map((k) => ({ ...k, handed: k.count })) : outBody.keys.filter((k) => k.handed > 0 || k.count > 0)).map((k, i) => (
            <tr key={i} className={k.handed > k.count ? 'ho-diff' : ''}>
              <td>{k.kind}</td>{!isIn && <td>{k.handed}</td>}<td>{k.count}{k.handed > k.count ? ` (${t('ho.key.missing', { n: k.handed - k.count })})` : ''}</td><td>{k.numbers}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t(isIn ? 'ho.sec.meters' : 'ho.sec.finalMeters')}</h2>
      <table className="ho-grid">
        <thead><tr><th>{t('ho.meter.kind')}</th><th>{t('ho.meter.no')}</th><th>{t('ho.meter.reading')}</th></tr></thead>
        <tbody>{view.body && (isIn ? inBody.meters : outBody.meters).map((m) => <tr key={m.meter}><td>{meterName(m.meter)}</td><td>{m.meterNo}</td><td>{m.reading}</td></tr>)}</tbody>
      </table>
      {effects?.finalReadings?.length ? (
        <p className="ho-doc-note">{t('ho.finalBills')}{C}{effects.finalReadings.map((f) => t('ho.finalLine', { meter: meterName(f.meter), use: f.use, amount: yuan(f.billed) })).join(SEMI)}</p>
      ) : null}

      <h2>{t('ho.sec.checklist')}</h2>
      <table className="ho-grid">
        <thead><tr><th>{t('ho.check.item')}</th><th>{t('ho.check.condition')}</th><th>{t('ho.check.remark')}</th></tr></thead>
        <tbody>
          {(isIn ? inBody.checklist : outBody.checklist).map((c, i) => {
            const change = view.compare?.changes.find((x) => x.item === c.item);
            return (
              <tr key={i} className={change ? 'ho-diff' : ''}>
                <td>{c.item}</td>
                <td>{cond(c.condition)}{change ? ` (${t('ho.check.was', { c: cond(change.before) })})` : ''}</td>
                <td>{c.remark}{c.caseNo ? ` · ${t('ho.check.case', { no: c.caseNo })}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {isIn ? (
        <p><b>{t('ho.sec.documents')}{C}</b>{inBody.documents.join(COMMA) || t('ho.none')}</p>
      ) : (
        <>
          <p><b>{t('ho.missingKeys')}{C}</b>{view.compare?.missingKeys.map((k) => `${k.kind} ×${k.missing}`).join(COMMA) || t('ho.none')}</p>
          {effects && <p>{effects.owed > 0 ? <b>{t('ho.owedNote', { amount: yuan(effects.owed).replace('¥', '') })}</b> : <><b>{t('ho.owed')}{C}</b>{t('ho.none')}</>}</p>}
        </>
      )}
      {(isIn ? inBody.remarks : outBody.remarks) && <p><b>{t('ho.remarks')}{C}</b>{isIn ? inBody.remarks : outBody.remarks}</p>}

      <div className="ho-signs">
        <SignLine view={view} images={images} role="occupant" label={t('ho.doc.signOccupant')} />
        <SignLine view={view} images={images} role="staff" label={t('ho.doc.signStaff')} />
      </div>
      <DocFoot view={view} now={now} />
    </section>
  );
}
