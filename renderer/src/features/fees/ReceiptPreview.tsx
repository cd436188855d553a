import { Segmented } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import { useShowError } from '../../app/errors';
import { useI18n } from '../../i18n';
import { PrintPreview } from '../../print/PrintPreview';
import { ReceiptDoc } from './ReceiptDoc';
import type { Receipt } from './shared';

export type ReceiptPaper = 'A5' | 'form-241';

/**
 * The receipt on its paper. Opening the preview only reads it (fees.receipt); a print is
 * counted (fees.print) once the document has actually gone to the printer or been saved as
 * PDF. The first such print is the original; the document shown says 补打 whenever the next
 * print would be a copy, including right after the first print while the preview stays open.
 * The paper is chosen on the collect screen (PaperChoice) before the preview opens, because
 * the preview's own frame is shared by every area.
 */
export function ReceiptPreview({ id, paper, onClose }: { id: string; paper: ReceiptPaper; onClose(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    let live = true;
    call('fees.receipt', { id }).then((r) => { if (live) setReceipt(r); }, (e) => { showError(e); close.current(); });
    return () => { live = false; };
  }, [id, showError]);

  const printed = () => {
    // the store counts the print; its answer (prints + 1) turns the document shown into 补打
    call('fees.print', { id, paper }).then(setReceipt, showError);
  };

  if (!receipt) return null;
  const copy = receipt.prints > 0;
  return (
    <PrintPreview open onClose={onClose} title={t(copy ? 'fees.previewCopy' : 'fees.preview', { number: receipt.number })} paper={paper}
      fileName={`${receipt.number}${copy ? '-copy' : ''}.pdf`} onPrinted={printed}>
      <ReceiptDoc r={receipt} copy={copy} paper={paper} />
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
