import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, type Desk, setUpSite, shot, signIn, useDesk } from './harness';

/** The archivist's desk in Chromium: filing by classification code, and finding items again. */
const ARCHIVIST = { username: 'zhaoli', displayName: '赵丽', password: 'Dang2026a' };
const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a' };
const TITLES = ['关于2026年消防演练的通知', '第三届业主大会会议纪要', '电梯维保合同续签的请示'];
const btn = (page: Page, zh: string) => page.getByRole('button', { name: new RegExp(zh.split('').join('\\s?')) });

/** Pick in a searchable select the way a keyboard user does: type part of the option, Enter. */
async function pick(page: Page, label: string, typed: string) {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).fill(typed);
  await page.keyboard.press('Enter');
}

describe('archives in browser mode', () => {
  const suite = useDesk();
  let desk: Desk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ desk, browser, page } = suite);
    await setUpSite(page);
    for (const s of [{ ...ARCHIVIST, role: 'archivist' }, { ...CASHIER, role: 'cashier' }]) {
      const r = await apiFromPage(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
      expect(r.ok).toBe(true);
    }
    await btn(page, '退出登录').click();
    await signIn(page, ARCHIVIST.username, ARCHIVIST.password);
    await page.getByTestId('home-greeting').waitFor();
  });



  it('files three items in one class and the store gives them 3.4.07—1, —2 and —3', async () => {
    await page.getByRole('menuitem', { name: '档案' }).click();
    await page.getByTestId('scheme-tree').getByText('3 文书类（0）').waitFor();
    await page.getByTestId('file-item').click();
    await pick(page, '一级类目', '文书类');
    await pick(page, '二级属类', '收文发文');
    await pick(page, '产生部门（三级属类）', '07');
    await expect.poll(() => page.getByTestId('next-code').textContent()).toBe('将分配档号：3.4.07—1');
    for (const [i, title] of TITLES.entries()) {
      const dialog = page.getByRole('dialog');
      if (i === 2) await dialog.getByLabel('备注', { exact: true }).fill('原件存放于综合行政部'); // Enter in the remarks box is a new line
      await dialog.getByLabel('题名', { exact: true }).fill(title);
      await page.keyboard.press('Enter');
      await page.getByText(`已归档，档号 3.4.07—${i + 1}`).waitFor();
      await expect.poll(() => page.getByTestId('next-code').textContent()).toBe(`将分配档号：3.4.07—${i + 2}`);
    }
    await shot(page, 'archives-file-zh');
    await page.getByRole('dialog').getByRole('button', { name: /取\s?消/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const table = page.getByTestId('archive-table');
    for (const [i, title] of TITLES.entries()) await expect(table.getByRole('row', { name: new RegExp(`3\\.4\\.07—${i + 1}.*${title}`) }).count()).resolves.toBe(1);
    await page.getByTestId('scheme-tree').getByText('3 文书类（3）').waitFor();
  });

  it('finds them by code prefix, explaining the code as it is typed, and by a Chinese word in the title', async () => {
    const table = page.getByTestId('archive-table');
    await page.getByLabel('档号', { exact: true }).fill('3.4.07');
    await page.getByTestId('code-explain').getByText('文书类 / 各类收文发文 / 综合行政部').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(3);
    await page.getByLabel('档号', { exact: true }).fill('3.4.x');
    await page.getByTestId('code-explain').getByText(/三级属类（产生部门）应为两位数字/).waitFor();
    await btn(page, '重置').click();
    await page.getByLabel('题名/备注关键字').fill('会议纪要');
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await expect(table.innerText()).resolves.toContain('第三届业主大会会议纪要');
    await table.getByText('第三届业主大会会议纪要').click();
    await page.getByTestId('item-drawer').getByText('3.4.07—2').first().waitFor();
    await page.waitForTimeout(400); // let the drawer finish sliding in before the screenshot
    await shot(page, 'archives-item-zh');
    await page.keyboard.press('Escape');
  });

  it('reads the same in English', async () => {
    await page.getByTestId('language-switch').click();
    await btn(page, 'Reset').click();
    await page.getByTestId('archive-table').getByText('3.4.07—3').waitFor();
    await expect(page.getByTestId('scheme-tree').innerText()).resolves.toContain('All items');
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0); // no toast over the screenshot
    await shot(page, 'archives-en');
    await page.getByTestId('language-switch').click();
  });

  it('lets a cashier search the catalogue but not file, and not open a restricted item', async () => {
    const restricted = await apiFromPage(page, 'archives.index', { category: 3, cls: 7, department: '05', title: '2026年度预算方案', year: 2026, form: 'paper', confidentiality: 'restricted' });
    expect(restricted.ok).toBe(true);
    await btn(page, '退出登录').click();
    await signIn(page, CASHIER.username, CASHIER.password);
    await page.getByRole('menuitem', { name: '档案' }).click();
    await page.getByTestId('archive-table').getByText('2026年度预算方案').click();
    await page.getByTestId('item-drawer').getByText('该档案为限制级，需经审批方可查阅').waitFor();
    expect(await page.getByTestId('file-item').count()).toBe(0);
    const filing = await apiFromPage(page, 'archives.index', { category: 3, cls: 4, department: '07', title: 'x', year: 2026, form: 'paper' });
    expect(filing.error?.code).toBe('auth.forbidden');
  });
});
