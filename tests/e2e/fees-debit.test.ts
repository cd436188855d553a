import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../helpers/ledger';
import { apiOk as api, closePrintPreview, noToasts, setUpSite, shotWindow, switchUser, useDesk } from './harness';
import { deskToday } from '../../db/time/site-time';

/**
 * Bank direct debit (银行托收) as a cashier does it, in Chromium against browser mode: register
 * a room's agreement on screen (a mistyped card number refused first), make this month's batch,
 * export it for the bank, import the bank's returned sheet (one debit paid, one failed), and
 * find the receipt and the failure on the screen; the room's card leads to its agreement.
 */
const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };
const CARD = '6222021234567890128';
const CARD2 = '6217000010001234569';
const THIS = deskToday(new Date()).month; // the desk's month at the site's offset, not the test machine's

describe('bank direct debit in browser mode', () => {
  const suite = useDesk();
  let page: Page;
  let dir: string;
  let rooms: string[];
  let sheet: unknown[][];

  beforeAll(async () => {
    page = suite.page;
    dir = join(suite.desk.dataDir, 'e2e-files');
    mkdirSync(dir, { recursive: true });
    await setUpSite(page);
    for (const s of [CASHIER, SUPERVISOR]) {
      await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    }
    const wyf = await api(page, 'fees.saveItem', { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' });
    await api(page, 'fees.addRate', { itemId: wyf.id, validFrom: '2026-01', price: '2.50' });
    await switchUser(page, SUPERVISOR);
    const b = await api(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    rooms = [];
    for (const no of ['101', '102']) {
      rooms.push((await api(page, 'registry.saveRoom', {
        buildingId: b.id, unitId: u.id, roomNo: no, area: '80.00', usage: 'residential', state: 'occupied',
      })).id);
    }
    await switchUser(page, CASHIER);
    await api(page, 'fees.generate', { period: THIS, commit: true }); // ¥200.00 each
    await api(page, 'fees.debit.register', { roomId: rooms[1], bank: '中国建设银行', holder: '李娜', account: CARD2, validFrom: THIS });
  });

  it('registers an agreement on screen: a mistyped card number is refused, the saved one is shown masked', async () => {
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '银行托收' }).click();
    await page.getByTestId('debit-register-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder(/房号、姓名或手机尾号/).fill('1-1-101');
    await page.locator('[data-testid="registry-hit"]', { hasText: '1-1-101' }).click();
    await dialog.getByLabel('开户行').fill('中国工商银行杭州滨江支行');
    await dialog.getByLabel('户名').fill('张伟');
    await dialog.getByLabel('银行账号').fill('6222 0212 3456 7890 127');
    await page.getByTestId('debit-register-save').click();
    await page.locator('.ant-message-notice', { hasText: '银行卡号校验位不符' }).waitFor();
    await dialog.getByLabel('银行账号').fill('6222 0212 3456 7890 128');
    await page.getByTestId('debit-register-save').click();
    await page.locator('.ant-message-notice', { hasText: '已登记房号 1-1-101 的托收协议' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('debit-agreements-table');
    await table.getByText('6222 **** **** 0128').waitFor();
    expect(await table.innerText()).not.toContain(CARD);
  });

  it('makes this month\'s batch and exports it for the bank with the full accounts', async () => {
    await page.getByTestId('debit-batch-create').click();
    await page.locator('.ant-message-notice', { hasText: `已生成批次 TS-${THIS.replace('-', '')}-01：2 户` }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('debit-export').click()]);
    expect(download.suggestedFilename()).toBe(`托收清单-TS-${THIS.replace('-', '')}-01.xlsx`);
    await download.saveAs(join(dir, 'batch.xlsx'));
    sheet = (await readBack(readFileSync(join(dir, 'batch.xlsx'))))[0]!.rows;
    const ref = `TS-${THIS.replace('-', '')}-01`;
    expect(sheet).toEqual([
      ['批次行号', '房号', '户名', '开户行', '账号', '金额（元）', '扣款结果', '失败原因'],
      [`${ref}-0001`, '1-1-101', '张伟', '中国工商银行杭州滨江支行', CARD, 200],
      [`${ref}-0002`, '1-1-102', '李娜', '中国建设银行', CARD2, 200],
    ]);
  });

  it('imports the bank\'s results: the debit paid gets its receipt, the failed one its reason, and the screens show both', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('回盘');
    ws.addRow(sheet[0] as string[]);
    ws.addRow([...sheet[1]!.slice(0, 6), '成功', ''] as ExcelJS.CellValue[]);
    ws.addRow([...sheet[2]!.slice(0, 6), '失败', '余额不足'] as ExcelJS.CellValue[]);
    writeFileSync(join(dir, '回盘.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    await noToasts(page);
    await page.getByTestId('debit-import-open').click();
    await page.locator('[data-testid="debit-results-file"] input[type="file"]').setInputFiles(join(dir, '回盘.xlsx'));
    await page.getByTestId('debit-import-done').getByText('已导入：1 户扣款成功（收据已开），1 户失败，0 行此前已导入。').waitFor();
    const report = page.getByTestId('debit-import-rows');
    await expect(report.innerText()).resolves.toMatch(/1-1-101[\s\S]*成功 · 已开收据[\s\S]*\d{6}[\s\S]*1-1-102[\s\S]*失败[\s\S]*余额不足/);
    await shotWindow(page, 'fees-debit-import-zh');
    const receipts = await api<{ number: string }[]>(page, 'fees.findReceipts', { q: `TS-${THIS.replace('-', '')}-01-0001` });
    expect(receipts).toHaveLength(1);
    await expect(report.innerText()).resolves.toContain(receipts[0]!.number);
    await page.getByTestId('debit-import-close').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('debit-batches-table').getByText('成功 1 · 失败 1 · 待回盘 0').waitFor();
    await page.getByTestId('debit-batches-table').locator('.ant-table-row-expand-icon').first().click();
    const lines = page.getByTestId('debit-batch-lines');
    await lines.getByText(receipts[0]!.number).waitFor();
    await expect(lines.innerText()).resolves.not.toContain(CARD);
    await noToasts(page);
    await shotWindow(page, 'fees-debit-tab-zh');
    // the receipt, as printed: a bank direct debit with the line reference
    await lines.getByTestId('debit-line-receipt').click();
    const preview = page.getByTestId('print-preview');
    await preview.getByText(receipts[0]!.number).first().waitFor();
    await expect(preview.innerText()).resolves.toMatch(new RegExp(`银行托收[\\s\\S]*TS-${THIS.replace('-', '')}-01-0001`));
    await shotWindow(page, 'fees-debit-receipt-zh');
    await closePrintPreview(page);

    // the room paid by the bank owes nothing at the till; the receipt is a bank payment with the line reference
    await page.getByRole('tab', { name: '收费', exact: true }).click();
    await page.getByPlaceholder(/房号、姓名或手机尾号/).fill('1-1-101');
    await page.locator('[data-testid="registry-hit"]', { hasText: '1-1-101' }).click();
    await page.getByText('该房没有欠费').first().waitFor();
  });

  it('leads from the room\'s card to its agreements, ended ones too', async () => {
    const url = page.url().replace(/#.*$/, '');
    await page.goto(`${url}#/registry/room/${rooms[1]}`);
    await page.getByTestId('room-debit').getByText('中国建设银行 6217 **** **** 4569').click();
    const card = page.getByTestId('debit-agreements');
    await card.getByText('房号 1-1-102 的托收协议').waitFor();
    await card.getByRole('button', { name: /终\s?止/ }).click();
    await page.getByRole('dialog').getByLabel('终止原因').fill('业主改用微信缴费');
    await page.getByRole('dialog').getByRole('button', { name: /终\s?止/ }).click();
    await card.getByText('已终止：业主改用微信缴费').waitFor();
    await noToasts(page);
    await shotWindow(page, 'fees-debit-room-zh');
    await page.getByRole('menuitem', { name: '收费' }).click();
  });

  it('in English, the tab and the agreements read in English, accounts still masked', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('tab', { name: 'Direct debit' }).click();
    await page.getByTestId('debit-agreements').getByText('Debit agreements', { exact: true }).waitFor();
    await page.getByTestId('debit-batches-table').getByText('1 paid · 1 failed · 0 awaited').waitFor();
    await noToasts(page);
    await shotWindow(page, 'fees-debit-tab-en');
    await page.getByTestId('language-switch').click();
  });
});
