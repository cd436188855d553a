import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n';
import { desktopBridge } from './bridge';
import { PAPERS, pageRule, type Paper } from './paper';
import './print.css';

export interface PrintPreviewProps {
  open: boolean;
  onClose(): void;
  /** The dialog's title, e.g. 收据预览 */
  title: string;
  paper: Paper;
  /** Suggested name for Save as PDF, without folders */
  fileName: string;
  /** The document: one or more elements with className "print-page", laid out in mm */
  children: ReactNode;
  /**
   * Called once the document has gone to the print dialog or been saved as PDF — not when
   * the preview merely opens or closes — for documents whose prints are counted (a receipt's
   * second print says 补打). In browser mode "Save as PDF" is the print dialog, so it counts too.
   */
  onPrinted?(how: 'print' | 'pdf'): void;
  /**
   * Called just before the document goes to the printer, for documents whose prints are
   * claimed in the store first (a receipt's original is printed once); false stops the print.
   * The document shown may change in it (to 补打): the print waits for the next frame.
   */
  onBeforePrint?(): Promise<boolean>;
  /** More in the footer, before the buttons (e.g. "it did not come out") */
  footerExtra?: ReactNode;
}

/**
 * Every printout goes through here: the document is shown on its paper in a dialog, and the
 * same document is mounted in #print-root, the only thing print media shows (print.css).
 * So the print dialog, Electron's printToPDF and Chromium's page.pdf all produce exactly
 * the document, on the paper named by its @page rule, and nothing of the screen around it.
 */
export function PrintPreview({ open, onClose, title, paper, fileName, children, onPrinted, onBeforePrint, footerExtra }: PrintPreviewProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const root = usePrintRoot(open, paper);
  const printing = usePrinting(root);
  const spec = PAPERS[paper];
  const sheet = (
    <div className="print-sheet" style={{ width: `${spec.widthMm}mm`, minHeight: `${spec.heightMm}mm`, padding: `${spec.marginMm}mm` }}>
      {children}
    </div>
  );

  const ready = async () => {
    if (!onBeforePrint) return true;
    if (!(await onBeforePrint())) return false;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return true;
  };
  const savePdf = async () => {
    if (printing || !(await ready())) return;
    const bridge = desktopBridge();
    if (!bridge) {
      // Browser mode: the browser's print dialog offers "Save as PDF" as a destination.
      message.info(t('print.browserPdfHint'));
      window.print();
      onPrinted?.('pdf');
      return;
    }
    const r = await bridge.savePdf(fileName);
    if (r.ok) {
      message.success(t('print.saved', { path: r.path }));
      onPrinted?.('pdf');
    }
  };
  const print = async () => {
    if (printing || !(await ready())) return;
    window.print(); // returns when the print dialog closes
    onPrinted?.('print');
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={title}
      width={`calc(${spec.widthMm}mm + 80px)`}
      style={{ maxWidth: '96vw', top: 24 }}
      destroyOnHidden
      footer={
        <Space>
          {footerExtra}
          <Typography.Text type="secondary">{t(`print.paper.${paper}`)}</Typography.Text>
          <Button icon={<FilePdfOutlined />} onClick={() => void savePdf()} disabled={printing} data-testid="print-pdf">{t('print.savePdf')}</Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => void print()} disabled={printing} data-testid="print-now" autoFocus>{t('print.print')}</Button>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Space>
      }
    >
      <div className="print-preview-scroll" data-testid="print-preview">{sheet}</div>
      {root && createPortal(sheet, root)}
    </Modal>
  );
}

/** #print-root and the @page rule exist while a preview is open, and only then. */
function usePrintRoot(open: boolean, paper: Paper): HTMLElement | null {
  const [root, setRoot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const el = document.createElement('div');
    el.id = 'print-root';
    el.dataset.testid = 'print-root';
    el.dataset.paper = paper;
    const style = document.createElement('style');
    style.textContent = pageRule(paper);
    document.body.append(el);
    document.head.append(style);
    setRoot(el);
    return () => {
      el.remove();
      style.remove();
      setRoot(null);
    };
  }, [open, paper]);
  return root;
}

/**
 * A print runs from the browser's beforeprint to its afterprint. Where print() does not wait
 * for its dialog (Electron's, and some Chromium builds), a second print or a Save as PDF
 * started meanwhile is refused by the browser ("already being printed"): the buttons wait,
 * and #print-root carries data-printing so anything driving the page can wait too.
 */
function usePrinting(root: HTMLElement | null): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (!root) return;
    const before = () => {
      root.dataset.printing = 'true';
      setPrinting(true);
    };
    const after = () => {
      delete root.dataset.printing;
      setPrinting(false);
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [root]);
  return printing;
}
