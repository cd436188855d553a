import type { Locale, OpName, OpOutput } from '../../../../db/api/types';
import { formatPrice } from '../../../../db/fees/money';
import { ROLE_NAMES } from '../../../../db/i18n/roles';
import { siteTime } from '../../time/deskTime';
import { yuan } from '../fees/shared';
import { OPERATION_WORDS } from './operation-words';
import {
  CENTI_COLUMNS, CODE_WORDS, FIELD_WORDS, FLAG_COLUMNS, MONEY_COLUMNS, STAFF_COLUMNS, TABLE_WORDS, isInstant, isTechnical,
} from './record-words';

type Row = Record<string, unknown> | null;
/** One change as the desk sends it: the rows before and after as the JSON text the change log keeps. */
type SentEntry = OpOutput<'audit.list'>[number];
/** One change as the trail lists it: its rows read. */
export type Entry = Omit<SentEntry, 'before' | 'after'> & { before: Row; after: Row };

/** The rows of a change read here, for the screen, rather than by the desk for every row of every page. */
export function readEntry(e: SentEntry): Entry {
  return { ...e, before: e.before === null ? null : (JSON.parse(e.before) as Row), after: e.after === null ? null : (JSON.parse(e.after) as Row) };
}

const side = (locale: Locale) => (locale === 'zh-CN' ? 0 : 1);

/** What was done, in words ("作废收据"); an operation the words do not know yet shows its name. */
export function operationWords(op: string | null, locale: Locale): string {
  if (!op) return '—';
  const words = (OPERATION_WORDS as Record<string, readonly [string, string]>)[op];
  return words ? words[side(locale)] : op;
}

export function tableWords(table: string, locale: Locale): string {
  return TABLE_WORDS[table]?.[side(locale)] ?? table;
}

export function fieldWords(column: string, locale: Locale): string {
  return FIELD_WORDS[column]?.[side(locale)] ?? column;
}

/** The operations to pick from in the filter, by their words in the screen's language. */
export function operationOptions(locale: Locale): { value: OpName; label: string }[] {
  return (Object.keys(OPERATION_WORDS) as OpName[])
    .map((value) => ({ value, label: OPERATION_WORDS[value][side(locale)] }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export function tableOptions(locale: Locale): { value: string; label: string }[] {
  return Object.keys(TABLE_WORDS).map((value) => ({ value, label: tableWords(value, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale));
}

export interface ValueContext {
  locale: Locale;
  /** staff id → name, for the columns that hold a person */
  staff: ReadonlyMap<string, string>;
  /** the words for a flag set and not set */
  yes: string;
  no: string;
  /** the screen's words for a message key, if there are any */
  message(key: string): string | undefined;
}

/** A coded value of table.column in words (待审批 for pending), or undefined if it is not a code. */
function codeWords(table: string, column: string, value: string, ctx: ValueContext): string | undefined {
  const words = CODE_WORDS[`${table}.${column}`];
  if (typeof words === 'string') return ctx.message(`${words}.${value}`);
  return words?.[value]?.[side(ctx.locale)];
}

/** A field's value as a person reads it: ¥ for money, the site's clock for times, names for people, codes in words. */
export function fieldValue(table: string, column: string, value: unknown, ctx: ValueContext): string {
  if (value === undefined || value === null || value === '') return '—';
  const coded = typeof value === 'string' ? codeWords(table, column, value, ctx) : undefined;
  if (coded) return coded;
  if (MONEY_COLUMNS.has(column) && typeof value === 'number') return yuan(value);
  if (column === 'price_e4' && typeof value === 'number') return `¥${formatPrice(value)}`;
  if (CENTI_COLUMNS.has(column) && typeof value === 'number') return (value / 100).toFixed(2);
  if (FLAG_COLUMNS.has(column)) return value ? ctx.yes : ctx.no;
  if (column === 'role' && typeof value === 'string' && value in ROLE_NAMES) return ROLE_NAMES[value as keyof typeof ROLE_NAMES][ctx.locale];
  if (STAFF_COLUMNS.has(column) && typeof value === 'string') return ctx.staff.get(value) ?? value.slice(-8);
  if (isInstant(column) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return siteTime(value, { seconds: true });
  return String(value);
}

export interface FieldChange {
  column: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields a person cares about in one change: what changed (an update), or what was
 * written (a new record) or lost (a deleted one); ids and stamps are left to the raw view.
 */
export function fieldChanges(before: Row, after: Row): FieldChange[] {
  const columns = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((c) => !isTechnical(c));
  const changes = columns.map((column) => ({ column, before: before?.[column], after: after?.[column] }));
  if (before && after) return changes.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
  return changes.filter((c) => (after ? c.after : c.before) !== null && (after ? c.after : c.before) !== '');
}

/** One line of what changed: "状态：open → closed；备注：— → 已修好", the first few fields. */
export function changeLine(entry: Entry, ctx: ValueContext, colon: string, more: (n: number) => string, shown = 3): string {
  const changes = fieldChanges(entry.before, entry.after);
  const parts = changes.slice(0, shown).map((c) => {
    const label = fieldWords(c.column, ctx.locale);
    const value = (v: unknown) => fieldValue(entry.table_name, c.column, v, ctx);
    if (entry.kind === 'update') return `${label}${colon}${value(c.before)} → ${value(c.after)}`;
    return `${label}${colon}${value(entry.kind === 'insert' ? c.after : c.before)}`;
  });
  const rest = changes.length - parts.length;
  return parts.join(ctx.locale === 'zh-CN' ? '；' : '; ') + (rest > 0 ? ` ${more(rest)}` : '');
}
