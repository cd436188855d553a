/**
 * Deadline rules: office hours, the clock pausing outside them, same day, three days,
 * 15 minutes on site, and the escalation moments. Times are written in Beijing time.
 */
import { describe, expect, it } from 'vitest';
import {
  addDeadlineMinutes, clockRunning, DEFAULT_RULES, escalationLevel, intakeDeadlines, managerAt, sameDayDeadline, urgentDeadline, type ComplaintRules,
} from '../../db/complaints/rules.js';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const iso = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const R = DEFAULT_RULES;
const noPause: ComplaintRules = { ...R, pauseOutsideHours: false };
// 2026-12-01 is a Tuesday; 12-04 Friday; 12-05/06 the weekend

describe('same-day deadline', () => {
  it('a complaint received during office hours is due at the close of that day', () => {
    expect(iso(sameDayDeadline(bj('2026-12-01T09:30'), R))).toBe('2026-12-01 18:00');
  });
  it('received before opening on a working day: still that day', () => {
    expect(iso(sameDayDeadline(bj('2026-12-01T06:10'), R))).toBe('2026-12-01 18:00');
  });
  it('received after closing: the close of the next working day', () => {
    expect(iso(sameDayDeadline(bj('2026-12-01T19:00'), R))).toBe('2026-12-02 18:00');
  });
  it('received on Friday evening or the weekend: Monday', () => {
    expect(iso(sameDayDeadline(bj('2026-12-04T18:00'), R))).toBe('2026-12-07 18:00');
    expect(iso(sameDayDeadline(bj('2026-12-06T11:00'), R))).toBe('2026-12-07 18:00');
  });
  it('a site whose clock does not pause: local midnight of the day received', () => {
    expect(iso(sameDayDeadline(bj('2026-12-05T23:10'), noPause))).toBe('2026-12-06 00:00');
  });
  it('follows the site offset, not the machine zone (a late-evening UTC instant is the next Beijing day)', () => {
    expect(iso(sameDayDeadline(Date.parse('2026-12-01T23:30:00Z'), R))).toBe('2026-12-02 18:00');
  });
});

describe('office-time arithmetic', () => {
  it('15 minutes on site within office hours is 15 minutes', () => {
    expect(iso(addDeadlineMinutes(bj('2026-12-01T10:00'), 15, R))).toBe('2026-12-01 10:15');
  });
  it('a call at 17:55 pauses at closing and resumes at 8:00 the next working day', () => {
    expect(iso(addDeadlineMinutes(bj('2026-12-01T17:55'), 15, R))).toBe('2026-12-02 08:10');
    expect(iso(addDeadlineMinutes(bj('2026-12-04T17:55'), 15, R))).toBe('2026-12-07 08:10');
  });
  it('a call at night starts counting when the office opens', () => {
    expect(iso(addDeadlineMinutes(bj('2026-12-01T02:00'), 15, R))).toBe('2026-12-01 08:15');
  });
  it('without pausing, minutes are calendar minutes', () => {
    expect(iso(addDeadlineMinutes(bj('2026-12-04T17:55'), 15, noPause))).toBe('2026-12-04 18:10');
  });
  it('three days are three working days of office time, skipping the weekend', () => {
    expect(iso(urgentDeadline(bj('2026-12-01T10:00'), R))).toBe('2026-12-04 10:00');
    expect(iso(urgentDeadline(bj('2026-12-03T15:00'), R))).toBe('2026-12-08 15:00');
    expect(iso(urgentDeadline(bj('2026-12-03T15:00'), noPause))).toBe('2026-12-06 15:00');
  });
  it('custom office hours and working days are honoured', () => {
    const six: ComplaintRules = { ...R, officeStart: 9 * 60, officeEnd: 17 * 60 + 30, workdays: [1, 2, 3, 4, 5, 6] };
    expect(iso(sameDayDeadline(bj('2026-12-05T10:00'), six))).toBe('2026-12-05 17:30');
    expect(iso(addDeadlineMinutes(bj('2026-12-05T17:20'), 15, six))).toBe('2026-12-07 09:05');
  });
  it('the clock runs only in office hours on working days when the site pauses it', () => {
    expect(clockRunning(bj('2026-12-01T09:00'), R)).toBe(true);
    expect(clockRunning(bj('2026-12-01T18:00'), R)).toBe(false);
    expect(clockRunning(bj('2026-12-05T10:00'), R)).toBe(false);
    expect(clockRunning(bj('2026-12-05T10:00'), noPause)).toBe(true);
  });
});

describe('intake deadlines and escalation', () => {
  it('ordinary complaint: same day; urgent: three days; repair: on site in 15 minutes and done the same day', () => {
    const t = bj('2026-12-01T09:00');
    expect(iso(intakeDeadlines('complaint', 'ordinary', t, R).dueAt)).toBe('2026-12-01 18:00');
    expect(intakeDeadlines('complaint', 'ordinary', t, R).onsiteDueAt).toBeNull();
    expect(iso(intakeDeadlines('complaint', 'urgent', t, R).dueAt)).toBe('2026-12-04 09:00');
    const repair = intakeDeadlines('repair', 'urgent', t, R);
    expect(iso(repair.onsiteDueAt!)).toBe('2026-12-01 09:15');
    expect(iso(repair.dueAt)).toBe('2026-12-01 18:00');
  });
  it('an overdue case goes to the supervisor at the deadline and to the deputy GM one office day later', () => {
    const due = bj('2026-12-01T18:00');
    const mgr = managerAt(due, R);
    expect(iso(mgr)).toBe('2026-12-02 18:00');
    expect(escalationLevel(true, due, mgr, bj('2026-12-01T17:59'))).toBe(0);
    expect(escalationLevel(true, due, mgr, bj('2026-12-02T08:30'))).toBe(1);
    expect(escalationLevel(true, due, mgr, bj('2026-12-02T18:00'))).toBe(2);
    expect(escalationLevel(false, due, mgr, bj('2026-12-09T18:00'))).toBe(0);
  });
});

describe('public holidays and make-up working days (法定节假日 / 调休)', () => {
  // National Day 2026: 10-01 to 10-07 off; Saturday 10-10 worked in exchange
  const golden: ComplaintRules = { ...R, holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], extraWorkdays: ['2026-10-10'] };
  it('a complaint received on the eve of the holiday is due at the close of the first working day after it', () => {
    expect(iso(sameDayDeadline(bj('2026-09-30T19:00'), golden))).toBe('2026-10-08 18:00');
  });
  it('a make-up Saturday is a working day, and the clock runs on it', () => {
    expect(iso(sameDayDeadline(bj('2026-10-10T09:00'), golden))).toBe('2026-10-10 18:00');
    expect(clockRunning(bj('2026-10-10T09:00'), golden)).toBe(true);
    expect(clockRunning(bj('2026-10-02T09:00'), golden)).toBe(false);
  });
  it('three working days skip the holiday', () => {
    expect(iso(urgentDeadline(bj('2026-09-29T10:00'), golden))).toBe('2026-10-09 10:00'); // 9-29, 9-30, 10-08 and two hours of 10-09
  });
});
