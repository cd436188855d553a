import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_HEADER, ledgerRows, readBack, xlsx, type LedgerRow } from '../helpers/ledger';
import { apiFromPage, type Desk, noToasts, setUpSite, shot, shotWindow, signIn, useDesk, btn } from './harness';

/**
 * The Excel import as a receptionist does it, in Chromium against browser mode: choose a
 * ledger with some bad rows, check the column mapping, read the error report (downloaded
 * and opened), import the good rows, fix the file and import it again (only the fixed rows
 * are new), then find an imported room by the last four digits of a phone and open its
 * card. Also: a file that is not a spreadsheet and one over 20 MB get a clear message,
 * the export downloads a workbook, and the wizard speaks English.
 */
const RECEPTIONIST = { username: 'zhaoli', displayName: '赵丽', password: 'Desk2026a' };

/** 30 rooms; rows 6, 9, 12 and 15 of the sheet are bad (title on row 1, header on row 2). */
function ledger(fixed: boolean): LedgerRow[] {
  const rows = ledgerRows(30);
  if (!fixed) {
    rows[3]![8] = '1391234778'; // row 6: a phone one digit short
    rows[6]![4] = '九十'; // row 9: area not a number
    rows[9]![0] = rows[8]![0]!; // row 12: the same room as row 11
    rows[12]![0] = null; // row 15: no room code at all
    rows[12]![1] = rows[12]![2] = rows[12]![3] = null;
  }
  if (fixed) rows[3]![8] = '13912347788'; // the fixed phone, found later by its last four digits
  return [['阳光花园业主信息登记表'], LEDGER_HEADER, ...rows];
}

