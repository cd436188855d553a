import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../db/jobs/jobs.js';
import { jobFinished, jobReached } from '../../db/jobs/jobs.js';
import type { ApplyResult, InspectResult, ValidateResult } from '../../db/registry/import/import.js';
import { addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore, type TestApp, type TestStaff } from '../helpers/app.js';
import { csv, download, LEDGER_HEADER, ledgerRows, readBack, residentId, runJob, upload, xlsx, type LedgerRow } from '../helpers/ledger.js';

/**
 * The Excel import against real stores and real files made with exceljs: reading .xlsx and
 * .csv (UTF-8, BOM, GBK), every reason a row is refused, the error workbook, one
 * transaction for the whole import, re-importing changes nothing, cancel rolls back, bad
 * files are refused with nothing written, and only registry writers may import.
 */
type Req = { uploadId: string; sheet: string; headerRow: number; mapping: InspectResult['suggestion'] };

async function inspect(app: TestApp, token: string, name: string, bytes: Buffer): Promise<[InspectResult, Req]> {
  const uploadId = await upload(app, token, name, bytes);
  const ins = await ok(app, token, 'registry.import.inspect', { uploadId });
  return [ins, { uploadId, sheet: ins.sheet, headerRow: ins.headerRow, mapping: ins.suggestion }];
}

