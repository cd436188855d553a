/**
 * Meter readings from Excel (抄表导入) against real stores and real .xlsx files written with
 * exceljs: the reading sheet exported and filled in re-imports as it is and bills the use;
 * every refusal of the one-room form is a per-row error here too; jumps are imported only
 * when confirmed (one by one or all); a re-import adds nothing and says why; a cancelled
 * import leaves nothing; files that are not reading sheets are refused with nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeterApplyResult, MeterValidateResult } from '../../db/fees/meter-import/import.js';
import { jobFinished, jobReached, type JobStatus } from '../../db/jobs/jobs.js';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { csv, download, LEDGER_HEADER, ledgerRows, readBack, runJob, upload, xlsx, type LedgerRow } from '../helpers/ledger.js';
import { feeSite, type FeeSite } from './fees-fixture.js';

afterEach(cleanup);

type Inspect = Awaited<ReturnType<typeof inspect>>;
let s: FeeSite;
let token: string;

async function inspect(name: string, bytes: Buffer) {
  const uploadId = await upload(s.app, token, name, bytes);
  const ins = await ok(s.app, token, 'fees.meters.inspect', { uploadId });
  return { ins, req: { uploadId, sheet: ins.sheet, headerRow: ins.headerRow, mapping: ins.suggestion } };
}
type Req = Inspect['req'] & { period?: string; readOn?: string; meter?: 'water' | 'electricity' | 'gas' };

async function validate(req: Req, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<MeterValidateResult> {
  const st = await runJob(s.app, token, 'fees.meters.validate', { ...req, locale });
  if (st.state !== 'done') throw new Error(`validate ${st.state}: ${st.error?.message['en-US']}`);
  return st.result as MeterValidateResult;
}

async function apply(req: Req, confirm?: { all?: boolean; rows?: number[] }): Promise<JobStatus> {
  return runJob(s.app, token, 'fees.meters.apply', { ...req, confirm: { all: confirm?.all ?? false, rows: confirm?.rows ?? [] } });
}

const codesOf = (v: MeterValidateResult) => Object.fromEntries(v.errors.map((e) => [e.row, e.reasons.map((r) => r.code)]));
const D = (day: string) => new Date(`${day}T00:00:00Z`);

beforeEach(async () => {
  s = await feeSite();
  token = s.cashier.token;
  const water = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '吨' })).id;
  const power = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'DF', name: '电费', kind: 'metered', meter: 'electricity', unit: '度' })).id;
  await ok(s.app, s.admin, 'fees.addRate', { itemId: water, validFrom: '2026-01', price: '3.45' });
  await ok(s.app, s.admin, 'fees.addRate', { itemId: power, validFrom: '2026-01', price: '0.6' });
  // 1-1-101's water meter: 100 → 110 (a usual use of 10 t); 1-1-102's: a baseline of 500
  const read = (roomId: string, meter: 'water' | 'electricity', period: string, reading: string) => ok(s.app, token, 'fees.reading', { roomId, meter, period, readOn: `${period}-25`, reading });
  await read(s.rooms.r101, 'water', '2026-10', '100');
  await read(s.rooms.r101, 'water', '2026-11', '110');
  await read(s.rooms.r102, 'water', '2026-11', '500');
});

describe('the reading sheet, exported and filled in', () => {
  async function filledSheet(): Promise<Buffer> {
    const { jobId } = await ok(s.app, token, 'fees.meters.export', { period: '2026-12', locale: 'zh-CN' });
    await jobFinished(s.app.store, jobId);
    const st = await ok(s.app, token, 'jobs.status', { jobId });
    expect(st.state).toBe('done');
    const file = await download(s.app, token, (st.result as { fileId: string }).fileId);
    expect(file.name).toBe('抄表单-2026-12.xlsx');
    const [sheet] = await readBack(file.bytes);
    expect(sheet!.rows).toEqual([
      ['房号', '表类', '账期', '上期账期', '上期读数', '本期读数', '抄表日期'],
      ['1-1-101', '水', '2026-12', '2026-11', 110],
      ['1-1-101', '电', '2026-12'],
      ['1-1-102', '水', '2026-12', '2026-11', 500],
      ['1-1-102', '电', '2026-12'],
      ['2-1-201', '水', '2026-12'],
      ['2-1-201', '电', '2026-12'],
    ]);
    // the reader fills in some meters and leaves the others blank
    const filled: LedgerRow[] = sheet!.rows.map((r) => [...r] as LedgerRow);
    const put = (i: number, reading: number) => {
      while (filled[i]!.length < 7) filled[i]!.push(null);
      filled[i]![5] = reading;
      filled[i]![6] = D('2026-11-30');
    };
    put(1, 125); // 15 t × 3.45 = 51.75
    put(3, 520.5); // 20.5 t × 3.45 = 70.725 → 70.73
    put(4, 1000); // first electricity reading: a baseline
    put(5, 30); // first water reading: a baseline
    return xlsx([{ name: '抄表单', rows: filled }]);
  }

  it('exports one meter only, in English, when asked', async () => {
    const st = await runJob(s.app, token, 'fees.meters.export', { period: '2026-12', meter: 'water', locale: 'en-US' });
    const file = await download(s.app, token, (st.result as { fileId: string }).fileId);
    expect(file.name).toBe('meter-readings-2026-12-water.xlsx');
    expect((await readBack(file.bytes))[0]!.rows).toEqual([
      ['Room code', 'Meter', 'Period', 'Last period', 'Last reading', 'New reading', 'Read on'],
      ['1-1-101', 'water', '2026-12', '2026-11', 110],
      ['1-1-102', 'water', '2026-12', '2026-11', 500],
      ['2-1-201', 'water', '2026-12'],
    ]);
    // its English headers are recognised as well
    expect((await inspect(file.name, file.bytes)).ins.suggestion).toEqual({ code: 1, meter: 2, period: 3, reading: 6, readOn: 7 });
  });

  it('re-imports as it is: the columns are recognised, the preview shows use and amount, and apply bills the use', async () => {
    const { ins, req } = await inspect('抄表单-2026-12.xlsx', await filledSheet());
    expect(ins.suggestion).toEqual({ code: 1, meter: 2, period: 3, reading: 6, readOn: 7 });
    expect(ins.periods).toEqual(['2026-12']);
    expect(ins.dataRows).toBe(6);

    const before = snapshotStore(s.app);
    const v = await validate(req);
    expect(snapshotStore(s.app)).toEqual(before); // validating writes nothing
    expect(v.counts).toMatchObject({ total: 6, bill: 2, baseline: 2, blank: 2, jump: 0, already: 0, error: 0 });
    expect(v.amount).toBe(5175 + 7073);
    expect(v.lines.map((l) => [l.row, l.code, l.meter, l.previous, l.reading, l.use, l.amount])).toEqual([
      [2, '1-1-101', 'water', 11000, 12500, 1500, 5175],
      [4, '1-1-102', 'water', 50000, 52050, 2050, 7073],
      [5, '1-1-102', 'electricity', 100000, 100000, 0, 0],
      [6, '2-1-201', 'water', 3000, 3000, 0, 0],
    ]);
    expect(v.errorFile).toBeNull();

    const done = await apply(req);
    expect(done.state).toBe('done');
    expect(done.result as MeterApplyResult).toMatchObject({ readings: 4, bills: 2, baselines: 2, confirmed: 0, amount: 12248 });
    const acct = await ok(s.app, token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    expect(acct.lines.filter((l) => l.itemCode === 'SF').map((l) => [l.period, l.quantity_centi, l.amount])).toEqual([['2026-11', 1000, 3450], ['2026-12', 1500, 5175]]);
    expect(rows(s.app, "SELECT count(*) AS n FROM meter_reading WHERE period = '2026-12'")).toEqual([{ n: 4 }]);
    // the change log names who imported, through which operation
    expect(rows(s.app, "SELECT DISTINCT operation FROM change_log WHERE table_name = 'meter_reading' AND operation LIKE 'fees.meters%'")).toEqual([{ operation: 'fees.meters.apply' }]);
  });

  it('a second import of the same file adds nothing and says the readings exist; a changed reading for the period is refused', async () => {
    const bytes = await filledSheet();
    const first = await inspect('抄表单.xlsx', bytes);
    expect((await apply(first.req)).state).toBe('done');
    const before = snapshotStore(s.app);

    const again = await inspect('抄表单.xlsx', bytes);
    const v = await validate(again.req, 'en-US');
    expect(v.counts).toMatchObject({ bill: 0, baseline: 0, already: 4, blank: 2, error: 0 });
    expect(v.already[0]!.reasons[0]!.message['zh-CN']).toBe('房号 1-1-101 的水表 2026-12 读数已录入（125.00），不再重复导入');
    expect(v.already[0]!.reasons[0]!.message['en-US']).toBe('room 1-1-101\'s water meter already has its 2026-12 reading (125.00); it is not imported again');
    const st = await apply(again.req);
    expect(st.state).toBe('failed');
    expect(st.error?.code).toBe('fees.meters.nothing_new');
    expect(st.error?.message['zh-CN']).toContain('4 行的读数已录入过');
    expect(snapshotStore(s.app)).toEqual(before);

    // the same period read again with another value: readings are never edited
    const [sheet] = await readBack(bytes);
    sheet!.rows[1]![5] = 130;
    const changed = await inspect('改过的抄表单.xlsx', await xlsx([{ name: '抄表单', rows: sheet!.rows as LedgerRow[] }]));
    const v2 = await validate(changed.req);
    expect(codesOf(v2)).toEqual({ 2: ['fees.reading_exists'] });
    expect(v2.counts.already).toBe(3);

    // last month's sheet imported again, after this month's: still "already", not "out of order"
    const old = await inspect('11月.xlsx', await xlsx([{ name: '抄表', rows: [['房号', '表类', '账期', '本期读数', '抄表日期'], ['1-1-101', '水', '2026-11', 110, D('2026-11-25')], ['1-1-102', '水', '2026-10', 400, D('2026-10-25')]] }]));
    const v3 = await validate(old.req);
    expect(v3.counts).toMatchObject({ already: 1, error: 1 });
    expect(codesOf(v3)).toEqual({ 3: ['fees.reading_order'] });
  });
});

describe('other ways of writing the sheet', () => {
  it('reads a GBK CSV with building / unit / room columns, text readings and dates, and the meter chosen in the dialog', async () => {
    const { ins, req } = await inspect('水表.csv', csv([
      ['楼栋', '单元', '房间号', '本月读数', '抄表时间'],
      ['1', '1', '101', ' 125.5 ', '2026/11/30'],
      ['2栋', '1单元', '201室', '8', '2026年11月30日'],
    ], 'gbk'));
    expect(ins.suggestion).toEqual({ building: 1, unit: 2, roomNo: 3, reading: 4, readOn: 5 });
    const full = { ...req, period: '2026-12', meter: 'water' as const };
    const v = await validate(full);
    expect(v.counts).toMatchObject({ bill: 1, baseline: 1, error: 0 });
    expect(v.lines.map((l) => [l.code, l.meter, l.period, l.readOn, l.reading, l.use])).toEqual([
      ['1-1-101', 'water', '2026-12', '2026-11-30', 12550, 1550], ['2-1-201', 'water', '2026-12', '2026-11-30', 800, 0],
    ]);
    expect(v.amount).toBe(5348); // 15.5 t × 3.45 = 53.475 → 53.48
  });
});

describe('refusals, row by row', () => {
  it('refuses each bad row with its reason in both languages, imports the good ones, and writes an error report', async () => {
    // gas is read but billed by no item: its second reading cannot be billed
    await ok(s.app, token, 'fees.reading', { roomId: s.rooms.r201, meter: 'gas', period: '2026-11', readOn: '2026-11-25', reading: '10' });
    const sheet: LedgerRow[] = [
      ['阳光花园 12 月抄表'],
      ['房号', '表类', '账期', '本期读数', '抄表日期'],
      ['1-1-101', '水', null, 105, D('2026-11-30')], // 3: lower than 110
      ['9-9-999', '水', null, 10, D('2026-11-30')], // 4: no such room
      ['一号楼', '水', null, 10, D('2026-11-30')], // 5: not a room code
      ['1-1-102', '气', null, '12.345', D('2026-11-30')], // 6: three decimals
      ['2-1-201', '暖气', null, 10, D('2026-11-30')], // 7: no such meter
      ['2-1-201', '电', null, 100, D('2026-12-15')], // 8: read in the future
      ['1-1-102', '电', null, 50, D('2026-11-30')], // 9: twice in the file …
      ['1-1-102', '电', null, 51, D('2026-11-30')], // 10: … with row 9
      ['1-1-102', '水', '2026-10', 600, D('2026-10-30')], // 11: before its last period
      ['2-1-201', '气', null, 20, D('2026-11-30')], // 12: no gas item or price
      ['2-1-201', '水', null, { formula: 'B2*2' }, D('2026-11-30')], // 13: a formula with no saved result
      ['1-1-101', '气', '2026-13', 10, D('2026-11-30')], // 14: no such month
      ['9-9-998', '电', null, 10, '下周'], // 15: not a date
      ['1-1-101', '电', null, 10, null], // 16: good, with the dialog's date: a baseline
    ];
    const { ins, req } = await inspect('12月抄表.xlsx', await xlsx([{ name: '抄表', rows: sheet }]));
    expect(ins.headerRow).toBe(2);
    expect(ins.suggestion).toEqual({ code: 1, meter: 2, period: 3, reading: 4, readOn: 5 });
    const full = { ...req, period: '2026-12', readOn: '2026-11-30' };
    const before = snapshotStore(s.app);
    const v = await validate(full, 'en-US');
    expect(codesOf(v)).toEqual({
      3: ['fees.reading_lower'],
      4: ['fees.meters.row.unknown_room'],
      5: ['import.row.bad_room_code'],
      6: ['fees.meters.row.bad_reading'],
      7: ['fees.meters.row.bad_meter'],
      8: ['fees.reading_future'],
      9: ['fees.meters.row.duplicate'],
      10: ['fees.meters.row.duplicate'],
      11: ['fees.reading_order'],
      12: ['fees.no_meter_item'],
      13: ['import.row.formula_no_value'],
      14: ['fees.meters.row.bad_period'],
      15: ['fees.meters.row.bad_date'],
    });
    const msg = (row: number) => v.errors.find((e) => e.row === row)!.reasons[0]!.message;
    expect(msg(3)['zh-CN']).toBe('读数 105.00 低于上次读数 110.00：表不会倒走，请核对。未做任何改动。');
    expect(msg(3)['en-US']).toContain('below the last reading 110.00');
    expect(msg(9)['zh-CN']).toBe('房号 1-1-102 的电表在文件中出现了不止一次（第 9, 10 行），无法确定哪个读数正确');
    expect(msg(4)['en-US']).toBe('room 9-9-999 is not in the registry');
    expect(v.counts).toMatchObject({ total: 14, baseline: 1, error: 13 });
    expect(snapshotStore(s.app)).toEqual(before);

    const report = await download(s.app, token, v.errorFile!.fileId);
    expect(report.name).toBe('12月抄表-errors.xlsx');
    const [errs] = await readBack(report.bytes);
    expect(errs!.rows[0]).toEqual(['Row', '房号', '表类', '账期', '本期读数', '抄表日期', 'Reason']);
    expect(errs!.rows).toHaveLength(14);
    expect(errs!.rows[1]![0]).toBe(3);
    expect(String(errs!.rows[1]![6])).toContain('below the last reading');

    const done = await runJob(s.app, token, 'fees.meters.apply', { ...full, expected: 1, confirm: { all: false, rows: [] } });
    expect(done.result as MeterApplyResult).toMatchObject({ readings: 1, baselines: 1, bills: 0 });
    expect(rows(s.app, "SELECT meter, period, read_on, reading_centi FROM meter_reading WHERE room_id = ? AND meter = 'electricity'", s.rooms.r101)).toEqual([{ meter: 'electricity', period: '2026-12', read_on: '2026-11-30', reading_centi: 1000 }]);
  });
});

describe('jumps', () => {
  it('imports a jump only once confirmed: one by one, or all at once', async () => {
    const sheet: LedgerRow[] = [
      ['房号', '表类', '本期读数'],
      ['1-1-101', '水', 1110], // 1,000 t where 10 is usual
      ['1-1-102', '水', 2600], // 2,100 t on a meter with only a baseline: over the 1,000 floor
      ['2-1-201', '水', 7], // a baseline, no confirmation needed
    ];
    const { req } = await inspect('jumps.xlsx', await xlsx([{ name: '抄表', rows: sheet }]));
    const full = { ...req, period: '2026-12', readOn: '2026-11-30' };
    const v = await validate(full);
    expect(v.counts).toMatchObject({ jump: 2, baseline: 1, error: 0 });
    expect(v.jumps.map((j) => [j.row, j.code, j.use, j.usual, j.amount])).toEqual([[2, '1-1-101', 100000, 1000, 345000], [3, '1-1-102', 210000, 0, 724500]]);
    expect(v.errorFile).not.toBeNull(); // the unconfirmed jumps are in the report, to be checked

    const one = await apply(full, { rows: [2] });
    expect(one.result as MeterApplyResult).toMatchObject({ readings: 2, confirmed: 1, bills: 1, amount: 345000 });
    expect(rows(s.app, "SELECT r.code, m.confirmed_jump FROM meter_reading m JOIN room r ON r.id = m.room_id WHERE m.period = '2026-12' ORDER BY r.code")).toEqual([
      { code: '1-1-101', confirmed_jump: 1 }, { code: '2-1-201', confirmed_jump: 0 },
    ]);
    const rest = await apply(full, { all: true });
    expect(rest.result as MeterApplyResult).toMatchObject({ readings: 1, confirmed: 1, counts: { already: 2, jump: 1 } });
    expect(rows(s.app, "SELECT count(*) AS n FROM bill WHERE source = 'meter' AND period = '2026-12'")).toEqual([{ n: 2 }]);
  });

  it('refuses to import when the store changed since the check, rather than write another set of rows', async () => {
    const { req } = await inspect('jumps.xlsx', await xlsx([{ name: '抄表', rows: [['房号', '表类', '本期读数'], ['1-1-101', '水', 1110], ['2-1-201', '水', 7]] }]));
    const full = { ...req, period: '2026-12', readOn: '2026-11-30' };
    const v = await validate(full);
    expect(v.counts).toMatchObject({ jump: 1, baseline: 1 });
    // meanwhile 2-1-201's water meter is read at the desk, with another value
    await ok(s.app, token, 'fees.reading', { roomId: s.rooms.r201, meter: 'water', period: '2026-12', readOn: '2026-11-30', reading: '5' });
    const before = snapshotStore(s.app);
    const st = await runJob(s.app, token, 'fees.meters.apply', { ...full, expected: 2, confirm: { all: false, rows: [2] } });
    expect(st.error?.code).toBe('fees.meters.changed');
    expect(st.error?.message['en-US']).toContain('2 readings could be imported then, 1 now');
    expect(snapshotStore(s.app)).toEqual(before);
  });

  it('with no jump confirmed and nothing else to write, apply refuses and changes nothing', async () => {
    const { req } = await inspect('jump.xlsx', await xlsx([{ name: '抄表', rows: [['房号', '表类', '本期读数'], ['1-1-101', '水', 1110]] }]));
    const before = snapshotStore(s.app);
    const st = await apply({ ...req, period: '2026-12', readOn: '2026-11-30' });
    expect(st.error?.code).toBe('fees.meters.nothing_new');
    expect(snapshotStore(s.app)).toEqual(before);
  });
});

describe('cancel and bad files', () => {
  it('cancelling the apply while it writes leaves nothing: not one reading or bill', async () => {
    // 3,000 rooms through the registry's own import
    const rooms = await upload(s.app, s.supervisor.token, 'rooms.xlsx', await xlsx([LEDGER_HEADER, ...ledgerRows(3000, 4000)]));
    const ri = await ok(s.app, s.supervisor.token, 'registry.import.inspect', { uploadId: rooms });
    expect((await runJob(s.app, s.supervisor.token, 'registry.import.apply', { uploadId: rooms, sheet: ri.sheet, headerRow: ri.headerRow, mapping: ri.suggestion })).state).toBe('done');
    const codes = rows<{ code: string }>(s.app, "SELECT code FROM room WHERE code NOT IN ('1-1-101', '1-1-102', '2-1-201')").map((r) => r.code);
    expect(codes).toHaveLength(3000);
    const { req } = await inspect('big.xlsx', await xlsx([{ name: '抄表', rows: [['房号', '表类', '本期读数', '抄表日期'], ...codes.map((c, k) => [c, '水', 100 + k, D('2026-11-30')])] }]));
    const full = { ...req, period: '2026-12' };
    const before = snapshotStore(s.app);
    const { jobId } = await ok(s.app, token, 'fees.meters.apply', { ...full, confirm: { all: false, rows: [] } });
    await jobReached(s.app.store, jobId, (st) => st.phase === 'writing' && st.done >= 200);
    const seen: JobStatus = await ok(s.app, token, 'jobs.status', { jobId });
    expect(seen).toMatchObject({ state: 'running', phase: 'writing' });
    expect(seen.done).toBeLessThan(3000);
    await ok(s.app, token, 'jobs.cancel', { jobId });
    await jobFinished(s.app.store, jobId);
    expect(await ok(s.app, token, 'jobs.status', { jobId })).toMatchObject({ state: 'cancelled' });
    expect(snapshotStore(s.app)).toEqual(before);
    // and the whole file goes in when not cancelled
    expect((await apply(full)).result as MeterApplyResult).toMatchObject({ readings: 3000, baselines: 3000 });
  }, 60_000);

  it('refuses a file that is not a workbook, an empty one, and sheets missing the room, reading or period columns', async () => {
    const before = snapshotStore(s.app);
    const png = await upload(s.app, token, '抄表.xlsx', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    expect((await refused(s.app, token, 'fees.meters.inspect', { uploadId: png })).code).toBe('import.not_spreadsheet');
    const empty = await upload(s.app, token, '空.xlsx', await xlsx([{ name: '抄表', rows: [] }]));
    expect((await refused(s.app, token, 'fees.meters.inspect', { uploadId: empty })).code).toBe('import.empty_sheet');

    const noReading = await inspect('a.xlsx', await xlsx([{ name: 'a', rows: [['房号', '表类', '账期'], ['1-1-101', '水', '2026-12']] }]));
    expect(noReading.ins.suggestion.reading).toBeUndefined();
    expect((await refused(s.app, token, 'fees.meters.validate', { ...noReading.req, locale: 'zh-CN' })).code).toBe('fees.meters.no_reading_column');
    const noRoom = await inspect('b.xlsx', await xlsx([{ name: 'b', rows: [['业主', '表类', '本期读数'], ['张伟', '水', 120]] }]));
    expect((await refused(s.app, token, 'fees.meters.validate', { ...noRoom.req, period: '2026-12', locale: 'zh-CN' })).code).toBe('import.no_room_column');
    const noPeriod = await inspect('c.xlsx', await xlsx([{ name: 'c', rows: [['房号', '表类', '本期读数'], ['1-1-101', '水', 120]] }]));
    const e = await refused(s.app, token, 'fees.meters.apply', { ...noPeriod.req, confirm: { all: true, rows: [] } });
    expect(e.code).toBe('fees.meters.no_period');
    expect(e.message['en-US']).toContain('choose the period');
    expect(snapshotStore(s.app)).toEqual(before);
  });

  it('is a cashier\'s work: a receptionist may neither import nor export readings', async () => {
    const uploadId = await upload(s.app, s.receptionist.token, 'x.xlsx', await xlsx([{ name: 'x', rows: [['房号', '本期读数'], ['1-1-101', 1]] }]));
    expect((await refused(s.app, s.receptionist.token, 'fees.meters.inspect', { uploadId })).code).toBe('auth.forbidden');
    expect((await refused(s.app, s.receptionist.token, 'fees.meters.export', { period: '2026-12' })).code).toBe('auth.forbidden');
  });
});
