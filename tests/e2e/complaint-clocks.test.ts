import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiFromPage, apiOk, closePrintPreview, noToasts, reloadAs, setUpSite, settledWithin, shot, testClock, useDesk, deskContext, typeToChoose } from './harness';
import { printout } from './print';

/**
 * The two deadline clocks in Chromium, on a desk whose clock the test moves (the file clock):
 * a complaint on the eve of National Day is due after the holiday; one logged Friday 17:50
 * is due Monday 12:00 and escalates only then; a 漏水 repair started from the room card on
 * Saturday 12:24 counts down 15 minutes to be on site and at 12:40 is the first thing on the
 * supervisor's home page; the receptionist's home lists her cases due today and opens one.
 */
const clock = testClock('2026-09-30T17:00'); // Wednesday, the eve of National Day

const DESK = { username: 'lixm', displayName: '李晓梅', password: 'Desk2026a', role: 'receptionist' };
const SUP = { username: 'zhouzg', displayName: '周主管', password: 'Desk2026a', role: 'supervisor' };

describe('complaint clocks and the home work list, on a controlled clock', () => {
  const suite = useDesk({ clockFile: clock.file });
  let page: Page;
  const as = (who: { username: string; password: string }) => reloadAs(page, suite.desk.url, who);
  const complaint = (matter: string) => ({ kind: 'complaint', channel: 'phone', complainant: '张伟', category: 'noise', severity: 'ordinary', matter });
  let fridayId = '';

  beforeAll(async () => {
    const context = await deskContext(suite.browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = suite.page = await context.newPage(); // the page a failure's screenshot, log and fresh start are about
    suite.page = page;
    page.on('pageerror', (e) => { throw e; });
    await page.goto(suite.desk.url);
    await setUpSite(page);
    expect((await apiFromPage(page, 'settings.update', { settings: { idleLockMinutes: 0 } })).ok).toBe(true);
    for (const s of [DESK, SUP]) expect((await apiFromPage(page, 'staff.create', s)).ok).toBe(true);
    await as(DESK);
    const b = await apiOk(page, 'registry.saveBuilding', { code: '3', name: '3栋' });
    const u = await apiOk(page, 'registry.saveUnit', { buildingId: b.id, code: '2', name: '2单元' });
    const r = await apiOk(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '501', area: '89.50', usage: 'residential', state: 'occupied' });
    await apiOk(page, 'registry.saveOccupant', { roomId: r.id, kind: 'owner', name: '张伟', phone: '13800138000' });
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('a complaint logged at 17:00 on the eve of National Day is due after the holiday, 12:00 on 10-08', async () => {
    const made = await apiOk<{ id: string; dueAt: string }>(page, 'complaints.create', complaint('国庆前夜：楼道灯不亮'));
    await page.goto(`${suite.desk.url}#/complaints/case/${made.id}`);
    await page.getByTestId('case-no').waitFor();
    await page.getByText('2026-10-08 12:00').first().waitFor();
    await expect(page.getByTestId('deadline').first().innerText()).resolves.toBe('剩 5 个工作小时');
    await shot(page, 'clocks-holiday-eve-zh');
    // answered the same evening: it stays off the lists that follow
    await apiOk(page, 'complaints.dispatch', { id: made.id, department: 'customer_service', assignee: '李晓梅' });
    await apiOk(page, 'complaints.reply', { id: made.id, method: 'phone', text: '已报物业电工，明早更换灯管' });
  });

  it('one logged Friday 17:50 is due Monday 12:00; the receptionist\'s home lists it on Monday and opens it in one click', async () => {
    clock.set('2026-12-04T17:50');
    await as(DESK);
    const made = await apiOk<{ id: string; dueAt: string }>(page, 'complaints.create', complaint('周五傍晚：隔壁装修噪音'));
    fridayId = made.id;
    expect(made.dueAt).toBe(new Date('2026-12-07T12:00+08:00').toISOString());
    // on Friday evening the case already reads Monday 12:00, with office time left (10 minutes today, 4 hours Monday)
    await page.goto(`${suite.desk.url}#/complaints/case/${made.id}`);
    await page.getByTestId('case-no').waitFor();
    await page.getByText('2026-12-07 12:00').first().waitFor();
    await expect(page.getByTestId('deadline').first().innerText()).resolves.toBe('剩 4 个工作小时 10 分钟');
    await shot(page, 'clocks-friday-1750-zh');
    clock.set('2026-12-07T09:00');
    await as(DESK);
    const mine = page.getByTestId('work-myCases');
    await expect.poll(() => mine.getByTestId('work-line').count()).toBe(1);
    await expect(mine.innerText()).resolves.toContain('周五傍晚');
    await expect(mine.getByTestId('deadline').innerText()).resolves.toBe('剩 3 个工作小时');
    await expect(mine.getByTestId('work-kind').innerText()).resolves.toBe('投诉');
    await shot(page, 'clocks-home-receptionist-zh');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => mine.getByTestId('deadline').innerText()).toBe('3 office hours left');
    await page.getByText('My cases due today or overdue').waitFor();
    await shot(page, 'clocks-home-receptionist-en');
    await page.getByTestId('language-switch').click();
    await page.getByText('我今天到期和超时的案件').waitFor();
    await mine.getByTestId('work-line').click();
    await expect.poll(() => page.url()).toContain(`/complaints/case/${made.id}`);
    await page.getByText('2026-12-07 12:00').first().waitFor();
  });

  it('it reaches the supervisor only at 12:00, overdue counted in office hours', async () => {
    clock.set('2026-12-07T11:59');
    await as(SUP);
    const esc = page.getByTestId('work-escalations');
    await esc.locator('.ant-empty-description').getByText('暂无').waitFor();
    clock.set('2026-12-07T12:00');
    await as(SUP);
    await expect.poll(() => esc.getByTestId('work-line').count()).toBe(1);
    await expect(esc.getByTestId('level').innerText()).resolves.toBe('已升级：客服主管');
    clock.set('2026-12-07T13:00');
    await as(SUP);
    await expect.poll(() => esc.getByTestId('work-line').count()).toBe(1);
    await expect(esc.getByTestId('deadline').innerText()).resolves.toBe('超时 1 个工作小时');
    await expect(esc.getByTestId('level').innerText()).resolves.toBe('已升级：客服主管');
    // left unanswered: on Saturday it is still on the supervisor's list, below the leak
  });

  it('a 漏水 repair started from the room card on Saturday 12:24 counts down 15 minutes to be on site', async () => {
    clock.set('2026-12-12T12:24'); // Saturday
    await as(DESK);
    await page.getByTestId('home-search').locator('input').fill('3-2-501');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-code').waitFor();
    await page.getByTestId('room-case-start').click();
    const dialog = page.getByRole('dialog');
    await settledWithin(page, '.ant-modal');
    await expect.poll(() => dialog.getByLabel('投诉人/报修人').inputValue()).toBe('张伟');
    await dialog.locator('label.ant-radio-button-wrapper', { hasText: '报修' }).click();
    await dialog.getByTestId('room-case-category').locator('input').fill('户内');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('事由').fill('卫生间漏水，水从天花板往下滴');
    await shot(page, 'clocks-room-card-start-zh');
    await page.getByTestId('room-case-save').click();
    await page.getByTestId('case-no').waitFor();
    await expect(page.getByTestId('onsite').innerText()).resolves.toBe('剩 15 分钟到场');
    await page.getByText('2026-12-12 12:39').first().waitFor();
    await noToasts(page);
    await shot(page, 'clocks-leak-countdown-zh');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('onsite').innerText()).toBe('15 min left to be on site');
    await shot(page, 'clocks-leak-countdown-en');
    await page.getByTestId('language-switch').click();
    // the room card lists it among the room's open cases, with its countdown
    await page.getByTestId('case-room').click();
    await page.getByTestId('room-open-cases').getByText('剩 15 分钟到场').waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('room-case-start').click();
    await settledWithin(page, '.ant-modal');
    await expect.poll(() => page.getByRole('dialog').getByLabel('Complainant').inputValue()).toBe('张伟');
    await shot(page, 'clocks-room-card-start-en');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('language-switch').click();
  });

  it('at 12:38 nobody on site is not yet late: the supervisor sees only Friday\'s overdue complaint', async () => {
    clock.set('2026-12-12T12:38');
    await as(SUP);
    const esc = page.getByTestId('work-escalations');
    await expect.poll(() => esc.getByTestId('work-line').count()).toBe(1);
    await expect(esc.getByTestId('work-line').innerText()).resolves.toContain('周五傍晚');
  });

  it('at 12:40 with nobody on site it is the first thing on the supervisor\'s home page, and marked on the case', async () => {
    clock.set('2026-12-12T12:40');
    await as(SUP);
    const esc = page.getByTestId('work-escalations');
    // the escalations are the page's first section, and the leak nobody reached tops them, above Friday's older complaint
    await expect(page.locator('[data-testid^="work-"]').first().getAttribute('data-testid')).resolves.toBe('work-escalations');
    await expect.poll(() => esc.getByTestId('work-line').count()).toBe(2);
    const first = esc.getByTestId('work-line').first();
    await expect(first.getByTestId('onsite').innerText()).resolves.toBe('到场超时 1 分钟');
    await expect(first.getByTestId('level').innerText()).resolves.toBe('已升级：客服主管');
    await expect(first.getByTestId('work-kind').innerText()).resolves.toBe('报修');
    await expect(first.innerText()).resolves.toContain('3-2-501');
    await expect(first.innerText()).resolves.toContain('卫生间漏水');
    await expect(esc.getByTestId('work-line').nth(1).innerText()).resolves.toContain('周五傍晚');
    await expect(page.getByTestId('figure-onsiteLate').innerText()).resolves.toContain('1');
    await shot(page, 'clocks-home-supervisor-zh');
    await first.click();
    await page.getByTestId('timeline').getByText('无人按时到场，升级至客服主管').waitFor();
    await shot(page, 'clocks-leak-escalated-zh');
  });

  it('reads the same in English: the supervisor\'s home, the case and the rules screen', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('timeline').getByText('Nobody on site in time: escalated to the customer-service supervisor').waitFor();
    await expect(page.getByTestId('onsite').innerText()).resolves.toBe('on site 1 min late');
    await shot(page, 'clocks-leak-escalated-en');
    await page.goto(`${suite.desk.url}#/home`);
    await page.getByText('Escalated to me').waitFor();
    await shot(page, 'clocks-home-supervisor-en');
    await page.getByTestId('language-switch').click();
    await page.getByText('升级到我的案件').waitFor();
  });

  it('the supervisor prints the weekly complaint report through the print preview', async () => {
    await page.goto(`${suite.desk.url}#/complaints/reports`);
    await page.getByTestId('report-period').getByText('周报').click();
    await expect.poll(() => page.getByTestId('report-range').innerText()).toBe('2026-12-07 – 2026-12-13');
    await page.getByTestId('report-print').click();
    const sheet = await printout(page, 'complaint-report-week');
    expect(sheet.pages).toBe(1);
    for (const words of ['阳光花园物业服务中心', '投诉报修统计报表 · 周报', '2026-12-07 – 2026-12-13', '受理总数', '打印时间 2026-12-12']) expect(sheet.text).toContain(words);
    await closePrintPreview(page);
  });

  it('the admin sees both clocks explained, the national calendar preloaded, and a minimum time longer than a working day refused unchanged', async () => {
    await as({ ...ADMIN });
    await page.goto(`${suite.desk.url}#/complaints/lists`);
    await page.getByTestId('rules-card').getByText('报修和紧急案件按 24 小时计时', { exact: false }).waitFor();
    await page.getByTestId('calendar-card').getByText('国家').first().waitFor();
    // the 24-hour clock's own minimum time to act: received after 20:00, due 12:00 the next day
    await page.getByTestId('rules-card').getByText('24 小时计时的最短处理时间').waitFor();
    // the picker puts its test id on the input itself or on its frame, as antd's version does
    const time = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first().inputValue();
    await expect(time('around-late-after')).resolves.toBe('20:00');
    await expect(time('around-late-due-by')).resolves.toBe('12:00');
    await shot(page, 'clocks-rules-zh');
    const before = (await apiOk<{ rules: object }>(page, 'complaints.setup', {})).rules;
    const refusedRules = await apiFromPage(page, 'complaints.saveRules', { lateAfter: 11 * 60, lateDueBy: 17 * 60 });
    expect(refusedRules.error?.message).toMatchObject({ 'zh-CN': expect.stringContaining('最短处理时间不能超过一个工作日'), 'en-US': expect.stringContaining('cannot be longer than a working day') });
    expect((await apiOk<{ rules: object }>(page, 'complaints.setup', {})).rules).toEqual(before);
    await page.getByTestId('language-switch').click();
    await page.getByText('Repairs and urgent cases run around the clock', { exact: false }).waitFor();
    await page.getByText('Minimum time to act, 24-hour clock').waitFor();
    await shot(page, 'clocks-rules-en');
    await page.getByTestId('language-switch').click();
  });

  it('dates a move-in and a move-out on the room card by the desk\'s clock, months away from the browser\'s own date', async () => {
    clock.set('2026-03-16T07:30'); // the browser's clock reads the real date
    await as({ ...ADMIN });
    const b = await apiOk(page, 'registry.saveBuilding', { code: '9', name: '9栋' });
    const u = await apiOk(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    const r = await apiOk(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '101', area: '90.00', usage: 'residential', state: 'vacant' });
    await page.goto(`${suite.desk.url}#/registry/room/${r.id}`);
    await page.getByTestId('add-occupant').click();
    const form = page.getByTestId('occupant-form');
    await form.waitFor();
    await expect(form.getByLabel('迁入日期').inputValue()).resolves.toBe('2026-03-16');
    await page.keyboard.type('周敏');
    await form.getByLabel('电话', { exact: true }).fill('13700137000');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('move-out').click();
    const out = page.getByTestId('move-out-form');
    await out.waitFor();
    // the day is filled in as it opens: Enter confirms the desk's today
    await expect(out.getByLabel('迁出日期').inputValue()).resolves.toBe('2026-03-16');
    await page.keyboard.press('Enter');
    await out.waitFor({ state: 'detached' });
    await expect(page.getByTestId('occupant-history').innerText()).resolves.toMatch(/周敏\s+13700137000[\s\S]*2026-03-16\s+2026-03-16/);
  });

  it('in a browser set to another zone, the calendar\'s today, its 此刻 and a complaint\'s time received are the site\'s, and in English the calendar reads in English', async () => {
    clock.set('2026-03-16T07:30'); // in Los Angeles, the browser's zone here, still 15 March, 16:30
    const context = await deskContext(suite.browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'America/Los_Angeles' });
    const away = await context.newPage();
    try {
      await reloadAs(away, suite.desk.url, DESK);
      await away.goto(`${suite.desk.url}#/complaints/new`);
      await away.getByLabel('投诉人/报修人').fill('王芳');
      await typeToChoose(away, away.getByTestId('category'), '噪音');
      await away.getByLabel('事由').fill('楼上夜间装修噪音');
      await away.getByLabel('受理时间').click();
      const calendar = away.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      await settledWithin(away, '.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      await expect(calendar.locator('.ant-picker-cell-today').getAttribute('title')).resolves.toBe('2026-03-16');
      await shot(away, 'clocks-picker-today-away-zh');
      await calendar.getByText('此刻').click();
      await expect.poll(() => away.getByLabel('受理时间').inputValue()).toBe('2026-03-16 07:30');
      await away.getByTestId('log-save').click();
      await away.getByTestId('case-no').waitFor();
      // received at the site's 07:30, a Monday: due, as ever, by the office-hours clock from then
      await away.getByText('2026-03-16 07:30').first().waitFor();

      // the same calendar in English: its words and weekdays English, its today still the site's
      await noToasts(away); // the case's toast was written in Chinese, before the switch
      await away.getByTestId('language-switch').click();
      await away.goto(`${suite.desk.url}#/complaints/new`);
      await away.getByLabel('Received at').click();
      await settledWithin(away, '.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      await expect(calendar.locator('.ant-picker-cell-today').getAttribute('title')).resolves.toBe('2026-03-16');
      await calendar.getByText('Now', { exact: true }).waitFor();
      await expect(calendar.locator('.ant-picker-date-panel thead').innerText()).resolves.toMatch(/^Su\s+Mo\s+Tu\s+We\s+Th\s+Fr\s+Sa\s*$/);
      await expect(calendar.locator('.ant-picker-date-panel .ant-picker-header-view').innerText()).resolves.toMatch(/Mar/);
      await shot(away, 'clocks-picker-today-away-en');
    } finally {
      await context.close();
    }
  });
});
