import { AutoComplete, Button, Flex, InputNumber, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { ReceiptPaper } from './ReceiptPreview';

/**
 * Nudging the receipt on its paper, in mm, to fit a pre-printed form: each printer feeds its
 * forms a little differently, so the offsets are kept per printer (named by the cashier: the
 * browser does not say which printer it will use) and per paper, on this desk, and the last
 * printer chosen is the one used next time.
 */
export interface Offset { x: number; y: number }
type Saved = { printer: string; byPrinter: Record<string, Partial<Record<ReceiptPaper, Offset>>> };

const KEY = 'frontdesk.printOffsets';
const LIMIT = 30;

function read(): Saved {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Saved | null;
    if (v && typeof v.printer === 'string' && v.byPrinter && typeof v.byPrinter === 'object') return v;
  } catch {
    // a damaged entry starts afresh
  }
  return { printer: '', byPrinter: {} };
}

const clamp = (n: number | null) => Math.max(-LIMIT, Math.min(LIMIT, Math.round((n ?? 0) * 10) / 10));

export function usePrintOffsets() {
  const [saved, setSaved] = useState<Saved>(read);
  const save = (next: Saved) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setSaved(next);
  };
  return {
    printer: saved.printer,
    printers: Object.keys(saved.byPrinter),
    get: (paper: ReceiptPaper): Offset => saved.byPrinter[saved.printer]?.[paper] ?? { x: 0, y: 0 },
    choose: (printer: string) => save({ ...saved, printer: printer.trim().slice(0, 60) }),
    set: (paper: ReceiptPaper, o: Offset) => save({
      ...saved, byPrinter: { ...saved.byPrinter, [saved.printer]: { ...saved.byPrinter[saved.printer], [paper]: { x: clamp(o.x), y: clamp(o.y) } } },
    }),
  };
}

export function OffsetsControl({ paper, offsets }: { paper: ReceiptPaper; offsets: ReturnType<typeof usePrintOffsets> }) {
  const { t } = useI18n();
  const o = offsets.get(paper);
  const content = (
    <Flex vertical gap={8} data-testid="print-offsets">
      <Flex gap={8} align="center">
        <Typography.Text style={{ width: 56 }}>{t('fees.offsetPrinter')}</Typography.Text>
        <AutoComplete style={{ width: 200 }} value={offsets.printer} onChange={(v: string) => offsets.choose(v)} aria-label={t('fees.offsetPrinter')}
          options={offsets.printers.filter(Boolean).map((p) => ({ value: p }))} />
      </Flex>
      <Flex gap={8} align="center">
        <Typography.Text style={{ width: 56 }}>{t('fees.offsetX')}</Typography.Text>
        <InputNumber step={0.5} min={-LIMIT} max={LIMIT} value={o.x} addonAfter="mm" aria-label={t('fees.offsetX')} onChange={(x) => offsets.set(paper, { ...o, x: x ?? 0 })} />
      </Flex>
      <Flex gap={8} align="center">
        <Typography.Text style={{ width: 56 }}>{t('fees.offsetY')}</Typography.Text>
        <InputNumber step={0.5} min={-LIMIT} max={LIMIT} value={o.y} addonAfter="mm" aria-label={t('fees.offsetY')} onChange={(y) => offsets.set(paper, { ...o, y: y ?? 0 })} />
      </Flex>
    </Flex>
  );
  return (
    <Popover content={content} title={t('fees.offsets')} trigger="click">
      <Button data-testid="print-offsets-open">{t('fees.offsets')}{o.x || o.y ? ` (${o.x}, ${o.y})` : ''}</Button>
    </Popover>
  );
}
