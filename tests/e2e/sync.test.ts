/**
 * Head-office sync in Chromium: two service-centre desks and one head-office desk (three
 * browser-mode processes on three data folders) share one folder. Head office enrols both
 * sites, each joins and head office approves the fingerprint it shows; the sites take a
 * payment, log a complaint and file a document, and export; head office imports, its collection
 * report is each site's own and their sum, and its complaints and catalogue show both; a forged and a
 * truncated file are shown as refused; importing again adds nothing. Screens in both languages.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../db/fees/money.js';
import { encodeBatch } from '../../db/sync/batch-file.js';
import { siteMonth } from '../../db/time/site-time.js';
import { newSigningKey } from '../../db/sync/keys.js';
import { ADMIN, apiOk, btn, launchChromium, noToasts, openPage, settledWithin, removeDir, setUpSite, SHOTS, shot, startDesk, switchUser, type Desk } from './harness.js';

const CASHIER = { username: 'qian.min', password: 'Desk2026a' };
const SUPERVISOR = { username: 'zhou.hong', password: 'Desk2026a' };

const share = join(mkdtempSync(join(tmpdir(), 'fd-share-')), 'share');
let browser: Browser;
const desks: Desk[] = [];
let hq: Page;
let a: Page;
let b: Page;

const ARCHIVIST = { username: 'zhao.dang', password: 'Desk2026a' };

/**
 * A site's work before it joins, through the API: a room, a fee and its staff made by the
 * admin; the cashier takes one month's payment, the supervisor logs a complaint, and the
 * archivist files a document whose title says what it is about.
 */