async function validate(app: TestApp, token: string, req: Req, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<ValidateResult> {
  const s = await runJob(app, token, 'registry.import.validate', { ...req, locale });
  if (s.state !== 'done') throw new Error(`validate ${s.state}: ${s.error?.message['en-US']}`);
  return s.result as ValidateResult;
}

async function apply(app: TestApp, token: string, req: Req): Promise<ApplyResult> {
  const s = await runJob(app, token, 'registry.import.apply', req);
  if (s.state !== 'done') throw new Error(`apply ${s.state}: ${s.error?.message['en-US']}`);
  return s.result as ApplyResult;
}

const codesOf = (v: ValidateResult) => Object.fromEntries(v.errors.map((e) => [e.row, e.reasons.map((r) => r.code)]));
const count = (app: TestApp, table: string) => rows<{ n: number }>(app, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

let app: TestApp;
let admin: string;
let rec: TestStaff;
let cashier: TestStaff;
let supervisor: TestStaff;

beforeEach(async () => {
  app = await createTestApp();
  admin = await setupSite(app);
  rec = await addStaff(app, admin, { username: 'rec', role: 'receptionist' });
  cashier = await addStaff(app, admin, { username: 'cash', role: 'cashier' });
  supervisor = await addStaff(app, admin, { username: 'sup', role: 'supervisor' });
});
afterAll(cleanup);

describe('reading a ledger', () => {
  it('finds the header under a title row, recognises the usual Chinese headers, and previews the rows', async () => {
    const data = ledgerRows(12);
    const [ins] = await inspect(app, rec.token, '阳光花园台账.xlsx', await xlsx([['阳光花园小区业主信息登记表'], [], LEDGER_HEADER, ...data]));
    expect(ins.file).toMatchObject({ name: '阳光花园台账.xlsx', format: 'xlsx', encoding: null });
    expect(ins.headerRow).toBe(3);
    expect(ins.sheets).toEqual([{ name: '业主台账', rows: 14, hidden: false }]);
    expect(ins.suggestion).toEqual({
      code: 1, building: 2, unit: 3, roomNo: 4, area: 5, usage: 6, state: 7, ownerName: 8, ownerPhone: 9,
      idType: 10, idNumber: 11, moveIn: 12, tenantName: 13, tenantPhone: 14, remarks: 15,
    });
    expect(ins.recognised).toBe(15);
    expect(ins.dataRows).toBe(12);
    expect(ins.preview).toHaveLength(8);
    expect(ins.preview[0]).toMatchObject({ row: 4 });
    expect(ins.preview[0]!.cells.slice(0, 5)).toEqual(['1-1-101', '1', '1', '101', '89.5']);
    expect(ins.preview[0]!.cells[11]).toBe('2019-01-01');
    expect(ins.columns[8]).toMatchObject({ letter: 'I', header: '联系电话', samples: ['13900000000', '13900000001', '13900000002'] });
    expect(ins.problems).toEqual([]);
    expect(ins.fields.map((f) => f.key)).toContain('tenantPhone');
  });

  it('recognises other ways of writing the headers, and a 房号 column holding full codes', async () => {
    const [a] = await inspect(app, rec.token, 'a.xlsx', await xlsx([['序号', '房号', '户主姓名', '手机号码', '房屋面积（平方米）', '身份证号码', '交房日期', '承租人', '承租人电话', '备注说明'], [1, '3-2-501', '王伟', '13800138000', 90, '', '', '', '', '']]));
    expect(a.suggestion).toEqual({ code: 2, ownerName: 3, ownerPhone: 4, area: 5, idNumber: 6, moveIn: 7, tenantName: 8, tenantPhone: 9, remarks: 10 });
    const [b] = await inspect(app, rec.token, 'b.xlsx', await xlsx([['栋号', '单元号', '房间号', '姓名', '联系电话'], ['3栋', '2单元', '501室', '王伟', '13800138000']]));
    expect(b.suggestion).toEqual({ building: 1, unit: 2, roomNo: 3, ownerName: 4, ownerPhone: 5 });
  });

  it('reads the same ledger from CSV in UTF-8, UTF-8 with BOM and GBK, and imports the Chinese names intact', async () => {
    const data = ledgerRows(30);
    const results: Record<string, [string | null, number]> = {};
    for (const enc of ['utf-8', 'utf-8-bom', 'gbk'] as const) {
      const [ins, req] = await inspect(app, rec.token, `台账-${enc}.csv`, csv([LEDGER_HEADER, ...data], enc));
      expect(ins.recognised, enc).toBe(15);
      expect(ins.headerRow).toBe(1);
      expect(ins.preview[0]!.cells[7], enc).toBe('王伟');
      const v = await validate(app, rec.token, req);
      expect(v.invalid, enc).toBe(0);
      results[enc] = [ins.file.encoding, v.valid];
    }
    expect(results).toEqual({ 'utf-8': ['utf-8', 30], 'utf-8-bom': ['utf-8', 30], gbk: ['gbk', 30] });

    const [, req] = await inspect(app, rec.token, '台账.csv', csv([LEDGER_HEADER, ...data], 'gbk'));
    const r = await apply(app, rec.token, req);
    expect(r.counts).toMatchObject({ rows: 30, roomsNew: 30, occupantsNew: 33 });
    expect(rows(app, "SELECT r.code, o.name, o.phone, o.id_number, o.move_in FROM occupant o JOIN room r ON r.id = o.room_id WHERE r.code = '1-1-101'"))
      .toEqual([{ code: '1-1-101', name: '王伟', phone: '13900000000', id_number: residentId(0), move_in: '2019-01-01' }]);
  });

  it('builds codes from separate 楼栋 / 单元 / 房号 columns written the way people write them', async () => {
    const [, req] = await inspect(app, rec.token, 'parts.xlsx', await xlsx([['楼栋', '单元', '房号', '业主', '电话'], ['3栋', '2单元', '501室', '王伟', '138 0013 8000 / 0571-88886666'], ['12号楼', 1, 1203, '李娜', '+86 139-0013-9000']]));
    const r = await apply(app, rec.token, req);
    expect(r.counts).toMatchObject({ buildingsNew: 2, unitsNew: 2, roomsNew: 2, occupantsNew: 2 });
    expect(rows(app, 'SELECT r.code, r.floor, o.phone, o.phone2 FROM room r JOIN occupant o ON o.room_id = r.id ORDER BY r.code')).toEqual([
      { code: '12-1-1203', floor: 12, phone: '13900139000', phone2: '' },
      { code: '3-2-501', floor: 5, phone: '13800138000', phone2: '057188886666' },
    ]);
    expect(rows(app, 'SELECT code, name FROM building ORDER BY code')).toEqual([{ code: '12', name: '12栋' }, { code: '3', name: '3栋' }]);
  });
});

describe('bad rows', () => {
  /** One row per reason, between good rows and empty rows; the row number each lands on is noted. */
  function badLedger(): { rows: LedgerRow[]; expected: Record<number, string[]> } {
    const good = ledgerRows(40);
    const row = (k: number, patch: Record<number, LedgerRow[number]>) => {
      const r = [...good[k]!];
      for (const [c, v] of Object.entries(patch)) r[Number(c)] = v;
      return r;
    };
    const list: [LedgerRow, string[]][] = [
      [good[0]!, []],
      [row(1, { 0: null, 1: null, 2: null, 3: null }), ['import.row.missing_room']],
      [row(2, { 0: '3-501', 1: null, 2: null, 3: null }), ['import.row.bad_room_code']],
      [row(3, { 0: good[0]![0]!, 7: '另一人' }), ['import.row.duplicate_room']],
      [row(4, { 4: '八十九平' }), ['import.row.bad_area']],
      [row(5, { 8: '1380013800' }), ['import.row.bad_phone']],
      [row(6, { 10: residentId(6, true) }), ['import.row.bad_id_number']],
      [row(7, { 10: 440305195001011234 }), ['import.row.id_as_number']],
      [row(8, { 5: '别墅' }), ['import.row.bad_usage']],
      [row(9, { 6: '待售' }), ['import.row.bad_state']],
      [row(10, { 11: '2020-13-45' }), ['import.row.bad_date']],
      [row(11, { 7: '长'.repeat(41) }), ['import.row.too_long']],
      [row(12, { 8: '13800138000/13900139000/13700137000' }), ['import.row.too_many_phones']],
      [row(13, { 7: null }), ['import.row.info_without_name']],
      [row(14, { 9: '驾驶证' }), ['import.row.bad_id_type']],
      [row(15, { 4: { formula: '1/0', result: { error: '#DIV/0!' } } }), ['import.row.formula_error']],
      [row(16, { 7: { formula: 'CONCATENATE("王","五")' } }), ['import.row.formula_no_value']],
      [row(17, { 4: { formula: '80+9.5', result: 89.5 } }), []], // a formula with its saved result: the result is used
      [[], []], // empty rows are skipped
      [[null, null, '  ', null], []],
      [row(18, { 8: '1380013800', 4: 'abc' }), ['import.row.bad_area', 'import.row.bad_phone']], // every reason of a row is listed
      [row(19, {}), []],
    ];
    const expected: Record<number, string[]> = {};
    list.forEach(([, reasons], i) => {
      if (reasons.length) expected[i + 2] = reasons; // header is row 1
    });
    return { rows: [LEDGER_HEADER, ...list.map(([r]) => r)], expected };
  }

  it('validation lists every bad row with its row number and reasons in both languages, and writes nothing', async () => {
    const { rows: data, expected } = badLedger();
    const before = snapshotStore(app);
    const [, req] = await inspect(app, rec.token, '台账.xlsx', await xlsx(data));
    const v = await validate(app, rec.token, req);
    expect(codesOf(v)).toEqual(expected);
    expect(v).toMatchObject({ total: 20, invalid: 17, valid: 3, empty: 2 });
    expect(v.counts).toMatchObject({ rows: 3, roomsNew: 3 });
    const byRow = Object.fromEntries(v.errors.map((e) => [e.row, e.reasons[0]!.message]));
    expect(byRow[3]!['zh-CN']).toBe('没有房号（房屋编号，或楼栋/单元/房号为空）');
    expect(byRow[4]!['zh-CN']).toBe('房号“3-501”不符合本站点的写法（楼栋-单元-房号，如 3-2-501）');
    expect(byRow[5]).toEqual({ 'zh-CN': '房号 1-1-101 与第 2 行重复', 'en-US': 'room 1-1-101 is already on row 2' });
    expect(byRow[6]!['zh-CN']).toBe('面积“八十九平”不是数字（最多两位小数）');
    expect(byRow[7]).toEqual({ 'zh-CN': '业主电话“1380013800”格式不对', 'en-US': 'owner phone "1380013800" is malformed' });
    expect(byRow[8]!['en-US']).toContain('fails its check');
    expect(byRow[9]!['zh-CN']).toContain('被 Excel 存成了数字');
    expect(byRow[17]!['zh-CN']).toBe('单元格 E17 的值是错误 #DIV/0!');
    expect(byRow[18]!['zh-CN']).toContain('单元格 H18 是公式');
    expect(snapshotStore(app)).toEqual(before);
  });

  it('the error workbook holds each bad row as it was, its row number first and the reasons last', async () => {
    const { rows: data, expected } = badLedger();
    const [, req] = await inspect(app, rec.token, '台账.xlsx', await xlsx(data));
    const v = await validate(app, rec.token, req);
    expect(v.errorFile?.name).toBe('台账-错误报告.xlsx');
    const { name, bytes } = await download(app, rec.token, v.errorFile!.fileId);
    expect(name).toBe('台账-错误报告.xlsx');
    const [sheet] = await readBack(bytes);
    expect(sheet!.name).toBe('错误行');
    expect(sheet!.rows[0]).toEqual(['原行号', ...LEDGER_HEADER, '错误原因']);
    expect(sheet!.rows.slice(1).map((r) => r[0])).toEqual(Object.keys(expected).map(Number));
    const bad = sheet!.rows.find((r) => r[0] === 6)!;
    expect(bad.slice(1, 5)).toEqual(data[5]!.slice(0, 4));
    expect(bad[5]).toBe('八十九平');
    expect(bad[16]).toBe('面积“八十九平”不是数字（最多两位小数）');
    const two = sheet!.rows.find((r) => r[0] === 22)!;
    expect(two[16]).toBe('面积“abc”不是数字（最多两位小数）；业主电话“1380013800”格式不对');
    expect(sheet!.rows.find((r) => r[0] === 17)![5]).toBe('#DIV/0!');

    // in English when asked
    const en = await validate(app, rec.token, req, 'en-US');
    const [enSheet] = await readBack((await download(app, rec.token, en.errorFile!.fileId)).bytes);
    expect(enSheet!.name).toBe('Errors');
    expect(enSheet!.rows[0]![16]).toBe('Reason');
    expect(enSheet!.rows.find((r) => r[0] === 6)![16]).toBe('area "八十九平" is not a number with at most two decimals');
  });

  it('import writes only the valid rows (a formula cell by its saved result), and the fixed error report then imports the rest', async () => {
    const { rows: data } = badLedger();
    const [, req] = await inspect(app, rec.token, '台账.xlsx', await xlsx(data));
    const v = await validate(app, rec.token, req);
    const r = await apply(app, rec.token, req);
    expect(r).toMatchObject({ total: 20, invalid: 17, empty: 2, counts: { rows: 3, roomsNew: 3, occupantsNew: 3 } });
    expect(rows(app, 'SELECT code, area_centi FROM room ORDER BY code')).toEqual([
      { code: '1-1-101', area_centi: 8950 },
      { code: '1-1-502', area_centi: 8950 }, // =80+9.5, by its saved result
      { code: '1-1-504', area_centi: 9450 },
    ]);

    // Fix two rows in the error report itself and import it: only those go in.
    const [sheet] = await readBack((await download(app, rec.token, v.errorFile!.fileId)).bytes);
    const fixed = sheet!.rows.map((r) => [...r]) as LedgerRow[];
    const row6 = fixed.find((r) => r[0] === 6)!;
    row6[5] = 93.5;
    const row7 = fixed.find((r) => r[0] === 7)!;
    row7[9] = '13800138005';
    const [ins2, req2] = await inspect(app, rec.token, '台账-错误报告.xlsx', await xlsx(fixed.filter((r) => r[0] === '原行号' || r === row6 || r === row7)));
    expect(ins2.suggestion.code).toBe(2);
    expect(ins2.suggestion.ownerName).toBe(9);
    const r2 = await apply(app, rec.token, req2);
    expect(r2.counts).toMatchObject({ rows: 2, roomsNew: 2 });
    expect(rows(app, "SELECT r.code, r.area_centi, o.phone FROM room r JOIN occupant o ON o.room_id = r.id WHERE r.code IN ('1-1-201', '1-1-202') ORDER BY r.code"))
      .toEqual([{ code: '1-1-201', area_centi: 9350, phone: '13900000004' }, { code: '1-1-202', area_centi: 9450, phone: '13800138005' }]);
    expect(count(app, 'room')).toBe(5);
  });
});

describe('applying', () => {
  it('writes all valid rows in one transaction, stamped with who imported them, and re-importing the same file changes nothing', async () => {
    const data = ledgerRows(120);
    const bytes = await xlsx([LEDGER_HEADER, ...data]);
    const [, req] = await inspect(app, rec.token, 'ledger.xlsx', bytes);
    const r = await apply(app, rec.token, req);
    expect(r.counts).toEqual({
      rows: 120, buildingsNew: 1, unitsNew: 2, roomsNew: 120, roomsChanged: 0, roomsUnchanged: 0, occupantsNew: 132, occupantsChanged: 0, occupantsUnchanged: 0,
    });
    expect(count(app, 'room')).toBe(120);
    expect(rows(app, "SELECT count(*) AS n FROM occupant WHERE kind = 'tenant'")).toEqual([{ n: 12 }]);
    expect(rows(app, "SELECT state, count(*) AS n FROM room GROUP BY state ORDER BY state")).toEqual([{ state: 'occupied', n: 108 }, { state: 'rented', n: 12 }]);
    // every change of the import: one operation, one actor, consecutive sequence numbers
    const log = rows<{ operation: string; actor_id: string; n: number; lo: number; hi: number }>(app,
      "SELECT operation, actor_id, count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM change_log WHERE table_name IN ('building', 'unit', 'room', 'occupant') GROUP BY operation, actor_id");
    expect(log).toEqual([{ operation: 'registry.import.apply', actor_id: rec.id, n: 1 + 2 + 120 + 132, lo: expect.any(Number), hi: expect.any(Number) }]);
    expect(log[0]!.hi - log[0]!.lo + 1).toBe(log[0]!.n);

    // The same file again: validation says nothing would change, and the store is byte for byte the same.
    const before = snapshotStore(app);
    const [, again] = await inspect(app, rec.token, 'ledger.xlsx', bytes);
    const v = await validate(app, rec.token, again);
    expect(v.counts).toMatchObject({ roomsNew: 0, roomsChanged: 0, roomsUnchanged: 120, occupantsNew: 0, occupantsChanged: 0, occupantsUnchanged: 132 });
    await apply(app, rec.token, again);
    expect(snapshotStore(app)).toEqual(before);
    // and as CSV, the same data in another format
    const [, asCsv] = await inspect(app, rec.token, 'ledger.csv', csv([LEDGER_HEADER, ...data], 'gbk'));
    await apply(app, rec.token, asCsv);
    expect(snapshotStore(app)).toEqual(before);
  });

  it('changes only what the file changes; a blank cell keeps what is there; a new name is added beside the current owner', async () => {
    const data = ledgerRows(10);
    const [, req] = await inspect(app, rec.token, 'v1.xlsx', await xlsx([LEDGER_HEADER, ...data]));
    await apply(app, rec.token, req);
    const seq = () => rows<{ s: number }>(app, 'SELECT max(seq) AS s FROM change_log')[0]!.s;
    const start = seq();

    const v2 = data.map((r) => [...r]);
    v2[0]![4] = 120.25; // area of 1-1-101
    v2[1]![8] = '13811112222'; // phone of 1-1-102's owner
    for (const r of v2.slice(2)) r[8] = null; // blank phones: kept
    v2[2]![7] = '新业主'; // 1-1-103 gets a second owner
    v2[2]![10] = null;
    const [, req2] = await inspect(app, rec.token, 'v2.xlsx', await xlsx([LEDGER_HEADER, ...v2]));
    const v = await validate(app, rec.token, req2);
    expect(v.counts).toMatchObject({ roomsChanged: 1, roomsUnchanged: 9, occupantsNew: 1, occupantsChanged: 1, occupantsUnchanged: 9 });
    expect(v.notes).toHaveLength(1);
    expect(v.notes[0]!.row).toBe(4);
    expect(v.notes[0]!.note.message['zh-CN']).toBe('1-1-103 已有业主张伟，将再登记一位业主“新业主”（不会迁出任何人）');
    await apply(app, rec.token, req2);
    const changes = rows(app, 'SELECT table_name, kind, after FROM change_log WHERE seq > ? ORDER BY seq', start);
    expect(changes.map((c) => `${c.table_name}.${c.kind}`)).toEqual(['room.update', 'occupant.update', 'occupant.insert']);
    expect(JSON.parse(changes[0]!.after as string)).toMatchObject({ code: '1-1-101', area_centi: 12025 });
    expect(JSON.parse(changes[1]!.after as string)).toMatchObject({ name: '李伟', phone: '13811112222' });
    expect(rows(app, "SELECT count(*) AS n FROM occupant WHERE phone != ''")).toEqual([{ n: 11 }]); // blank cells erased nothing
  });

  it('cancel during the import rolls the whole transaction back; status answers while it writes', async () => {
    const [, req] = await inspect(app, rec.token, 'big.xlsx', await xlsx([LEDGER_HEADER, ...ledgerRows(3000)]));
    await validate(app, rec.token, req); // the check is then reused: the job goes straight to writing
    const before = snapshotStore(app);
    const { jobId } = await ok(app, rec.token, 'registry.import.apply', req);
    await jobReached(app.store, jobId, (s) => s.phase === 'writing' && s.done >= 200);
    // Mid-transaction: rows are written but not committed, and the status still answered.
    const seen: JobStatus = await ok(app, rec.token, 'jobs.status', { jobId });
    expect(seen).toMatchObject({ state: 'running', phase: 'writing' });
    expect(seen.total).toBe(3000);
    expect(seen.done).toBeLessThan(3000);
    const cancelled = await ok(app, rec.token, 'jobs.cancel', { jobId });
    expect(cancelled.state).toBe('running'); // stops at its next checkpoint
    await jobFinished(app.store, jobId);
    expect(await ok(app, rec.token, 'jobs.status', { jobId })).toMatchObject({ state: 'cancelled' });
    expect(snapshotStore(app)).toEqual(before);
    expect(count(app, 'room')).toBe(0);
    // the desk carries on: the next call gets the store
    expect(await ok(app, rec.token, 'registry.search', { q: '1-1' })).toEqual([]);
    // another session cannot see or cancel it
    expect((await refused(app, supervisor.token, 'jobs.status', { jobId })).code).toBe('jobs.not_found');
  });

  it('a validation can be cancelled too', async () => {
    const [, req] = await inspect(app, rec.token, 'big.xlsx', await xlsx([LEDGER_HEADER, ...ledgerRows(3000)]));
    const { jobId } = await ok(app, rec.token, 'registry.import.validate', { ...req, locale: 'zh-CN' });
    await ok(app, rec.token, 'jobs.cancel', { jobId });
    await jobFinished(app.store, jobId);
    expect(await ok(app, rec.token, 'jobs.status', { jobId })).toMatchObject({ state: 'cancelled' });
  });
});

describe('bad files: a clear message and nothing written', () => {
  let before: Record<string, string>;
  beforeEach(() => {
    before = snapshotStore(app);
  });
  const refusedInspect = async (name: string, bytes: Buffer) => {
    const uploadId = await upload(app, rec.token, name, bytes);
    const e = await refused(app, rec.token, 'registry.import.inspect', { uploadId });
    expect(snapshotStore(app)).toEqual(before);
    return e;
  };

  it('a file that is not a spreadsheet at all', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ff3f0300050001ffa5f4c3b60000000049454e44ae426082', 'hex');
    const e = await refusedInspect('房屋照片.xlsx', png);
    expect(e.code).toBe('import.not_spreadsheet');
    expect(e.message['zh-CN']).toBe('文件“房屋照片.xlsx”不是电子表格：只能导入 Excel 工作簿（.xlsx）或 CSV 文件。未做任何改动。');
    expect((await refusedInspect('说明.pdf', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'))).code).toBe('import.not_spreadsheet');
    expect((await refusedInspect('通知.txt', Buffer.from('各位业主：\n本周六停水，请提前储水。\n物业服务中心\n'))).code).toBe('import.not_spreadsheet');
    const broken = (await xlsx([LEDGER_HEADER, ...ledgerRows(50)])).subarray(0, 3000);
    expect((await refusedInspect('坏文件.xlsx', broken)).code).toBe('import.bad_workbook');
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const old = await refusedInspect('台账.xls', xls);
    expect(old.code).toBe('import.old_xls');
    expect(old.message['zh-CN']).toContain('另存为 .xlsx');
    expect((await refusedInspect('导出.xls', Buffer.from('<html><body><table><tr><td>房号</td></tr></table></body></html>'))).code).toBe('import.html_table');
  });

  it('a workbook whose sheets would unpack past what one import can hold (or a zip bomb) is refused before it is read', async () => {
    const bytes = Buffer.from(await xlsx([LEDGER_HEADER, ...ledgerRows(5)]));
    // declare the sheet 100 MB unpacked in the zip's central directory (all the check reads)
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      const len = bytes.readUInt16LE(at + 28);
      if (bytes.subarray(at + 46, at + 46 + len).equals(name)) bytes.writeUInt32LE(100 * 1024 * 1024, at + 24);
    }
    const e = await refusedInspect('巨大.xlsx', bytes);
    expect(e.code).toBe('import.workbook_too_big');
    expect(e.message['zh-CN']).toContain('一次导入不了');
  });

  it('merged cells in the data are refused (a merged title above the header is fine)', async () => {
    const data = [['阳光花园业主台账'], LEDGER_HEADER, ...ledgerRows(10)];
    const [okIns] = await inspect(app, rec.token, 'title.xlsx', await xlsx([{ name: '台账', rows: data, merges: ['A1:O1'] }]));
    expect(okIns.problems).toEqual([]);

    const [ins, req] = await inspect(app, rec.token, 'merged.xlsx', await xlsx([{ name: '台账', rows: data, merges: ['A1:O1', 'B3:B7', 'C8:D8'] }]));
    expect(ins.problems.map((p) => p.code)).toEqual(['import.merged_cells']);
    expect(ins.problems[0]!.message['zh-CN']).toBe('工作表“台账”的数据区有 2 处合并单元格（B3:B7, C8:D8）。合并后只有第一格有值，其余行会缺数据：请取消合并、把值填到每一行后再导入。未做任何改动。');
    for (const op of ['registry.import.validate', 'registry.import.apply'] as const) {
      const s = await runJob(app, rec.token, op, { ...req, locale: 'zh-CN' });
      expect(s).toMatchObject({ state: 'failed', error: { code: 'import.merged_cells' } });
    }
    expect(snapshotStore(app)).toEqual(before);
  });

  it('headers that name nothing the registry knows: nothing is suggested, and validating or importing says which columns are needed', async () => {
    const [ins, req] = await inspect(app, rec.token, 'wrong.xlsx', await xlsx([['列1', '列2', '列3'], ['甲', '乙', '丙'], ['丁', '戊', '己']]));
    expect(ins.suggestion).toEqual({});
    expect(ins.recognised).toBe(0);
    expect(ins.headerRow).toBe(1);
    for (const op of ['registry.import.validate', 'registry.import.apply'] as const) {
      const e = await refused(app, rec.token, op, { ...req, locale: 'zh-CN' });
      expect(e.code).toBe('import.no_room_column');
      expect(e.message['zh-CN']).toBe('没有哪一列能确定房号：请把“房屋编号”，或“楼栋”、“单元”和“房号”对应到文件中的列（可能是表头写法不同，或选错了工作表）。未做任何改动。');
    }
    // a column mapped twice is refused too
    const twice = await refused(app, rec.token, 'registry.import.validate', { ...req, mapping: { code: 1, ownerName: 1 }, locale: 'zh-CN' });
    expect(twice.code).toBe('import.column_twice');
    expect(twice.message['zh-CN']).toBe('第 A 列同时对应了“房屋编号”和“业主姓名”，一列只能对应一项。');
    expect(snapshotStore(app)).toEqual(before);
  });

  it('an empty sheet, a file with only bad rows, and a 50 MB file', async () => {
    expect((await refusedInspect('empty.xlsx', await xlsx([{ name: 'Sheet1', rows: [] }]))).code).toBe('import.empty_sheet');
    const [, req] = await inspect(app, rec.token, 'allbad.xlsx', await xlsx([LEDGER_HEADER, ['', '', '', '', 'x']]));
    const s = await runJob(app, rec.token, 'registry.import.apply', req);
    expect(s).toMatchObject({ state: 'failed', error: { code: 'import.nothing_valid' } });
    expect((await refused(app, rec.token, 'files.beginUpload', { name: 'big.xlsx', size: 50 * 1024 * 1024, type: '' })).code).toBe('files.too_large');
    expect(snapshotStore(app)).toEqual(before);
  });
});

describe('who may import', () => {
  it('a cashier may look rooms up but not import; the refusal is recorded', async () => {
    const bytes = await xlsx([LEDGER_HEADER, ...ledgerRows(5)]);
    const uploadId = await upload(app, cashier.token, 'ledger.xlsx', bytes);
    const req = { uploadId, sheet: '业主台账', headerRow: 1, mapping: { code: 1 } };
    for (const [op, input] of [
      ['registry.import.inspect', { uploadId }],
      ['registry.import.validate', { ...req, locale: 'zh-CN' }],
      ['registry.import.apply', req],
    ] as const) {
      const e = await refused(app, cashier.token, op, input);
      expect(e.code, op).toBe('auth.forbidden');
      expect(e.message['zh-CN']).toBe('您的角色（收费员）无权执行此操作。');
    }
    expect(count(app, 'room')).toBe(0);
    expect(rows(app, "SELECT count(*) AS n FROM audit_event WHERE event = 'permission.denied'")).toEqual([{ n: 3 }]);
    // a supervisor may
    const [, sreq] = await inspect(app, supervisor.token, 'ledger.xlsx', bytes);
    await apply(app, supervisor.token, sreq);
    expect(count(app, 'room')).toBe(5);
  });

  it('without a session nothing is reachable', async () => {
    for (const op of ['registry.import.inspect', 'registry.import.apply', 'registry.export', 'jobs.status', 'files.downloadChunk']) {
      expect((await refused(app, null, op, {})).code, op).toBe('auth.no_session');
    }
  });
});
