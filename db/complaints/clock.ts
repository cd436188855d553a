/**
 * The two clocks a case can run on, as pure arithmetic on instants (ms):
 * - the 24-hour clock (around): every minute counts, night and holiday alike;
 * - office time: only the minutes inside office hours on working days count. Working days
 *   are the site's weekdays, less the public holidays (法定节假日), plus the days off worked
 *   in exchange (调休上班), both from the site's holiday calendar.
 *
 * Business time is the site's wall clock at its fixed UTC offset, never the PC's zone.
 */
import { dayStartOf, siteDay, weekdayOf } from '../time/site-time.js';

export type ClockKind = 'office' | 'around';

/** What office-time arithmetic needs: the hours, the weekdays, the calendar and the offset. */
export interface OfficeCalendar {
  /** minutes after local midnight */
  officeStart: number;
  officeEnd: number;
  /** 0 = Sunday … 6 = Saturday */
  workdays: readonly number[];
  utcOffsetMinutes: number;
  /** local days (YYYY-MM-DD) the office is closed although a weekday */
  holidays: ReadonlySet<string>;
  /** local days the office is open although a day off */
  extraWorkdays: ReadonlySet<string>;
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/**
 * Whether the local day holding t is a working day. The answer is kept per calendar and local
 * day: a queue page or a work list asks it thousands of times of the same few weeks, and the
 * day's name (a string) is costly to make each time. Calendars are never changed once read.
 */
const workdayMemo = new WeakMap<OfficeCalendar, Map<number, boolean>>();

export function isWorkday(t: number, c: OfficeCalendar): boolean {
  const n = Math.floor((t + c.utcOffsetMinutes * MIN) / DAY);
  let memo = workdayMemo.get(c);
  if (!memo) workdayMemo.set(c, (memo = new Map()));
  let known = memo.get(n);
  if (known === undefined) {
    const day = siteDay(t, c.utcOffsetMinutes);
    known = c.extraWorkdays.has(day) ? true : c.holidays.has(day) ? false : c.workdays.includes(weekdayOf(day));
    memo.set(n, known);
  }
  return known;
}

/** Local midnight of the first working day at or after the day holding t (bounded: a calendar of only days off is refused when saved). */
export function workdayAtOrAfter(t: number, c: OfficeCalendar): number {
  let d = dayStartOf(t, c.utcOffsetMinutes);
  for (let i = 0; i < 120 && !isWorkday(d + 12 * 60 * MIN, c); i++) d += DAY;
  return d;
}

/** Whether office time is running at t. */
export function inOfficeHours(t: number, c: OfficeCalendar): boolean {
  const d = dayStartOf(t, c.utcOffsetMinutes);
  return isWorkday(d + 12 * 60 * MIN, c) && t >= d + c.officeStart * MIN && t < d + c.officeEnd * MIN;
}

/** t itself when office time is running, else the next moment the office opens. */
export function officeTimeFrom(t: number, c: OfficeCalendar): number {
  if (inOfficeHours(t, c)) return t;
  let d = workdayAtOrAfter(t, c);
  if (t >= d + c.officeEnd * MIN) d = workdayAtOrAfter(d + DAY, c);
  return Math.max(t, d + c.officeStart * MIN);
}

/** t plus `minutes` of office time. */
export function addOfficeMinutes(t: number, minutes: number, c: OfficeCalendar): number {
  let left = minutes * MIN;
  let from = officeTimeFrom(t, c);
  // one turn per working day; bounded because the rules cap the minutes at a few weeks
  for (let guard = 0; guard < 400; guard++) {
    const close = dayStartOf(from, c.utcOffsetMinutes) + c.officeEnd * MIN;
    if (from + left <= close) return from + left;
    left -= close - from;
    from = officeTimeFrom(close, c);
  }
  throw new Error('deadline beyond reach');
}

/** Office minutes between two instants (a ≤ b), whole minutes rounded down. */
export function officeMinutesBetween(a: number, b: number, c: OfficeCalendar): number {
  return Math.floor(officeMsBetween(a, b, c) / MIN);
}

function officeMsBetween(a: number, b: number, c: OfficeCalendar): number {
  let total = 0;
  let from = officeTimeFrom(a, c);
  for (let guard = 0; guard < 3000 && from < b; guard++) {
    const close = dayStartOf(from, c.utcOffsetMinutes) + c.officeEnd * MIN;
    total += Math.min(close, b) - from;
    from = officeTimeFrom(close, c);
  }
  return total;
}

/** t plus minutes on the given clock. */
export function addClockMinutes(clock: ClockKind, t: number, minutes: number, c: OfficeCalendar): number {
  return clock === 'around' ? t + minutes * MIN : addOfficeMinutes(t, minutes, c);
}

/**
 * Minutes from now to a deadline on the given clock: time left rounds up (a deadline not yet
 * reached has at least a minute left), time overdue rounds down but is at least a minute
 * once the deadline has passed (negative).
 */
export function clockMinutesBetween(clock: ClockKind, now: number, deadline: number, c: OfficeCalendar): number {
  const ms = clock === 'around' ? Math.abs(deadline - now) : deadline >= now ? officeMsBetween(now, deadline, c) : officeMsBetween(deadline, now, c);
  return deadline >= now ? Math.ceil(ms / MIN) : -Math.max(1, Math.floor(ms / MIN));
}

/** The close of office on the first working day strictly after the day holding t, at `minute` after midnight. */
export function nextWorkdayAt(t: number, minute: number, c: OfficeCalendar): number {
  return workdayAtOrAfter(dayStartOf(t, c.utcOffsetMinutes) + DAY, c) + minute * MIN;
}

/** Local midnight ending the calendar day holding t. */
export function endOfDay(t: number, c: Pick<OfficeCalendar, 'utcOffsetMinutes'>): number {
  return dayStartOf(t, c.utcOffsetMinutes) + DAY;
}