describe('importing the Excel ledger', () => {
  const suite = useDesk();
  let desk: Desk;
  let browser: Browser;
  let page: Page;
  let dir: string;

  async function openWizardWith(file: string) {
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-wizard').waitFor();
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file);
  }

  async function closeWizard() {
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    ({ desk, browser, page } = suite);
    dir = join(desk.dataDir, 'e2e-files');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '阳光花园台账.xlsx'), await xlsx(ledger(false)));
    writeFileSync(join(dir, '阳光花园台账-已修改.xlsx'), await xlsx(ledger(true)));
    writeFileSync(join(dir, '小区照片.xlsx'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    writeFileSync(join(dir, '全部台账.xlsx'), Buffer.alloc(21 * 1024 * 1024, 0x41));
    await setUpSite(page);
    const res = await apiFromPage(page, 'staff.create', { username: RECEPTIONIST.username, displayName: RECEPTIONIST.displayName, role: 'receptionist', password: RECEPTIONIST.password });
    expect(res.ok).toBe(true);
    await btn(page, '退出登录').click();
    await page.getByText('员工登录').waitFor();
    await signIn(page, RECEPTIONIST.username, RECEPTIONIST.password);
    await expect(page.getByTestId('current-user').textContent()).resolves.toBe(RECEPTIONIST.displayName);
  });



  it('a ledger with some bad rows: the columns are matched from the headers, and the check lists every bad row', async () => {
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByTestId('registry-empty').waitFor();
    await openWizardWith(join(dir, '阳光花园台账.xlsx'));
    await page.getByTestId('import-mapping').waitFor();
    await expect(page.getByTestId('import-file-name').innerText()).resolves.toBe('阳光花园台账.xlsx');
    await expect(page.locator('input[data-testid="import-header-row"], [data-testid="import-header-row"] input').first().inputValue()).resolves.toBe('2');
    await expect(page.getByTestId('map-code').innerText()).resolves.toContain('A · 房屋编号');
    await expect(page.getByTestId('map-ownerPhone').innerText()).resolves.toContain('I · 联系电话');
    await expect(page.getByTestId('import-preview').innerText()).resolves.toContain('1-1-101');
    await shotWindow(page, 'import-map-zh');

    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-result').waitFor();
    await expect(page.getByTestId('count-valid').innerText()).resolves.toContain('26');
    await expect(page.getByTestId('count-invalid').innerText()).resolves.toContain('4');
    const errors = await page.getByTestId('import-errors').innerText();
    expect(errors).toContain('业主电话“1391234778”格式不对');
    expect(errors).toContain('面积“九十”不是数字');
    expect(errors).toContain('与第 11 行重复');
    expect(errors).toContain('没有房号');
    await expect(page.getByTestId('import-plan').innerText()).resolves.toContain('新增楼栋 1、单元 1、房间 26');
    await shotWindow(page, 'import-check-zh');
  });

  it('the error report downloads as a workbook holding the bad rows and their reasons', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    expect(download.suggestedFilename()).toBe('阳光花园台账-错误报告.xlsx');
    const file = join(dir, 'report.xlsx');
    await download.saveAs(file);
    const [sheet] = await readBack(readFileSync(file));
    expect(sheet!.rows[0]).toEqual(['原行号', ...LEDGER_HEADER, '错误原因']);
    expect(sheet!.rows.slice(1).map((r) => [r[0], r[16]])).toEqual([
      [6, '业主电话“1391234778”格式不对'],
      [9, '面积“九十”不是数字（最多两位小数）'],
      [12, '房号 1-1-301 与第 11 行重复'],
      [15, '没有房号（房屋编号，或楼栋/单元/房号为空）'],
    ]);
    expect(sheet!.rows[1]!.slice(1, 3)).toEqual(['1-1-104', 1]);
  });

  it('importing writes the 26 good rows; the registry shows them', async () => {
    await expect(page.getByTestId('import-apply').innerText()).resolves.toMatch(/导入\s?26\s?条有效记录/);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    await expect(page.getByTestId('import-done').innerText()).resolves.toContain('新增房间 26');
    await shotWindow(page, 'import-done-zh');
    await page.getByTestId('import-finish').click();
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });
    await page.getByTestId('registry-tree').getByText('1栋').waitFor();
    const tree = await apiFromPage(page, 'registry.tree');
    expect((tree.value as { rooms: number }[])[0]!.rooms).toBe(26);
  });

  it('the fixed file re-imports: only the four fixed rows are new, the rest unchanged', async () => {
    await openWizardWith(join(dir, '阳光花园台账-已修改.xlsx'));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-result').waitFor();
    await expect(page.getByTestId('count-invalid').innerText()).resolves.toContain('0');
    await expect(page.getByTestId('import-plan').innerText()).resolves.toContain('房间 4，更新房间 0（26 间不变）');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByTestId('import-finish').click();
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });
    await page.getByTestId('registry-tree').getByText('30间').first().waitFor();
    const tree = await apiFromPage(page, 'registry.tree');
    expect((tree.value as { rooms: number }[])[0]!.rooms).toBe(30);
  });

  it('the fixed room is found by the last four digits of its phone, and its card opens', async () => {
    const box = page.getByTestId('registry-search');
    await box.click();
    await box.fill('');
    await box.pressSequentially('7788', { delay: 30 });
    await page.locator('[data-testid="registry-hits"][data-q="7788"]').waitFor();
    const hit = page.getByTestId('registry-hit').first();
    await expect(hit.innerText()).resolves.toContain('1-1-104');
    await shot(page, 'import-search-phone-zh');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/registry\/room\//);
    await page.getByText('13912347788').or(page.getByText('139****7788')).or(page.getByText('139 1234 7788')).first().waitFor();
    await expect(page.locator('body').innerText()).resolves.toContain('1-1-104');
    await shot(page, 'import-room-card-zh');
    const api = await apiFromPage(page, 'registry.search', { q: '7788' });
    expect(api.value).toEqual([expect.objectContaining({ code: '1-1-104', matchedBy: 'phone', phoneTail: '7788' })]);
  });

  it('a file that is not a spreadsheet, and one over 20 MB, are refused with a clear message', async () => {
    await page.getByRole('menuitem', { name: '登记' }).click();
    await openWizardWith(join(dir, '小区照片.xlsx'));
    await expect(page.getByTestId('import-error').innerText()).resolves.toBe('文件“小区照片.xlsx”不是电子表格：只能导入 Excel 工作簿（.xlsx）或 CSV 文件。未做任何改动。');
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(join(dir, '全部台账.xlsx'));
    await expect.poll(() => page.getByTestId('import-error').innerText()).toBe('文件“全部台账.xlsx”有 21 MB，超过了 20 MB 的上限，未上传。请拆分成几个文件分批导入。');
    await shotWindow(page, 'import-too-large-zh');
    await closeWizard();
    const tree = await apiFromPage(page, 'registry.tree');
    expect((tree.value as { rooms: number }[])[0]!.rooms).toBe(30);
  });

  it('export downloads the registry as a workbook', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
    expect(download.suggestedFilename()).toMatch(/^房屋登记-SZ-A01-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(dir, 'export.xlsx');
    await download.saveAs(file);
    const [rooms, people] = await readBack(readFileSync(file));
    expect(rooms!.rows).toHaveLength(31);
    expect(people!.rows).toHaveLength(1 + 30 + 3);
  });

  it('in English the wizard speaks English', async () => {
    await noToasts(page);
    await page.getByTestId('language-switch').click();
    await page.getByTestId('import-open').getByText('Import Excel').waitFor();
    await openWizardWith(join(dir, '阳光花园台账.xlsx'));
    await page.getByTestId('import-mapping').waitFor();
    await expect(page.getByTestId('import-wizard').innerText()).resolves.toContain('Map columns');
    await shotWindow(page, 'import-map-en');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-result').waitFor();
    const errors = await page.getByTestId('import-errors').innerText();
    expect(errors).toContain('owner phone "1391234778" is malformed');
    expect(errors).toContain('room 1-1-301 is already on row 11');
    await expect(page.getByTestId('import-plan').innerText()).resolves.toContain('add 0 buildings');
    await shotWindow(page, 'import-check-en');
    await closeWizard();
    await page.getByTestId('language-switch').click();
  });
});
