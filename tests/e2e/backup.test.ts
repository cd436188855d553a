import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiOk, type Desk, launchChromium, openPage, removeDir, setUpSite, shot, signIn, startDesk } from './harness';
import { damageTablePage } from '../helpers/damage';
import { newSigningKey, saveSigningKey } from '../../db/sync/keys';

/**
 * Backups and restore as an administrator does them in Chromium: choose the folder, back up
 * from the button, then the store is damaged on purpose while the desk is closed; the desk
 * starts on the recovery screen with the message in both languages, the backup is restored
 * from that screen, and the receipts and the scan file are back.
 */
describe('backups and restore in the browser', () => {
  let desk: Desk;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'fd-e2e-'));
  const folder = mkdtempSync(join(tmpdir(), 'fd-e2e-backups-'));
  const receipts: string[] = [];

  beforeAll(async () => {
    desk = await startDesk(dataDir);
    browser = await launchChromium();
    page = await openPage(browser, desk);
    return async () => {
      await browser.close();
      await desk.stop();
      removeDir(dataDir);
      removeDir(folder);
    };
  });

  it('a new site is warned on its home page that it has no backup', async () => {
    await setUpSite(page);
    await page.getByTestId('backup-warning').getByText('还没有成功的备份').waitFor();
    // the rooms by a supervisor, the payments by a cashier (the admin may do neither)
    for (const [username, role] of [['zhou.hong', 'supervisor'], ['qian.min', 'cashier']]) {
      await apiOk(page, 'staff.create', { username, displayName: username, role, password: 'Desk2026a' });
    }
    await apiOk(page, 'auth.login', { username: 'zhou.hong', password: 'Desk2026a' });
    const b = await apiOk(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await apiOk(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    const r = await apiOk(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '101', area: '89.50', usage: 'residential', state: 'occupied' });
    await apiOk(page, 'auth.login', { username: 'qian.min', password: 'Desk2026a' });
    for (const amount of [5000, 12000]) {
      receipts.push((await apiOk<{ number: string }>(page, 'fees.pay', { roomId: r.id, lines: [], prepay: amount, methods: [{ method: 'cash', amount }] })).number);
    }
    // a stored scan as the archive keeps them (content-addressed under scans/)
    mkdirSync(join(dataDir, 'scans', '5a'), { recursive: true });
    writeFileSync(join(dataDir, 'scans', '5a', 'scan-contract.pdf'), '%PDF-1.4 the signed contract');
    // the site's sync signing key, as joining head office leaves it in the data folder
    saveSigningKey(dataDir, newSigningKey());
    await apiOk(page, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await page.reload();
    await page.getByTestId('home-greeting').waitFor();
  });

  it('the admin chooses a folder, sets the backup key password and backs up from the button; the list shows it checked, with its size', async () => {
    await page.goto(`${desk.url}#/settings/backup`);
    await page.getByTestId('backup-folder').fill(folder);
    await page.getByTestId('backup-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.getByText('未设置：备份中不带同步签名密钥').waitFor();
    await page.getByTestId('backup-key-password-set').fill('Backup-key-2026');
    await page.getByRole('button', { name: '设置密码' }).click();
    await page.getByText('已设置：备份中带有加密的同步签名密钥。').waitFor();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-result').getByText('备份已完成并通过检查').waitFor();
    const row = page.getByTestId('backup-list').locator('tbody tr').first();
    await row.getByText('已校验').waitFor();
    expect(await row.innerText()).toContain('MB');
    expect(await row.innerText()).toContain('手动');
    // the signing key went into the backup sealed, never in clear
    const made = readdirSync(folder).find((n) => n.startsWith('frontdesk-backup-') && !n.endsWith('.partial'))!;
    expect(readFileSync(join(folder, made, 'sync-key.sealed.json'), 'utf8')).not.toContain('PRIVATE KEY');
    await shot(page, 'backup-done-zh');
    await page.goto(`${desk.url}#/home`);
    await page.getByTestId('home-greeting').waitFor();
    expect(await page.getByTestId('backup-warning').count()).toBe(0);
  });

  it('a store damaged while the desk was closed is found at start, with the bilingual message, and restored from the screen', async () => {
    await desk.stop();
    damageTablePage(join(dataDir, 'frontdesk.sqlite'));
    writeFileSync(join(dataDir, 'scans', '5a', 'scan-contract.pdf'), 'lost');
    desk = await startDesk(dataDir);
    page = await openPage(browser, desk);
    const message = page.getByTestId('recovery-message');
    await message.waitFor();
    expect(await message.innerText()).toContain('数据文件已损坏');
    expect(await message.innerText()).toContain('restore the last backup');
    const choice = page.locator('[data-testid^="recovery-backup-"]');
    await choice.waitFor();
    await choice.click();
    await shot(page, 'backup-recovery-zh');
    await page.getByTestId('recovery-username').fill(ADMIN.username);
    await page.getByTestId('recovery-password').fill(ADMIN.password);
    await page.getByTestId('recovery-understood').check();
    await page.getByTestId('recovery-submit').click();
    await page.getByLabel('用户名').waitFor();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('home-greeting').waitFor();
    await apiOk(page, 'auth.login', { username: 'qian.min', password: 'Desk2026a' });
    const day = await apiOk<{ receipts: { number: string }[] }>(page, 'fees.dayReport', {});
    expect(day.receipts.map((x) => x.number).sort()).toEqual([...receipts].sort());
    expect(readFileSync(join(dataDir, 'scans', '5a', 'scan-contract.pdf'), 'utf8')).toBe('%PDF-1.4 the signed contract');
    expect(existsSync(join(dataDir, 'frontdesk.sqlite'))).toBe(true);
    await shot(page, 'backup-restored-home-zh');
  });
});
