/**
 * The complaint workflow through the operation registry on a real store: intake with
 * deadlines and case numbers, the stages in order, the timeline, reopening, validity, and
 * escalation derived from the clock (no timer). T0 is Tuesday 2026-12-01 09:00 Beijing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { bj, complaint, complaintSite, HOUR } from '../helpers/complaints.js';

afterEach(cleanup);

describe('logging a case', () => {
  it('numbers cases per site and year, owns them by the receiver, and sets the same-day deadline', async () => {
    const { app, desk, roomId } = await complaintSite();
    const a = await ok(app, desk.token, 'complaints.create', complaint({ roomId }));
    const b = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'enquiry', category: 'other', matter: '快递柜在哪里' }));
    expect([a.caseNo, b.caseNo]).toEqual(['2026-00001', '2026-00002']);
    expect(a.dueAt).toBe(bj('2026-12-01T18:00').toISOString());
    const got = await ok(app, desk.token, 'complaints.get', { id: a.id });
    expect(got).toMatchObject({ room_code: '3-2-501', receiver_name: '李晓梅', stage: 'received', category_zh: '装修噪音', category_en: 'Decoration noise' });
    expect(got.events.map((e) => e.event)).toEqual(['received']);
    app.clock.set(bj('2027-01-04T10:00'));
    expect((await ok(app, desk.token, 'complaints.create', complaint())).caseNo).toBe('2027-00001');
  });

  it('prefills the complainant from the room\'s current occupants', async () => {
    const { app, desk, roomId } = await complaintSite();
    expect(await ok(app, desk.token, 'complaints.roomContacts', { roomId })).toMatchObject([{ name: '张伟', phone: '13800138000', kind: 'owner' }]);
  });

  it('gives an urgent complaint three working days and a repair 15 minutes to be on site', async () => {
    const { app, desk } = await complaintSite();
    const u = await ok(app, desk.token, 'complaints.create', complaint({ severity: 'urgent' }));
    expect(u.dueAt).toBe(bj('2026-12-04T09:00').toISOString());
    const r = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'inunit', matter: '卫生间漏水' }));
    const got = await ok(app, desk.token, 'complaints.get', { id: r.id });
    expect(got.onsite_due_at).toBe(bj('2026-12-01T09:15').toISOString());
    app.clock.advance(20 * 60_000);
    expect((await ok(app, desk.token, 'complaints.get', { id: r.id })).onsiteOverdue).toBe(true);
  });

  it('refuses an unknown room, an unknown category, and a received-at in the future or over an hour ago, changing nothing', async () => {
    const { app, desk } = await complaintSite();
    const before = snapshotStore(app);
    const now = app.clock.now().getTime();
    const cases: [object, string][] = [
      [complaint({ roomId: '0193a5a0-0000-7000-8000-0000000000ff' }), 'complaints.unknown_room'],
      [complaint({ category: 'nosuch' }), 'complaints.unknown_category'],
      [complaint({ receivedAt: new Date(now + 60_000).toISOString() }), 'complaints.received_future'],
      [complaint({ receivedAt: new Date(now - 61 * 60_000).toISOString() }), 'complaints.received_too_early'],
    ];
    for (const [input, code] of cases) {
      const e = await refused(app, desk.token, 'complaints.create', input);
      expect(e.code).toBe(code);
      expect(e.message['zh-CN']).not.toBe(e.message['en-US']);
    }
    expect(snapshotStore(app)).toEqual(before);
    // a call taken 40 minutes ago may be logged now, with its real time
    const ok40 = await ok(app, desk.token, 'complaints.create', complaint({ receivedAt: new Date(now - 40 * 60_000).toISOString() }));
    expect(rows(app, 'SELECT received_at FROM complaint_case WHERE id = ?', ok40.id)).toEqual([{ received_at: new Date(now - 40 * 60_000).toISOString() }]);
  });

  it('lets a cashier read but not log, and only reports readers see statistics', async () => {
    const { app, cashier, desk } = await complaintSite();
    expect((await refused(app, cashier.token, 'complaints.create', complaint())).code).toBe('auth.forbidden');
    expect((await refused(app, desk.token, 'complaints.stats', { from: '2026-12-01', to: '2026-12-31' })).code).toBe('auth.forbidden');
  });
});

describe('the workflow', () => {
  it('goes received → handling → replied → followed up → closed, each step on the timeline with who did it', async () => {
    const { app, desk, supervisor } = await complaintSite();
    const { id } = await ok(app, desk.token, 'complaints.create', complaint());
    await ok(app, desk.token, 'complaints.dispatch', { id, department: 'customer_service', assignee: '刘管家' });
    app.clock.advance(HOUR);
    await ok(app, supervisor.token, 'complaints.reply', { id, method: 'visit', text: '已上门与装修户沟通，午休时间停工' });
    app.clock.advance(HOUR);
    await ok(app, desk.token, 'complaints.followUp', { id, satisfaction: 5, remarks: '业主满意' });
    await ok(app, desk.token, 'complaints.close', { id });
    const got = await ok(app, desk.token, 'complaints.get', { id });
    expect(got).toMatchObject({ stage: 'closed', onTime: true, satisfaction: 5, receiver_name: '李晓梅', level: 0 });
    expect(got.events.map((e) => [e.event, e.actor])).toEqual([
      ['received', '李晓梅'], ['dispatched', '李晓梅'], ['replied', '周主管'], ['followed_up', '李晓梅'], ['closed', '李晓梅'],
    ]);
  });

  it('refuses skipping a stage, closing without a reply, a follow-up before a reply, and editing a closed case — ledger unchanged', async () => {
    const { app, desk } = await complaintSite();
    const { id } = await ok(app, desk.token, 'complaints.create', complaint());
    let before = snapshotStore(app);
    expect((await refused(app, desk.token, 'complaints.reply', { id, method: 'phone', text: '已处理' })).code).toBe('complaints.wrong_stage');
    expect((await refused(app, desk.token, 'complaints.close', { id })).code).toBe('complaints.wrong_stage');
    expect((await refused(app, desk.token, 'complaints.followUp', { id, satisfaction: 4 })).code).toBe('complaints.wrong_stage');
    expect(snapshotStore(app)).toEqual(before);
    await ok(app, desk.token, 'complaints.dispatch', { id, department: 'security', assignee: '保安队长' });
    expect((await refused(app, desk.token, 'complaints.close', { id })).message['zh-CN']).toContain('接诉→处理→回复→回访→结案');
    await ok(app, desk.token, 'complaints.reply', { id, method: 'phone', text: '已处理' });
    await ok(app, desk.token, 'complaints.followUp', { id, satisfaction: 3 });
    await ok(app, desk.token, 'complaints.close', { id });
    before = snapshotStore(app);
    for (const [op, input] of [
      ['complaints.dispatch', { id, department: 'engineering', assignee: 'x' }], ['complaints.note', { id, text: '补充' }],
      ['complaints.setValidity', { id, valid: false, reason: '不属于服务范围' }], ['complaints.reply', { id, method: 'phone', text: 'x' }],
    ] as const) expect((await refused(app, desk.token, op, input)).code).toBe('complaints.closed');
    expect(snapshotStore(app)).toEqual(before);
  });

  it('gives a complaint passed to another department three days, and a large repair the deadline set at dispatch (never one in the past)', async () => {
    const { app, desk } = await complaintSite();
    const c = await ok(app, desk.token, 'complaints.create', complaint());
    expect((await ok(app, desk.token, 'complaints.dispatch', { id: c.id, department: 'landscaping', assignee: '绿化班' })).dueAt).toBe(bj('2026-12-04T09:00').toISOString());
    const r = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'facility', matter: '电梯异响' }));
    const before = snapshotStore(app);
    expect((await refused(app, desk.token, 'complaints.dispatch', { id: r.id, department: 'engineering', assignee: '王师傅', repairSize: 'large' })).code).toBe('complaints.large_needs_deadline');
    const past = await refused(app, desk.token, 'complaints.dispatch', { id: r.id, department: 'engineering', assignee: '王师傅', repairSize: 'large', dueAt: bj('2026-12-01T08:00').toISOString() });
    expect(past.code).toBe('complaints.deadline_past');
    expect((await refused(app, desk.token, 'complaints.dispatch', { id: c.id, department: 'engineering', assignee: 'x', repairSize: 'small' })).code).toBe('complaints.repair_only');
    expect(snapshotStore(app)).toEqual(before);
    const set = bj('2026-12-08T17:00').toISOString();
    expect((await ok(app, desk.token, 'complaints.dispatch', { id: r.id, department: 'engineering', assignee: '王师傅', repairSize: 'large', dueAt: set })).dueAt).toBe(set);
    await ok(app, desk.token, 'complaints.onsite', { id: r.id });
    expect((await ok(app, desk.token, 'complaints.get', { id: r.id })).onsite_at).toBe(app.clock.now().toISOString());
  });

  it('reopens a closed case with fresh deadlines and counts it; validity is recorded with a reason', async () => {
    const { app, desk } = await complaintSite();
    const { id } = await ok(app, desk.token, 'complaints.create', complaint());
    expect((await refused(app, desk.token, 'complaints.setValidity', { id, valid: false })).code).toBe('complaints.invalid_needs_reason');
    await ok(app, desk.token, 'complaints.setValidity', { id, valid: false, reason: '系业主间私人纠纷，不属物业服务范围' });
    await ok(app, desk.token, 'complaints.dispatch', { id, department: 'customer_service', assignee: '刘管家' });
    await ok(app, desk.token, 'complaints.reply', { id, method: 'phone', text: '已解释' });
    await ok(app, desk.token, 'complaints.followUp', { id, satisfaction: 2 });
    await ok(app, desk.token, 'complaints.close', { id });
    app.clock.set(bj('2026-12-02T10:00'));
    await ok(app, desk.token, 'complaints.reopen', { id, reason: '业主来电称仍有噪音' });
    const got = await ok(app, desk.token, 'complaints.get', { id });
    expect(got).toMatchObject({ stage: 'handling', reopen_count: 1, valid: 0, due_at: bj('2026-12-02T18:00').toISOString(), replied_at: null });
    expect(got.events.map((e) => e.event)).toEqual(['received', 'validity', 'dispatched', 'replied', 'followed_up', 'closed', 'reopened']);
    expect(() => app.store.raw.prepare('DELETE FROM complaint_event').run()).toThrow(/append-only/);
  });
});

describe('escalation (三级负责制), derived from the clock', () => {
  it('an unanswered complaint goes to the supervisor past its deadline and to the deputy GM a working day later; each sees it first', async () => {
    const { app, desk, supervisor, manager } = await complaintSite();
    const { id } = await ok(app, desk.token, 'complaints.create', complaint());
    const level = async () => (await ok(app, desk.token, 'complaints.get', { id })).level;
    expect(await level()).toBe(0);
    expect((await ok(app, supervisor.token, 'complaints.attention', {})).rows).toEqual([]);
    app.clock.set(bj('2026-12-02T08:30')); // the desk was off overnight: nothing ran, the state is still right
    expect(await level()).toBe(1);
    const sup = await ok(app, supervisor.token, 'complaints.attention', {});
    expect(sup.level).toBe(1);
    expect(sup.rows.map((r) => r.id)).toEqual([id]);
    expect((await ok(app, manager.token, 'complaints.attention', {})).rows).toEqual([]);
    expect((await ok(app, desk.token, 'complaints.attention', {})).rows.map((r) => r.id)).toEqual([id]);
    app.clock.set(bj('2026-12-02T18:00'));
    expect(await level()).toBe(2);
    expect((await ok(app, manager.token, 'complaints.attention', {})).rows.map((r) => r.level)).toEqual([2]);
    const shown = await ok(app, desk.token, 'complaints.get', { id });
    expect(shown.events.filter((e) => e.event === 'escalated').map((e) => [e.detail.level, e.at, e.derived])).toEqual([
      [1, bj('2026-12-01T18:00').toISOString(), true], [2, bj('2026-12-02T18:00').toISOString(), true],
    ]);
    // answered: the escalations are written into the timeline at the moments they happened
    await ok(app, desk.token, 'complaints.dispatch', { id, department: 'customer_service', assignee: '刘管家' });
    await ok(app, desk.token, 'complaints.reply', { id, method: 'phone', text: '已处理' });
    const after = await ok(app, desk.token, 'complaints.get', { id });
    expect(after.level).toBe(0);
    expect(after.onTime).toBe(false);
    expect(after.events.filter((e) => e.event === 'escalated').map((e) => [e.detail.level, e.derived])).toEqual([[1, false], [2, false]]);
    expect((await ok(app, manager.token, 'complaints.attention', {})).rows).toEqual([]);
  });
});
