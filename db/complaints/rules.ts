import { z } from 'zod';
import {
  addClockMinutes, addOfficeMinutes, clockMinutesBetween, endOfDay, nextWorkdayAt, officeTimeFrom, type ClockKind, type OfficeCalendar,
} from './clock.js';
import { dayStartOf } from '../time/site-time.js';

/**
 * Deadline rules (业主投诉处理暂行规定 and the repair service promises): pure functions of
 * instants and the site's rules, so intake, the queues and the tests compute the same moments.
 *
 * Each kind and severity runs on one of two clocks (a site setting): repairs and urgent
 * cases on the 24-hour clock (someone on site within 15 minutes at any hour, 小修不过夜: a
 * small repair done the same calendar day); ordinary complaints, suggestions and enquiries on
 * office time, with a minimum time to act (received after 16:00 → due 12:00 the next
 * working day; on the 24-hour clock received after 20:00 → due 12:00 the next day), so no
 * case escalates before anyone could act on it, whichever clock it runs on.
 */
export type Kind = 'complaint' | 'repair' | 'suggestion' | 'enquiry';
export type Severity = 'ordinary' | 'urgent';
export type { ClockKind } from './clock.js';

const minute = z.number().int().min(0).max(1440);
const clock = z.enum(['office', 'around']);
const pair = z.object({ ordinary: clock, urgent: clock });

export const rulesFields = z.object({
  /** office hours, minutes after local midnight (default 8:00–18:00) */
  officeStart: minute.max(1439),
  officeEnd: minute.min(1),
  /** working days, 0 = Sunday … 6 = Saturday (public holidays and 调休 come from the holiday calendar) */
  workdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  /** which clock each kind and severity runs on */
  clocks: z.object({ complaint: pair, repair: pair, suggestion: pair, enquiry: pair }),
  /** office time: a case received at or after this minute of a working day … */
  lateAfter: minute,
  /** … is due at this minute of the next working day */
  lateDueBy: minute,
  /** the 24-hour clock's own minimum: a case received at or after this minute of any day … */
  aroundLateAfter: minute.min(1).max(1439),
  /** … is due at this minute of the next calendar day, not at midnight minutes later */
  aroundLateDueBy: minute.min(1).max(1439),
  /** special/urgent complaints, and complaints passed to another department: days of the case's clock */
  urgentDays: z.number().int().min(1).max(30),
  /** a repair must have someone on site within this many minutes (of the repair's clock) */
  onsiteMinutes: z.number().int().min(1).max(240),
  /** how long the supervisor has before an overdue case climbs to the deputy GM (minutes of the case's clock) */
  managerAfterMinutes: z.number().int().min(1).max(10080),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
});
export type RuleSettings = z.infer<typeof rulesFields>;

/** The settings' own checks, each with the refusal a person reads (db/complaints/errors.ts). */
type RuleProblem = 'complaints.bad_hours' | 'complaints.bad_late_hours' | 'complaints.min_time_too_long' | 'complaints.around_min_time_too_long';
export function ruleProblem(r: RuleSettings): RuleProblem | null {
  if (r.officeEnd <= r.officeStart) return 'complaints.bad_hours';
  if (r.lateAfter <= r.officeStart || r.lateAfter > r.officeEnd || r.lateDueBy <= r.officeStart || r.lateDueBy > r.officeEnd) return 'complaints.bad_late_hours';
  // the time a late case gets (lateAfter → close, open → lateDueBy) may not exceed one working day
  if (r.lateDueBy > r.lateAfter) return 'complaints.min_time_too_long';
  // likewise on the 24-hour clock: aroundLateAfter → midnight → aroundLateDueBy is at most a day
  if (r.aroundLateDueBy > r.aroundLateAfter) return 'complaints.around_min_time_too_long';
  return null;
}
export const rulesSchema = rulesFields.refine((r) => ruleProblem(r) === null, { message: 'rules out of order' });

/** The settings and the site's holiday calendar: everything a deadline needs. */
export type ComplaintRules = RuleSettings & Pick<OfficeCalendar, 'holidays' | 'extraWorkdays'>;

export const DEFAULT_CLOCKS: RuleSettings['clocks'] = {
  complaint: { ordinary: 'office', urgent: 'around' },
  repair: { ordinary: 'around', urgent: 'around' },
  suggestion: { ordinary: 'office', urgent: 'around' },
  enquiry: { ordinary: 'office', urgent: 'around' },
};