async function siteWork(page: Page, area: string, filed: string) {
  await apiOk(page, 'staff.create', { username: CASHIER.username, displayName: '钱敏', role: 'cashier', password: CASHIER.password });
  await apiOk(page, 'staff.create', { username: SUPERVISOR.username, displayName: '周红', role: 'supervisor', password: SUPERVISOR.password });
  const item = await apiOk(page, 'fees.saveItem', { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' });
  await apiOk(page, 'fees.addRate', { itemId: item.id, validFrom: '2026-01', price: '2.35' });
  await switchUser(page, SUPERVISOR);
  const bld = await apiOk(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
  const unit = await apiOk(page, 'registry.saveUnit', { buildingId: bld.id, code: '1', name: '1单元' });
  const room = await apiOk(page, 'registry.saveRoom', { buildingId: bld.id, unitId: unit.id, roomNo: '101', area, usage: 'residential', state: 'occupied' });
  await switchUser(page, CASHIER);
  await apiOk(page, 'fees.generate', { period: '2026-11', commit: true });
  const acct = await apiOk<{ lines: { id: string; owed: number }[] }>(page, 'fees.roomAccount', { roomId: room.id });
  const total = acct.lines.reduce((s, l) => s + l.owed, 0);
  await apiOk(page, 'fees.pay', { roomId: room.id, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: total }] });
  await switchUser(page, SUPERVISOR);
  await apiOk(page, 'complaints.create', { kind: 'complaint', channel: 'phone', roomId: room.id, complainant: '张伟', phone: '13800138000', category: 'noise', severity: 'ordinary', matter: '楼上装修电钻噪音，中午也不停' });
  await switchUser(page, ADMIN);
  await apiOk(page, 'staff.create', { username: ARCHIVIST.username, displayName: '赵档', role: 'archivist', password: ARCHIVIST.password });
  await switchUser(page, ARCHIVIST);
  await apiOk(page, 'archives.index', { category: 3, cls: 4, department: '07', title: filed, year: 2026, form: 'paper' });
  await switchUser(page, ADMIN);
  return total;
}

/** The site's own month report, as its supervisor's screen shows it: what head office must add up to. */
async function ownMonth(page: Page, period: string) {
  return apiOk<{ billed: number; paid: number; rateBp: number; collected: { total: number } }>(page, 'fees.monthReport', { period });
}

async function openSync(page: Page, url: string) {
  await page.goto(`${url}#/sync`);
  await page.getByTestId('sync-page').waitFor();
}

/**
 * Head office approves a site's reply: the fingerprint read out over the phone, typed into the
 * dialog once it has opened, and OK. The dialog closes when the store has taken it; an error
 * instead keeps it open and shows why, and the wait fails with that reason on the screen.
 */
async function approve(row: Locator, fingerprint: string) {
  const page = row.page();
  await row.getByRole('button', { name: /核对并批准/ }).click();
  const dialog = page.locator('.ant-modal');
  await settledWithin(page, '.ant-modal');
  await dialog.getByPlaceholder('XXXX-XXXX-XXXX-XXXX').fill(fingerprint);
  await expect.poll(() => dialog.getByPlaceholder('XXXX-XXXX-XXXX-XXXX').inputValue()).toBe(fingerprint);
  await dialog.getByRole('button', { name: /核对并批准/ }).click();
  await expect.poll(async () => (await dialog.isVisible()) ? (await page.locator('.ant-message, .ant-form-item-explain').allInnerTexts()).join(' ') || 'open' : 'closed').toBe('closed');
  await row.getByText('已批准').waitFor();
}

async function setFolder(page: Page) {
  await page.getByTestId('sync-folder').fill(share);
  await btn(page, '保存文件夹').click();
  await noToasts(page);
}

describe('head-office sync, three desks', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(share, { recursive: true });
    for (let i = 0; i < 3; i++) desks.push(await startDesk());
    browser = await launchChromium();
    const pages = await Promise.all(desks.map((d) => openPage(browser, d)));
    [hq, a, b] = [pages[0]!, pages[1]!, pages[2]!];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    for (const d of desks) {
      await d.stop();
      removeDir(d.dataDir);
    }
    removeDir(join(share, '..'));
  });

  const paid: number[] = [];

  it('sets up a head office and two service centres, each of which takes a payment, logs a complaint and files a document before it joins', async () => {
    await setUpSite(hq, { code: 'HQ', name: '公司总部', headOffice: true });
    await setUpSite(a, { code: 'TMP-A', name: '临时A' });
    await setUpSite(b, { code: 'TMP-B', name: '临时B' });
    paid.push(await siteWork(a, '89.50', '关于消防演练的通知'), await siteWork(b, '120', '消防设施年度检查报告'));
    expect(paid.every((fen) => fen > 0)).toBe(true);
  });

  it('enrols two sites: invitation, join, and approval of the fingerprint each site shows', async () => {
    await openSync(hq, desks[0]!.url);
    await setFolder(hq);
    for (const [code, name] of [['BJ-01', '滨江服务中心'], ['XH-02', '西湖服务中心']]) {
      await hq.getByLabel('站点代码').fill(code!);
      await hq.getByLabel('站点名称').fill(name!);
      await btn(hq, '登记站点').click();
      await hq.getByText('邀请文件已写入共享文件夹').waitFor();
    }
    for (const [page, desk, code] of [[a, desks[1]!, 'BJ-01'], [b, desks[2]!, 'XH-02']] as const) {
      await openSync(page, desk.url);
      await setFolder(page);
      await page.getByLabel('总部分配的站点代码').fill(code);
      await btn(page, '加入总部').click();
      await page.getByText('已加入总部').waitFor();
      await page.locator('header').getByText(code === 'BJ-01' ? '滨江服务中心' : '西湖服务中心').waitFor(); // the header takes head office's name
      await expect.poll(async () => (await page.getByTestId('sync-fingerprint').textContent())?.trim()).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
      const fp = (await page.getByTestId('sync-fingerprint').textContent())!.trim();
      await hq.reload();
      await hq.getByTestId('sync-page').waitFor();
      const row = hq.getByTestId('sync-sites').locator('tr', { hasText: code });
      await row.getByText(fp).waitFor(); // the same fingerprint on both screens
      await approve(row, fp);
    }
    // the site sends by itself every ten minutes unless told otherwise; BJ-01 makes it half-hourly
    await a.getByTestId('sync-auto').getByText('自动发送：每 10 分钟一次，日结后立即发送').waitFor();
    await a.getByTestId('sync-auto-minutes').fill('30');
    await a.getByTestId('sync-auto-save').click();
    await a.getByTestId('sync-auto').getByText('自动发送：每 30 分钟一次').waitFor();
    await noToasts(a);
    await shot(a, 'sync-site-joined-zh');
  });

  it('carries both sites\' payments to head office, shows forged and truncated files refused, and adds nothing on a second import', async () => {
    await Promise.all([openSync(hq, desks[0]!.url), openSync(a, desks[1]!.url), openSync(b, desks[2]!.url)]);
    for (const page of [a, b]) {
      await page.getByTestId('sync-export').click();
      await page.getByTestId('sync-exported').waitFor();
    }
    // a forged file in BJ-01's folder, and XH-02's next file cut short on the way
    const bjFiles = readdirSync(join(share, 'BJ-01')).sort();
    const last = Number(bjFiles[bjFiles.length - 1]!.slice(13, 25));
    const writer = JSON.parse(gunzipSync(readFileSync(join(share, 'BJ-01', bjFiles[0]!))).toString('utf8').split('\n')[0]!).writer as string;
    const row = { site_id: writer, seq: last + 1, at: '2026-12-05T00:00:00.000Z', actor_id: null, operation: 'fees.pay', table_name: 'receipt', row_id: 'r', kind: 'insert' as const, before: null, after: '{}', tx: null };
    const forged = encodeBatch({ schema: 11, writer, site: 'BJ-01', prev: null }, [row], newSigningKey());
    writeFileSync(join(share, 'BJ-01', `${String(last + 1).padStart(12, '0')}-${String(last + 1).padStart(12, '0')}.fdsync`), forged.bytes);
    await b.getByTestId('sync-export').click(); // nothing new: no file
    await b.getByTestId('sync-exported').waitFor();
    await apiOk(b, 'settings.update', { siteName: '西湖服务中心（新）', settings: {} });
    await b.reload();
    await b.getByTestId('sync-page').waitFor();
    await b.getByTestId('sync-export').click();
    await b.getByText('已导出 1 个文件').waitFor();
    const xh = readdirSync(join(share, 'XH-02')).filter((f) => f.endsWith('.fdsync')).sort();
    const torn = join(share, 'XH-02', xh[xh.length - 1]!);
    writeFileSync(torn, readFileSync(torn).subarray(0, 40));

    await hq.getByTestId('sync-import').click();
    await hq.getByTestId('sync-imported').getByText('已应用 2 个文件，重复 0 个，拒收 2 个。').waitFor();
    const refused = hq.getByTestId('sync-sites');
    await refused.getByText('签名不符（伪造或被改动）').waitFor();
    await refused.getByText('文件损坏或被截断').waitFor();
    expect(readdirSync(join(share, 'quarantine')).sort()).toEqual(['BJ-01', 'XH-02']);

    await hq.getByTestId('sync-report-period').locator('input').fill('2026-11');
    await hq.getByTestId('sync-report-period').locator('input').press('Enter');
    const report = hq.getByTestId('sync-report');
    await report.getByText('BJ-01 滨江服务中心').waitFor();
    await report.getByText('XH-02 西湖服务中心').waitFor();
    const money = (fen: number) => `¥${formatYuan(fen)}`; // as every money cell reads
    const totalRow = report.locator('tr', { hasText: '合计' });
    await expect.poll(async () => (await totalRow.textContent()) ?? '').toContain(money(paid[0]! + paid[1]!));
    // each site's row is that site's own month report, and the company's total their sum
    const own = [await ownMonth(a, '2026-11'), await ownMonth(b, '2026-11')];
    const cells = (r: { billed: number; paid: number; rateBp: number; collected: { total: number } }) => [money(r.billed), money(r.paid), `${(r.rateBp / 100).toFixed(2)}%`, money(r.collected.total)];
    for (const [code, r] of [['BJ-01', own[0]!], ['XH-02', own[1]!]] as const) {
      const texts = await report.locator('tr', { hasText: code }).locator('td').allInnerTexts();
      expect(texts.slice(1, 5)).toEqual(cells(r));
    }
    const sum = { billed: own[0]!.billed + own[1]!.billed, paid: own[0]!.paid + own[1]!.paid, collected: own[0]!.collected.total + own[1]!.collected.total };
    expect((await totalRow.locator('td').allInnerTexts()).slice(1, 5).filter((_, i) => i !== 2)).toEqual([money(sum.billed), money(sum.paid), money(sum.collected)]);
    // a site's name opens its receipts of the month, as head office holds them
    await report.getByText('BJ-01 滨江服务中心').click();
    const drill = hq.getByTestId('site-receipts');
    await drill.getByText('BJ-01 滨江服务中心 · 2026-11 的收据').waitFor();
    await settledWithin(hq, '.ant-drawer');
    await hq.keyboard.press('Escape');
    await drill.waitFor({ state: 'hidden' });
    // and its rooms, as its registry lists them: the paid room owes nothing
    await hq.getByTestId('site-rooms-BJ-01').click();
    const rooms = hq.getByTestId('site-rooms');
    await rooms.getByText('BJ-01 滨江服务中心 的房间').waitFor();
    const paidRoom = rooms.locator('tr.ant-table-row', { hasText: '1-1-101' });
    await paidRoom.waitFor();
    expect(await paidRoom.innerText()).toMatch(/住宅[\s\S]*入住[\s\S]*—\s*$/);
    await settledWithin(hq, '.ant-drawer');
    await shot(hq, 'sync-site-rooms-zh');
    await hq.keyboard.press('Escape');
    await rooms.waitFor({ state: 'hidden' });
    const workbook = hq.waitForEvent('download');
    await hq.getByTestId('sync-export-month').click();
    expect((await workbook).suggestedFilename()).toBe('各站点汇总-2026-11.xlsx');
    // complaints by site and the company catalogue read the same imported rows (their figures: tests/db/sync-consolidated.test.ts)
    // the complaints were logged a moment ago, by the desks' own clocks (this test runs on the real time)
    await hq.getByTestId('sync-complaints-period').locator('input').fill(siteMonth(Date.now()));
    await hq.getByTestId('sync-complaints-period').locator('input').press('Enter');
    const complaints = hq.getByTestId('sync-complaints');
    await complaints.getByText('BJ-01 滨江服务中心').waitFor();
    await complaints.getByText('XH-02 西湖服务中心').waitFor();
    // one complaint logged at each site, still open: counted under its site and in the total
    for (const code of ['BJ-01', 'XH-02']) expect((await complaints.locator('tr', { hasText: code }).locator('td').allInnerTexts()).slice(1, 4)).toEqual(['1', '1', '0']);
    expect((await complaints.locator('tr', { hasText: '合计' }).locator('td').allInnerTexts()).slice(1, 4)).toEqual(['2', '2', '0']);
    // the company catalogue finds what both sites filed, each under its own site
    await hq.getByTestId('sync-catalogue-search').locator('input').fill('消防');
    await hq.getByTestId('sync-catalogue-search').locator('input').press('Enter');
    const found = hq.getByTestId('sync-catalogue').locator('tr.ant-table-row');
    await expect.poll(async () => (await found.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort()).toEqual([
      expect.stringMatching(/^BJ-01 滨江服务中心 3\.4\.07—1 关于消防演练的通知 2026/),
      expect.stringMatching(/^XH-02 西湖服务中心.* 3\.4\.07—1 消防设施年度检查报告 2026/),
    ]);
    // a word is looked for across the company, newest year first; the screen says so
    await expect.poll(() => hq.getByTestId('sync-catalogue-order').innerText()).toContain('年度由新到旧');
    // what the search found, as a workbook (made by a job; its rows: tests/db/sync-consolidated.test.ts)
    const catalogue = hq.waitForEvent('download');
    await hq.getByTestId('sync-catalogue-export').click();
    expect((await catalogue).suggestedFilename()).toMatch(/^公司档案目录-2026-\d{2}-\d{2}\.xlsx$/);
    await noToasts(hq);
    await shot(hq, 'sync-head-office-zh');

    await hq.getByTestId('sync-import').click();
    await hq.getByTestId('sync-imported').getByText('已应用 0 个文件，重复 2 个，拒收 0 个。').waitFor();

    // the site's status line: head office has received everything it sent
    await a.reload();
    await a.getByTestId('sync-status').getByText('待发送变更：0 条').waitFor();
    await a.getByTestId('sync-status').getByText(/总部最近接收：至第 \d+ 条/).waitFor();
    await shot(a, 'sync-site-zh');

    for (const page of [hq, a]) {
      await page.getByTestId('language-switch').click();
      await page.getByTestId('sync-page').getByText(/Shared folder/).first().waitFor();
    }
    await hq.getByTestId('sync-report-period').locator('input').fill('2026-11');
    await hq.getByTestId('sync-report-period').locator('input').press('Enter');
    await hq.getByTestId('sync-report').getByText('Total').waitFor();
    await shot(hq, 'sync-head-office-en');
    await a.getByTestId('sync-status').getByText(/Last received by head office/).waitFor();
    await shot(a, 'sync-site-en');
  });

  it('head office publishes a new fee rate from its screen; both sites receive it, and their fee items show it as head office\'s', async () => {
    // head office's property fee (the code both sites already use) with a new price from 2027-01
    const item = await apiOk(hq, 'fees.saveItem', { code: 'WYF', name: '物业服务费', kind: 'area', unit: 'm²' });
    await apiOk(hq, 'fees.addRate', { itemId: item.id, validFrom: '2027-01', price: '2.80' });
    await apiOk(hq, 'sync.addNotice', { title: '春节值班安排', body: '除夕至初三安排值班。', publishedOn: '2026-12-05' });
    await openSync(hq, desks[0]!.url);
    await hq.getByTestId('sync-publish').click();
    await hq.getByTestId('sync-reference-done').getByText(/^Published \d+ changes \(1 file\(s\)\)\.$/).waitFor();
    await shot(hq, 'sync-head-office-publish-en');

    await b.getByTestId('language-switch').click(); // both sites' screens in English here (a switched above)
    for (const [page, desk] of [[a, desks[1]!], [b, desks[2]!]] as const) {
      await openSync(page, desk.url);
      await page.getByTestId('sync-receive').click();
      await page.getByTestId('sync-reference-done').getByText(/Applied 1 file\(s\), 0 duplicate\(s\), 0 refused\./).waitFor();
      await page.getByTestId('sync-notices').getByText('春节值班安排').waitFor();
      await page.goto(`${desk.url}#/fees/items`);
      const row = page.getByTestId('items-table').locator('tr', { hasText: 'WYF' });
      await row.getByText('物业服务费').waitFor();
      await row.getByText(/from 2027-01 ¥2\.80/).waitFor();
      await row.getByText('Head office', { exact: true }).waitFor();
      await row.getByText('From head office: it cannot be changed here').waitFor();
    }
    await shot(a, 'sync-site-fee-items-en');
    await a.getByTestId('language-switch').click();
    await a.getByTestId('items-table').locator('tr', { hasText: 'WYF' }).getByText('由总部下发，本中心不能修改').waitFor();
    await shot(a, 'sync-site-fee-items-zh');
  });

  it('rebuilds a site on a new PC from head office\'s restore package, and the rebuilt site issues the next receipt number', async () => {
    // XH-02's PC dies: head office revokes its key, invites it again and writes its restore package from the sites table
    await apiOk(hq, 'sync.revoke', { code: 'XH-02' });
    await apiOk(hq, 'sync.addSite', { code: 'XH-02', name: '西湖服务中心' });
    await openSync(hq, desks[0]!.url);
    await hq.getByTestId('sync-sites').locator('tr', { hasText: 'XH-02' }).getByTestId('sync-write-restore').click();
    await hq.getByText(/The restore package of site XH-02 is in the shared folder/).waitFor();

    const desk = await startDesk();
    desks.push(desk);
    const page = await openPage(browser, desk);
    await page.getByText('从总部恢复本中心（换新电脑）').click();
    await page.getByTestId('setup-folder').fill(share);
    await page.getByLabel('站点编码').fill('XH-02');
    await page.getByLabel('管理员用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill('Restore2027');
    await page.getByLabel('再次输入密码').fill('Restore2027');
    await page.keyboard.press('Enter');
    await page.getByText(/已恢复至第 \d+ 条变更/).waitFor();
    await shot(page, 'sync-restored-zh');
    await page.getByRole('button', { name: /OK|知道了|确\s?定/ }).click();
    await page.getByTestId('home-greeting').waitFor();

    // the restored staff arrive without passwords: the administrator sets the cashier's, who takes the next payment
    const staff = await apiOk<{ id: string; username: string }[]>(page, 'staff.list', {});
    await apiOk(page, 'staff.resetPassword', { id: staff.find((x) => x.username === CASHIER.username)!.id, password: CASHIER.password });
    await switchUser(page, CASHIER);
    await apiOk(page, 'fees.generate', { period: '2026-12', commit: true });
    const [building] = await apiOk<{ id: string }[]>(page, 'registry.tree', {});
    const [room] = await apiOk<{ id: string }[]>(page, 'registry.rooms', { buildingId: building!.id });
    const acct = await apiOk<{ lines: { id: string; owed: number }[] }>(page, 'fees.roomAccount', { roomId: room!.id });
    const total = acct.lines.reduce((n, l) => n + l.owed, 0);
    const paid = await apiOk<{ number: string }>(page, 'fees.pay', { roomId: room!.id, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: total }] });
    expect(paid.number).toBe('SJ-XH-02-2026-000002'); // 000001 was taken on the old PC, before it joined head office
  });
});
