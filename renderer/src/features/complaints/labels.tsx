import { Tag, Tooltip } from 'antd';
import type { OpOutput } from '../../../../db/api/types';
import type { ComplaintDepartment, ComplaintKind, ComplaintStage } from '../../../../db/complaints/tables';
import { siteTime } from '../../time/deskTime';
import type { MessageKey, Translate } from '../../i18n';

export type QueueRow = OpOutput<'complaints.queue'>['rows'][number];
export type CaseDetail = OpOutput<'complaints.get'>;
export type Setup = OpOutput<'complaints.setup'>;
export type Category = Setup['categories'][number];

export const KINDS: readonly ComplaintKind[] = ['complaint', 'repair', 'suggestion', 'enquiry'];
export const CHANNELS = ['visit', 'phone', 'letter', 'other'] as const;
export const DEPARTMENTS: readonly ComplaintDepartment[] = ['customer_service', 'engineering', 'security', 'cleaning', 'landscaping', 'other'];
export const METHODS = ['visit', 'letter', 'phone'] as const;
export const STAGE_COLOR: Record<ComplaintStage, string> = { received: 'blue', handling: 'processing', replied: 'cyan', followed_up: 'geekblue', closed: 'default' };

export const options = <T extends string>(values: readonly T[], prefix: string, t: Translate) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

/** Desk time as people read it: 2026-12-01 09:00. */
export const at = (iso: string | null | undefined) => (iso ? siteTime(iso) : '');

/** 2天3小时 / 45分 — the two largest units are enough at a glance. */
export function span(ms: number, t: Translate): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  const parts = [d ? t('cmp.d', { n: d }) : '', h ? t('cmp.h', { n: h }) : '', mm ? t('cmp.m', { n: mm }) : ''].filter(Boolean);
  return parts.length ? parts.slice(0, 2).join(' ') : t('cmp.m', { n: 0 });
}

export const categoryName = (cats: readonly Category[] | undefined, code: string, locale: string) => {
  const c = cats?.find((k) => k.code === code);
  return c ? (locale === 'en-US' ? c.name_en : c.name_zh) : code;
};

/** Office time as a person reads it: 1 个工作日 2 个工作小时 / 1 office day 2 office hours (the two largest units). */
export function officeSpan(minutes: number, dayMinutes: number, t: Translate): string {
  const m = Math.abs(minutes);
  const d = Math.floor(m / dayMinutes);
  const h = Math.floor((m % dayMinutes) / 60);
  const mm = m % 60;
  const unit = (n: number, one: MessageKey, many: MessageKey) => (n ? t(n === 1 ? one : many, { n }) : '');
  const parts = [unit(d, 'cmp.od1', 'cmp.od'), unit(h, 'cmp.oh1', 'cmp.oh'), unit(mm, 'cmp.om1', 'cmp.om')].filter(Boolean);
  return parts.length ? parts.slice(0, 2).join(' ') : t('cmp.om', { n: 0 });
}

/** What a deadline tag needs: the clock-derived state of a case (db/complaints/queries.ts derived) and its deadline. */
export type DeadlineState = Pick<QueueRow, 'msLeft' | 'minutesLeft' | 'clock' | 'officeDayMinutes' | 'level' | 'overdue' | 'onTime' | 'due_at' | 'onsiteOverdue' | 'onsiteMinutesLeft'>;

/**
 * Time left, or overdue, on the clock the case runs on, and the escalation level: the one tag
 * every list shows. Office-time cases count office time ("超时 1 个工作小时"); a repair still
 * waiting for someone on site shows that countdown first ("剩 12 分钟到场").
 */
export function DeadlineTag({ row, t }: { row: DeadlineState; t: Translate }) {
  if (row.msLeft === null || row.minutesLeft === null) {
    return <Tag color={row.onTime ? 'green' : 'orange'} data-testid="deadline">{t('cmp.answered')} · {t(row.onTime ? 'cmp.onTime' : 'cmp.late')}</Tag>;
  }
  const office = row.clock === 'office';
  const left = office ? officeSpan(row.minutesLeft, row.officeDayMinutes, t) : span(row.msLeft, t);
  const tag = row.overdue
    ? <Tag color="red" data-testid="deadline">{t(office ? 'cmp.overdueOffice' : 'cmp.overdueBy', { t: left })}</Tag>
    : <Tag color={row.msLeft < 2 * 3600_000 ? 'orange' : 'green'} data-testid="deadline">{t(office ? 'cmp.leftOffice' : 'cmp.left', { t: left })}</Tag>;
  const onsite = row.onsiteMinutesLeft === null ? null : row.onsiteOverdue
    ? <Tag color="red" data-testid="onsite">{t('cmp.onsiteOver', { n: -row.onsiteMinutesLeft })}</Tag>
    : <Tag color="orange" data-testid="onsite">{t('cmp.onsiteLeft', { n: row.onsiteMinutesLeft })}</Tag>;
  return (
    <Tooltip title={`${t('cmp.due')} ${at(row.due_at)} · ${t(office ? 'cmp.clock.office' : 'cmp.clock.around')}`}>
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', rowGap: 4 }}>
        {onsite}
        {tag}
        {row.level > 0 && <Tag color={row.level === 2 ? 'magenta' : 'volcano'} data-testid="level">{t(row.level === 2 ? 'cmp.level2' : 'cmp.level1')}</Tag>}
      </span>
    </Tooltip>
  );
}
