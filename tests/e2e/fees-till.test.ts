import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiOk as api, apiFromPage, chooseOption, closePrintPreview, openPage, settled, setUpSite, shot, signIn, switchUser, useDesk } from './harness';
import { printout } from './print';

/**
 * The till as a cashier works it, in Chromium: an 8-line payment by keyboard alone (room code,
 * Enter, F8, the cash, Enter, Enter) read back from its PDF; a second window's charge showing
 * when the room is picked again; a WeChat payment with its reference on the receipt and found
 * by it; and the closed day said at the till, reopened by a supervisor for a late payment
 * after a mid-day shift handover.
 */
const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const CASHIER2 = { username: 'sunli', displayName: '孙丽', password: 'Cash2026b', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };

describe('the till by keyboard, references and the closed day', () => {
  const suite = useDesk();
  let page: Page;
  let oneoff = '';

  beforeAll(async () => {
    page = suite.page;
    await setUpSite(page);
    for (const s of [CASHIER, CASHIER2, SUPERVISOR]) await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    await api(page, 'settings.update', { settings: { siteAddress: '深圳市南山区阳光路 88 号', sitePhone: '0755-8888 6666', referenceRequired: ['wechat'] } });
    const items = [
      { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²', price: '2.35' },
      { code: 'LJF', name: '垃圾清运费', kind: 'fixed', unit: '月', price: '15' },
      { code: 'ZMF', name: '公共照明费', kind: 'fixed', unit: '月', price: '8' },
      { code: 'DTF', name: '电梯运行费', kind: 'area', unit: 'm²', price: '0.45' },
    ];
    for (const it of items) {
      const { id } = await api(page, 'fees.saveItem', { code: it.code, name: it.name, kind: it.kind, unit: it.unit });
      await api(page, 'fees.addRate', { itemId: id, validFrom: '2026-01', price: it.price });
    }
    oneoff = (await api(page, 'fees.saveItem', { code: 'WXF', name: '维修费', kind: 'oneoff' })).id;
    await switchUser(page, SUPERVISOR);
    const b = await api(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    for (const [no, owner] of [['101', '张伟'], ['102', '王芳'], ['103', '刘洋'], ['104', '陈静'], ['105', '杨帆']] as const) {
      const r = await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: no, area: '89.50', usage: 'residential', state: 'occupied' });
      await api(page, 'registry.saveOccupant', { roomId: r.id, kind: 'owner', name: owner, phone: `1381234${no}0` });
    }
    await switchUser(page, CASHIER);
    for (const period of ['2026-11', '2026-12']) await api(page, 'fees.generate', { period, commit: true });
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '收费', exact: true }).click();
  });

  async function findRoom(p: Page, code: string) {
    await p.getByPlaceholder(/房号、姓名或手机尾号/).fill(code);
    await p.locator('[data-testid="registry-hit"][aria-selected="true"]', { hasText: code }).first().waitFor();
  }

  it('takes and prints an 8-line payment by keyboard alone, in at most 6 keys from the room code to the printed receipt', async () => {
    await page.getByTestId('till-keys').getByText('F9 或 Enter 确认收款').waitFor();
    await findRoom(page, '1-1-101');
    // the till's room box picks (it does not open the room card), and its list says so
    await page.getByText('↑↓ 选择，回车选定房间，Esc 清空').waitFor();
    await shot(page, 'fees-till-pick-zh');
    const keys: string[] = [];
    const press = async (k: string) => { keys.push(k); await page.keyboard.press(k); };
    await press('Enter');
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥547.22'); // 2 × (210.33 + 15.00 + 8.00 + 40.28)
    expect(await page.getByTestId('owed-table').locator('tbody .ant-checkbox-checked').count()).toBe(8);
    await press('F8');
    await page.keyboard.type('600'); // the cash handed over, typed
    await page.getByTestId('change').getByText('找零 ¥52.78').waitFor();
    await shot(page, 'fees-till-keyboard-zh');
    await press('Enter');
    await page.getByTestId('print-preview').getByText('SJ-2026-000001').first().waitFor();
    // what is about to print: the original, every line's 数量 × 单价, the seal and the signature line
    const p = await printout(page, 'fees-till-8-lines');
    const text = p.text.replace(/[ \t]+/g, ' ');
    for (const want of ['SJ-2026-000001', '伍佰肆拾柒元贰角贰分', '89.50m² × 2.35 × 2', '89.50m² × 0.45 × 2', '1.00月 × 15.00 × 2', '1.00月 × 8.00 × 2',
      '2026-11 至 2026-12', '（盖章处）', '交款人签字', '深圳市南山区阳光路 88 号', '电话：0755-8888 6666', '实收现金 600.00，找零 52.78']) {
      expect(text, want).toContain(want);
    }
    expect(text).not.toContain('补打');
    await press('Enter'); // the print button has the focus
    await page.getByTestId('print-preview').getByText('补打').first().waitFor();
    expect(keys).toEqual(['Enter', 'F8', 'Enter', 'Enter']);
    expect(keys.length).toBeLessThanOrEqual(6);
    const day = await api<{ receipts: { id: string }[] }>(page, 'fees.dayReport', {});
    expect((await api<{ prints: number }>(page, 'fees.receipt', { id: day.receipts[0]!.id })).prints).toBe(1);
    await closePrintPreview(page);
  });

  it('a print that did not come out is given back: the next print is the original again', async () => {
    await page.getByTestId('receipts-table').getByRole('button', { name: /打\s?印/ }).first().click();
    await page.getByTestId('print-preview').getByText('补打').first().waitFor();
    await settled(page);
    await page.getByTestId('print-now').click();
    await page.getByTestId('print-undo').click();
    await page.getByText('已记为未打印：下次打印仍为原件。').waitFor();
    const day = await api<{ receipts: { id: string }[] }>(page, 'fees.dayReport', {});
    expect((await api<{ prints: number }>(page, 'fees.receipt', { id: day.receipts[0]!.id })).prints).toBe(1);
    await closePrintPreview(page);
  });

  it('picking the room already open reads its account again: a charge added in another window shows', async () => {
    await findRoom(page, '1-1-102');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥547.22');
    const other = await openPage(suite.browser, suite.desk);
    await signIn(other, CASHIER2.username, CASHIER2.password);
    await other.getByTestId('home-greeting').waitFor();
    const room = (await api<{ roomId: string }[]>(other, 'registry.search', { q: '1-1-102', limit: 1 }))[0]!;
    await api(other, 'fees.charge', { roomId: room.roomId, itemId: oneoff, amount: 12000 });
    await other.context().close();
    await page.keyboard.press('F2'); // the room box, its text selected: typing replaces it
    await page.keyboard.type('1-1-102');
    await page.locator('[data-testid="registry-hit"][aria-selected="true"]', { hasText: '1-1-102' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('registry-hits').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥667.22');
    await page.getByTestId('owed-table').getByText('维修费').waitFor();
  });

  it('moves the cancel of a charge into the row menu, out of the amount boxes', async () => {
    expect(await page.getByTestId('owed-table').getByRole('button', { name: /作\s?废/ }).count()).toBe(0);
    await page.getByTestId('owed-table').locator('[data-testid^="line-menu-"]').last().click();
    const item = page.getByRole('menuitem', { name: /作\s?废/ });
    await item.waitFor();
    await page.keyboard.press('Escape');
    await item.waitFor({ state: 'hidden' });
  });

  it('takes a WeChat payment only with its reference, prints the reference and finds the receipt by it', async () => {
    await chooseOption(page, page.getByTestId('method-0'), '微信');
    await expect.poll(() => page.getByTestId('take-payment').isDisabled()).toBe(true); // the site requires a WeChat reference
    await page.keyboard.press('F8');
    await page.keyboard.type('4200002981202612051234');
    await page.keyboard.press('Enter');
    await page.getByTestId('print-preview').getByText('SJ-2026-000002').first().waitFor();
    const p = await printout(page, 'fees-till-wechat');
    expect(p.text).toMatch(/微信 667\.22\s*（参考号 4200002981202612051234）/);
    await closePrintPreview(page);
    const found = await api<{ number: string }[]>(page, 'fees.findReceipts', { q: '4200002981202612051234' });
    expect(found.map((f) => f.number)).toEqual(['SJ-2026-000002']);
  });

  it('lists whom to call with their phone, logs a call in one click, and prints a building\'s 催缴通知书 in one job', async () => {
    await page.getByRole('tab', { name: '欠费催缴' }).click();
    const rooms = page.getByTestId('arrears-rooms');
    await rooms.getByText('13812341040').waitFor();
    await expect(rooms.innerText()).resolves.toMatch(/1-1-104\s+陈静\s+13812341040/);
    await page.getByTestId('called-1-1-104').click();
    await page.getByText('已记录：1-1-104 电话催缴。').waitFor();
    await rooms.getByText(/电话/).first().waitFor();
    await chooseOption(page, page.getByTestId('arrears-building'), '1栋');
    await page.getByTestId('print-scope-notices').click();
    await page.getByTestId('print-preview').waitFor();
    const p = await printout(page, 'fees-till-notices-building');
    expect(p.pages).toBe(3); // 1-1-103, 104 and 105 still owe
    const text = p.text.replace(/[ \t]+/g, ' ');
    for (const want of ['催缴通知书', '尊敬的陈静先生/女士：', '1-1-104 房', '物业管理费', '2026-11 至 2026-12', '伍佰肆拾柒元贰角贰分', '深圳市南山区阳光路 88 号', '0755-8888 6666', '（盖章）', '二〇二六年']) {
      expect(text, want).toContain(want);
    }
    await closePrintPreview(page);
    await page.getByTestId('language-switch').click();
    await page.getByTestId('print-scope-notices').click();
    const en = await printout(page, 'fees-till-notices-building-en');
    expect(en.text).toContain('Dear 陈静,');
    await closePrintPreview(page);
    await page.getByTestId('language-switch').click();
    await page.getByRole('tab', { name: '收费', exact: true }).click();
  });

  it('after a mid-day shift handover and the close, says at the till why a payment is refused; a supervisor reopens for a late payment', async () => {
    const shift = await api<{ id: string }>(page, 'handovers.startShift', { incomingId: null, notes: '午班交接' });
    await api(page, 'handovers.acknowledgeShift', { id: shift.id, username: CASHIER2.username, password: CASHIER2.password });
    await api(page, 'fees.closeDay', {});
    await page.reload();
    await page.getByRole('tab', { name: '收费', exact: true }).click();
    const banner = page.getByTestId('till-day-closed');
    await banner.getByText(/今天（\d{4}-\d{2}-\d{2}）已日结，不能再收款/).waitFor();
    await expect(banner.innerText()).resolves.toContain('钱敏 于');
    await findRoom(page, '1-1-103');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('take-payment').isDisabled()).toBe(true);
    await shot(page, 'fees-till-closed-zh');
    await page.getByTestId('reopen-day').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('重新开启原因').fill('业主下班后来交费');
    await dialog.getByLabel('审批主管用户名').fill(SUPERVISOR.username);
    await dialog.getByLabel('审批主管密码').fill(SUPERVISOR.password);
    await page.keyboard.press('Enter');
    await page.getByText('今天的日结已重新开启（审批：周红）。收完款请再次日结。').waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('take-payment').click();
    await page.getByTestId('print-preview').getByText('SJ-2026-000003').first().waitFor();
    await closePrintPreview(page);
    const closed = await api<{ count: number; shifts: { status: string }[]; history: { kind: string }[] }>(page, 'fees.closeDay', {});
    expect(closed.count).toBe(3);
    expect(closed.shifts.map((s) => s.status)).toEqual(['signed']);
    expect(closed.history.map((h) => h.kind)).toEqual(['close', 'reopen', 'close']);
    const refused = await apiFromPage(page, 'fees.pay', { roomId: '00000000-0000-7000-8000-000000000000', lines: [], prepay: 100, methods: [{ method: 'cash', amount: 100 }] });
    expect(refused.error?.code).toBe('fees.day_closed');
  });
});
