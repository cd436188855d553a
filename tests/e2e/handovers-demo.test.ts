import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk as api, launchChromium, noToasts, openPage, removeDir, settled, shot, SHOTS, signIn, startDesk, type Desk, chooseOption } from './harness';

/**
 * The demo site (`npm run demo`, small) on screen: besides a move-in for every occupied room,
 * the 交接 area lists move-outs, shift handovers and a transfer list; the receptionist's home
 * page flags the shift still waiting for her; the key register shows what is out; a move-out
 * reads the key it is short and the wall that changed, and the transfer list its four signatures.
 */
const ROOT = resolve(__dirname, '../..');

function runDemo(dir: string): Promise<string> {
  return new Promise((ok, fail) => {
    const args = ['--import', 'tsx', 'electron/demo/cli.ts', '--data-dir', dir, '--scale', 'small'];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`npm run demo exited ${code}:\n${out}`))));
  });
}

describe('the demo site\'s handovers on screen', () => {
  let desk: Desk;
  let browser: Browser;
  let page: Page;
  let password = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'fd-e2e-demo-'));
    const out = await runDemo(dir);
    password = /李晓梅\s+前台接待 \/ Receptionist\s+li\.xiaomei\s+(\S+)/.exec(out)![1]!;
    desk = await startDesk(dir);
    browser = await launchChromium();
    page = await openPage(browser, desk);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    if (desk) removeDir(desk.dataDir);
  });

  it('lists move-outs, shift handovers and a transfer list; flags the shift waiting; reads a move-out, the key register and the transfer list', async () => {
    await signIn(page, 'li.xiaomei', password);
    // the evening shift handed to her is still waiting: her home page says so
    const pending = page.getByTestId('pending-shifts');
    await pending.getByText(/JB-\d{4}-0002/).waitFor();
    expect(await pending.textContent()).toContain('周婷');
    await settled(page);
    await shot(page, 'demo-home-pending-shift-zh');

    await page.goto(`${desk.url}#/handovers`);
    const list = page.getByTestId('handovers-page');
    await list.locator('tbody tr').filter({ hasText: '入伙交接' }).first().waitFor();
    for (const kind of ['迁出交接', '交接班', '档案移交']) {
      await chooseOption(page, page.getByTestId('ho-filter-kind'), kind);
      await list.locator('tbody tr').filter({ hasText: kind }).first().waitFor();
      expect(await list.locator('tbody tr').filter({ hasText: '已签署' }).count()).toBeGreaterThan(0);
      await settled(page);
      await shot(page, `demo-handovers-${kind}`);
    }

    // a move-out: the key it is short and the wall that changed since the move-in
    const outs = await api<{ id: string; number: string }[]>(page, 'handovers.list', { kind: 'move_out' });
    expect(outs.length).toBe(3);
    type Out = { id: string; canonical: { effects: { missingKeys: unknown[] } } };
    const short = (await Promise.all(outs.map((o) => api<Out>(page, 'handovers.get', { id: o.id }))))
      .find((v) => v.canonical.effects.missingKeys.length)!;
    await page.goto(`${desk.url}#/handovers/doc/${short.id}`);
    await page.getByTestId('ho-status').filter({ hasText: '已签署' }).waitFor();
    await page.getByText('入户门钥匙少交 1 把，已告知需换锁芯。').waitFor();
    await page.getByText('客厅墙面有钉孔，押金中扣除修补费').first().waitFor();
    await settled(page);
    await shot(page, 'demo-move-out-zh');

    // the key register: two keys out, the rest at the desk
    await page.goto(`${desk.url}#/handovers/keys`);
    await page.getByText('配电房').first().waitFor();
    await expect.poll(() => page.locator('.ant-tag').filter({ hasText: /^已借出/ }).count()).toBe(2);
    await settled(page);
    await shot(page, 'demo-keys-zh');

    // the transfer list: four drawn signatures
    const [transfer] = await api<{ id: string }[]>(page, 'handovers.list', { kind: 'transfer' });
    await page.goto(`${desk.url}#/handovers/doc/${transfer!.id}`);
    for (const role of ['handing', 'receiving', 'head_handing', 'head_receiving']) {
      await page.getByTestId(`sign-line-${role}`).locator('img[src^="data:image/png"]').waitFor();
    }
    expect(await page.getByTestId('sign-line-head_receiving').textContent()).toContain('孙立平');
    await noToasts(page);
    await shot(page, 'demo-transfer-zh');

    await page.getByTestId('language-switch').click();
    await page.goto(`${desk.url}#/handovers`);
    await page.getByTestId('handovers-page').getByText('Move-out').first().waitFor();
    await settled(page);
    await shot(page, 'demo-handovers-en');
    await page.getByTestId('language-switch').click();
  });
});