export const DEFAULT_SETTINGS: RuleSettings = {
  officeStart: 8 * 60,
  officeEnd: 18 * 60,
  workdays: [1, 2, 3, 4, 5],
  clocks: DEFAULT_CLOCKS,
  lateAfter: 16 * 60,
  lateDueBy: 12 * 60,
  aroundLateAfter: 20 * 60,
  aroundLateDueBy: 12 * 60,
  urgentDays: 3,
  onsiteMinutes: 15,
  managerAfterMinutes: 600,
  utcOffsetMinutes: 480,
};
export const DEFAULT_RULES: ComplaintRules = { ...DEFAULT_SETTINGS, holidays: new Set(), extraWorkdays: new Set() };

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** The clock a case of this kind and severity runs on. */
export function clockOf(kind: Kind, severity: Severity, r: RuleSettings): ClockKind {
  return r.clocks[kind][severity];
}

/**
 * The answer deadline of an ordinary case on office time: the close of the day it reaches the
 * desk, or, when it reaches the desk at or after `lateAfter`, `lateDueBy` on the next working
 * day. A case received at night or on a day off reaches the desk when the office next opens.
 */
export function officeDueAt(receivedAt: number, r: ComplaintRules): number {
  const reached = officeTimeFrom(receivedAt, r);
  const day = dayStartOf(reached, r.utcOffsetMinutes);
  if (reached >= day + r.lateAfter * MIN) return nextWorkdayAt(reached, r.lateDueBy, r);
  return day + r.officeEnd * MIN;
}

/**
 * The deadline of a small repair (or any same-day case) on the 24-hour clock: midnight ending
 * the day it was received (小修不过夜), or, when it was received at or after `aroundLateAfter`,
 * `aroundLateDueBy` the next calendar day, so a call at 23:50 is not overdue ten minutes later.
 */
export function aroundDueAt(receivedAt: number, r: RuleSettings): number {
  const day = dayStartOf(receivedAt, r.utcOffsetMinutes);
  return receivedAt >= day + r.aroundLateAfter * MIN ? day + DAY + r.aroundLateDueBy * MIN : endOfDay(receivedAt, r);
}

/** Three days (urgentDays) on the case's clock: calendar days, or working days of office time. */
export function urgentDeadline(clock: ClockKind, t: number, r: ComplaintRules): number {
  return clock === 'around' ? t + r.urgentDays * DAY : addOfficeMinutes(t, r.urgentDays * (r.officeEnd - r.officeStart), r);
}

/** Deadlines set at intake. Repairs also get the on-site deadline. */
export function intakeDeadlines(kind: Kind, severity: Severity, receivedAt: number, r: ComplaintRules) {
  const clock = clockOf(kind, severity, r);
  let due: number;
  if (kind !== 'repair' && severity === 'urgent') due = urgentDeadline(clock, receivedAt, r);
  // 小修不过夜 on the 24-hour clock: the end of the calendar day, or noon tomorrow if received late in the evening
  else if (clock === 'around') due = aroundDueAt(receivedAt, r);
  else due = officeDueAt(receivedAt, r);
  return {
    clock,
    dueAt: due,
    onsiteDueAt: kind === 'repair' ? addClockMinutes(clock, receivedAt, r.onsiteMinutes, r) : null,
    managerAt: managerAt(clock, due, r),
  };
}

/** When an overdue case climbs from the supervisor to the deputy GM. */
export function managerAt(clock: ClockKind, dueAt: number, r: ComplaintRules): number {
  return addClockMinutes(clock, dueAt, r.managerAfterMinutes, r);
}

/**
 * Escalation level now: 0 receiver, 1 customer-service supervisor, 2 deputy GM. Only
 * unanswered cases climb; a repair nobody reached within the on-site time climbs at once.
 */
export function escalationLevel(open: boolean, dueAt: number, managerAtT: number, now: number, onsiteLate = false): 0 | 1 | 2 {
  if (!open) return 0;
  if (now >= managerAtT) return 2;
  if (now >= dueAt || onsiteLate) return 1;
  return 0;
}

/** Minutes left (negative: overdue) on the case's clock. */
export function minutesLeft(clock: ClockKind, dueAt: number, now: number, r: ComplaintRules): number {
  return clockMinutesBetween(clock, now, dueAt, r);
}

/** How early a received-at time may be: a call taken up to an hour ago can be logged now; nothing earlier. */
export const RECEIVED_ALLOWANCE_MINUTES = 60;
