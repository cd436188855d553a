import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiOk as api, closePrintPreview, openPage, setUpSite, shot, signIn, switchUser, useDesk } from './harness';

/**
 * Long reads never block the desk, in Chromium: one window runs the whole-site arrears report
 * while another takes a payment, and the payment is taken and printed while the report is
 * still running. The desk starts with its report reader held at a gate (a test seam of
 * browser mode), so "still running" is a state the test holds, not a race it hopes to win.
 */
const gate = join(mkdtempSync(join(tmpdir(), 'fd-gate-')), 'report-may-finish');
process.env.FRONTDESK_TEST_READER_GATE = gate;

const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const CASHIER2 = { username: 'sunli', displayName: '孙丽', password: 'Cash2026b', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };

describe('a report in one window, a payment in another', () => {
  const suite = useDesk();
  let reportPage: Page;

  beforeAll(async () => {
    delete process.env.FRONTDESK_TEST_READER_GATE; // this file's desk has it; no other desk may inherit it
    reportPage = suite.page;
    await setUpSite(reportPage);
    for (const s of [CASHIER, CASHIER2, SUPERVISOR]) await api(reportPage, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    const { id } = await api(reportPage, 'fees.saveItem', { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' });
    await api(reportPage, 'fees.addRate', { itemId: id, validFrom: '2026-01', price: '2.35' });
    await switchUser(reportPage, SUPERVISOR);
    const b = await api(reportPage, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await api(reportPage, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    for (const [no, owner] of [['101', '张伟'], ['102', '王芳']] as const) {
      const r = await api(reportPage, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: no, area: '89.50', usage: 'residential', state: 'occupied' });
      await api(reportPage, 'registry.saveOccupant', { roomId: r.id, kind: 'owner', name: owner, phone: `1381234${no}0` });
    }
    await switchUser(reportPage, CASHIER2);
    for (const period of ['2026-11', '2026-12']) await api(reportPage, 'fees.generate', { period, commit: true });
  });

  it('takes and prints a payment in one window while the whole-site arrears report is still running in another', async () => {
    // window 1: the arrears report, started and still running
    await reportPage.getByRole('menuitem', { name: '收费' }).click();
    await reportPage.getByRole('tab', { name: '欠费催缴' }).click();
    const running = reportPage.locator('.ant-spin-spinning'); // the tables' own "still reading" spinners
    await running.first().waitFor();

    // window 2: a cashier takes a payment for 1-1-101 by keyboard, and its receipt is printed
    const till = await openPage(suite.browser, suite.desk);
    await signIn(till, CASHIER.username, CASHIER.password);
    await till.getByTestId('home-greeting').waitFor();
    await till.getByRole('menuitem', { name: '收费' }).click();
    await till.getByRole('tab', { name: '收费', exact: true }).click();
    await till.getByPlaceholder(/房号、姓名或手机尾号/).fill('1-1-101');
    await till.locator('[data-testid="registry-hit"][aria-selected="true"]', { hasText: '1-1-101' }).first().waitFor();
    await till.keyboard.press('Enter');
    await expect.poll(() => till.getByTestId('total-owed').textContent()).toBe('¥420.66'); // 2 × 89.50 m² × 2.35
    await till.keyboard.press('F8');
    await till.keyboard.type('500');
    await till.keyboard.press('Enter');
    await till.getByTestId('print-preview').getByText('SJ-2026-000001').first().waitFor();
    await shot(till, 'fees-apart-payment-zh');

    // the report has not finished: the payment did not wait for it
    expect(await running.count()).toBeGreaterThan(0);
    await shot(reportPage, 'fees-apart-report-running-zh');
    await closePrintPreview(till);
    await till.context().close();

    // the report finishes, and it was read after the payment: only 1-1-102 still owes
    writeFileSync(gate, '');
    const rooms = reportPage.getByTestId('arrears-rooms');
    await rooms.getByText('1-1-102').waitFor();
    await running.first().waitFor({ state: 'detached' });
    expect(await rooms.getByText('1-1-101').count()).toBe(0);
    await expect(reportPage.getByTestId('arrears-buildings').innerText()).resolves.toMatch(/1栋\s+1\s+420\.66/);
    await shot(reportPage, 'fees-apart-report-done-zh');
  });

  it('exports the day to Excel from the 日结 tab with each payment\'s reference', async () => {
    const room = (await api<{ roomId: string }[]>(reportPage, 'registry.search', { q: '1-1-102', limit: 1 }))[0]!;
    const acct = await api<{ lines: { id: string; owed: number }[]; totalOwed: number }>(reportPage, 'fees.roomAccount', { roomId: room.roomId });
    await api(reportPage, 'fees.pay', {
      roomId: room.roomId, payer: '王芳', lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })),
      methods: [{ method: 'wechat', amount: acct.totalOwed, reference: '4200002981202612051234' }],
    });
    await reportPage.getByRole('tab', { name: '日结' }).click();
    await reportPage.getByTestId('day-summary').waitFor();
    const [download] = await Promise.all([reportPage.waitForEvent('download'), reportPage.getByTestId('day-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^收费日结-孙丽-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(gate, '..', 'day.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const row = book.getWorksheet('日结明细')!.getRow(4).values as unknown[];
    expect([row[3], row[4], row[5], row[6], row[7], row[9]]).toEqual(['1-1-102', '王芳', '微信', 420.66, '4200002981202612051234', '有效']);
  });
});
