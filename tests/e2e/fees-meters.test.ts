import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBack, xlsx, type LedgerRow } from '../helpers/ledger';
import { setUpSite, shotWindow, useDesk, apiOk as api, btn, switchUser } from './harness';
import { deskToday } from '../../db/time/site-time';

/**
 * Month-end meter reading as a cashier does it, in Chromium against browser mode: export the
 * reading sheet for this month, fill it in (exceljs, as the reader would in Excel), import it
 * through the Meters tab with one unusual use to confirm, and find the energy bills on the
 * rooms' accounts. Then the same sheet again, in English: nothing new, and it says why.
 */
const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };
const p2 = (n: number) => String(n).padStart(2, '0');
// The desk runs on the real clock at the site's offset (Beijing): its this month, and the two before it —
// never the test machine's zone, which is a day behind from 16:00 UTC
const desk = deskToday(new Date());
const [year, mon] = desk.month.split('-').map(Number) as [number, number];
const month = (back: number) => {
  const d = new Date(Date.UTC(year, mon - 1 - back, 1));
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}`;
};
const [THIS, LAST, BEFORE] = [month(0), month(1), month(2)];
const TODAY = new Date(`${desk.day}T00:00:00Z`);


describe('meter readings from Excel in browser mode', () => {
  const suite = useDesk();
  let page: Page;
  let dir: string;
  let sheet: unknown[][];

  beforeAll(async () => {
    page = suite.page;
    dir = join(suite.desk.dataDir, 'e2e-files');
    mkdirSync(dir, { recursive: true });
    await setUpSite(page);
    for (const s of [CASHIER, SUPERVISOR]) await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    const sf = await api(page, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '吨' });
    const df = await api(page, 'fees.saveItem', { code: 'DF', name: '电费', kind: 'metered', meter: 'electricity', unit: '度', appliesTo: 'shop' });
    await api(page, 'fees.addRate', { itemId: sf.id, validFrom: '2026-01', price: '3.45' });
    await api(page, 'fees.addRate', { itemId: df.id, validFrom: '2026-01', price: '0.6' });
    await switchUser(page, SUPERVISOR);
    const b = await api(page, 'registry.saveBuilding', { code: '1', name: '1栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    const rooms: string[] = [];
    for (const [no, usage] of [['101', 'residential'], ['102', 'shop'], ['103', 'residential']] as const) {
      rooms.push((await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: no, area: '80.00', usage, state: 'occupied' })).id);
    }
    await switchUser(page, CASHIER);
    const read = (roomId: string, period: string, reading: string) => api(page, 'fees.reading', { roomId, meter: 'water', period, readOn: `${period}-20`, reading });
    await read(rooms[0]!, BEFORE, '100');
    await read(rooms[0]!, LAST, '110'); // 10 t: billed ¥34.50
    await read(rooms[1]!, LAST, '500'); // a baseline
  });

  it('exports this month\'s reading sheet: every room\'s meters with the last reading', async () => {
    await page.getByRole('menuitem', { name: '收费' }).click();
    await page.getByRole('tab', { name: '抄表' }).click();
    await page.getByTestId('meters-export-open').click();
    await page.getByRole('dialog').getByText('每个房间的每块表一行').waitFor();
    await shotWindow(page, 'fees-meters-export-zh');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meters-export-run').click()]);
    expect(download.suggestedFilename()).toBe(`抄表单-${THIS}.xlsx`);
    const file = join(dir, 'sheet.xlsx');
    await download.saveAs(file);
    sheet = (await readBack(readFileSync(file)))[0]!.rows;
    expect(sheet).toEqual([
      ['房号', '表类', '账期', '上期账期', '上期读数', '本期读数', '抄表日期'],
      ['1-1-101', '水', THIS, LAST, 110],
      ['1-1-102', '水', THIS, LAST, 500],
      ['1-1-102', '电', THIS], // electricity is billed to shops only
      ['1-1-103', '水', THIS],
    ]);
  });

  it('imports the filled-in sheet through the screen, with the unusual use confirmed', async () => {
    const filled = sheet.map((r) => [...r]) as LedgerRow[];
    const put = (i: number, reading: number) => {
      while (filled[i]!.length < 7) filled[i]!.push(null);
      filled[i]![5] = reading;
      filled[i]![6] = TODAY;
    };
    put(1, 125); // 15 t → ¥51.75
    put(2, 2600); // 2,100 t on a meter read once: unusual, to confirm → ¥7,245.00
    put(4, 30); // 1-1-103's first reading: a baseline
    writeFileSync(join(dir, '抄表单-已填.xlsx'), await xlsx([{ name: '抄表单', rows: filled }]));

    await page.getByTestId('meters-import-open').click();
    await page.getByTestId('meters-wizard').waitFor();
    await page.locator('[data-testid="meters-file"] input[type="file"]').setInputFiles(join(dir, '抄表单-已填.xlsx'));
    await page.getByTestId('meters-preview').getByText('1-1-101').waitFor();
    await expect(page.getByTestId('meters-mapping').innerText()).resolves.toContain('F · 本期读数');
    await shotWindow(page, 'fees-meters-map-zh');
    await page.getByTestId('meters-check').click();
    const result = page.getByTestId('meters-check-result');
    await result.waitFor();
    await expect(page.getByTestId('meters-count-jump').innerText()).resolves.toMatch(/用量异常\s*1/);
    await expect(page.getByTestId('meters-count-blank').innerText()).resolves.toMatch(/1$/);
    await expect(page.getByTestId('meters-lines').innerText()).resolves.toMatch(/1-1-101[\s\S]*110\.00[\s\S]*125\.00[\s\S]*15\.00[\s\S]*¥51\.75/);
    await expect(page.getByTestId('meters-apply').innerText()).resolves.toMatch(/导入 2 条读数/);
    // all at once, and undone; then the one, ticked by hand
    await page.getByTestId('meters-confirm-all').click();
    await expect(page.getByTestId('meters-apply').innerText()).resolves.toMatch(/导入 3 条读数/);
    await page.getByTestId('meters-confirm-all').click();
    await expect(page.getByTestId('meters-apply').innerText()).resolves.toMatch(/导入 2 条读数/);
    await expect(page.getByTestId('meters-amount').innerText()).resolves.toBe('计费合计 ¥51.75');
    await page.getByTestId('meters-jumps').getByRole('row', { name: /1-1-102/ }).getByRole('checkbox').check();
    await expect(page.getByTestId('meters-amount').innerText()).resolves.toBe('计费合计 ¥7,296.75');
    await expect(page.getByTestId('meters-apply').innerText()).resolves.toMatch(/导入 3 条读数/);
    await shotWindow(page, 'fees-meters-check-zh');
    await page.getByTestId('meters-apply').click();
    await page.getByTestId('meters-done').getByText('已导入 3 条读数，生成账单 2 笔，合计 ¥7,296.75；其中起始读数 1 条，确认的用量异常 1 条。').waitFor();
    await shotWindow(page, 'fees-meters-done-zh');
    await page.getByTestId('meters-finish').click();
    await page.getByTestId('meters-wizard').waitFor({ state: 'detached' });
  });

  it('shows the energy bills on the rooms\' accounts at the till', async () => {
    await page.getByRole('tab', { name: '收费', exact: true }).click();
    const box = page.getByPlaceholder(/房号、姓名或手机尾号/);
    for (const [code, total] of [['1-1-101', '¥86.25'], ['1-1-102', '¥7,245.00']] as const) {
      // typed while the tab was still opening, the text was once lost on a loaded run: type again until the box holds it
      await expect.poll(async () => {
        if ((await box.inputValue()) !== code) await box.fill(code);
        return page.locator('[data-testid="registry-hit"]', { hasText: code }).count();
      }).toBeGreaterThan(0);
      await page.locator('[data-testid="registry-hit"]', { hasText: code }).first().click();
      await expect.poll(() => page.getByTestId('total-owed').textContent()).toBe(total);
    }
    await expect(page.getByTestId('owed-table').innerText()).resolves.toMatch(new RegExp(`${THIS}[\\s\\S]*水费[\\s\\S]*7,245\\.00`));
  });

  it('in English, the same sheet again adds nothing and says so; a bad row is explained', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('tab', { name: 'Meter readings' }).click();
    const again = readFileSync(join(dir, '抄表单-已填.xlsx'));
    const rows = (await readBack(again))[0]!.rows;
    rows[3] = ['1-1-102', '电', THIS, null, null, '-5', TODAY];
    writeFileSync(join(dir, 'again.xlsx'), await xlsx([{ name: '抄表单', rows: rows as LedgerRow[] }]));
    await page.getByTestId('meters-import-open').click();
    await page.locator('[data-testid="meters-file"] input[type="file"]').setInputFiles(join(dir, 'again.xlsx'));
    await page.getByTestId('meters-preview').getByText('1-1-101').waitFor();
    await expect(page.getByTestId('meters-mapping').innerText()).resolves.toContain('New reading');
    await shotWindow(page, 'fees-meters-map-en');
    await page.getByTestId('meters-check').click();
    await page.getByTestId('meters-already').getByText('3 row(s) are already recorded (same room, meter and period) and are not imported again.').waitFor();
    await page.getByTestId('meters-errors').getByText('reading "-5" is not a valid reading').waitFor();
    await expect(page.getByTestId('meters-apply').isDisabled()).resolves.toBe(true);
    await shotWindow(page, 'fees-meters-check-en');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meters-download-errors').click()]);
    expect(download.suggestedFilename()).toBe('again-errors.xlsx');
    await download.saveAs(join(dir, 'errors.xlsx'));
    const report = (await readBack(readFileSync(join(dir, 'errors.xlsx'))))[0]!.rows;
    expect(report.map((r) => [r[0], r[1], r[8]])).toEqual([['Row', '房号', 'Reason'], [4, '1-1-102', 'reading "-5" is not a valid reading (not negative, at most 8 digits and two decimals)']]);
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('language-switch').click();
  });
});
