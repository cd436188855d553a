/**
 * Head office's screens in Chromium show the same figures from either store: a head-office
 * desk (browser mode) holding three sites' imported rows reads its consolidated screens from
 * its own store, is then pointed at the PostgreSQL server (holding the same files) from its
 * server card, and shows the same complaints by site, collection, a site's cases, rooms and
 * receipts, and catalogue — in both languages.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../helpers/app.js';
import { startCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { busyMonth, hqWorld, importBoth } from '../db/hqpg-fixture.js';
import { launchChromium, openPage, removeDir, settledWithin, SHOTS, shot, signIn, startDesk, type Desk } from './harness.js';

let cluster: PgCluster;
let url: string;
let desk: Desk;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  cluster = await startCluster();
  const w = await hqWorld();
  await busyMonth(w);
  url = await cluster.createDatabase('screens');
  await importBoth(w, url);
  // the head-office PC: a copy of that store in a desk's data folder, its server not yet set
  const dataDir = mkdtempSync(join(tmpdir(), 'fd-e2e-hqpg-'));
  w.hq.store.raw.prepare('VACUUM INTO ?').run(join(dataDir, 'frontdesk.sqlite'));
  await cleanup();
  desk = await startDesk(dataDir);
  browser = await launchChromium();
  page = await openPage(browser, desk);
  await signIn(page, 'admin', 'Admin2026');
  await page.getByTestId('current-user').waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (desk) {
    await desk.stop();
    removeDir(desk.dataDir);
  }
  cluster?.destroy();
});

async function period(testId: string, month: string) {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(month);
  await input.press('Enter');
}

/** A drawer opened by `open`, read once its rows are there, then closed. */
async function drawer(open: () => Promise<void>, testId: string, rows: number): Promise<string> {
  await open();
  const d = page.getByTestId(testId);
  await expect.poll(() => d.locator('tr.ant-table-row').count()).toBe(rows);
  await settledWithin(page, '.ant-drawer');
  const text = await d.innerText();
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  return text;
}

/** Every consolidated screen of December as the head-office page shows it. */
async function readScreens(): Promise<Record<string, string>> {
  await page.goto(`${desk.url}#/sync`);
  await page.getByTestId('sync-page').waitFor();
  await period('sync-complaints-period', '2026-12');
  const complaints = page.getByTestId('sync-complaints');
  await complaints.getByText('NB-01 宁波鄞州服务中心').waitFor();
  const cases = await drawer(() => complaints.getByText('HZ-01 杭州滨江服务中心').click(), 'site-cases', 3);
  await period('sync-report-period', '2026-12');
  const report = page.getByTestId('sync-report');
  await report.getByText('NB-01 宁波鄞州服务中心').waitFor();
  const receipts = await drawer(() => report.getByText('NB-01 宁波鄞州服务中心').click(), 'site-receipts', 3);
  const rooms = await drawer(() => page.getByTestId('site-rooms-HZ-01').click(), 'site-rooms', 3);
  await period('sync-catalogue-search', '3.4');
  const catalogue = page.getByTestId('sync-catalogue');
  await expect.poll(() => catalogue.locator('tr.ant-table-row').count()).toBe(7);
  return { complaints: await complaints.innerText(), cases, report: await report.innerText(), receipts, rooms, catalogue: await catalogue.innerText() };
}

describe('head office on PostgreSQL, in Chromium', () => {
  it('shows the same figures on every consolidated screen from its own store and from the server', async () => {
    const fromStore = await readScreens();
    expect(fromStore.complaints).toContain('HZ-02 杭州西湖服务中心');
    expect(fromStore.catalogue).toContain('（限制级档案 · restricted item）');

    // pointed at the server from its card: tried, kept, and answering
    await page.getByTestId('sync-pg-input').fill(url);
    await page.getByTestId('sync-pg-save').click();
    await page.getByTestId('sync-pg-ok').waitFor();
    const fromServer = await readScreens();
    expect(fromServer).toEqual(fromStore);
    await page.getByTestId('sync-pg-ok').waitFor();
    await shot(page, 'hqpg-head-office-zh');

    await page.getByTestId('language-switch').click();
    await page.getByTestId('sync-pg').getByText(/every consolidated screen reads from it/).waitFor();
    await period('sync-complaints-period', '2026-12');
    await page.getByTestId('sync-complaints').getByText('Total').waitFor();
    await shot(page, 'hqpg-head-office-en');
  });
});
