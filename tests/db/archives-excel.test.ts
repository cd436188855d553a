import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFinished } from '../../db/jobs/jobs.js';
import type { ImportResult } from '../../db/archives/excel.js';
import { addStaff, cleanup, createTestApp, ok, refused, setupSite, snapshotStore, type TestApp } from '../helpers/app.js';
import { download, upload } from '../helpers/ledger.js';

/** An existing Excel catalogue in (mapping, per-row errors, good rows filed), and the catalogue out to .xlsx. */
afterEach(cleanup);

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目录');
  ws.addRow(['滨江服务中心档案目录']); // a title row above the headers
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function desk() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const archivist = (await addStaff(app, admin, { username: 'zhao.dang', role: 'archivist' })).token;
  return { app, archivist };
}

/** Start the import job, wait for it, and return its result. */
async function imported(app: TestApp, token: string, uploadId: string, mapping: Record<string, number>) {
  const { jobId } = await ok(app, token, 'archives.importApply', { uploadId, mapping });
  await jobFinished(app.store, jobId);
  const status = await ok(app, token, 'jobs.status', { jobId });
  if (status.state !== 'done') throw new Error(`import ${status.state}: ${JSON.stringify(status.error)}`);
  return status.result as ImportResult;
}

const HEAD = ['档号', '案卷题名', '年度', '保管期限', '实物形式', '备注'];

describe('importing an Excel catalogue', () => {
  it('suggests the mapping, names each bad row, files the good ones keeping their own numbers', async () => {
    const { app, archivist } = await desk();
    await ok(app, archivist, 'archives.index', { category: 3, cls: 4, department: '07', title: '已有的一件', year: 2026, form: 'paper' }); // 3.4.07—1
    const bytes = await workbook([
      HEAD,
      ['3.4.07-12', '2019年消防演练通知', 2019, '30年', '纸质', '原件'],
      ['3.4.07', '2019年业主大会会议纪要', '2019年', '永久', '', ''],
      ['3.12.07-1', '不存在的分类', 2019, '10年', '纸质', ''],
      ['3.4.07-1', '号码已被占用', 2019, '10年', '纸质', ''],
      ['2.7.03-5', '电梯年检报告', 2020, '三十年', '光盘', ''],
      ['', '没有档号', 2020, '10', '纸质', ''],
    ]);
    const uploadId = await upload(app, archivist, '旧目录.xlsx', bytes);
    const seen = await ok(app, archivist, 'archives.importInspect', { uploadId });
    expect(seen.headerRow).toBe(2);
    expect(seen.dataRows).toBe(6);
    expect(seen.suggestion).toEqual({ code: 1, title: 2, year: 3, retention: 4, form: 5, remarks: 6 });

    const before = snapshotStore(app);
    const check = await ok(app, archivist, 'archives.importCheck', { uploadId, mapping: seen.suggestion });
    expect(snapshotStore(app)).toEqual(before); // checking writes nothing
    expect(check.good).toBe(2);
    expect(check.errors.map((e) => [e.row, e.errors.map((x) => x.code)])).toEqual([
      [5, ['archives.unknown_class']], [6, ['archives.duplicate_code']], [7, ['archives.row_bad_value']], [8, ['archives.row_missing']],
    ]);
    expect(check.errors[2]!.errors[0]!.message['zh-CN']).toBe('保管期限“三十年”无法识别');

    const done = await imported(app, archivist, uploadId, seen.suggestion);
    expect(done).toMatchObject({ imported: 2, first: '3.4.07—12', last: '3.4.07—13' });
    expect(done.errors).toHaveLength(4);
    const codes = (await ok(app, archivist, 'archives.search', { codePrefix: '3.4.07' })).map((r) => [r.ref_code, r.year, r.retention]);
    // 3.4.07—12 kept its number; the row without one took the next after it
    expect(codes).toEqual([['3.4.07—1', 2026, '30'], ['3.4.07—12', 2019, '30'], ['3.4.07—13', 2019, 'permanent']]);
  });

  it('refuses a mapping without the code and title columns', async () => {
    const { app, archivist } = await desk();
    const uploadId = await upload(app, archivist, 'x.xlsx', await workbook([HEAD, ['3.4.07', 't', 2020, '', '', '']]));
    expect((await refused(app, archivist, 'archives.importCheck', { uploadId, mapping: { title: 2 } })).code).toBe('archives.import_mapping');
  });
});

describe('exporting the catalogue', () => {
  it('writes the catalogue to .xlsx under the headers the import reads, and it imports back', async () => {
    const { app, archivist } = await desk();
    await ok(app, archivist, 'archives.index', { category: 3, cls: 4, department: '07', title: '关于消防演练的通知', year: 2026, form: 'paper', remarks: '原件' });
    await ok(app, archivist, 'archives.index', { category: 5, cls: 3, department: '05', title: '2026年记账凭证', year: 2026, form: 'paper' });
    const { jobId } = await ok(app, archivist, 'archives.export', { locale: 'zh-CN' });
    await jobFinished(app.store, jobId);
    const status = await ok(app, archivist, 'jobs.status', { jobId });
    expect(status.state).toBe('done');
    const result = status.result as { fileId: string; items: number; name: string };
    expect(result.items).toBe(2);
    const file = await download(app, archivist, result.fileId);
    expect(file.name).toMatch(/^档案目录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '档号', '题名', '年度', '产生日期', '保管期限', '实物形式', '页数/件数', '档案室', '柜', '架', '盒', '全宗号', '馆编件号', '备注']);
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(2).getCell(c).text)).toEqual(['3.4.07—1', '关于消防演练的通知', '2026', '', '30年', '纸质']);

    // into a second site's desk it goes as it came out
    const other = await desk();
    const uploadId = await upload(other.app, other.archivist, file.name, file.bytes);
    const seen = await ok(other.app, other.archivist, 'archives.importInspect', { uploadId });
    const back = await imported(other.app, other.archivist, uploadId, seen.suggestion);
    expect(back).toMatchObject({ imported: 2, errors: [] });
  });
});
