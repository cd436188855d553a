import { z } from 'zod';
import { localDate } from '../api/schemas.js';

/**
 * Deadline rules (业主投诉处理暂行规定 and the repair service promises): pure functions of instants and the site's
 * rules, so intake, the queues and the tests all compute the same moments.
 *
 * Business time is the site's wall clock at a fixed UTC offset (China: +08:00, no daylight
 * saving), not the PC's time zone, so a desk whose Windows clock zone is wrong still
 * computes the right deadlines.
 */

export const rulesFields = z.object({
  /** office hours, minutes after local midnight (default 8:00–18:00) */
  officeStart: z.number().int().min(0).max(1439),
  officeEnd: z.number().int().min(1).max(1440),
  /** working days, 0 = Sunday … 6 = Saturday */
  workdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  /** true: deadlines count office time only (the clock stops at night and on days off) */
  pauseOutsideHours: z.boolean(),
  /** special/urgent complaints, and complaints passed to another department */
  urgentDays: z.number().int().min(1).max(30),
  /** a repair must have someone on site within this many minutes */
  onsiteMinutes: z.number().int().min(1).max(240),
  /** how long the supervisor has before an overdue case climbs to the deputy GM (office minutes when paused) */
  managerAfterMinutes: z.number().int().min(1).max(10080),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** public holidays (法定节假日) that fall on working days: the office is closed */
  holidays: z.array(localDate).max(200),
  /** days off worked in exchange (调休上班), e.g. a Saturday before National Day */
  extraWorkdays: z.array(localDate).max(200),
});
export const rulesSchema = rulesFields.refine((r) => r.officeEnd > r.officeStart, { message: 'office hours end after they start', path: ['officeEnd'] });
export type ComplaintRules = z.infer<typeof rulesSchema>;

export const DEFAULT_RULES: ComplaintRules = {
  officeStart: 8 * 60,
  officeEnd: 18 * 60,
  workdays: [1, 2, 3, 4, 5],
  pauseOutsideHours: true,
  urgentDays: 3,
  onsiteMinutes: 15,
  managerAfterMinutes: 600,
  utcOffsetMinutes: 480,
  holidays: [],
  extraWorkdays: [],
};

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** Local midnight (as a UTC instant) of the local day containing t. */
function dayStart(t: number, r: ComplaintRules): number {
  const off = r.utcOffsetMinutes * MIN;
  return Math.floor((t + off) / DAY) * DAY - off;
}
function weekday(t: number, r: ComplaintRules): number {
  return new Date(t + r.utcOffsetMinutes * MIN).getUTCDay();
}
function isWorkday(t: number, r: ComplaintRules): boolean {
  if (r.holidays.length || r.extraWorkdays.length) {
    const day = new Date(t + r.utcOffsetMinutes * MIN).toISOString().slice(0, 10);
    if (r.extraWorkdays.includes(day)) return true;
    if (r.holidays.includes(day)) return false;
  }
  return r.workdays.includes(weekday(t, r));
}

/** The office period [open, close) of the first working day at or after day0 (a local midnight). */
function nextOfficeDay(day0: number, r: ComplaintRules): number {
  let d = day0;
  for (let i = 0; i < 60 && !isWorkday(d + 12 * 60 * MIN, r); i++) d += DAY;
  return d;
}

/** Whether the deadline clock is running at t (always, unless the site pauses it outside office hours). */
export function clockRunning(t: number, r: ComplaintRules): boolean {
  if (!r.pauseOutsideHours) return true;
  const d = dayStart(t, r);
  return isWorkday(t, r) && t >= d + r.officeStart * MIN && t < d + r.officeEnd * MIN;
}

/** t plus `minutes` of deadline time: calendar minutes, or office minutes when the clock pauses. */
export function addDeadlineMinutes(t: number, minutes: number, r: ComplaintRules): number {
  if (!r.pauseOutsideHours) return t + minutes * MIN;
  let left = minutes * MIN;
  let d = dayStart(t, r);
  let from = t;
  // at most one loop per calendar day; bounded because rules cap the minutes at a few weeks
  for (let guard = 0; guard < 400; guard++) {
    d = nextOfficeDay(d, r);
    const open = d + r.officeStart * MIN;
    const close = d + r.officeEnd * MIN;
    const start = Math.max(from, open);
    if (start < close) {
      if (start + left <= close) return start + left;
      left -= close - start;
    }
    d += DAY;
    from = d;
  }
  throw new Error('deadline beyond reach');
}

/**
 * "The same day" (当天, 小修不过夜): the close of office on the day received, or of the next
 * working day when received after hours or on a day off. A site that does not pause the
 * clock works around the clock, so its "same day" ends at local midnight.
 */
export function sameDayDeadline(t: number, r: ComplaintRules): number {
  const d = dayStart(t, r);
  if (!r.pauseOutsideHours) return d + DAY;
  if (isWorkday(t, r) && t < d + r.officeEnd * MIN) return d + r.officeEnd * MIN;
  const next = nextOfficeDay(d + DAY, r);
  return next + r.officeEnd * MIN;
}

/** Three days (urgentDays): working days of office time when paused, else calendar days. */
export function urgentDeadline(t: number, r: ComplaintRules): number {
  if (!r.pauseOutsideHours) return t + r.urgentDays * DAY;
  return addDeadlineMinutes(t, r.urgentDays * (r.officeEnd - r.officeStart), r);
}

export type Kind = 'complaint' | 'repair' | 'suggestion' | 'enquiry';
export type Severity = 'ordinary' | 'urgent';

/** Deadlines set at intake. Repairs also get the on-site deadline. */
export function intakeDeadlines(kind: Kind, severity: Severity, receivedAt: number, r: ComplaintRules) {
  const due = kind !== 'repair' && severity === 'urgent' ? urgentDeadline(receivedAt, r) : sameDayDeadline(receivedAt, r);
  return {
    dueAt: due,
    onsiteDueAt: kind === 'repair' ? addDeadlineMinutes(receivedAt, r.onsiteMinutes, r) : null,
    managerAt: managerAt(due, r),
  };
}

/** When an overdue case climbs from the supervisor to the deputy GM. */
export function managerAt(dueAt: number, r: ComplaintRules): number {
  return addDeadlineMinutes(dueAt, r.managerAfterMinutes, r);
}

/** Escalation level now: 0 receiver, 1 customer-service supervisor, 2 deputy GM. Only unanswered cases climb. */
export function escalationLevel(open: boolean, dueAt: number, managerAtT: number, now: number): 0 | 1 | 2 {
  if (!open) return 0;
  if (now >= managerAtT) return 2;
  if (now >= dueAt) return 1;
  return 0;
}

/** How early a received-at time may be: a call taken up to an hour ago can be logged now; nothing earlier. */
export const RECEIVED_ALLOWANCE_MINUTES = 60;
