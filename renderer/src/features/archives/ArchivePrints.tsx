import type { OpOutput } from '../../../../db/api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { useDeskToday } from '../../time/deskTime';
import './archive-print.css';

/**
 * The archive's printouts: filing stamps (归档章) and box labels (盒标签) in batches on A4
 * label sheets, and the catalogue (目录) of a class or a year on A4 landscape.
 */
export type PrintItem = Pick<OpOutput<'archives.catalogue'>[number],
  'id' | 'ref_code' | 'title' | 'year' | 'produced_on' | 'retention' | 'form' | 'fonds_no' | 'library_no' | 'department_name'
  | 'location_room' | 'cabinet' | 'shelf' | 'box'>;
type CatalogueRow = OpOutput<'archives.catalogue'>[number];

const STAMPS_PER_PAGE = 27; // 3 × 9 on A4
const LABELS_PER_PAGE = 10; // 2 × 5 on A4
const ROWS_PER_PAGE = 18;

function pages<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out.length ? out : [[]];
}

export function StampSheet({ items, open, onClose }: { items: PrintItem[]; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const cell = (k: string, v: string | number) => <td><span className="k">{k}</span><span className="v">{v || ' '}</span></td>;
  return (
    <PrintPreview open={open} onClose={onClose} title={t('arch.print.stampsTitle')} paper="A4" fileName="归档章.pdf">
      {pages(items, STAMPS_PER_PAGE).map((page, p) => (
        <section key={p} className="print-page arch-sheet arch-stamps">
          {page.map((i) => (
            <table key={i.id} className="arch-stamp">
              <tbody>
                <tr>{cell(t('arch.stamp.fonds'), i.fonds_no)}{cell(t('arch.stamp.year'), i.year)}{cell(t('arch.stamp.roomNo'), i.ref_code)}</tr>
                <tr>{cell(t('arch.stamp.org'), i.department_name)}{cell(t('arch.stamp.retention'), t(`arch.ret.${i.retention}`))}{cell(t('arch.stamp.libraryNo'), i.library_no)}</tr>
              </tbody>
            </table>
          ))}
        </section>
      ))}
    </PrintPreview>
  );
}

/** A box's label: the items in it, one label whatever their number; an item in no box gets a label of its own. */
interface BoxLabel {
  key: string;
  box: string;
  items: PrintItem[];
}

const byCode = (a: PrintItem, b: PrintItem) => a.ref_code.localeCompare(b.ref_code, 'zh-CN', { numeric: true });

export function boxLabels(items: readonly PrintItem[]): BoxLabel[] {
  const boxes = new Map<string, BoxLabel>();
  for (const i of items) {
    const key = i.box ? [i.location_room, i.cabinet, i.shelf, i.box].join('\u0000') : `item:${i.id}`;
    const b = boxes.get(key) ?? { key, box: i.box, items: [] };
    b.items.push(i);
    boxes.set(key, b);
  }
  return [...boxes.values()].map((b) => ({ ...b, items: b.items.sort(byCode) }));
}

const span = (xs: readonly string[]) => {
  const sorted = [...new Set(xs.filter(Boolean))].sort();
  return sorted.length > 1 ? `${sorted[0]} — ${sorted[sorted.length - 1]}` : sorted[0] ?? '';
};

export function LabelSheet({ items, open, onClose }: { items: PrintItem[]; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <PrintPreview open={open} onClose={onClose} title={t('arch.print.labelsTitle')} paper="A4" fileName="档案盒标签.pdf">
      {pages(boxLabels(items), LABELS_PER_PAGE).map((page, p) => (
        <section key={p} className="print-page arch-sheet arch-labels">
          {page.map((b) => {
            const first = b.items[0]!;
            const last = b.items[b.items.length - 1]!;
            return (
              <div key={b.key} className="arch-label">
                <div className="head">{me.site?.name}</div>
                <table>
                  <tbody>
                    <tr><th>{t('arch.label.org')}</th><td>{[...new Set(b.items.map((i) => i.department_name))].join('、')}</td></tr>
                    <tr><th>{t('arch.label.form')}</th><td>{[...new Set(b.items.map((i) => t(`arch.form.${i.form}`)))].join('、')}</td></tr>
                    <tr><th>{t('arch.label.code')}</th><td className="code">
                      {b.items.length > 1 ? t('arch.label.codeRange', { first: first.ref_code, last: last.ref_code, count: b.items.length }) : first.ref_code}
                    </td></tr>
                    <tr><th>{t('arch.label.time')}</th><td>{span(b.items.map((i) => i.produced_on ?? String(i.year)))}</td></tr>
                    {b.box && <tr><th>{t('arch.label.box')}</th><td>{b.box}</td></tr>}
                  </tbody>
                </table>
              </div>
            );
          })}
        </section>
      ))}
    </PrintPreview>
  );
}

export function CatalogueDoc({ rows, scope, open, onClose }: { rows: CatalogueRow[]; scope: string; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const all = pages(rows, ROWS_PER_PAGE);
  const today = useDeskToday()?.day ?? '';
  return (
    <PrintPreview open={open} onClose={onClose} title={t('arch.print.catalogueTitle')} paper="A4-landscape" fileName={`档案目录-${scope}.pdf`}>
      {all.map((page, p) => (
        <section key={p} className="print-page arch-catalogue">
          <h1>{t('arch.print.catalogueTitle')}</h1>
          <div className="meta">
            <span>{me.site?.name} · {scope}</span>
            <span>{t('arch.print.count', { n: rows.length })} · {t('arch.print.printedAt', { date: today })}</span>
          </div>
          <table>
            <colgroup>
              <col style={{ width: '10mm' }} /><col style={{ width: '26mm' }} /><col /><col style={{ width: '26mm' }} /><col style={{ width: '13mm' }} />
              <col style={{ width: '22mm' }} /><col style={{ width: '13mm' }} /><col style={{ width: '16mm' }} /><col style={{ width: '30mm' }} /><col style={{ width: '32mm' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('arch.cat.no')}</th><th>{t('arch.code')}</th><th>{t('arch.title')}</th><th>{t('arch.deptShort')}</th><th>{t('arch.year')}</th>
                <th>{t('arch.producedOn')}</th><th>{t('arch.pieces')}</th><th>{t('arch.retention')}</th><th>{t('arch.location')}</th><th>{t('arch.remarks')}</th>
              </tr>
            </thead>
            <tbody>
              {page.map((r, i) => (
                <tr key={r.id}>
                  <td className="c">{p * ROWS_PER_PAGE + i + 1}</td><td className="c">{r.ref_code}</td><td>{r.title}</td><td>{r.department_name}</td><td className="c">{r.year}</td>
                  <td className="c">{r.produced_on ?? ''}</td><td className="c">{r.piece_count}</td><td className="c">{t(`arch.ret.${r.retention}`)}</td>
                  <td>{[r.location_room, r.cabinet, r.shelf, r.box].filter(Boolean).join(' ')}</td><td>{r.status === 'destroyed' ? t('arch.status.destroyed') : r.remarks}</td>
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
