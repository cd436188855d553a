import { Fragment } from 'react';
import { useI18n, type Translate } from '../../i18n';
import { formatPrice, formatYuan, yuan, type Receipt } from './shared';
import { useDeskTime } from '../../time/deskTime';
import './fees.css';

interface Group {
  name: string;
  from: string | null;
  to: string | null;
  months: number;
  amount: number;
  lines: Receipt['lines'];
}

const qty = (centi: number) => formatYuan(centi).replace(/,/g, '');

/**
 * 数量 × 单价 of a row, always filled: an area or monthly fee over several periods at one
 * price as quantity × price × periods (89.50m² × 2.35 × 12), metered use as the total used ×
 * price, a one-off charge as 1 × its amount, a part payment with the line's full amount after it.
 */
function detail(g: Group, t: Translate): string {
  const ls = g.lines;
  const first = ls[0];
  if (!first || first.kind === 'prepay') return t('fees.doc.prepayDetail');
  if (first.itemKind === 'oneoff' || first.itemKind === 'deposit' || first.quantity_centi === null || first.price_e4 === null) {
    return ls.map((l) => `1 × ${formatYuan(l.billAmount ?? l.amount)}`).filter((x, i, a) => a.indexOf(x) === i).join('；');
  }
  const unit = first.unit ?? '';
  const prices = [...new Set(ls.map((l) => l.price_e4 ?? 0))];
  const sameQty = ls.every((l) => l.quantity_centi === first.quantity_centi);
  const price = prices.map(formatPrice).join('/');
  const part = ls.some((l) => l.billAmount !== null && l.amount !== l.billAmount)
    ? ` ${t('fees.doc.ofBilled', { billed: formatYuan(ls.reduce((a, l) => a + (l.billAmount ?? 0), 0)) })}` : '';
  if (sameQty && ls.length > 1) return `${qty(first.quantity_centi)}${unit} × ${price} × ${ls.length}${part}`;
  return `${qty(ls.reduce((a, l) => a + (l.quantity_centi ?? 0), 0))}${unit} × ${price}${part}`;
}

/** Lines of one item over several periods print as one row (物业管理费 2026-01 至 2026-12), so a year's payment fits the half sheet. */
function groups(r: Receipt, prepayName: string): Group[] {
  const out: Group[] = [];
  for (const l of r.lines) {
    const name = l.kind === 'prepay' ? prepayName : l.itemName ?? '';
    const g = out.find((x) => x.name === name);
    if (g && l.period) {
      g.to = l.period;
      g.months++;
      g.amount += l.amount;
      g.lines.push(l);
      continue;
    }
    out.push({ name, from: l.period, to: l.period, months: 1, amount: l.amount, lines: [l] });
  }
  return out;
}

function Part({ r, part, copy }: { r: Receipt; part: 'stub' | 'receipt'; copy: boolean }) {
  const { t } = useI18n();
  const deskTime = useDeskTime();
  const refund = r.kind === 'refund';
  const rows = refund ? [{ name: t('fees.doc.refundLine'), from: null, to: null, months: 0, amount: r.total, detail: r.remarks }]
    : groups(r, t('fees.prepay')).map((g) => ({ ...g, detail: detail(g, t) }));
  const time = deskTime.format(r.created_at);
  return (
    <div className="receipt-part">
      <span className="part-name">{t(part === 'stub' ? 'fees.doc.stub' : 'fees.doc.receiptPart')}</span>
      {copy && <span className="copy-mark">{t('fees.doc.copy')}</span>}
      {r.void && <span className="void-mark">{t('fees.doc.void')}</span>}
      <h1>{r.siteName}</h1>
      {(r.siteAddress || r.sitePhone) && <div className="site-line">{[r.siteAddress, r.sitePhone && t('fees.doc.phone', { phone: r.sitePhone })].filter(Boolean).join('　')}</div>}
      <h2>{t(refund ? 'fees.doc.refundTitle' : 'fees.doc.title')}</h2>
      <div className="meta">
        <span>{t('fees.doc.no')}<b data-testid="doc-number">{r.number}</b></span>
        <span>{t(refund ? 'fees.doc.refundDate' : 'fees.doc.date')}{time}</span>
      </div>
      <div className="meta">
        <span>{t('fees.doc.room')}{r.roomCode}</span>
        <span>{t(refund ? 'fees.doc.payee' : 'fees.doc.payer')}{r.payer || '—'}</span>
      </div>
      <table>
        <thead>
          <tr><th>{t('fees.doc.item')}</th><th>{t('fees.doc.period')}</th><th>{t(refund ? 'fees.doc.note' : 'fees.doc.detail')}</th><th className="num">{t('fees.doc.amount')}</th></tr>
        </thead>
        <tbody>
          {rows.map((g, i) => (
            <tr key={i}>
              <td>{g.name}</td>
              <td>{g.from ? (g.from === g.to ? g.from : t('fees.doc.range', { from: g.from, to: g.to ?? '', n: g.months })) : '—'}</td>
              <td>{g.detail ?? ''}</td>
              <td className="num">{formatYuan(g.amount)}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={3} className="capital">{t('fees.doc.capital')}{r.capital}</td>
            <td className="num capital">{yuan(r.total)}</td>
          </tr>
        </tbody>
      </table>
      <div className="meta">
        <span>{t(refund ? 'fees.doc.refundMethods' : 'fees.doc.methods')}{r.methods.map((m) => `${t(`fees.method.${m.method}`)} ${formatYuan(m.amount)}${m.reference ? ` ${t('fees.doc.reference', { ref: m.reference })}` : ''}`).join('；')}</span>
        {r.tendered !== null && <span>{t('fees.doc.tendered', { tendered: formatYuan(r.tendered), change: formatYuan(r.change_given) })}</span>}
      </div>
      {r.void && <div>{t('fees.doc.voidBy', { reason: r.void.reason, by: r.void.voidedBy, approver: r.void.approver })}</div>}
      <div className="sign">
        <span>{t('fees.doc.cashier')}{r.cashier}</span>
        <span>{t(refund ? 'fees.doc.payeeSign' : 'fees.doc.payerSign')}<span className="sign-line" /></span>
        <span className="seal-box">{t('fees.doc.seal')}</span>
      </div>
    </div>
  );
}

/** The receipt on its paper: A5 holds both parts (存根联 above the cut, 收据联 below); the 241 mm form prints one part per sheet. */
export function ReceiptDoc({ r, copy, paper, offset }: { r: Receipt; copy: boolean; paper: 'A5' | 'form-241'; offset?: { x: number; y: number } }) {
  const parts = (['stub', 'receipt'] as const).map((part) => <Part key={part} r={r} part={part} copy={copy} />);
  // the nudge for a pre-printed form: the whole document moves, the paper does not
  const style = offset && (offset.x || offset.y) ? { position: 'relative' as const, left: `${offset.x}mm`, top: `${offset.y}mm` } : undefined;
  if (paper === 'A5') return <section className="print-page fee-doc" style={style}>{parts}</section>;
  return <Fragment>{parts.map((p, i) => <section key={i} className="print-page form-241 fee-doc" style={style}>{p}</section>)}</Fragment>;
}
