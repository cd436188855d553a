/**
 * Bank direct debit (银行托收) against real stores and real .xlsx files: agreements with
 * checked, masked accounts; a month's batch frozen and exported for the bank; the bank's
 * results imported through the till's payment rules, all of the file or none of it.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebitImportResult } from '../../db/fees/debit/results-ops.js';
import type { DebitSheetResult } from '../../db/fees/debit/sheet.js';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { download, readBack, runJob, upload } from '../helpers/ledger.js';
import { feeSite, openLinesFromScratch, type FeeSite } from './fees-fixture.js';

afterEach(cleanup);

/** valid UnionPay-style card numbers (their last digit is the Luhn check digit) */
const CARD = '6222021234567890128';
const CARD2 = '6217000010001234569';

async function debitSite() {
  const s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
  const a101 = await ok(s.app, s.cashier.token, 'fees.debit.register', {
    roomId: s.rooms.r101, bank: '中国工商银行杭州滨江支行', holder: '张伟', account: '6222 0212 3456 7890 128', validFrom: '2026-11',
  });
  const a102 = await ok(s.app, s.cashier.token, 'fees.debit.register', {
    roomId: s.rooms.r102, bank: '中国建设银行', holder: '李娜', account: CARD2, validFrom: '2026-12', validTo: '2027-12',
  });
  return { ...s, a101: a101.id, a102: a102.id };
}

const owedOf = (s: FeeSite, roomId: string) => rows<{ n: number }>(s.app, 'SELECT COALESCE(sum(owed), 0) AS n FROM bill_open WHERE room_id = ?', roomId)[0]!.n;

async function batchSheet(s: FeeSite, batchId: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const st = await runJob(s.app, s.cashier.token, 'fees.debit.export', { batchId, locale });
  expect(st.state).toBe('done');
  const file = await download(s.app, s.cashier.token, (st.result as DebitSheetResult).fileId);
  return { name: file.name, rows: (await readBack(file.bytes))[0]!.rows };
}

