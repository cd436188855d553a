import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../helpers/ledger';
import { btn, focusedWithin, setUpSite, SHOTS, shot, shotWindow, signIn, useDesk, type Desk, chooseOption, formItem, deskContext } from './harness';

/**
 * The first hour of a new site, at a desk PC's 1366×768: the first-run page fits the screen
 * (完成设置 above the fold, in both languages), the administrator creates the first building
 * (and its first unit) from the empty registry, downloads the import template, and opens the first receptionist's
 * account; the receptionist signs in and finds the building.
 */
const RECEPTIONIST = { username: 'zhangjt', displayName: '张建涛', password: 'Desk2026zz' };

describe('a new site from the first screen to the first receptionist', () => {
  const suite = useDesk();
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = suite.desk;
    const context = await deskContext(suite.browser, { viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    page = suite.page = await context.newPage(); // the page a failure's screenshot, log and fresh start are about
    page.on('pageerror', (e) => { throw e; });
    await page.goto(desk.url);
  });

  async function submitVisible() {
    const box = await page.getByTestId('setup-submit').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
  }

  it('the first-run page fits 1366×768 with 完成设置 above the fold, in Chinese and in English', async () => {
    await page.getByText('首次使用：设置本站点').waitFor();
    await submitVisible();
    await page.screenshot({ path: join(SHOTS, 'newcomer-setup-zh.png') });
    await page.getByTestId('language-switch').click();
    await page.getByTestId('setup-submit').getByText(/Finish|Complete|Set up/i).waitFor();
    await submitVisible();
    await page.screenshot({ path: join(SHOTS, 'newcomer-setup-en.png') });
    await page.getByTestId('language-switch').click();
    await page.getByText('首次使用：设置本站点').waitFor();
  });

  it('the administrator creates the first building from the empty registry', async () => {
    await setUpSite(page);
    await page.getByRole('menuitem', { name: '登记' }).click();
    const empty = page.getByTestId('registry-empty');
    await empty.waitFor();
    await shot(page, 'newcomer-registry-empty-zh');
    await empty.getByRole('button', { name: /新建楼栋/ }).waitFor();
    await page.getByTestId('import-open').waitFor();
    await page.getByTestId('add-building').click();
    await page.getByTestId('building-form').waitFor();
    await page.screenshot({ path: join(SHOTS, 'newcomer-building-form-zh.png') });
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('rooms-heading').innerText()).toBe('1栋');
    // a new site writes room codes as building-unit-room (1-1-101): a residential room needs its unit first
    await page.getByTestId('add-unit').click();
    await page.getByTestId('unit-form').waitFor();
    await focusedWithin(page, '[data-testid="unit-form"]');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('rooms-heading').innerText()).toBe('1栋 · 1单元');
    await page.getByTestId('add-room').click();
    await page.getByTestId('room-form').waitFor();
    await focusedWithin(page, '[data-testid="room-form"]');
    await page.keyboard.type('101');
    await page.getByLabel('面积（m²）').fill('89.5');
    await page.screenshot({ path: join(SHOTS, 'newcomer-room-form-zh.png') });
    await page.keyboard.press('Enter');
    await page.getByTestId('room-form').waitFor({ state: 'detached' });
    await page.getByTestId('rooms-table').getByText(/^1-1-101$/).waitFor();
    await shot(page, 'newcomer-first-building-zh');
  });

  it('the import offers a template workbook whose headers the import reads, with example rows', async () => {
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-template').waitFor();
    await shotWindow(page, 'newcomer-import-template-zh');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toBe('房屋登记导入模板.xlsx');
    const file = join(desk.dataDir, 'template.xlsx');
    await download.saveAs(file);
    const [rooms, help] = await readBack(readFileSync(file));
    expect(rooms!.rows[0]!.slice(0, 5)).toEqual(['房屋编号', '楼栋', '单元', '房号', '建筑面积']);
    expect(rooms!.rows[1]!.slice(0, 4)).toEqual(['1-1-101', '1', '1', '101']);
    expect(help!.rows.map((r) => r[0])).toContain('用途');
    await page.keyboard.press('Escape');
  });

  it('the administrator opens the first receptionist\'s account, who signs in and finds the building', async () => {
    await page.goto(`${desk.url}#/settings/staff`);
    await page.getByTestId('staff-create').click();
    await page.getByLabel('用户名').fill(RECEPTIONIST.username);
    await page.getByLabel('姓名').fill(RECEPTIONIST.displayName);
    await chooseOption(page, page.getByLabel('角色'), '前台接待', formItem(page, page.getByRole('dialog'), '角色'));
    await page.getByLabel('密码').fill(RECEPTIONIST.password);
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: RECEPTIONIST.username }).waitFor();
    await btn(page, '退出登录').click();
    await page.getByText('员工登录').waitFor();
    await signIn(page, RECEPTIONIST.username, RECEPTIONIST.password);
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toBe(`您好，${RECEPTIONIST.displayName}`);
    await page.getByRole('menuitem', { name: '登记' }).click();
    await expect.poll(() => page.getByTestId('rooms-heading').innerText()).toBe('1栋 · 1单元');
    await page.getByTestId('rooms-table').getByText(/^1-1-101$/).waitFor();
  });
});
