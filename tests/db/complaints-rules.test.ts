/**
 * Deadline rules: the two clocks (24-hour for repairs and urgent cases, office time for
 * ordinary complaints, suggestions and enquiries), the minimum time to act, 15 minutes on
 * site, the escalation moments and the holiday calendar. Times are written in Beijing time.
 */
import { describe, expect, it } from 'vitest';
import { addOfficeMinutes, officeMinutesBetween } from '../../db/complaints/clock.js';
import { nationalCalendar } from '../../db/complaints/calendar.js';
import {
  DEFAULT_RULES, DEFAULT_SETTINGS, escalationLevel, intakeDeadlines, managerAt, minutesLeft, officeDueAt, ruleProblem, urgentDeadline, type ComplaintRules,
} from '../../db/complaints/rules.js';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const iso = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const R = DEFAULT_RULES;
const due = (s: string, r: ComplaintRules = R) => iso(intakeDeadlines('complaint', 'ordinary', bj(s), r).dueAt);
// 2026-12-01 is a Tuesday; 12-04 Friday; 12-05/06 the weekend

describe('an ordinary complaint runs on office time, with a minimum time to act', () => {
  it('received during office hours before 16:00: due at the close of that day', () => {
    expect(due('2026-12-01T09:30')).toBe('2026-12-01 18:00');
    expect(due('2026-12-01T15:59')).toBe('2026-12-01 18:00');
  });
  it('received at or after 16:00: due 12:00 the next working day (17:59 included), never minutes later', () => {
    expect(due('2026-12-01T16:00')).toBe('2026-12-02 12:00');
    expect(due('2026-12-01T17:59')).toBe('2026-12-02 12:00');
  });
  it('received at or after closing: it reaches the desk when the office opens, and is due at that day\'s close', () => {
    expect(due('2026-12-01T18:00')).toBe('2026-12-02 18:00');
    expect(due('2026-12-01T18:01')).toBe('2026-12-02 18:00');
    expect(due('2026-12-02T06:10')).toBe('2026-12-02 18:00');
  });
  it('Friday evening: Monday 12:00 (17:50) or Monday 18:00 (after closing, or at the weekend)', () => {
    expect(due('2026-12-04T17:50')).toBe('2026-12-07 12:00');
    expect(due('2026-12-04T18:01')).toBe('2026-12-07 18:00');
    expect(due('2026-12-06T11:00')).toBe('2026-12-07 18:00');
  });
  it('follows the site offset, not the machine zone (a late-evening UTC instant is the next Beijing day)', () => {
    expect(iso(officeDueAt(Date.parse('2026-12-01T23:30:00Z'), R))).toBe('2026-12-02 18:00');
  });
  it('the two numbers are site settings', () => {
    const r = { ...R, lateAfter: 17 * 60, lateDueBy: 10 * 60 };
    expect(due('2026-12-01T16:30', r)).toBe('2026-12-01 18:00');
    expect(due('2026-12-01T17:00', r)).toBe('2026-12-02 10:00');
  });
});

describe('repairs and urgent cases run on the 24-hour clock', () => {
  it('a 漏水 repair on Saturday 12:24: someone on site by 12:39, the small repair done by midnight', () => {
    const d = intakeDeadlines('repair', 'ordinary', bj('2026-12-05T12:24'), R);
    expect(d.clock).toBe('around');
    expect(iso(d.onsiteDueAt!)).toBe('2026-12-05 12:39');
    expect(iso(d.dueAt)).toBe('2026-12-06 00:00');
  });
  it('an urgent complaint: three calendar days; the deputy GM ten calendar hours after the deadline', () => {
    const d = intakeDeadlines('complaint', 'urgent', bj('2026-12-04T17:00'), R);
    expect(iso(d.dueAt)).toBe('2026-12-07 17:00');
    expect(iso(d.managerAt)).toBe('2026-12-08 03:00');
  });
  it('a site may put repairs on office time: then the on-site minutes count in office time', () => {
    const r: ComplaintRules = { ...R, clocks: { ...R.clocks, repair: { ordinary: 'office', urgent: 'office' } } };
    const d = intakeDeadlines('repair', 'ordinary', bj('2026-12-01T17:55'), r);
    expect(iso(d.onsiteDueAt!)).toBe('2026-12-02 08:10');
    expect(iso(d.dueAt)).toBe('2026-12-02 12:00');
  });
});

