import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, setUpSite, shot, useDesk, apiOk as api, btn, testClock, reloadAs, closePrintPreview, settled, chooseOption, deskContext } from './harness';
import { printout } from './print';

/**
 * Reversal (冲正) end to end, on a desk whose clock the test controls (electron/web/test-clock.ts):
 * a payment on Monday, the day closed; on Tuesday the cashier reverses it with the supervisor
 * signing in at the desk. Monday's closed report stays as it was, Tuesday's report shows the
 * money given back, and the bills the receipt paid are owed again. Then the cashier is away
 * and the supervisor voids the cashier's new receipt, the centre head approving.
 */
const clock = testClock('2026-12-07T09:00'); // Monday
const CLOCK = clock.file;
const setClock = clock.set;

const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };
const MANAGER = { username: 'wujun', displayName: '吴军', password: 'Head2026a', role: 'manager' };

/** The day close's date box (antd puts the test id on the picker or on its input, by version). */
const dayInput = (page: Page) => page.locator('[data-testid="day-picker"] input, input[data-testid="day-picker"]').first();

describe('reversal (冲正) of a closed day\'s receipt, with a controlled clock', () => {
  const suite = useDesk({ clockFile: CLOCK });
  let page: Page;
  let monday: unknown;

  const as = (who: { username: string; password: string }) => reloadAs(page, suite.desk.url, who);

  async function openRoom(code: string) {
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: /^(收费|欠费查询)$/ }).click(); // the till, or the supervisor's look-up
    await page.getByPlaceholder(/房号、姓名或手机尾号/).fill(code);
    await page.locator('[data-testid="registry-hit"]', { hasText: code }).click();
  }

  beforeAll(async () => {
    // Beijing wall-clock in the browser too (the browser's own clock is not the desk's)
    const context = await deskContext(suite.browser, { viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = suite.page = await context.newPage(); // the page a failure's screenshot, log and fresh start are about
    suite.page = page;
    page.on('pageerror', (e) => { throw e; });
    await page.goto(suite.desk.url);
    await setUpSite(page);
    expect((await apiFromPage(page, 'settings.update', { settings: { idleLockMinutes: 0 } })).ok).toBe(true); // the clock jumps by a day
    for (const s of [CASHIER, SUPERVISOR, MANAGER]) await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    const wyf = await api(page, 'fees.saveItem', { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' });
    await api(page, 'fees.addRate', { itemId: wyf.id, validFrom: '2026-01', price: '2.35' });
    await as(SUPERVISOR);
    const b = await api(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    const r = await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '101', area: '89.50', usage: 'residential', state: 'occupied' });
    await api(page, 'registry.saveOccupant', { roomId: r.id, kind: 'owner', name: '张伟', phone: '13812345678' });
    await as(CASHIER);
    await api(page, 'fees.generate', { period: '2026-12', commit: true });
  });

  it('takes a payment on Monday and closes the day', async () => {
    await openRoom('1-1-101');
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥210.33');
    await page.getByLabel('实收现金').fill('300');
    await page.getByTestId('take-payment').click();
    await page.getByText('已收款，收据号 SJ-2026-000001，找零 ¥89.67').waitFor();
    await page.getByTestId('print-preview').waitFor();
    await closePrintPreview(page);
    await page.getByRole('tab', { name: '日结' }).click();
    await expect.poll(() => dayInput(page).inputValue()).toBe('2026-12-07'); // the desk's day, not the browser's
    await page.getByTestId('close-day').click();
    await settled(page); // a click on the confirmation while it is still zooming in can be lost
    await page.getByTestId('close-day-ok').click();
    await page.getByTestId('day-closed').waitFor();
    monday = await api(page, 'fees.dayReport', { day: '2026-12-07' });
    expect(monday).toMatchObject({ count: 1, total: 21033, cashToHandOver: 21033, reversals: [] });
  });

  it('on Tuesday reverses it with the supervisor signing in at the desk; the bill is owed again', async () => {
    setClock('2026-12-08T08:45'); // the desk was off overnight
    await as(CASHIER);
    await openRoom('1-1-101');
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥0.00');
    const row = page.getByTestId('receipts-table').getByRole('row', { name: /SJ-2026-000001/ });
    expect(await row.getByRole('button', { name: /作\s?废/ }).count()).toBe(0); // a closed day's receipt is reversed, not voided
    await row.getByRole('button', { name: /冲\s?正/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('冲正原因').fill('重复收费，退回现金');
    await dialog.getByLabel('审批主管用户名').fill(SUPERVISOR.username);
    await dialog.getByLabel('审批主管密码').fill(SUPERVISOR.password);
    await settled(page); // the dialog's zoom-in
    await shot(page, 'fees-reverse-zh');
    await page.keyboard.press('Enter');
    await page.getByText('收据 SJ-2026-000001 已冲正').waitFor();
    await page.getByTestId('receipts-table').getByText('已冲正').waitFor();
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥210.33');
  });

  it('shows the reversal on Tuesday\'s report and prints it, and leaves Monday\'s closed report as it was', async () => {
    await page.getByRole('tab', { name: '日结' }).click();
    await expect.poll(() => dayInput(page).inputValue()).toBe('2026-12-08');
    const summary = page.getByTestId('day-summary');
    await summary.getByText(/−¥210\.33（SJ-2026-000001）/).waitFor();
    await expect(summary.innerText()).resolves.toMatch(/应交现金\s*−¥210\.33/);
    await shot(page, 'fees-reversal-day-zh');
    await page.getByTestId('day-print').click();
    const p = await printout(page, 'fees-reversal-day');
    for (const want of ['收费员日结报表', '冲正', 'SJ-2026-000001', '重复收费，退回现金', '审批人：周红', '210.33']) expect(p.text, want).toContain(want);
    await closePrintPreview(page);
    // Monday, as closed
    expect(await api(page, 'fees.dayReport', { day: '2026-12-07' })).toEqual(monday);
    await dayInput(page).click();
    await dayInput(page).fill('2026-12-07');
    await page.keyboard.press('Enter');
    await page.getByTestId('day-closed').waitFor();
    await expect(summary.innerText()).resolves.toMatch(/有效 1 张，作废 0 张[\s\S]*应交现金\s*¥210\.33/);
  });

  it('counts the reversal in the month it was made, and the supervisor sees it', async () => {
    await as(SUPERVISOR);
    const month = await api<{ collected: { total: number; reversed: number } }>(page, 'fees.monthReport', {});
    expect(month.collected).toMatchObject({ total: 0, reversed: 21033 });
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '收缴月报' }).click();
    await page.getByTestId('report-summary').getByText('减：本月冲正').waitFor();
    await expect(page.getByTestId('report-summary').innerText()).resolves.toMatch(/减：本月冲正\s*−¥210\.33/);
  });

  it('lets the supervisor void the absent cashier\'s receipt with the centre head approving; both are on the cashier\'s day', async () => {
    await as(CASHIER);
    await openRoom('1-1-101');
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥210.33');
    await page.getByTestId('take-payment').click();
    await page.getByText(/已收款，收据号 SJ-2026-000002/).waitFor();
    await closePrintPreview(page);
    // the cashier steps away; the supervisor at the desk voids it, and may not approve their own void
    await as(SUPERVISOR);
    await openRoom('1-1-101');
    await page.getByTestId('receipts-table').getByRole('row', { name: /SJ-2026-000002/ }).getByRole('button', { name: /作\s?废/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('作废原因').fill('收错房号');
    await dialog.getByLabel('审批主管用户名').fill(SUPERVISOR.username);
    await dialog.getByLabel('审批主管密码').fill(SUPERVISOR.password);
    await page.keyboard.press('Enter');
    await page.getByText(/周红 无权审批作废/).waitFor();
    await dialog.getByLabel('审批主管用户名').fill(MANAGER.username);
    await dialog.getByLabel('审批主管密码').fill(MANAGER.password);
    await page.keyboard.press('Enter');
    await page.getByText('收据 SJ-2026-000002 已作废').waitFor();
    await page.getByTestId('receipts-table').getByRole('row', { name: /SJ-2026-000002/ }).getByText('已作废').waitFor();
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥210.33');
    // the cashier's day, as the supervisor sees and prints it: who voided, who approved
    await page.getByRole('tab', { name: '日结' }).click();
    await chooseOption(page, page.getByTestId('day-cashier'), '钱敏');
    await page.getByTestId('day-receipts').getByText('已作废：收错房号').waitFor();
    await page.getByTestId('day-print').click();
    const p = await printout(page, 'fees-day-supervisor-void');
    for (const want of ['作废经办人', '收错房号', '周红', '吴军']) expect(p.text, want).toContain(want);
    await closePrintPreview(page);
  });
});
