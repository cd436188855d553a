import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiFromPage, setUpSite, shot, useDesk, btn, testClock, reloadAs, settled, chooseOption, deskContext, typeToChoose } from './harness';
import { printout } from './print';

/**
 * The complaint ledger in Chromium, on a desk whose clock the test controls (the file clock
 * seam, electron/web/test-clock.ts): a complaint logged on Tuesday morning runs past the
 * day, climbs to the supervisor and then the deputy GM; a repair goes all the way to
 * closed; the slip prints; the monthly report counts both.
 */
const clock = testClock('2026-12-01T09:00'); // Tuesday
const CLOCK = clock.file;
const setClock = clock.set;
const clockDir = dirname(CLOCK);

const DESK = { username: 'lixm', displayName: '李晓梅', password: 'Desk2026a', role: 'receptionist' };
const SUP = { username: 'zhouzg', displayName: '周主管', password: 'Desk2026a', role: 'supervisor' };
const GM = { username: 'chenfz', displayName: '陈副总', password: 'Desk2026a', role: 'manager' };
const ADMIN_USER = { ...ADMIN, role: 'admin' };

describe('complaints in browser mode, with a controlled clock', () => {
  const suite = useDesk({ clockFile: CLOCK });
  let page: Page;
  let complaintId = '';

  const as = (who: { username: string; password: string }) => reloadAs(page, suite.desk.url, who);

  async function openCase(id: string) {
    await page.goto(`${suite.desk.url}#/complaints/case/${id}`);
    await page.getByTestId('case-no').waitFor();
  }

  async function noToasts() {
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  }

  beforeAll(async () => {
    // Beijing wall-clock in the browser too, so what the screens show matches the desk's rules
    const context = await deskContext(suite.browser, { viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = suite.page = await context.newPage(); // the page a failure's screenshot, log and fresh start are about
    suite.page = page; // failure screenshots show this page
    page.on('pageerror', (e) => { throw e; });
    await page.goto(suite.desk.url);
    await setUpSite(page);
    expect((await apiFromPage(page, 'settings.update', { settings: { idleLockMinutes: 0 } })).ok).toBe(true); // the clock jumps by days
    for (const s of [DESK, SUP, GM]) expect((await apiFromPage(page, 'staff.create', s)).ok).toBe(true);
    await as(DESK);
    const b = await apiFromPage(page, 'registry.saveBuilding', { code: '3', name: '3栋' });
    const u = await apiFromPage(page, 'registry.saveUnit', { buildingId: (b.value as { id: string }).id, code: '2', name: '2单元' });
    const r = await apiFromPage(page, 'registry.saveRoom', { buildingId: (b.value as { id: string }).id, unitId: (u.value as { id: string }).id, roomNo: '501', area: '89.50', usage: 'residential', state: 'occupied' });
    expect((await apiFromPage(page, 'registry.saveOccupant', { roomId: (r.value as { id: string }).id, kind: 'owner', name: '张伟', phone: '13800138000' })).ok).toBe(true);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('logs an ordinary complaint on Tuesday morning from the keyboard, the owner prefilled from the room, due at 18:00', async () => {
    await page.getByRole('menuitem', { name: '投诉报修' }).click();
    await page.getByRole('tab', { name: '登记案件' }).click();
    const picker = page.getByTestId('room-picker').locator('input');
    await picker.fill('3-2-501');
    await page.locator('.ant-select-item-option').filter({ hasText: '3-2-501' }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('投诉人/报修人').inputValue()).toBe('张伟');
    await expect(page.getByLabel('联系电话').inputValue()).resolves.toBe('13800138000');
    await typeToChoose(page, page.getByTestId('category'), '装修');
    await page.getByLabel('事由').fill('楼上502装修电钻噪音，中午午休时间也不停');
    await page.getByLabel('业主要求解决的问题').fill('请物业上门制止，午休时间停工');
    await shot(page, 'complaints-log-zh');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-no').waitFor();
    await expect(page.getByTestId('case-no').innerText()).resolves.toBe('2026-00001');
    await expect(page.getByTestId('case-owner').innerText()).resolves.toBe('李晓梅');
    await expect(page.getByTestId('deadline').first().innerText()).resolves.toMatch(/^剩 (8 个工作小时 59 分钟|9 个工作小时)$/);
    complaintId = decodeURIComponent(page.url().split('/').pop()!);
    await page.getByText('2026-12-01 18:00').first().waitFor();
  });

  it('runs past the day: on Wednesday morning the supervisor sees it first, then at 18:30 the deputy GM', async () => {
    setClock('2026-12-02T08:30'); // the desk was off overnight; nothing ran in between
    await as(SUP);
    const att = page.getByTestId('work-escalations');
    await att.getByText('升级到我的案件').waitFor();
    await expect.poll(() => att.getByTestId('work-line').count()).toBe(1);
    // overdue counted in office time: the office opened at 08:00
    await expect(att.innerText()).resolves.toMatch(/2026-00001[\s\S]*超时 30 分钟[\s\S]*已升级：客服主管/);
    await shot(page, 'complaints-home-supervisor-zh');
    await as(GM);
    await page.getByTestId('work-escalations').locator('.ant-empty-description').getByText('暂无').waitFor();
    setClock('2026-12-02T18:30');
    await as(GM);
    await page.getByTestId('work-escalations').getByText('2026-00001').waitFor();
    await expect(page.getByTestId('work-escalations').innerText()).resolves.toMatch(/2026-00001[\s\S]*已升级：主管副总/);
    await shot(page, 'complaints-home-gm-zh');
    await page.getByTestId('work-escalations').getByTestId('work-line').first().click();
    await page.getByTestId('timeline').getByText('仍未处理，升级至主管副总经理').waitFor();
    await expect(page.getByTestId('timeline').innerText()).resolves.toMatch(/接诉[\s\S]*2026-12-01 18:00[\s\S]*超过时限，升级至客服主管[\s\S]*2026-12-02 18:00[\s\S]*升级至主管副总经理/);
    await shot(page, 'complaints-case-escalated-zh');
  });

  it('takes a repair from logging through dispatch, reply and follow-up to closed, and prints its slip', async () => {
    setClock('2026-12-03T10:00');
    await as(DESK);
    await page.goto(`${suite.desk.url}#/complaints/new`);
    await page.locator('label.ant-radio-button-wrapper', { hasText: '报修' }).click();
    await page.getByTestId('room-picker').locator('input').fill('3-2-501');
    await page.locator('.ant-select-item-option').filter({ hasText: '3-2-501' }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('投诉人/报修人').inputValue()).toBe('张伟');
    await typeToChoose(page, page.getByTestId('category'), '户内');
    await page.getByLabel('事由').fill('卫生间天花板渗水，疑似楼上防水层破损');
    await page.getByTestId('log-save').click();
    await expect.poll(() => page.getByTestId('case-no').innerText()).toBe('2026-00002');
    await page.getByText('2026-12-03 10:15').first().waitFor(); // on site within 15 minutes

    await page.getByTestId('act-dispatch').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('处理部门').fill('工程');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('处理人').fill('王师傅');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('case-stage').innerText()).toBe('处理中');
    await noToasts();
    await page.getByTestId('act-onsite').click();
    // the arrival itself in the record, at 10:00, before the clock moves on (the case's other 10:00s were there already)
    // (the entry titled 到场 exactly: the intake's entry also says 到场时限)
    await page.getByTestId('timeline').locator('[data-testid=timeline-item]', { has: page.getByText('到场', { exact: true }) }).getByText('2026-12-03 10:00').waitFor();

    setClock('2026-12-03T15:00');
    await page.getByTestId('act-reply').click();
    await page.getByRole('dialog').getByLabel('回复内容').fill('已更换楼上卫生间防水层，渗水已止');
    await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
    await expect.poll(() => page.getByTestId('case-stage').innerText()).toBe('已回复');
    await page.getByTestId('act-followUp').click();
    // a star clicked while the dialog is still zooming in can be lost (the form then says 必填):
    // click once it has settled, and again until the five stars hold, as a person would
    await settled(page);
    const rate = page.getByRole('dialog').locator('.ant-rate');
    await expect.poll(async () => {
      const full = await rate.locator('.ant-rate-star-full').count();
      if (full < 5) await rate.locator('.ant-rate-star').nth(4).click();
      return full;
    }, { interval: 250 }).toBe(5);
    await page.getByRole('dialog').getByLabel('回访意见').fill('业主满意，维修及时');
    await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
    await expect.poll(() => page.getByTestId('case-stage').innerText()).toBe('已回访');
    await page.getByTestId('act-close').click();
    // the follow-up's dialog may still be zooming out beside the close's zooming in: click once both have settled
    await settled(page);
    await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
    await expect.poll(() => page.getByTestId('case-stage').innerText()).toBe('已结案');
    await expect(page.getByTestId('timeline').locator('[data-testid=timeline-item]').count()).resolves.toBe(6);
    await expect(page.getByTestId('act-reply').count()).resolves.toBe(0);
    await noToasts();
    await shot(page, 'complaints-case-closed-zh');

    await page.getByTestId('print-slip').click();
    const slip = await printout(page, 'complaint-handling-slip');
    expect(slip.pages).toBe(1);
    for (const words of ['报修处理单', '阳光花园物业服务中心', '2026-00002', '3-2-501', '张伟', '卫生间天花板渗水', '工程部', '王师傅',
      '已更换楼上卫生间防水层', '满意度 5/5', '业主满意', '李晓梅', '2026-12-03 10:00']) expect(slip.text).toContain(words);
    await btn(page, '关闭').last().click();
    await page.getByTestId('print-dispatch').click();
    const dispatch = await printout(page, 'complaint-dispatch-slip');
    for (const words of ['派工单', '2026-00002', '工程部', '王师傅', '卫生间天花板渗水', '2026-12-03 10:15']) expect(dispatch.text).toContain(words);
    await btn(page, '关闭').last().click();
  });

  it('counts the month right: two cases, one closed, on-time rate 50%, satisfaction 5; the queues show them', async () => {
    await as(SUP);
    await page.goto(`${suite.desk.url}#/complaints/reports`);
    await expect.poll(() => page.getByTestId('report-range').innerText()).toBe('2026-12-01 – 2026-12-31');
    await expect.poll(() => page.getByTestId('r-total').innerText()).toContain('2');
    await expect(page.getByTestId('r-closed').innerText()).resolves.toContain('1');
    await expect(page.getByTestId('r-ontime').innerText()).resolves.toContain('50.0%');
    await expect(page.getByTestId('r-satisfaction').innerText()).resolves.toContain('5');
    await expect(page.getByTestId('r-byKind').innerText()).resolves.toMatch(/投诉\s+1[\s\S]*报修\s+1|报修\s+1[\s\S]*投诉\s+1/);
    await expect(page.getByTestId('r-byDepartment').innerText()).resolves.toMatch(/工程部\s+1/);
    await shot(page, 'complaints-report-zh');
    // the same figures as a workbook
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toBe('投诉报修统计 2026-12-01_2026-12-31.xlsx');
    const file = join(clockDir, 'stats.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet('汇总')!.getRow(3).values).toEqual([undefined, '受理总数', 2]);
    expect(book.getWorksheet('汇总')!.getRow(8).values).toEqual([undefined, '及时率', '50%']);
    await page.goto(`${suite.desk.url}#/complaints`);
    await page.getByTestId('queue-tabs').getByText('已超时').click();
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('queue-tabs').getByText('全部案件').click();
    await page.getByTestId('queue-search').locator('input').fill('防水层');
    await page.keyboard.press('Enter');
    // the overdue tab's one row stays on screen until the search answers: wait for the case it finds
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr.ant-table-row').allInnerTexts()).toEqual([expect.stringContaining('2026-00002')]);
    await page.getByTestId('queue-search').locator('input').fill('');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr.ant-table-row').count()).toBe(2);
    await shot(page, 'complaints-queue-zh');
    // the room card lists the room's cases
    await page.getByTestId('queue').getByText('2026-00001').click();
    await page.getByTestId('case-room').click();
    const onCard = page.getByTestId('room-cases');
    // the open case first, with its deadline, then the room's history of both
    await expect.poll(() => onCard.getByTestId('room-open-cases').locator('.ant-list-item').count()).toBe(1);
    await expect.poll(() => onCard.locator('.ant-list-item').count()).toBe(3);
    await expect(onCard.innerText()).resolves.toMatch(/2026-00002[\s\S]*已结案[\s\S]*2026-00001[\s\S]*已接诉/);
    await shot(page, 'complaints-room-card-zh');
    await page.goto(`${suite.desk.url}#/complaints`);
  });

  it('reads the same in English', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('queue-tabs').getByText('All cases').click();
    await expect.poll(() => page.getByTestId('queue').innerText()).toContain('overdue');
    await shot(page, 'complaints-queue-en');
    await page.goto(`${suite.desk.url}#/complaints/reports`);
    await page.getByText('On-time rate').waitFor();
    await shot(page, 'complaints-report-en');
    await openCase(complaintId);
    await page.getByTestId('timeline').getByText('Past its deadline: escalated to the customer-service supervisor').waitFor();
    await shot(page, 'complaints-case-en');
    await page.getByTestId('act-dispatch').click();
    await page.getByRole('dialog').waitFor();
    await settled(page); // the dialog has finished fading in
    await shot(page, 'complaints-dispatch-en');
    await page.keyboard.press('Escape');
    await page.goto(`${suite.desk.url}#/complaints/new`);
    await page.getByText('What the owner wants solved').waitFor();
    await shot(page, 'complaints-log-en');
    // back-dating past the hour's allowance is refused by the store, in the user's language, and nothing is logged
    await page.getByLabel('Complainant').fill('王先生');
    await typeToChoose(page, page.getByTestId('category'), 'Pests');
    await page.getByLabel('Matter').fill('地下室有老鼠');
    await page.getByLabel('Received at').fill('2026-12-03 09:00');
    await page.keyboard.press('Enter');
    await page.getByLabel('Matter').click();
    await page.keyboard.press('Control+Enter');
    // Enter in the date box and Control+Enter both submit: one refusal or two may be showing
    await page.getByText('The time received may be at most 60 minutes ago').first().waitFor();
    expect(((await apiFromPage(page, 'complaints.queue', { state: 'all' })).value as { rows: unknown[] }).rows).toHaveLength(2);
    await page.getByTestId('language-switch').click();
  });
  it('lets the admin add a category, which the intake form then offers', async () => {
    await as(ADMIN_USER);
    await page.goto(`${suite.desk.url}#/complaints/lists`);
    await page.getByText('时限规则').waitFor();
    // the office hours saved from the screen reach the store's rules
    await chooseOption(page, page.getByTestId('clock-complaint-urgent'), '按办公时间计时');
    await page.getByTestId('rules-save').click();
    await expect.poll(async () => ((await apiFromPage(page, 'complaints.setup')).value as { rules: { clocks: { complaint: { urgent: string } } } }).rules.clocks.complaint.urgent)
      .toBe('office');
    await btn(page, '添加类别').click();
    await page.getByPlaceholder('代码').fill('parking');
    await page.getByPlaceholder('中文名称').fill('停车管理');
    await page.getByPlaceholder('英文名称').fill('Parking');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: '停车管理' }).waitFor();
    await noToasts();
    await shot(page, 'complaints-lists-zh');
    await as(DESK);
    await page.goto(`${suite.desk.url}#/complaints/new`);
    await page.getByTestId('category').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '停车管理' }).waitFor();
  });
});
