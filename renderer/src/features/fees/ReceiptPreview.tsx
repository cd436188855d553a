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
 * Issue a receipt for printing: each opening is logged by the store (fees.print), and every
 * issue after the first prints 补打. The paper is chosen on the collect screen (PaperChoice)
 * before the preview opens, because the preview's own frame is shared by every area.
 */
export function ReceiptPreview({ id, paper, onClose }: { id: string; paper: ReceiptPaper; onClose(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [issued, setIssued] = useState<(Receipt & { copy: boolean }) | null>(null);

  const close = useRef(onClose);
  close.current = onClose;
  const asked = useRef('');
  useEffect(() => {
    // one issue per opening (StrictMode runs effects twice in development)
    if (asked.current === `${id}/${paper}`) return;
    asked.current = `${id}/${paper}`;
    call('fees.print', { id, paper }).then(setIssued, (e) => { showError(e); close.current(); });
  }, [id, paper, showError]);

  if (!issued) return null;
  return (
    <PrintPreview open onClose={onClose} title={t(issued.copy ? 'fees.previewCopy' : 'fees.preview', { number: issued.number })} paper={paper} fileName={`${issued.number}.pdf`}>
      <ReceiptDoc r={issued} copy={issued.copy} paper={paper} />
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