describe('office-time arithmetic', () => {
  it('three office days skip the weekend; minutes pause at closing', () => {
    expect(iso(urgentDeadline('office', bj('2026-12-03T15:00'), R))).toBe('2026-12-08 15:00');
    expect(iso(addOfficeMinutes(bj('2026-12-04T17:55'), 15, R))).toBe('2026-12-07 08:10');
  });
  it('office minutes between two instants: Friday 18:00 to Monday 09:00 is one office hour', () => {
    expect(officeMinutesBetween(bj('2026-12-04T18:00'), bj('2026-12-07T09:00'), R)).toBe(60);
    expect(minutesLeft('office', bj('2026-12-07T12:00'), bj('2026-12-07T13:00'), R)).toBe(-60);
    expect(minutesLeft('around', bj('2026-12-05T12:39'), bj('2026-12-05T12:27'), R)).toBe(12);
  });
  it('an overdue office-time case goes to the supervisor at the deadline and to the deputy GM one office day later', () => {
    const d = bj('2026-12-01T18:00');
    const mgr = managerAt('office', d, R);
    expect(iso(mgr)).toBe('2026-12-02 18:00');
    expect(escalationLevel(true, d, mgr, bj('2026-12-01T17:59'))).toBe(0);
    expect(escalationLevel(true, d, mgr, bj('2026-12-02T08:30'))).toBe(1);
    expect(escalationLevel(true, d, mgr, bj('2026-12-02T18:00'))).toBe(2);
    expect(escalationLevel(false, d, mgr, bj('2026-12-09T18:00'))).toBe(0);
  });
  it('a repair nobody reached on time climbs to the supervisor before its deadline', () => {
    expect(escalationLevel(true, bj('2026-12-06T00:00'), bj('2026-12-06T10:00'), bj('2026-12-05T12:40'), true)).toBe(1);
  });
});

describe('the national holiday calendar (法定节假日 / 调休)', () => {
  const national = nationalCalendar(2026);
  const golden: ComplaintRules = {
    ...R,
    holidays: new Set(national.filter((n) => n.kind === 'holiday').map((n) => n.day)),
    extraWorkdays: new Set(national.filter((n) => n.kind === 'workday').map((n) => n.day)),
  };
  it('chinese-days carries 2026 (National Day 10-01…10-07 off, Saturday 10-10 worked); 2027 is not published in it yet', () => {
    expect(national.filter((n) => n.nameZh === '国庆节' && n.kind === 'holiday').map((n) => n.day)).toEqual(
      ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(national.filter((n) => n.kind === 'workday').map((n) => n.day)).toContain('2026-10-10');
    expect(nationalCalendar(2027)).toEqual([]);
  });
  it('a complaint received on the eve of National Day is due after the holiday', () => {
    expect(due('2026-09-30T17:00', golden)).toBe('2026-10-08 12:00');
    expect(due('2026-09-30T10:00', golden)).toBe('2026-09-30 18:00');
    expect(due('2026-09-30T19:00', golden)).toBe('2026-10-08 18:00');
  });
  it('a make-up Saturday is a working day; three office days skip the holiday', () => {
    expect(due('2026-10-10T09:00', golden)).toBe('2026-10-10 18:00');
    expect(iso(urgentDeadline('office', bj('2026-09-29T10:00'), golden))).toBe('2026-10-09 10:00');
  });
});

describe('settings that cannot work are refused', () => {
  it('office hours ending before they start; late hours outside office hours; a minimum time longer than a working day', () => {
    expect(ruleProblem(DEFAULT_SETTINGS)).toBeNull();
    expect(ruleProblem({ ...DEFAULT_SETTINGS, officeStart: 600, officeEnd: 540 })).toBe('complaints.bad_hours');
    expect(ruleProblem({ ...DEFAULT_SETTINGS, lateAfter: 19 * 60 })).toBe('complaints.bad_late_hours');
    expect(ruleProblem({ ...DEFAULT_SETTINGS, lateAfter: 11 * 60, lateDueBy: 17 * 60 })).toBe('complaints.min_time_too_long');
  });
});
