/**
 * Excel workbooks are unpacked and parsed in a worker thread with a capped heap: the cells
 * come back the same as the desk's own reading gave (formulas, errors, dates, merges), and a
 * workbook that swells past the cap is refused with the bilingual "cannot read" message while
 * the desk goes on answering.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../db/errors.js';
import { readWorkbook } from '../../db/registry/import/read.js';
import { parseXlsxApart } from '../../db/registry/import/xlsx-worker.js';
import { cleanup, createTestApp, ok, setupSite, tempDir } from '../helpers/app.js';
import { xlsx } from '../helpers/ledger.js';

afterEach(cleanup);

async function workbookFile(rows: unknown[][], merges: string[] = []): Promise<string> {
  const file = join(tempDir('front-desk-xlsx-'), 'ledger.xlsx');
  writeFileSync(file, await xlsx([{ name: '业主台账', rows: rows as never, merges }]));
  return file;
}

describe('reading an Excel workbook in a worker thread', () => {
  it('gives the same cells as before: text, numbers, dates, formulas with and without results, errors, merges', async () => {
    const file = await workbookFile([
      ['房号', '姓名', '面积', '入住日期', '应缴'],
      ['1-1-101', '张伟', 89.5, new Date(Date.UTC(2024, 2, 1)), { formula: 'C2*2', result: 179 }],
      ['1-1-102', { richText: [{ text: '李' }, { text: '娜' }] }, { error: '#REF!' }, null, { formula: 'C3*2' }],
      ['小计', null, null, null, null],
    ], ['A4:B4']);
    const wb = await readWorkbook({ id: 'u1', name: 'ledger.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: statSync(file).size, path: file, sha256: '', memo: new Map() });
    expect(wb.format).toBe('xlsx');
    const [sheet] = wb.sheets;
    expect(sheet!.name).toBe('业主台账');
    expect(sheet!.rows[0]).toEqual(['房号', '姓名', '面积', '入住日期', '应缴']);
    expect(sheet!.rows[1]).toEqual(['1-1-101', '张伟', 89.5, new Date(Date.UTC(2024, 2, 1)), 179]);
    expect(sheet!.rows[2]).toEqual(['1-1-102', '李娜', { problem: 'error', text: '#REF!' }, null, { problem: 'formula', text: 'C3*2' }]);
    expect(sheet!.merges).toEqual([{ top: 4, left: 1, bottom: 4, right: 2, range: 'A4:B4' }]);
  });

  it('refuses a workbook that swells past the reader\'s memory, in both languages, and the desk goes on answering', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`${1 + (i % 30)}-1-${1000 + i}`, `业主${i}`, 80 + (i % 50), `备注文字${'很长'.repeat(20)}${i}`]);
    const file = await workbookFile(rows);
    const app = await createTestApp();
    const admin = await setupSite(app);
    // the same reader with a heap too small for this workbook: what a far bigger one does at the real cap
    const err = await parseXlsxApart(file, 'ledger.xlsx', { maxRows: 50_000, maxColumns: 100 }, 8).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const api = (err as AppError).toApiError();
    expect(api.code).toBe('import.bad_workbook');
    expect(api.message['zh-CN']).toContain('ledger.xlsx');
    expect(api.message['en-US']).toContain('ledger.xlsx');
    // the desk's own thread was never at risk
    expect((await ok(app, admin, 'settings.get', {})).site).toBeTruthy();
    // and at the real cap the same workbook reads whole
    const whole = await parseXlsxApart(file, 'ledger.xlsx', { maxRows: 50_000, maxColumns: 100 });
    expect('sheets' in whole && whole.sheets[0]!.rows.length).toBe(20_000);
  });
});
