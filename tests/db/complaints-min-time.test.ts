/**
 * No closing-time cliff on either clock: whenever a case is received, whatever its kind,
 * severity and the clock the site puts it on, it gets at least the minimum time to act before
 * it can escalate — 2 office hours on office time (16:00 → 12:00 next working day), 4 hours
 * on the 24-hour clock (20:00 → 12:00 next day). Times are written in Beijing time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../db/complaints/calendar.js';
import { clockMinutesBetween } from '../../db/complaints/clock.js';
import {
  DEFAULT_RULES, DEFAULT_SETTINGS, escalationLevel, intakeDeadlines, ruleProblem, type ComplaintRules, type Kind, type Severity,
} from '../../db/complaints/rules.js';
import { cleanup, ok, refused } from '../helpers/app.js';
import { bj, complaint, complaintSite } from '../helpers/complaints.js';

afterEach(cleanup);

const at = (s: string) => bj(s).getTime();
const iso = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const R = DEFAULT_RULES;
const repairDue = (s: string, r: ComplaintRules = R) => iso(intakeDeadlines('repair', 'ordinary', at(s), r).dueAt);

describe('the 24-hour clock has its own minimum time to act', () => {
  it('a small repair received before 20:00 is due at midnight (小修不过夜); at or after 20:00, by 12:00 the next day', () => {
    expect(repairDue('2026-12-05T12:24')).toBe('2026-12-06 00:00');
    expect(repairDue('2026-12-05T19:59')).toBe('2026-12-06 00:00');
    expect(repairDue('2026-12-05T20:00')).toBe('2026-12-06 12:00');
    expect(repairDue('2026-12-05T23:50')).toBe('2026-12-06 12:00');
    expect(repairDue('2026-12-06T00:05')).toBe('2026-12-07 00:00');
  });
  it('the on-site rule is unchanged: 15 minutes at any hour, midnight included', () => {
    expect(iso(intakeDeadlines('repair', 'ordinary', at('2026-12-05T23:50'), R).onsiteDueAt!)).toBe('2026-12-06 00:05');
  });
  it('the two numbers are site settings, and a minimum longer than a day is refused', () => {
    expect(repairDue('2026-12-05T21:00', { ...R, aroundLateAfter: 22 * 60, aroundLateDueBy: 9 * 60 })).toBe('2026-12-06 00:00');
    expect(repairDue('2026-12-05T22:30', { ...R, aroundLateAfter: 22 * 60, aroundLateDueBy: 9 * 60 })).toBe('2026-12-06 09:00');
    expect(ruleProblem({ ...DEFAULT_SETTINGS, aroundLateAfter: 10 * 60, aroundLateDueBy: 11 * 60 })).toBe('complaints.around_min_time_too_long');
    expect(ruleProblem({ ...DEFAULT_SETTINGS, aroundLateAfter: 10 * 60, aroundLateDueBy: 10 * 60 })).toBeNull();
  });
});

describe('no case escalates before anyone could act on it, on any clock', () => {
  const national = [...nationalCalendar(2026)];
  const golden: ComplaintRules = {
    ...R,
    holidays: new Set(national.filter((n) => n.kind === 'holiday').map((n) => n.day)),
    extraWorkdays: new Set(national.filter((n) => n.kind === 'workday').map((n) => n.day)),
  };
  const all = (c: 'office' | 'around') => ({ ordinary: c, urgent: c });
  const every = (c: 'office' | 'around') => ({ complaint: all(c), repair: all(c), suggestion: all(c), enquiry: all(c) });
  const settings: [string, ComplaintRules][] = [
    ['the default clocks', golden],
    ['every kind on office time', { ...golden, clocks: every('office') }],
    ['every kind on the 24-hour clock', { ...golden, clocks: every('around') }],
  ];
  const kinds: Kind[] = ['complaint', 'repair', 'suggestion', 'enquiry'];
  const severities: Severity[] = ['ordinary', 'urgent'];
  // every 5 minutes of the eve of National Day and the holiday's first day, a Friday evening and its weekend, and a make-up Saturday
  const spans = [['2026-09-29T00:00', '2026-10-02T00:00'], ['2026-12-04T00:00', '2026-12-07T00:00'], ['2026-10-09T12:00', '2026-10-11T12:00']] as const;

  for (const [name, r] of settings) {
    it(`${name}: at least 2 office hours, or 4 hours on the 24-hour clock, from receipt to the deadline, and no escalation before it`, () => {
      let checked = 0;
      for (const [from, to] of spans) {
        for (let t = at(from); t < at(to); t += 5 * 60_000) {
          for (const kind of kinds) {
            for (const severity of severities) {
              const d = intakeDeadlines(kind, severity, t, r);
              const given = clockMinutesBetween(d.clock, t, d.dueAt, r);
              const least = d.clock === 'office' ? r.officeEnd - r.lateAfter : 24 * 60 - r.aroundLateAfter;
              if (given < least) throw new Error(`${kind}/${severity} received ${iso(t)} is due ${iso(d.dueAt)}: ${given} min on the ${d.clock} clock`);
              expect(escalationLevel(true, d.dueAt, d.managerAt, d.dueAt - 60_000)).toBe(0);
              checked++;
            }
          }
        }
      }
      expect(checked).toBe(((3 + 3 + 2) * 24 * 12) * 8);
    });
  }
});

describe('in the store', () => {
  it('a leak reported Saturday 23:50 is due 12:00 Sunday; once someone is on site it is not on the supervisor\'s list after midnight', async () => {
    const { app, desk, supervisor } = await complaintSite();
    app.clock.set(bj('2026-12-05T23:50'));
    const leak = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'inunit', matter: '卫生间漏水' }));
    expect(leak.dueAt).toBe(bj('2026-12-06T12:00').toISOString());
    app.clock.set(bj('2026-12-06T00:02'));
    await ok(app, desk.token, 'complaints.dispatch', { id: leak.id, department: 'engineering', assignee: '王师傅' });
    await ok(app, desk.token, 'complaints.onsite', { id: leak.id });
    app.clock.set(bj('2026-12-06T00:10'));
    const w = await ok(app, supervisor.token, 'home.worklist', {});
    expect(w.sections.find((s) => s.key === 'escalations')!.lines).toEqual([]);
    app.clock.set(bj('2026-12-06T12:00'));
    const later = await ok(app, supervisor.token, 'home.worklist', {});
    expect(later.sections.find((s) => s.key === 'escalations')!.lines.map((l) => l.id)).toEqual([leak.id]);
  });

  it('refuses a 24-hour minimum longer than a day in both languages, rules unchanged', async () => {
    const { app, admin } = await complaintSite();
    const before = (await ok(app, admin, 'complaints.setup', {})).rules;
    const r = await refused(app, admin, 'complaints.saveRules', { aroundLateAfter: 10 * 60, aroundLateDueBy: 11 * 60 });
    expect(r.code).toBe('complaints.around_min_time_too_long');
    expect(r.message['zh-CN']).toContain('24 小时计时的最短处理时间不能超过一天');
    expect(r.message['en-US']).toContain('cannot be longer than a day');
    expect((await ok(app, admin, 'complaints.setup', {})).rules).toEqual(before);
    const saved = await ok(app, admin, 'complaints.saveRules', { aroundLateAfter: 22 * 60, aroundLateDueBy: 9 * 60 });
    expect(saved).toMatchObject({ aroundLateAfter: 22 * 60, aroundLateDueBy: 9 * 60 });
  });
});
