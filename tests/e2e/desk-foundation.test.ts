import type { Browser, Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiFromPage, type Desk, setUpSite, shot, signIn, startDesk, useDesk, btn, chooseOption, formItem } from './harness';

/**
 * The foundation's "done when", as a person does it in Chromium against browser mode:
 * set up the site, sign in as admin, create a cashier, sign in as the cashier and be
 * refused an admin screen; plus the lockout, the language switch and the idle lock.
 */
const CASHIER = { username: 'wangfang', displayName: '王芳', password: 'Cash2026x' };

describe('the desk in browser mode', () => {
  const suite = useDesk();
  let desk: Desk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ desk, browser, page } = suite);
  });



  it('first run asks for the site and its administrator, with focus in the first box, then opens today\'s home page', async () => {
    await page.getByText('首次使用：设置本站点').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('siteCode');
    await shot(page, 'setup-zh');
    await setUpSite(page);
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toBe(`您好，${ADMIN.displayName}`);
    const nav = await page.getByTestId('nav').innerText();
    for (const area of ['首页', '登记', '收费', '投诉报修', '交接', '档案', '同步', '审计日志', '设置']) expect(nav).toContain(area);
    await shot(page, 'home-zh');
  });

  it('every area of the navigation opens its own screen, the last one built (同步) included', async () => {
    await page.getByRole('menuitem', { name: '同步' }).click();
    await page.getByTestId('sync-page').waitFor();
    expect(await page.getByText('尚在建设中').count()).toBe(0);
  });

  it('the admin sees the permission matrix and creates a cashier account from the staff screen', async () => {
    await page.goto(`${desk.url}#/settings/roles`);
    await page.getByTestId('roles-matrix').getByText('收费与打印收据').waitFor();
    await page.getByRole('tab', { name: '员工账号' }).click();
    await page.getByTestId('staff-create').click();
    await page.getByLabel('用户名').fill(CASHIER.username);
    await page.getByLabel('姓名').fill(CASHIER.displayName);
    await chooseOption(page, page.getByLabel('角色'), '收费员', formItem(page, page.getByRole('dialog'), '角色'));
    await page.getByLabel('密码').fill(CASHIER.password);
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: CASHIER.username }).waitFor();
    await shot(page, 'staff-zh');
    const staff = await apiFromPage(page, 'staff.list');
    expect(staff.ok).toBe(true);
    expect(staff.value).toEqual(expect.arrayContaining([expect.objectContaining({ username: CASHIER.username, role: 'cashier', active: 1 })]));
  });

  it('follows the system\'s reduce-motion setting: a dialog zooms in at once and a clicked button sends no ripple while it is on, and as usual once it is off', async () => {
    // every animation the page starts, with how long it lasts (antd's dialog zoom is a CSS
    // animation), and every ripple a clicked button sends out (antd's wave, an element of its own)
    await page.evaluate(() => {
      const w = window as unknown as { started: { name: string; seconds: number }[]; waves: number };
      w.started = [];
      w.waves = 0;
      document.addEventListener('animationstart', (e) => {
        w.started.push({ name: e.animationName, seconds: parseFloat(getComputedStyle(e.target as Element).animationDuration) });
      }, true);
      new MutationObserver((changes) => {
        for (const c of changes) for (const n of c.addedNodes) if (n instanceof HTMLElement && n.classList.contains('ant-wave')) w.waves++;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const zooms = async () => (await page.evaluate(() => (window as unknown as { started: { name: string; seconds: number }[] }).started.splice(0)))
      .filter((a) => /zoom/i.test(a.name)).map((a) => a.seconds);
    const waves = () => page.evaluate(() => {
      const w = window as unknown as { waves: number };
      const n = w.waves;
      w.waves = 0;
      return n;
    });
    const openAndClose = async () => {
      await page.getByTestId('staff-create').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').waitFor();
      // the first field has the cursor however the dialog opened
      await page.waitForFunction(() => document.activeElement?.id === 'username');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    };
    await openAndClose(); // the tests' browser asks for reduced motion (harness.ts)
    const reduced = await zooms();
    expect(reduced.length).toBeGreaterThan(0);
    expect(Math.max(...reduced)).toBeLessThanOrEqual(0.01);
    expect(await waves()).toBe(0);
    await page.emulateMedia({ reducedMotion: 'no-preference' }); // turned off while the desk is open
    try {
      await openAndClose();
      expect(Math.min(...(await zooms()))).toBeGreaterThanOrEqual(0.1);
      await expect.poll(waves).toBeGreaterThan(0);
    } finally {
      await page.emulateMedia({ reducedMotion: 'reduce' });
    }
  });

  it('a form sent twice at once (Enter in a field and a click on OK, as a busy desk lets happen) is sent once', async () => {
    await page.getByTestId('staff-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('zhaomin');
    await dialog.getByLabel('姓名').fill('赵敏');
    await chooseOption(page, dialog.getByLabel('角色'), '前台接待', formItem(page, dialog, '角色'));
    await dialog.getByLabel('密码').fill('Desk2026x');
    const sent: string[] = [];
    const count = (r: Request) => { if (r.url().endsWith('/api/call') && r.postData()?.includes('"staff.create"')) sent.push(r.url()); };
    page.on('request', count);
    try {
      // both in one turn of the page's event loop, before the first can be answered
      await page.evaluate(() => {
        const modal = [...document.querySelectorAll<HTMLElement>('.ant-modal')].find((m) => m.offsetParent !== null)!;
        modal.querySelector('form')!.requestSubmit();
        modal.querySelector<HTMLElement>('.ant-modal-footer .ant-btn-primary')!.click();
      });
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: 'zhaomin' }).waitFor();
    } finally {
      page.off('request', count);
    }
    expect(sent).toHaveLength(1);
    expect(await page.locator('.ant-message-notice-error').count()).toBe(0);
  });

  it('the cashier signs in with Enter and is refused the admin screen, by the store as well as the screen', async () => {
    await btn(page, '退出登录').click();
    await page.getByText('员工登录').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await signIn(page, CASHIER.username, CASHIER.password);
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toBe(`您好，${CASHIER.displayName}`);
    expect(await page.getByTestId('nav').innerText()).not.toContain('审计日志');

    await page.goto(`${desk.url}#/settings/staff`);
    const refused = page.getByTestId('refused');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toContain('您的角色（收费员）无权执行此操作');
    await shot(page, 'cashier-refused-zh');

    const direct = await apiFromPage(page, 'staff.create', { username: 'sneaky', displayName: 'x', role: 'admin', password: 'Sneaky2026' });
    expect(direct.ok).toBe(false);
    expect(direct.error?.code).toBe('auth.forbidden');
    expect(await page.evaluate(() => document.cookie)).not.toContain('fd_session'); // HttpOnly
  });

  it('a request with no session is refused exactly as in Electron', async () => {
    const context = await browser.newContext();
    const stranger = await context.newPage();
    await stranger.goto(desk.url);
    const res = await apiFromPage(stranger, 'staff.list');
    expect(res).toMatchObject({ ok: false, error: { code: 'auth.no_session' } });
    expect(res.error?.message['zh-CN']).toBe('请先登录。');
    expect(res.error?.message['en-US']).toBe('Please sign in first.');
    await context.close();
  });

  it('five wrong passwords lock the account, and then even the right one is refused (the lock is said only to the right password)', async () => {
    await btn(page, '退出登录').click();
    await page.getByText('员工登录').waitFor();
    for (let i = 1; i <= 5; i++) {
      await signIn(page, CASHIER.username, `wrong-${i}`);
      await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/用户名或密码错误/);
    }
    await shot(page, 'locked-out-zh');
    await signIn(page, CASHIER.username, CASHIER.password);
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/账号已锁定/);
    expect(await page.getByTestId('home-greeting').count()).toBe(0);
  });

  it('switching to English turns the screens to English, survives a reload, and switches back', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByText('Staff sign-in').waitFor();
    await shot(page, 'login-en');
    await page.reload();
    await page.getByText('Staff sign-in').waitFor();
    await page.getByLabel('User name').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toBe(`Hello, ${ADMIN.displayName}`);
    expect(await page.getByTestId('nav').innerText()).toContain('Complaints & repairs');
    await shot(page, 'home-en');
    await page.getByTestId('language-switch').click();
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toBe(`您好，${ADMIN.displayName}`);
  });

  it('the audit trail says in words who did what: the new cashier account, the cashier\'s refusal, the lockout; the raw view is one click away', async () => {
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText('无权限，被拒绝').first().waitFor();
    const text = await table.innerText();
    expect(text).toContain('账号锁定');
    expect(text).toContain(CASHIER.displayName);
    // the new account: the operation in words, the record by the person's name, its fields by their screen labels
    const created = table.locator('tr', { hasText: '新建员工账号' }).filter({ hasText: `员工 ${CASHIER.displayName}` }).first();
    expect(await created.innerText()).toContain(`用户名：${CASHIER.username}；姓名：${CASHIER.displayName}；角色：收费员`);
    await created.getByRole('button').first().click(); // expand: the fields before and after
    await page.getByTestId('audit-diff').getByText('角色').waitFor();
    await shot(page, 'audit-zh');
    // the raw view, as the store keeps it
    await page.getByTestId('audit-view').getByText('原始记录').click();
    await table.getByText('permission.denied').first().waitFor();
    expect(await table.innerText()).toContain('account.locked');
    await shot(page, 'audit-raw-zh');
    await page.getByTestId('audit-view').getByText('易读').click();
    await table.getByText('无权限，被拒绝').first().waitFor();
    // in English, the same trail in English words
    await page.getByTestId('language-switch').click();
    await table.getByText('Refused: no permission').first().waitFor();
    expect(await table.innerText()).toContain('Create a staff account');
    await shot(page, 'audit-en');
    await page.getByTestId('language-switch').click();
    await table.getByText('无权限，被拒绝').first().waitFor();
    // the filter finds an operation by its name in words
    await page.getByTestId('audit-operation-filter').click();
    await page.keyboard.type('新建员工');
    await page.locator('.ant-select-item-option[title="新建员工账号"]').click();
    const byOperation = page.waitForResponse((r) => r.url().endsWith('/api/call') && r.request().postData()?.includes('"staff.create"') === true);
    await btn(page, '查询').click();
    await byOperation;
    await expect.poll(() => table.innerText()).not.toContain('账号锁定');
    expect(await table.innerText()).toContain(CASHIER.displayName);
    await btn(page, '重置').click();
    await expect.poll(() => table.innerText()).toContain('账号锁定');
    await page.getByLabel('关键字').fill('sneaky');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/call') && r.request().postData()?.includes('sneaky') === true);
    await page.keyboard.press('Enter');
    await answered;
    await expect.poll(() => table.innerText()).not.toContain('账号锁定'); // the new, filtered list is on screen
    expect(await table.innerText()).not.toContain('无权限'); // the refused create left no row to find
  });

  it('locking the desk hides the work until the same person types their password', async () => {
    await page.getByRole('menuitem', { name: '首页' }).click();
    await btn(page, '锁定').click();
    await page.getByRole('heading', { name: '会话已锁定' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    const whileLocked = await apiFromPage(page, 'staff.list');
    expect(whileLocked.error?.code).toBe('auth.session_locked');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('home-greeting').waitFor();
  });

  it('everything survives a restart of the program: the site, the accounts and the lockout', async () => {
    await desk.stop();
    desk = suite.desk = await startDesk(desk.dataDir);
    await page.goto(desk.url);
    await page.getByText('员工登录').waitFor(); // not the first-run screen again
    await signIn(page, CASHIER.username, CASHIER.password);
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/账号已锁定/);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toBe(`您好，${ADMIN.displayName}`);
  });
});
