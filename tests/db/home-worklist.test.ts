/**
 * The home page's work list through the operation registry: each role gets its sections, the
 * supervisor's escalations first with a repair nobody reached on time at the top, every line
 * naming the screen it opens. T0 is Tuesday 2026-12-01 09:00 Beijing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, ok } from '../helpers/app.js';
import { bj, complaint, complaintSite } from '../helpers/complaints.js';

afterEach(cleanup);

const keys = (w: { sections: { key: string }[] }) => w.sections.map((s) => s.key);

describe('home.worklist', () => {
  it('gives the receptionist her cases due today and overdue, repairs waiting for someone on site and follow-ups due; each line opens the case', async () => {
    const { app, desk, supervisor } = await complaintSite();
    const today = await ok(app, desk.token, 'complaints.create', complaint({ matter: '今天到期' }));
    app.clock.set(bj('2026-12-01T16:30')); // after 16:00: due tomorrow 12:00, not today
    const tomorrow = await ok(app, desk.token, 'complaints.create', complaint({ matter: '明天到期' }));
    expect(tomorrow.dueAt).toBe(bj('2026-12-02T12:00').toISOString());
    await ok(app, supervisor.token, 'complaints.create', complaint({ matter: '主管自己的' }));
    const repair = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'inunit', matter: '厨房漏水' }));
    const w = await ok(app, desk.token, 'home.worklist', {});
    expect(keys(w)).toEqual(['myCases', 'onsite', 'followUps']);
    const mine = w.sections.find((s) => s.key === 'myCases')!;
    // the repair is due at midnight (小修不过夜), also today
    expect(mine.lines.map((l) => l.id)).toEqual([today.id, repair.id]);
    expect(mine.lines[0]).toMatchObject({ title: today.caseNo, link: `/complaints/case/${today.id}` });
    expect(mine.lines[0]!.caseState).toMatchObject({ clock: 'office', minutesLeft: 90, overdue: false });
    const onsite = w.sections.find((s) => s.key === 'onsite')!;
    expect(onsite.lines.map((l) => l.id)).toEqual([repair.id]);
    expect(onsite.lines[0]!.caseState).toMatchObject({ clock: 'around', onsiteMinutesLeft: 15 });
  });

  it('a 漏水 repair logged Saturday 12:24 counts down 15 minutes to be on site and at 12:40 is the first thing on the supervisor\'s home page', async () => {
    const { app, desk, supervisor, manager } = await complaintSite();
    app.clock.set(bj('2026-11-30T10:00'));
    const older = await ok(app, desk.token, 'complaints.create', complaint({ matter: '周一的投诉' })); // overdue since Monday 18:00
    app.clock.set(bj('2026-12-05T12:24'));
    const leak = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'inunit', matter: '卫生间漏水，水从天花板滴下' }));
    app.clock.set(bj('2026-12-05T12:27'));
    const at27 = await ok(app, desk.token, 'complaints.get', { id: leak.id });
    expect(at27).toMatchObject({ clock: 'around', onsiteMinutesLeft: 12, level: 0 });
    app.clock.set(bj('2026-12-05T12:40'));
    const w = await ok(app, supervisor.token, 'home.worklist', {});
    expect(keys(w)[0]).toBe('escalations');
    expect(w.sections[0]!.lines.map((l) => l.id)).toEqual([leak.id, older.id]);
    expect(w.sections[0]!.lines[0]!.caseState).toMatchObject({ level: 1, onsiteOverdue: true, onsiteMinutesLeft: -1 });
    expect(w.sections.find((s) => s.key === 'complaintFigures')!.figures!.find((f) => f.key === 'onsiteLate')!.value).toBe(1);
    // marked on the case, like any escalation, and kept once someone arrives
    const got = await ok(app, supervisor.token, 'complaints.get', { id: leak.id });
    expect(got.events.find((e) => e.event === 'escalated')).toMatchObject({ at: bj('2026-12-05T12:39').toISOString(), detail: { level: 1, onsite: true } });
    await ok(app, desk.token, 'complaints.dispatch', { id: leak.id, department: 'engineering', assignee: '王师傅' });
    await ok(app, desk.token, 'complaints.onsite', { id: leak.id });
    const after = await ok(app, supervisor.token, 'complaints.get', { id: leak.id });
    expect(after.events.filter((e) => e.event === 'escalated' && !e.derived)).toHaveLength(1);
    // the deputy GM sees only what climbed to them
    expect((await ok(app, manager.token, 'home.worklist', {})).sections[0]!.lines.map((l) => l.id)).toEqual([older.id]);
  });

  it('an ordinary complaint logged Friday 17:50 is due Monday 12:00 and reaches the supervisor only then; overdue is counted in office hours', async () => {
    const { app, desk, supervisor } = await complaintSite();
    app.clock.set(bj('2026-12-04T17:50'));
    const c = await ok(app, desk.token, 'complaints.create', complaint());
    expect(c.dueAt).toBe(bj('2026-12-07T12:00').toISOString());
    app.clock.set(bj('2026-12-07T11:59'));
    expect((await ok(app, supervisor.token, 'home.worklist', {})).sections[0]!.lines).toEqual([]);
    app.clock.set(bj('2026-12-07T13:00'));
    const line = (await ok(app, supervisor.token, 'home.worklist', {})).sections[0]!.lines[0]!;
    expect(line.caseState).toMatchObject({ clock: 'office', minutesLeft: -60, level: 1 });
  });

  it('gives the cashier the till and the day\'s state, and the archivist loans due back and requests to act on', async () => {
    const { app, admin, cashier } = await complaintSite();
    const w = await ok(app, cashier.token, 'home.worklist', {});
    expect(keys(w)).toEqual(['till']);
    expect(w.sections[0]!.figures!.map((f) => [f.key, f.value, f.link])).toEqual([['takings', 0, '/fees/day'], ['receipts', 0, '/fees/day'], ['dayOpen', 0, '/fees/day']]);
    const archivist = await addStaff(app, admin, { username: 'liu.da', role: 'archivist', displayName: '刘档案' });
    expect(keys(await ok(app, archivist.token, 'home.worklist', {}))).toEqual(['loansDue', 'archiveRequests']);
  });
});
