import { afterEach, describe, expect, it } from 'vitest';
import type { ValidateResult } from '../../db/registry/import/import.js';
import { addStaff, cleanup, createTestApp, ok, rows, setupSite } from '../helpers/app.js';
import { download, LEDGER_HEADER, ledgerRows, readBack, runJob, upload, xlsx, type LedgerRow } from '../helpers/ledger.js';

/**
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
 * carriage return) is written into every Excel export with a leading apostrophe, so it stays
 * text when opened, and also after the file is saved again as CSV and reopened. Importing
 * such an export gives back the text as it was.
 */
afterEach(cleanup);

const DANGER = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-3+cmd|\' /C calc\'!A0', '@SUM(1+1)', '\t=1+1', '\r=1+1'];

/** Every string cell of every sheet of a written workbook. */
async function stringCells(bytes: Buffer): Promise<string[]> {
  return (await readBack(bytes)).flatMap((s) => s.rows.flatMap((r) => (r ?? []).filter((c): c is string => typeof c === 'string')));
}

function expectInert(cells: string[], wanted: string[]) {
  for (const c of cells) expect(c, JSON.stringify(c)).not.toMatch(/^[=+\-@\t\r]/);
  for (const w of wanted) expect(cells, w).toContain(`'${w}`);
}

describe('exports never carry a runnable formula', () => {
  it('the archive catalogue', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const arc = (await addStaff(app, admin, { username: 'arc', role: 'archivist' })).token;
    await ok(app, arc, 'archives.index', { category: 3, cls: 4, department: '07', title: DANGER[0]!, year: 2026, form: 'paper', remarks: DANGER[3]!, cabinet: '-1' });
    const status = await runJob(app, arc, 'archives.export', { locale: 'zh-CN' });
    const file = await download(app, arc, (status.result as { fileId: string }).fileId);
    expectInert(await stringCells(file.bytes), [DANGER[0]!, DANGER[3]!, '-1']);
  });

  it('the registry export and the import error report, and the export imports back to the same text', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const rec = (await addStaff(app, admin, { username: 'rec', role: 'receptionist' })).token;
    const data: LedgerRow[] = [LEDGER_HEADER, ...ledgerRows(4)];
    data[1]![14] = DANGER[1]!;
    data[2]![14] = DANGER[2]!;
    data[3]![14] = DANGER[3]!;
    data[4]![4] = 'abc'; // a bad row, reported with its dangerous remark
    data[4]![14] = DANGER[0]!;
    const uploadId = await upload(app, rec, '台账.xlsx', await xlsx(data));
    const ins = await ok(app, rec, 'registry.import.inspect', { uploadId });
    const req = { uploadId, sheet: ins.sheet, headerRow: ins.headerRow, mapping: ins.suggestion };
    const v = (await runJob(app, rec, 'registry.import.validate', { ...req, locale: 'zh-CN' })).result as ValidateResult;
    expectInert(await stringCells((await download(app, rec, v.errorFile!.fileId)).bytes), [DANGER[0]!]);
    expect((await runJob(app, rec, 'registry.import.apply', req)).state).toBe('done');

    const exported = await runJob(app, rec, 'registry.export', { locale: 'zh-CN' });
    const bytes = (await download(app, rec, (exported.result as { fileId: string }).fileId)).bytes;
    expectInert(await stringCells(bytes), DANGER.slice(1, 4));

    // the export imported again on a fresh site gives back each remark exactly
    const other = await createTestApp();
    const admin2 = await setupSite(other);
    const rec2 = (await addStaff(other, admin2, { username: 'rec', role: 'receptionist' })).token;
    const up2 = await upload(other, rec2, '导出.xlsx', bytes);
    const ins2 = await ok(other, rec2, 'registry.import.inspect', { uploadId: up2 });
    expect((await runJob(other, rec2, 'registry.import.apply', { uploadId: up2, sheet: ins2.sheet, headerRow: ins2.headerRow, mapping: ins2.suggestion })).state).toBe('done');
    expect(rows(other, 'SELECT remarks FROM room ORDER BY code').map((r) => r.remarks)).toEqual(DANGER.slice(1, 4));
  });
});
