/**
 * Queues, full-text search, statistics and the site's own lists, on a real store.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, refused } from '../helpers/app.js';
import { bj, complaint, complaintSite, HOUR } from '../helpers/complaints.js';

afterEach(cleanup);

describe('queues and search', () => {
  it('lists mine, all open by deadline, overdue, by building and by department, each row with its time left', async () => {
    const { app, desk, supervisor, roomId, buildingId } = await complaintSite();
    const a = await ok(app, desk.token, 'complaints.create', complaint({ roomId }));
    const b = await ok(app, supervisor.token, 'complaints.create', complaint({ severity: 'urgent', matter: '地下车库积水' }));
    app.clock.advance(60_000);
    const c = await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'facility', matter: '3栋电梯按钮失灵' }));
    await ok(app, desk.token, 'complaints.dispatch', { id: c.id, department: 'engineering', assignee: '王师傅' });
    const ids = async (f: object) => (await ok(app, desk.token, 'complaints.queue', { state: 'open', ...f })).rows.map((r) => r.id);
    expect(await ids({})).toEqual([a.id, c.id, b.id]); // by deadline: same day before three days
    expect(await ids({ mine: true })).toEqual([a.id, c.id]);
    expect(await ids({ buildingId })).toEqual([a.id]);
    expect(await ids({ department: 'engineering' })).toEqual([c.id]);
    expect(await ids({ state: 'overdue' })).toEqual([]);
    const first = (await ok(app, desk.token, 'complaints.queue', { state: 'open' })).rows[0]!;
    expect(first).toMatchObject({ receiver_name: '李晓梅', overdue: false, level: 0, msLeft: 9 * HOUR - 60_000 });
    app.clock.set(bj('2026-12-02T09:00'));
    expect(await ids({ state: 'overdue' })).toEqual([a.id, c.id]);
    const page = await ok(app, desk.token, 'complaints.queue', { state: 'overdue', limit: 1 });
    expect(page).toMatchObject({ hasMore: true, rows: [{ id: a.id, overdue: true, level: 1, msLeft: -15 * HOUR }] });
  });

  it('finds Chinese substrings in the matter and the reply, and a case by its number', async () => {
    const { app, desk } = await complaintSite();
    const a = await ok(app, desk.token, 'complaints.create', complaint({ matter: '楼上装修电钻噪音扰民' }));
    const b = await ok(app, desk.token, 'complaints.create', complaint({ matter: '垃圾桶满了没人清', category: 'cleaning' }));
    await ok(app, desk.token, 'complaints.dispatch', { id: b.id, department: 'cleaning', assignee: '保洁班' });
    await ok(app, desk.token, 'complaints.reply', { id: b.id, method: 'phone', text: '已安排保洁每日两次清运' });
    const find = async (text: string) => (await ok(app, desk.token, 'complaints.queue', { state: 'all', text })).rows.map((r) => r.id);
    expect(await find('电钻噪')).toEqual([a.id]);
    expect(await find('每日两次')).toEqual([b.id]);
    expect(await find('噪')).toEqual([a.id]);
    expect(await find('2026-1')).toEqual([a.id]);
    expect(await find('"; DROP')).toEqual([]);
  });
});

describe('statistics', () => {
  it('counts the month by kind, category, severity, channel and department, with on-time rate, time to close, satisfaction and reopenings', async () => {
    const { app, desk, supervisor } = await complaintSite();
    const a = await ok(app, desk.token, 'complaints.create', complaint());
    await ok(app, desk.token, 'complaints.create', complaint({ kind: 'repair', category: 'inunit', channel: 'visit', severity: 'urgent' }));
    await ok(app, desk.token, 'complaints.dispatch', { id: a.id, department: 'customer_service', assignee: '刘管家' });
    app.clock.advance(2 * HOUR);
    await ok(app, desk.token, 'complaints.reply', { id: a.id, method: 'phone', text: '已处理' });
    await ok(app, desk.token, 'complaints.followUp', { id: a.id, satisfaction: 4 });
    await ok(app, desk.token, 'complaints.close', { id: a.id });
    await ok(app, desk.token, 'complaints.reopen', { id: a.id, reason: '又响了' });
    app.clock.set(bj('2026-12-03T09:00'));
    const s = await ok(app, supervisor.token, 'complaints.stats', { from: '2026-12-01', to: '2026-12-31' });
    expect(s).toMatchObject({
      total: 2, open: 2, closed: 0, onTime: 0, late: 2, onTimeRate: 0, reopenedCases: 1, reopenings: 1, satisfaction: null,
      byKind: expect.arrayContaining([{ key: 'complaint', n: 1 }, { key: 'repair', n: 1 }]),
      byChannel: expect.arrayContaining([{ key: 'phone', n: 1 }, { key: 'visit', n: 1 }]),
      byDepartment: expect.arrayContaining([{ key: 'customer_service', n: 1 }, { key: 'none', n: 1 }]),
      perDay: [{ day: '2026-12-01', n: 2 }],
    });
    expect((await ok(app, supervisor.token, 'complaints.stats', { from: '2026-11-01', to: '2026-11-30' })).total).toBe(0);
    // the same figures as a workbook to download
    const file = await ok(app, supervisor.token, 'complaints.exportStats', { from: '2026-12-01', to: '2026-12-31', locale: 'zh-CN' });
    let data = '';
    const first = await ok(app, supervisor.token, 'files.downloadChunk', { fileId: file.fileId, index: 0 });
    for (let i = 0; i < first.chunks; i++) data += i === 0 ? first.data : (await ok(app, supervisor.token, 'files.downloadChunk', { fileId: file.fileId, index: i })).data;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '按类型', '按类别', '按程度', '按来源', '按部门', '每日受理']);
    expect(book.getWorksheet('汇总')!.getRow(3).values).toEqual([undefined, '受理总数', 2]);
    expect(book.getWorksheet('按部门')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1)).sort()).toEqual([['客服中心', 1], ['未派工', 1]]);
  });
});

describe('site lists and rules', () => {
  it('lets the admin add and retire a category; a retired one is refused at intake', async () => {
    const { app, admin, desk } = await complaintSite();
    await ok(app, admin, 'complaints.saveCategory', { code: 'parking', nameZh: '停车管理', nameEn: 'Parking', sort: 65 });
    expect((await ok(app, desk.token, 'complaints.setup', {})).categories.map((c) => c.code)).toEqual(['noise', 'facility', 'inunit', 'mail', 'cleaning', 'pests', 'parking', 'other']);
    await ok(app, desk.token, 'complaints.create', complaint({ category: 'parking' }));
    await ok(app, admin, 'complaints.saveCategory', { code: 'parking', nameZh: '停车管理', nameEn: 'Parking', sort: 65, active: false });
    expect((await refused(app, desk.token, 'complaints.create', complaint({ category: 'parking' }))).code).toBe('complaints.unknown_category');
    expect((await refused(app, desk.token, 'complaints.saveCategory', { code: 'x', nameZh: 'x', nameEn: 'x' })).code).toBe('auth.forbidden');
  });

  it('takes the clocks, the minimum time to act and the holiday calendar as site settings, refusing what cannot work unchanged', async () => {
    const { app, admin, desk } = await complaintSite();
    const before = (await ok(app, desk.token, 'complaints.setup', {})).rules;
    expect((await refused(app, admin, 'complaints.saveRules', { officeStart: 600, officeEnd: 540 })).code).toBe('complaints.bad_hours');
    expect((await refused(app, admin, 'complaints.saveRules', { lateAfter: 11 * 60, lateDueBy: 17 * 60 })).code).toBe('complaints.min_time_too_long');
    expect((await ok(app, desk.token, 'complaints.setup', {})).rules).toEqual(before);
    const around = { ordinary: 'around', urgent: 'around' } as const;
    await ok(app, admin, 'complaints.saveRules', { clocks: { ...before.clocks, complaint: around } });
    expect((await ok(app, desk.token, 'complaints.create', complaint())).dueAt).toBe(bj('2026-12-02T00:00').toISOString());
    expect((await ok(app, desk.token, 'complaints.setup', {})).rules.clocks.complaint).toEqual(around);
    // a holiday the site adds moves "the same day" to the next working day
    await ok(app, admin, 'complaints.saveRules', { clocks: before.clocks });
    const cal = await ok(app, admin, 'complaints.calendar', { year: 2026 });
    expect(cal.nationalPublished).toBe(true);
    expect(cal.ranges.find((r) => r.nameZh === '国庆节' && r.kind === 'holiday')).toMatchObject({ from: '2026-10-01', to: '2026-10-07', source: 'national' });
    const ranges = cal.ranges.map(({ source: _s, ...r }) => r);
    await ok(app, admin, 'complaints.saveCalendar', { year: 2026, ranges: [...ranges, { from: '2026-12-01', to: '2026-12-01', kind: 'holiday', nameZh: '站点休息', nameEn: 'Site day off' }] });
    expect((await ok(app, desk.token, 'complaints.create', complaint())).dueAt).toBe(bj('2026-12-02T18:00').toISOString());
    // overlapping, backwards, impossible or other-year dates: refused in both languages, the calendar unchanged
    const saved = await ok(app, admin, 'complaints.calendar', { year: 2026 });
    const bad = [
      [{ from: '2026-10-05', to: '2026-10-09', kind: 'holiday' }, 'complaints.calendar_overlap'],
      [{ from: '2026-11-09', to: '2026-11-02', kind: 'holiday' }, 'complaints.calendar_backwards'],
      [{ from: '2027-01-01', to: '2027-01-01', kind: 'holiday' }, 'complaints.calendar_other_year'],
      [{ from: '2026-02-30', to: '2026-02-30', kind: 'holiday' }, 'api.invalid_input'],
    ] as const;
    for (const [r, code] of bad) {
      const e = await refused(app, admin, 'complaints.saveCalendar', { year: 2026, ranges: [...ranges, { ...r, nameZh: '', nameEn: '' }] });
      expect(e.code).toBe(code);
      expect(e.message['zh-CN']).toBeTruthy();
      expect(e.message['en-US']).toBeTruthy();
    }
    expect(await ok(app, admin, 'complaints.calendar', { year: 2026 })).toEqual(saved);
  });
});
