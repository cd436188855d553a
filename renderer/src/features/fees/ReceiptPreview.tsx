import { App, Button, Segmented, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { ReceiptDoc } from './ReceiptDoc';
import type { Receipt } from './shared';
import { OffsetsControl, usePrintOffsets } from './PrintOffsets';

export type ReceiptPaper = 'A5' | 'form-241';

/**
 * The receipt on its paper. Opening the preview only reads it (fees.receipt); a print is
 * claimed (fees.print) as it goes to the printer or is saved as PDF, and given back
 * (fees.printUndone) when the cashier says it did not come out: the browser does not tell a
 * cancelled print dialog from a printed page. The first print is the original; the document
 * shown says 补打 whenever the next print would be a copy.
 * The paper is chosen on the collect screen (PaperChoice) before the preview opens, because
 * the preview's own frame is shared by every area.
 */
export function ReceiptPreview({ id, paper, onClose }: { id: string; paper: ReceiptPaper; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  /** the print this window claimed last: the one "it did not print" gives back */
  const [claimed, setClaimed] = useState<string | null>(null);
  /** while a print is on its way: whether it is the original or 补打, as the store said */
  const [printingCopy, setPrintingCopy] = useState<boolean | null>(null);
  const offsets = usePrintOffsets();

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    let live = true;
    call('fees.receipt', { id }).then((r) => { if (live) setReceipt(r); }, (e) => { showError(e); close.current(); });
    return () => { live = false; };
  }, [id, showError]);

  // The print is claimed in the store before it goes out: of two windows printing a receipt
  // never printed, one gets the original and the other prints 补打.
  const claim = async () => {
    try {
      const r = await call('fees.print', { id, paper });
      flushSync(() => {
        setPrintingCopy(r.copy);
        setClaimed(r.printId);
        setReceipt(r);
      });
      if (r.copy && receipt && receipt.prints === 0) void message.warning(t('fees.printAsCopy'));
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };
  const printed = () => setPrintingCopy(null);
  const undo = async () => {
    if (!claimed) return;
    try {
      setReceipt(await call('fees.printUndone', { printId: claimed }));
      setClaimed(null);
      void message.info(t('fees.printUndone'));
    } catch (e) {
      showError(e);
    }
  };

  if (!receipt) return null;
  const copy = printingCopy ?? receipt.prints > 0;
  return (
    <PrintPreview open onClose={onClose} title={t(copy ? 'fees.previewCopy' : 'fees.preview', { number: receipt.number })} paper={paper}
      fileName={`${receipt.number}${copy ? '-copy' : ''}.pdf`} onBeforePrint={claim} onPrinted={printed}
      footerExtra={<Space>
        {claimed && <Button type="link" danger onClick={() => void undo()} data-testid="print-undo">{t('fees.printUndo')}</Button>}
        <OffsetsControl paper={paper} offsets={offsets} />
      </Space>}>
      <ReceiptDoc r={receipt} copy={copy} paper={paper} offset={offsets.get(paper)} />
    </PrintPreview>
  );
}

export function PaperChoice({ paper, onChange }: { paper: ReceiptPaper; onChange(p: ReceiptPaper): void }) {
  const { t } = useI18n();
  return (
    <Segmented value={paper} onChange={(v) => onChange(v as ReceiptPaper)} data-testid="receipt-paper"
      options={[{ value: 'A5', label: t('print.paper.A5') }, { value: 'form-241', label: t('print.paper.form-241') }]} />
  );
}
