import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, ok, refused, setupSite, snapshotStore, type TestApp } from '../helpers/app.js';
import { LEDGER_HEADER, ledgerRows, upload, xlsx } from '../helpers/ledger.js';
import { part, repeatedPart, unzip, zip, type ZipPart } from '../helpers/zip.js';

/**
 * Workbooks built to exhaust the desk: every part of the zip is counted — its declared
 * size and what it really unpacks to — before the Excel reader touches it, whatever its
 * path, and a refusal says in both languages what to do.
 */
let app: TestApp;
let rec: string;
let archivist: string;
let base: ZipPart[];

beforeAll(async () => {
  app = await createTestApp();
  const admin = await setupSite(app);
  rec = (await addStaff(app, admin, { username: 'rec', role: 'receptionist', displayName: '前台' })).token;
  archivist = (await addStaff(app, admin, { username: 'arc', role: 'archivist', displayName: '档案员' })).token;
  base = unzip(await xlsx([LEDGER_HEADER, ...ledgerRows(5)])).map((p) => part(p.name, p.data));
});
afterAll(cleanup);

const MB = 1024 * 1024;
const without = (name: string) => base.filter((p) => p.name !== name);

async function refusedInspect(bytes: Buffer, op: 'registry.import.inspect' | 'archives.importInspect' = 'registry.import.inspect') {
  const token = op === 'registry.import.inspect' ? rec : archivist;
  const uploadId = await upload(app, token, '台账.xlsx', bytes);
  const before = snapshotStore(app);
  const e = await refused(app, token, op, { uploadId });
  expect(snapshotStore(app)).toEqual(before);
  return e;
}

describe('a workbook is measured part by part before it is read', () => {
  it('still reads an honest workbook', async () => {
    const uploadId = await upload(app, rec, '台账.xlsx', zip(base));
    const ins = await ok(app, rec, 'registry.import.inspect', { uploadId });
    expect(ins.dataRows).toBe(5);
  });

  it('refuses a workbook whose theme part unpacks to tens of megabytes, though its sheets are small', async () => {
    const theme = await repeatedPart('xl/theme/theme1.xml', '<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><!--', 'padding ', 4 * MB, '--></a:theme>');
    const e = await refusedInspect(zip([...without('xl/theme/theme1.xml'), theme]));
    expect(e.code).toBe('import.workbook_unsafe');
    expect(e.message['zh-CN']).toContain('另存为');
    expect(e.message['en-US']).toContain('Nothing was changed');
  });

  it('refuses a part that unpacks to more than the zip declares', async () => {
    const sheet = base.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const liar = await repeatedPart('xl/styles.xml', '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!--', 'x', 3 * MB, '--></styleSheet>');
    liar.declared = 4096;
    const e = await refusedInspect(zip([...without('xl/styles.xml'), liar]));
    expect(e.code).toBe('import.workbook_unsafe');
    // the sheet part is the same one an honest workbook has: only the lie is refused
    expect(sheet.size).toBeLessThan(64 * 1024);
  });

  it('counts a huge sheet at an odd path the reader still picks up', async () => {
    const odd = await repeatedPart('x/xl/worksheets/sheet2.xml',
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', '        ', 11 * MB, '</sheetData></worksheet>');
    const e = await refusedInspect(zip([...base, odd]));
    expect(e.code).toBe('import.workbook_too_big');
    expect(e.message['en-US']).toContain('Nothing was changed');
    // the same guard stands in front of every import that reads Excel
    expect((await refusedInspect(zip([...base, odd]), 'archives.importInspect')).code).toBe('import.workbook_too_big');
  });

  it('refuses a sheet of a million rows by counting them while it is measured', async () => {
    const rows = await repeatedPart('xl/worksheets/sheet1.xml',
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', '<row><c><v>1</v></c></row>', 1_000_000, '</sheetData></worksheet>');
    const e = await refusedInspect(zip([...without('xl/worksheets/sheet1.xml'), rows]));
    expect(e.code).toBe('import.too_many_rows');
    expect(e.message['zh-CN']).toContain('1000000');
  });
});