/** The bank's returned sheet: the exported rows with the result and reason columns filled in. */
async function resultsFile(sheet: unknown[][], results: Record<string, [string, string?]>, edit?: (row: unknown[]) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回盘');
  ws.addRow(sheet[0] as ExcelJS.CellValue[]);
  for (const r of sheet.slice(1)) {
    const res = results[String(r[0])];
    if (!res) continue;
    const row = [...r];
    row[6] = res[0];
    row[7] = res[1] ?? '';
    edit?.(row);
    ws.addRow(row as ExcelJS.CellValue[]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importResults(s: FeeSite, batchId: string, bytes: Buffer): Promise<DebitImportResult> {
  const uploadId = await upload(s.app, s.cashier.token, '回盘.xlsx', bytes);
  return ok(s.app, s.cashier.token, 'fees.debit.import', { batchId, uploadId });
}

describe('debit agreements', () => {
  it('refuses an account that is not digits, of a wrong length or with a wrong check digit, bilingually, and writes nothing', async () => {
    const s = await feeSite();
    const before = snapshotStore(s.app);
    const reg = (account: string) => refused(s.app, s.cashier.token, 'fees.debit.register', {
      roomId: s.rooms.r101, bank: '中国银行', holder: '张伟', account, validFrom: '2026-12',
    });
    const notDigits = await reg('6222O21234567890128');
    expect(notDigits.code).toBe('fees.debit.account_not_digits');
    expect(notDigits.message['zh-CN']).toContain('数字');
    expect(notDigits.message['en-US']).toContain('digits only');
    expect((await reg('62220212345')).params).toEqual({ length: 11 });
    expect((await reg('62220212345678901234567890')).code).toBe('fees.debit.account_length');
    const check = await reg('6222021234567890127');
    expect(check.code).toBe('fees.debit.account_check_digit');
    expect(check.message['en-US']).toContain('check digit');
    const backwards = { roomId: s.rooms.r101, bank: '中国银行', holder: '张伟', account: CARD, validFrom: '2026-12', validTo: '2026-11' };
    expect((await refused(s.app, s.cashier.token, 'fees.debit.register', backwards)).code)
      .toBe('fees.debit.valid_to_before');
    expect(snapshotStore(s.app)).toEqual(before);
    // a passbook account (not 16–19 digits) has no check digit: its length is enough
    await ok(s.app, s.cashier.token, 'fees.debit.register', {
      roomId: s.rooms.r101, bank: '杭州银行', holder: '张伟', account: '330100123456789012345', validFrom: '2026-12',
    });
  });

  it('keeps the account whole in the store but masked in every list, and ends an agreement with who, when and why, never deleting it', async () => {
    const s = await debitSite();
    expect(rows(s.app, 'SELECT account FROM debit_agreement WHERE id = ?', s.a101)).toEqual([{ account: CARD }]);
    const list = await ok(s.app, s.receptionist.token, 'fees.debit.agreements', {});
    expect(list.map((a) => [a.room, a.account, a.validFrom, a.validTo])).toEqual([
      ['1-1-101', '6222 **** **** 0128', '2026-11', null], ['1-1-102', '6217 **** **** 4569', '2026-12', '2027-12'],
    ]);
    expect(JSON.stringify(list)).not.toContain(CARD);
    // the audit trail shows the registration with the account masked too
    const trail = await ok(s.app, s.admin, 'audit.list', { table: 'debit_agreement' });
    expect(trail.map((r) => (JSON.parse(r.after!) as { account: string }).account)).toEqual(['6217 **** **** 4569', '6222 **** **** 0128']);
    expect(JSON.stringify(trail)).not.toContain(CARD);
    const overlap = await refused(s.app, s.cashier.token, 'fees.debit.register', {
      roomId: s.rooms.r101, bank: '中国银行', holder: '张伟', account: CARD2, validFrom: '2027-01',
    });
    expect(overlap.code).toBe('fees.debit.overlap');
    expect((await refused(s.app, s.cashier.token, 'fees.debit.end', { id: s.a101, reason: 'x' })).code).toBe('api.invalid_input');
    await ok(s.app, s.cashier.token, 'fees.debit.end', { id: s.a101, reason: '业主改用微信缴费' });
    expect((await refused(s.app, s.cashier.token, 'fees.debit.end', { id: s.a101, reason: '再次终止' })).code).toBe('fees.debit.already_ended');
    expect((await ok(s.app, s.cashier.token, 'fees.debit.agreements', {})).map((a) => a.room)).toEqual(['1-1-102']);
    const room = await ok(s.app, s.cashier.token, 'fees.debit.roomDebits', { roomId: s.rooms.r101 });
    expect(room.agreements).toMatchObject([{ ended: true, endReason: '业主改用微信缴费', endedBy: '钱敏', account: '6222 **** **** 0128' }]);
    expect(() => s.app.store.raw.exec(`DELETE FROM debit_agreement WHERE id = '${s.a101}'`)).toThrow(/append-only/);
    // ended, the room may sign a new one with another bank
    await ok(s.app, s.cashier.token, 'fees.debit.register', { roomId: s.rooms.r101, bank: '中国银行', holder: '张伟', account: CARD2, validFrom: '2027-01' });
  });
});

describe('a month\'s debit batch', () => {
  it('freezes one line per room with an agreement valid that month and open bills, numbered, and exports it for the bank with the full account', async () => {
    const s = await debitSite();
    await ok(s.app, s.cashier.token, 'fees.debit.register', { roomId: s.rooms.r201, bank: '中国银行', holder: '陈静', account: CARD, validFrom: '2027-01' });
    const b = await ok(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' });
    const owed101 = owedOf(s, s.rooms.r101);
    expect(b).toMatchObject({ number: 'TS-202612-01', lines: 2 });
    const view = await ok(s.app, s.cashier.token, 'fees.debit.batch', { id: b.id });
    // the rooms with an agreement in force in December are debited for all they owe (November's too); 2-1-201's starts in January
    expect(view.lines.map((l) => [l.reference, l.room, l.account, l.amount, l.bills])).toEqual([
      ['TS-202612-01-0001', '1-1-101', '6222 **** **** 0128', owed101, 4],
      ['TS-202612-01-0002', '1-1-102', '6217 **** **** 4569', owedOf(s, s.rooms.r102), 2],
    ]);
    expect(b.total).toBe(owed101 + owedOf(s, s.rooms.r102));
    const sheet = await batchSheet(s, b.id);
    expect(sheet.name).toBe('托收清单-TS-202612-01.xlsx');
    expect(sheet.rows[0]).toEqual(['批次行号', '房号', '户名', '开户行', '账号', '金额（元）', '扣款结果', '失败原因']);
    expect(sheet.rows[1]!.slice(0, 6)).toEqual(['TS-202612-01-0001', '1-1-101', '张伟', '中国工商银行杭州滨江支行', CARD, owed101 / 100]);
    // the same rooms are not asked for again while their lines await the bank's answer
    expect((await refused(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' })).code).toBe('fees.debit.nothing_to_debit');
    expect(() => s.app.store.raw.exec(`UPDATE debit_batch_line SET amount = 1 WHERE batch_id = '${b.id}'`)).toThrow(/append-only/);
  });
});

describe('the bank\'s results', () => {
  it('turns each success into a numbered bank receipt through the till\'s rules, keeps each failure with its reason, and pays nothing twice', async () => {
    const s = await debitSite();
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 500, methods: [{ method: 'cash', amount: 500 }] });
    const b = await ok(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' });
    const sheet = await batchSheet(s, b.id);
    const owed101 = owedOf(s, s.rooms.r101);
    const owed102 = owedOf(s, s.rooms.r102);
    const file = await resultsFile(sheet.rows, { 'TS-202612-01-0001': ['成功'], 'TS-202612-01-0002': ['失败', '余额不足'] });
    const r = await importResults(s, b.id, file);
    expect(r).toMatchObject({ applied: true, counts: { paid: 1, failed: 1, already: 0, errors: 0 }, collected: owed101 });
    expect(r.rows.map((x) => [x.row, x.status, x.receipt?.number ?? null])).toEqual([[2, 'pay', 'SJ-2026-000002'], [3, 'fail', null]]);
    expect(owedOf(s, s.rooms.r101)).toBe(0);
    expect(owedOf(s, s.rooms.r102)).toBe(owed102);
    const receipt = await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.rows[0]!.receipt!.id });
    expect(receipt.methods).toEqual([{ method: 'bank', amount: owed101, reference: 'TS-202612-01-0001' }]);
    expect((await ok(s.app, s.receptionist.token, 'fees.findReceipts', { q: 'TS-202612-01-0001' })).map((f) => f.number)).toEqual(['SJ-2026-000002']);
    expect(rows(s.app, 'SELECT outcome, reason FROM debit_result ORDER BY outcome DESC')).toEqual([
      { outcome: 'success', reason: '' }, { outcome: 'failure', reason: '余额不足' },
    ]);
    const { derived, scratch } = openLinesFromScratch(s.app);
    expect(derived).toEqual(scratch);

    // the same file again: every line already recorded, nothing paid twice
    const before = snapshotStore(s.app);
    const again = await importResults(s, b.id, file);
    expect(again).toMatchObject({ applied: true, counts: { paid: 0, failed: 0, already: 2, errors: 0 }, collected: 0 });
    expect(snapshotStore(s.app)).toEqual(before);
    const batches = await ok(s.app, s.cashier.token, 'fees.debit.batches', {});
    expect(batches[0]).toMatchObject({ number: 'TS-202612-01', succeeded: 1, failed: 1, collected: owed101 });
    // a second batch of the month asks the bank again for the room whose debit failed
    const next = await ok(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' });
    expect(next).toMatchObject({ number: 'TS-202612-02', lines: 1, total: owed102 });
  });

  it('refuses the whole file, row by row, for an unknown line, a changed amount, another room, a result not understood, '
    + 'or bills paid at the till meanwhile', async () => {
    const s = await debitSite();
    const b = await ok(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' });
    const sheet = await batchSheet(s, b.id, 'en-US');
    expect(sheet.rows[0]![0]).toBe('Line reference');
    // 1-1-102 pays its December bill at the till while the batch is at the bank
    const line102 = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 })).lines;
    await ok(s.app, s.cashier.token, 'fees.pay', {
      roomId: s.rooms.r102, lines: line102.map((l) => ({ billId: l.id, amount: l.owed })),
      methods: [{ method: 'cash', amount: line102.reduce((a, l) => a + l.owed, 0) }],
    });
    const before = snapshotStore(s.app);
    const rows2 = [...sheet.rows, ['TS-202612-01-0099', '2-1-201', '陈静', '中国银行', CARD, 15, null, null]];
    const file = await resultsFile(rows2, { 'TS-202612-01-0001': ['成功'], 'TS-202612-01-0002': ['succeeded'], 'TS-202612-01-0099': ['成功'] }, (row) => {
      if (row[0] === 'TS-202612-01-0001') row[5] = (row[5] as number) + 1;
    });
    const r = await importResults(s, b.id, file);
    expect(r.applied).toBe(false);
    expect(r.refusal?.code).toBe('fees.debit.refused_rows');
    expect(r.refusal?.message['zh-CN']).toContain('3 行');
    expect(r.rows.map((x) => [x.row, x.error?.code])).toEqual([
      [2, 'fees.debit.amount_differs'], [3, 'fees.debit.paid_meanwhile'], [4, 'fees.debit.unknown_line'],
    ]);
    expect(r.rows[1]!.error!.message['en-US']).toContain('paid at the till');
    expect(snapshotStore(s.app)).toEqual(before);

    const odd = await resultsFile(sheet.rows, { 'TS-202612-01-0001': ['待定'] }, (row) => { row[1] = '1-1-102'; });
    expect((await importResults(s, b.id, odd)).rows.map((x) => x.error?.code)).toEqual(['fees.debit.bad_result']);
    const moved = await resultsFile(sheet.rows, { 'TS-202612-01-0001': ['成功'] }, (row) => { row[1] = '1-1-102'; });
    expect((await importResults(s, b.id, moved)).rows.map((x) => x.error?.code)).toEqual(['fees.debit.room_differs']);
    expect(snapshotStore(s.app)).toEqual(before);

    // the rows corrected (1-1-102's returned by the bank and taken out): the rest imports, and a changed result is refused later
    const fixed = await resultsFile(sheet.rows, { 'TS-202612-01-0001': ['成功'] });
    expect((await importResults(s, b.id, fixed)).counts).toEqual({ paid: 1, failed: 0, already: 0, errors: 0 });
    const flipped = await resultsFile(sheet.rows, { 'TS-202612-01-0001': ['失败', '账户冻结'] });
    expect((await importResults(s, b.id, flipped)).rows.map((x) => x.error?.code)).toEqual(['fees.debit.result_changed']);
    expect(rows(s.app, "SELECT count(*) AS n FROM receipt_payment WHERE method = 'bank'")).toEqual([{ n: 1 }]);
  });

  it('pays once when two windows import the same results at the same moment', async () => {
    const s = await debitSite();
    const b = await ok(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' });
    const file = await resultsFile((await batchSheet(s, b.id)).rows, { 'TS-202612-01-0001': ['成功'], 'TS-202612-01-0002': ['成功'] });
    const [u1, u2] = [await upload(s.app, s.cashier.token, 'a.xlsx', file), await upload(s.app, s.cashier.token, 'b.xlsx', file)];
    const both = await Promise.all([u1, u2].map((uploadId) => ok(s.app, s.cashier.token, 'fees.debit.import', { batchId: b.id, uploadId })));
    expect(both.map((r) => r.counts.paid).sort()).toEqual([0, 2]);
    expect(both.map((r) => r.counts.already).sort()).toEqual([0, 2]);
    const bank = "SELECT r.seq FROM receipt r JOIN receipt_payment p ON p.receipt_id = r.id WHERE p.method = 'bank' ORDER BY r.seq";
    expect(rows(s.app, bank)).toEqual([{ seq: 1 }, { seq: 2 }]);
  });

  it('refuses a file with no reference and result columns, and a closed day takes no debit receipts', async () => {
    const s = await debitSite();
    const b = await ok(s.app, s.cashier.token, 'fees.debit.createBatch', { period: '2026-12' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['房号', '金额']);
    const uploadId = await upload(s.app, s.cashier.token, 'x.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await refused(s.app, s.cashier.token, 'fees.debit.import', { batchId: b.id, uploadId })).code).toBe('fees.debit.no_columns');
    const sheet = await batchSheet(s, b.id);
    await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    const before = snapshotStore(s.app);
    const file = await resultsFile(sheet.rows, { 'TS-202612-01-0001': ['失败', '户名不符'], 'TS-202612-01-0002': ['成功'] });
    const up = await upload(s.app, s.cashier.token, 'r.xlsx', file);
    expect((await refused(s.app, s.cashier.token, 'fees.debit.import', { batchId: b.id, uploadId: up })).code).toBe('fees.day_closed');
    expect(snapshotStore(s.app)).toEqual(before);
  });
});
