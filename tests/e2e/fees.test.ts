import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, setUpSite, shot, useDesk, apiOk as api, btn, switchUser, closePrintPreview, settled, noToasts, chooseOption, formItem } from './harness';
import { printout } from './print';

/**
 * A cashier's day in Chromium: issue a month's bills, take a mixed-method payment,
 * print the receipt to PDF and read it back (number, 大写, items), void it with a
 * supervisor signing in at the desk, see it void in the day report, and close the day.
 */
const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };
const CASHIER2 = { username: 'sunli', displayName: '孙丽', password: 'Cash2026b', role: 'cashier' };

describe('fee collection in browser mode', () => {
  const suite = useDesk();
  let page: Page;

  beforeAll(async () => {
    page = suite.page;
    await setUpSite(page);
    for (const s of [CASHIER, SUPERVISOR, CASHIER2]) await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    const wyf = await api(page, 'fees.saveItem', { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' });
    const ljf = await api(page, 'fees.saveItem', { code: 'LJF', name: '垃圾清运费', kind: 'fixed', unit: '月', appliesTo: 'residential' });
    await api(page, 'fees.addRate', { itemId: wyf.id, validFrom: '2026-01', price: '2.35' });
    await api(page, 'fees.addRate', { itemId: ljf.id, validFrom: '2026-01', price: '15' });
    await api(page, 'fees.saveItem', { code: 'ZXYJ', name: '装修押金', kind: 'deposit' });
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '收费项目' }).click();
    await page.getByTestId('items-table').getByText('2026-01 起 ¥2.35/m²').waitFor();
    await shot(page, 'fees-items-zh');
    await switchUser(page, SUPERVISOR);
    const b = await api(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    const r = await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '101', area: '89.50', usage: 'residential', state: 'occupied' });
    await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '102', area: '120.00', usage: 'shop', state: 'occupied' });
    await api(page, 'registry.saveOccupant', { roomId: r.id, kind: 'owner', name: '张伟', phone: '13812345678' });
    await switchUser(page, CASHIER);
  });

  it('previews this month\'s bills, issues them, and a second issue adds nothing', async () => {
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '核发账单' }).click();
    await page.getByTestId('bill-preview').click();
    const result = page.getByTestId('bill-result');
    await result.getByText(/账单预览/).waitFor();
    await expect(result.innerText()).resolves.toMatch(/笔数\s*3[\s\S]*¥507\.33/); // 210.33 + 282.00 + 15.00
    await page.getByTestId('bill-commit').click();
    await result.getByText(/账单已核发/).waitFor();
    await shot(page, 'fees-bills-zh');
    await page.getByTestId('bill-preview').click();
    await result.getByText('没有需要新核发的账单：本期已全部核发过。').waitFor();
  });

  it('takes a mixed cash and WeChat payment with change, and prints the receipt with its number, 大写 and items', async () => {
    await page.getByRole('tab', { name: '收费', exact: true }).click();
    await page.getByPlaceholder(/房号、姓名或手机尾号|Room, name or last 4/).fill('1-1-101');
    await page.locator('[data-testid="registry-hit"]', { hasText: '1-1-101' }).click();
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥225.33');
    await page.getByTestId('add-method').click();
    await page.getByLabel('付款金额 2').fill('200');
    await page.getByLabel('付款金额 1').fill('25.33');
    await page.getByLabel('实收现金').fill('50');
    await expect(page.getByTestId('change').textContent()).resolves.toBe('找零 ¥24.67');
    await shot(page, 'fees-collect-zh');
    await page.getByTestId('take-payment').click();
    await page.getByText('已收款，收据号 SJ-2026-000001，找零 ¥24.67').waitFor();
    await page.getByTestId('print-preview').waitFor();
    const p = await printout(page, 'fees-receipt-a5');
    expect(p.pages).toBe(1);
    expect(p.size).toMatch(/^4(19|20)(\.\d+)? x 59[45](\.\d+)? pts/); // A5
    const text = p.text.replace(/[ \t]+/g, ' ');
    for (const want of ['阳光花园物业服务中心', '存根联', '收据联', 'SJ-2026-000001', '贰佰贰拾伍元叁角叁分', '物业管理费', '垃圾清运费', '89.50m² × 2.35', '210.33', '¥225.33', '现金 25.33', '微信 200.00', '找零 24.67', '钱敏', '张伟']) {
      expect(text, want).toContain(want);
    }
    expect(text).not.toContain('补打');
    // only opening the preview is not printing: opened again, it is still the original
    await closePrintPreview(page);
    const printButton = page.getByTestId('receipts-table').getByRole('button', { name: /打\s?印/ });
    await printButton.click();
    await page.getByTestId('print-preview').getByText('SJ-2026-000001').first().waitFor();
    await expect(page.getByTestId('print-preview').innerText()).resolves.not.toContain('补打');
    // the real print is the original; from then on the preview shows what the next print would be: 补打
    await settled(page); // the preview opened again: a click while it still zooms in can be lost
    await page.getByTestId('print-now').click();
    await page.getByTestId('print-preview').getByText('补打').first().waitFor();
    expect((await printout(page, 'fees-receipt-a5-next-copy')).text).toContain('补打');
    await closePrintPreview(page);
    const view = await apiFromPage(page, 'fees.dayReport', {});
    const first = (view.value as { receipts: { id: string }[] }).receipts[0]!.id;
    expect(((await apiFromPage(page, 'fees.receipt', { id: first })).value as { prints: number }).prints).toBe(1);
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥0.00');
  });

  it('reprints on the 241 mm form as 补打, one part per sheet, and holds a second print while one runs', async () => {
    await page.getByTestId('receipt-paper').getByText('241 mm 连续打印纸').click();
    await page.getByTestId('receipts-table').getByRole('button', { name: /打\s?印/ }).click();
    await page.getByTestId('print-preview').waitFor();
    // while a print is still running (where print() returns before its dialog closes), a
    // second print or Save as PDF waits: the browser would refuse it as "already being printed"
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect.poll(() => page.getByTestId('print-now').isDisabled()).toBe(true);
    expect(await page.getByTestId('print-pdf').isDisabled()).toBe(true);
    await page.locator('#print-root[data-printing]').waitFor({ state: 'attached' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect.poll(() => page.getByTestId('print-now').isDisabled()).toBe(false);
    const p = await printout(page, 'fees-receipt-241-copy');
    expect(p.pages).toBe(2);
    expect(p.size).toMatch(/^68[23](\.\d+)? x 39[67](\.\d+)? pts/); // 241 × 140 mm
    expect(p.text).toContain('补打');
    expect(p.text).toContain('SJ-2026-000001');
    await closePrintPreview(page);
  });

  it('refuses a void approved by a wrong password, then voids with the supervisor signing in; the lines are owed again', async () => {
    await page.getByTestId('receipts-table').getByRole('button', { name: /作\s?废/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('作废原因').fill('收错付款方式');
    await dialog.getByLabel('审批主管用户名').fill(SUPERVISOR.username);
    await dialog.getByLabel('审批主管密码').fill('wrong-password1');
    await page.keyboard.press('Enter');
    await page.getByText('用户名或密码错误。').waitFor();
    await dialog.getByLabel('审批主管密码').fill(SUPERVISOR.password);
    await shot(page, 'fees-void-zh');
    await page.keyboard.press('Enter');
    await page.getByText('收据 SJ-2026-000001 已作废').waitFor();
    await page.getByTestId('receipts-table').getByText('已作废').waitFor();
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥225.33');
  });

  it('shows the void in the day report, prints it, and closes the day; a void after the close is refused', async () => {
    // a second, valid payment so the day has something to hand over
    await page.getByTestId('take-payment').click();
    await page.getByText(/已收款，收据号 SJ-2026-000002/).waitFor();
    await closePrintPreview(page);
    await page.getByRole('tab', { name: '日结' }).click();
    const summary = page.getByTestId('day-summary');
    await summary.getByText('SJ-2026-000001 — SJ-2026-000002').waitFor();
    await expect(summary.innerText()).resolves.toMatch(/有效 1 张，作废 1 张[\s\S]*应交现金\s*¥225\.33/);
    await page.getByTestId('day-receipts').getByText('已作废：收错付款方式').waitFor();
    await page.getByTestId('day-print').click();
    const p = await printout(page, 'fees-day');
    for (const want of ['收费员日结报表', 'SJ-2026-000001 — SJ-2026-000002', '收错付款方式', '周红', '¥225.33']) expect(p.text, want).toContain(want);
    await closePrintPreview(page);
    await page.getByTestId('close-day').click();
    await settled(page); // a click on the confirmation while it is still zooming in can be lost
    await page.getByTestId('close-day-ok').click();
    await page.getByTestId('day-closed').waitFor();
    await shot(page, 'fees-day-zh');
    const receipts = await apiFromPage(page, 'fees.dayReport', {});
    const second = (receipts.value as { receipts: { id: string; number: string }[] }).receipts[1]!;
    const v = await apiFromPage(page, 'fees.void', { receiptId: second.id, reason: '日结后作废', approverUsername: SUPERVISOR.username, approverPassword: SUPERVISOR.password });
    expect(v.error?.code).toBe('fees.day_closed');
  });

  it('reads the same in English', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('tab', { name: 'Day close' }).waitFor();
    await noToasts(page);
    await shot(page, 'fees-day-en');
    await page.getByRole('tab', { name: 'Collect' }).click();
    await page.getByPlaceholder(/房号、姓名或手机尾号|Room, name or last 4/).fill('1-1-101');
    await page.locator('[data-testid="registry-hit"]', { hasText: '1-1-101' }).click();
    await page.getByTestId('owed-table').getByText('This room owes nothing').waitFor();
    await page.getByTestId('receipts-table').getByText('Valid').waitFor();
    await shot(page, 'fees-collect-en');
    await page.getByTestId('language-switch').click();
  });
  it('shows the room\'s fees on the registry room card, and opens its account at the till', async () => {
    const hits = await apiFromPage(page, 'registry.search', { q: '1-1-101', limit: 5 });
    const roomId = (hits.value as { roomId: string }[])[0]!.roomId;
    await page.evaluate((id) => { window.location.hash = `/registry/room/${id}`; }, roomId);
    const card = page.getByTestId('room-fees');
    await card.getByText('该房没有欠费').waitFor();
    await expect(card.innerText()).resolves.toContain('SJ-2026-000002');
    await shot(page, 'fees-room-card-zh');
    await card.getByRole('button', { name: '去收费' }).click();
    await expect.poll(() => page.getByTestId('room-summary').innerText()).toContain('1-1-101');
  });
  it('lists arrears by building and age and prints a dunning notice with the amount in capitals (another cashier)', async () => {
    await switchUser(page, CASHIER2);
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '欠费催缴' }).click();
    const rooms = page.getByTestId('arrears-rooms');
    await rooms.getByText('1-1-102').waitFor();
    await expect(page.getByTestId('arrears-buildings').innerText()).resolves.toMatch(/1栋\s+1\s+282\.00/);
    await rooms.getByRole('row', { name: /1-1-102/ }).getByRole('checkbox').check();
    await settled(page); // the checkbox's and the button's transitions
    await shot(page, 'fees-arrears-zh');
    await page.getByTestId('print-notices').click();
    const p = await printout(page, 'fees-dunning-notice');
    for (const want of ['催缴通知书', '1-1-102', '物业管理费', '贰佰捌拾贰元整', '阳光花园物业服务中心']) expect(p.text, want).toContain(want);
    await closePrintPreview(page);
    await rooms.getByText('通知单').waitFor(); // the notice is logged as a dunning attempt
    await page.getByTestId('language-switch').click();
    await page.getByTestId('arrears-rooms').getByText('1-1-102').waitFor();
    await page.getByRole('tab', { name: 'Arrears' }).waitFor();
    await shot(page, 'fees-arrears-en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('tab', { name: '欠费催缴' }).waitFor();
  });

  it('charges a decoration deposit, takes it with the arrears, and refunds part of it on a numbered refund document', async () => {
    await page.getByRole('tab', { name: '收费', exact: true }).click();
    await page.getByPlaceholder(/房号、姓名或手机尾号/).fill('1-1-102');
    await page.locator('[data-testid="registry-hit"]', { hasText: '1-1-102' }).click();
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥282.00');
    await page.getByTestId('add-charge').click();
    const dialog = page.getByRole('dialog');
    await settled(page);
    await chooseOption(page, dialog.getByLabel('收费项目', { exact: true }), '装修押金', formItem(page, dialog, '收费项目'));
    await dialog.getByLabel('金额').fill('2000');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe('¥2,282.00');
    await page.getByTestId('take-payment').click();
    await page.getByText(/已收款，收据号 SJ-2026-000003/).waitFor();
    await page.getByTestId('print-preview').waitFor();
    await closePrintPreview(page);
    await page.getByTestId('deposits-table').getByRole('button', { name: /退\s?还/ }).click();
    const refund = page.getByRole('dialog');
    await refund.getByLabel('金额').fill('1500');
    await refund.getByLabel('领款人').fill('李明'); // the shop has no occupant on file: the payee is written in
    await refund.getByLabel('退款说明（如扣款原因）').fill('验收扣除垃圾清运费 500 元');
    await page.keyboard.press('Enter');
    await page.getByText('已退还，退款单号 SJTK-2026-000001').waitFor();
    const p = await printout(page, 'fees-deposit-refund');
    for (const want of ['押金退款单', 'SJTK-2026-000001', '壹仟伍佰元整', '领款人签字', '验收扣除垃圾清运费', '李明']) expect(p.text, want).toContain(want);
    await closePrintPreview(page);
  });

  it('shows the supervisor the monthly collection report with its chart and exports it to .xlsx', async () => {
    await switchUser(page, SUPERVISOR);
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '收缴月报' }).click();
    const summary = page.getByTestId('report-summary');
    await summary.getByText('收缴率').waitFor();
    await page.getByTestId('fees-chart').locator('canvas').first().waitFor();
    // the deposit (2,000.00 taken, 1,500.00 refunded) is shown apart and is not fee income
    await expect(page.getByTestId('report-deposits').innerText()).resolves.toMatch(/本月收取押金\s*¥2,000\.00[\s\S]*本月退还押金\s*¥1,500\.00/);
    await expect(summary.innerText()).resolves.toMatch(/本月实收\s*¥507\.33/);
    await shot(page, 'fees-report-zh');
    const download = page.waitForEvent('download');
    await page.getByTestId('report-export').click();
    expect((await download).suggestedFilename()).toMatch(/^收缴月报-SZ-A01-\d{4}-\d{2}\.xlsx$/);
    await page.getByTestId('report-print').click();
    const p = await printout(page, 'fees-month-report');
    for (const want of ['收缴月报', '收缴率', '本月收取押金', '2,000.00', '1,500.00', '507.33']) expect(p.text, want).toContain(want);
    await closePrintPreview(page);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0); // the export's toast is in Chinese
    await page.getByTestId('language-switch').click();
    await page.getByTestId('report-summary').getByText('Collection rate').waitFor();
    await page.getByTestId('fees-chart').locator('canvas').first().waitFor();
    await settled(page);
    await shot(page, 'fees-report-en');
    await page.getByTestId('report-print').click();
    const en = await printout(page, 'fees-month-report-en');
    for (const want of ['Monthly fee collection report', 'Deposits taken this month', 'Collection rate']) expect(en.text, want).toContain(want);
    await closePrintPreview(page);
    await page.getByTestId('language-switch').click();
  });
});
