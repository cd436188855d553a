import { fieldForHeader, normaliseHeader } from '../../registry/import/fields.js';
import type { MeterKind } from '../tables.js';

/**
 * The columns of a meter reader's sheet (抄表单), the headers centres write for them, and the
 * words they use for the meter (水/电/气). The room columns are the registry import's own
 * (a full code, or building + unit + room), recognised by the registry's header rules, so a
 * room is written and found exactly as in the registry's ledger. The reading-sheet export
 * writes the first label of each field, so it re-imports with no mapping work.
 */
export const METER_FIELDS = ['code', 'building', 'unit', 'roomNo', 'meter', 'period', 'reading', 'readOn'] as const;
export type MeterField = (typeof METER_FIELDS)[number];
export type MeterMapping = Partial<Record<MeterField, number>>;

export const METER_FIELD_LABELS: Record<MeterField, { zh: string; en: string }> = {
  code: { zh: '房号', en: 'Room code' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  roomNo: { zh: '房间号', en: 'Room' },
  meter: { zh: '表类', en: 'Meter' },
  period: { zh: '账期', en: 'Period' },
  reading: { zh: '本期读数', en: 'New reading' },
  readOn: { zh: '抄表日期', en: 'Read on' },
};

/** Exact headers (normalised as the registry does) for the meter's own columns. */
const SYNONYMS: Record<'meter' | 'period' | 'reading' | 'readOn', string[]> = {
  meter: ['表类', '表计', '表类型', '表计类型', '表别', '表种', '仪表', '仪表类型', '类别', '表', 'meter', 'metertype', 'type'],
  period: ['账期', '所属期', '期间', '月份', '抄表月份', '计费月份', '收费月份', '所属月份', '年月', 'period', 'month', 'billingperiod'],
  reading: ['本期读数', '本月读数', '本次读数', '当前读数', '抄表读数', '读数', '本期止码', '止码', '本期表底', '表底', 'reading', 'newreading', 'currentreading', 'thisreading'],
  readOn: ['抄表日期', '抄表时间', '抄表日', '日期', 'readon', 'readdate', 'date', 'readingdate'],
};
const EXACT = new Map<string, MeterField>();
for (const [f, words] of Object.entries(SYNONYMS)) for (const w of words) EXACT.set(normaliseHeader(w), f as MeterField);

/** The field a header most likely means. A previous reading (上期读数) is never the new one. */
export function meterFieldFor(header: string): MeterField | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const exact = EXACT.get(h);
  if (exact) return exact;
  if (/上期|上月|上次|起码|previous|last/.test(h)) return null;
  if (/读数|止码|表底|reading/.test(h)) return 'reading';
  if (/抄表.*(日期|时间)/.test(h)) return 'readOn';
  if (/账期|所属期|月份/.test(h)) return 'period';
  if (/^(水|电|气)?表(类|别|计)/.test(h)) return 'meter';
  const room = fieldForHeader(header);
  return room === 'code' || room === 'building' || room === 'unit' || room === 'roomNo' ? room : null;
}

/** Header cells → a suggested field per column (1-based), each field at most once. */
export function suggestMeterMapping(headers: readonly string[]): MeterMapping {
  const out: MeterMapping = {};
  headers.forEach((h, i) => {
    const f = meterFieldFor(h);
    if (f && out[f] === undefined) out[f] = i + 1;
  });
  return out;
}

const METER_WORDS: Record<string, MeterKind> = {
  水: 'water', 水表: 'water', 自来水: 'water', 冷水: 'water', 水费: 'water', 冷水表: 'water', water: 'water',
  电: 'electricity', 电表: 'electricity', 电费: 'electricity', 用电: 'electricity', electricity: 'electricity', electric: 'electricity', power: 'electricity',
  气: 'gas', 燃气: 'gas', 燃气表: 'gas', 天然气: 'gas', 煤气: 'gas', 气表: 'gas', 燃气费: 'gas', gas: 'gas',
};
export function parseMeter(s: string): MeterKind | null {
  return METER_WORDS[s.trim().replace(/\s+/g, '').toLowerCase()] ?? null;
}

/** What the export writes for a meter, per locale: words parseMeter reads back. */
export const METER_TEXT: Record<MeterKind, { zh: string; en: string }> = {
  water: { zh: '水', en: 'water' },
  electricity: { zh: '电', en: 'electricity' },
  gas: { zh: '气', en: 'gas' },
};
/** The meter as messages name it. */
export const METER_NAME: Record<MeterKind, { zh: string; en: string }> = {
  water: { zh: '水表', en: 'water meter' },
  electricity: { zh: '电表', en: 'electricity meter' },
  gas: { zh: '燃气表', en: 'gas meter' },
};
