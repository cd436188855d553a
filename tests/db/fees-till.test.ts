/** The till as cashiers work it: payment references, a closed day reopened by a supervisor, a mid-day shift, and prints claimed once. */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, ok, refused, rows } from '../helpers/app.js';
import { feeSite, type FeeSite } from './fees-fixture.js';

afterEach(cleanup);

async function billed(): Promise<FeeSite & { lines: { id: string; owed: number }[] }> {
  const s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
  const lines = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 })).lines;
  return { ...s, lines };
}

const approval = (s: FeeSite) => ({ approverUsername: 'zhou.hong', approverPassword: s.supervisor.password });
type Method = { method: 'cash' | 'wechat' | 'alipay' | 'card'; reference?: string; referenceNote?: string };
const payLine = (s: FeeSite, line: { id: string; owed: number }, method: Method = { method: 'cash' }) =>
  ({ roomId: s.rooms.r101, lines: [{ billId: line.id, amount: line.owed }], methods: [{ ...method, amount: line.owed }] });

describe('payment references', () => {
  it('requires a reference where the site says so, keeps it, shows it on the receipt and the day report, and finds the receipt by it', async () => {
    const s = await billed();
    await ok(s.app, s.admin, 'settings.update', { settings: { referenceRequired: ['wechat'] } });
    const [a] = s.lines;
    const before = rows(s.app, 'SELECT count(*) AS n FROM receipt');
    expect((await refused(s.app, s.cashier.token, 'fees.pay', payLine(s, a!, { method: 'wechat' }))).code).toBe('fees.reference_required');
    expect((await refused(s.app, s.cashier.token, 'fees.pay', payLine(s, a!, { method: 'cash', reference: '123' }))).code).toBe('fees.reference_not_for');
    expect((await refused(s.app, s.cashier.token, 'fees.pay', payLine(s, a!, { method: 'wechat', reference: '42;DROP' }))).code).toBe('api.invalid_input');
    expect(rows(s.app, 'SELECT count(*) AS n FROM receipt')).toEqual(before);
    const r = await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, a!, { method: 'wechat', reference: '4200002981202612051234' }));
    const view = await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id });
    expect(view.methods).toEqual([{ method: 'wechat', amount: a!.owed, reference: '4200002981202612051234' }]);
    const day = await ok(s.app, s.cashier.token, 'fees.dayReport', {});
    expect(day.receipts[0]!.references).toEqual([{ method: 'wechat', reference: '4200002981202612051234', reference_note: '' }]);
    const found = await ok(s.app, s.receptionist.token, 'fees.findReceipts', { q: '4200002981202612051234' });
    expect(found.map((f) => f.number)).toEqual([r.number]);
    expect((await ok(s.app, s.receptionist.token, 'fees.findReceipts', { q: r.number.slice(-6) })).map((f) => f.id)).toEqual([r.id]);
  });

  it('warns of the same reference for the same method on the same day, and takes it with a reason kept beside it', async () => {
    const s = await billed();
    const [a, b] = s.lines;
    await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, a!, { method: 'alipay', reference: '2026120522001' }));
    const dup = await refused(s.app, s.cashier.token, 'fees.pay', payLine(s, b!, { method: 'alipay', reference: '2026120522001' }));
    expect(dup.code).toBe('fees.reference_duplicate');
    expect(dup.message['zh-CN']).toContain('SJ-2026-000001');
    // the same number under another method is another transaction
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r102, lines: [], prepay: 100, methods: [{ method: 'card', amount: 100, reference: '2026120522001' }] });
    await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, b!, { method: 'alipay', reference: '2026120522001', referenceNote: '业主分两次扫码，同一订单号' }));
    expect(rows(s.app, "SELECT reference_note FROM receipt_payment WHERE reference_note != ''")).toEqual([{ reference_note: '业主分两次扫码，同一订单号' }]);
  });
});

describe('the closed day at the till', () => {
  it('refuses payments after the close, is reopened by a supervisor with a reason, takes the late payment, and closes again', async () => {
    const s = await billed();
    const [a, b] = s.lines;
    await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, a!));
    await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    expect(await ok(s.app, s.cashier.token, 'fees.tillDay', {})).toMatchObject({ day: '2026-12-01', closed: { by: '钱敏' }, reopen: 'supervisor' });
    expect((await refused(s.app, s.cashier.token, 'fees.pay', payLine(s, b!))).code).toBe('fees.day_closed');
    expect((await refused(s.app, s.cashier.token, 'fees.reopenDay', { reason: '业主下班后来交费', approverUsername: 'qian.min', approverPassword: s.cashier.password })).code)
      .toBe('fees.not_approver');
    await ok(s.app, s.cashier.token, 'fees.reopenDay', { reason: '业主下班后来交费', ...approval(s) });
    expect((await ok(s.app, s.cashier.token, 'fees.tillDay', {})).closed).toBeNull();
    s.app.clock.advance(60_000);
    const late = await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, b!));
    s.app.clock.advance(60_000);
    const again = await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    expect(again.count).toBe(2);
    expect(again.lastNumber).toBe(late.number);
    expect(again.history.map((h) => [h.kind, h.reason, h.approver])).toEqual([['close', '', null], ['reopen', '业主下班后来交费', '周红'], ['close', '', null]]);
    expect((await refused(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r102, lines: [], prepay: 100, methods: [{ method: 'cash', amount: 100 }] })).code).toBe('fees.day_closed');
    expect(rows(s.app, "SELECT kind, operation FROM change_log WHERE table_name = 'day_reopening' ORDER BY seq")).toEqual([
      { kind: 'insert', operation: 'fees.reopenDay' }, { kind: 'insert', operation: 'fees.closeDay' },
    ]);
  });

  it('refuses to reopen where the site does not allow it, or a day that is not closed', async () => {
    const s = await billed();
    expect((await refused(s.app, s.cashier.token, 'fees.reopenDay', { reason: '晚到', ...approval(s) })).code).toBe('fees.reopen_not_closed');
    await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    await ok(s.app, s.admin, 'settings.update', { settings: { dayReopen: 'never' } });
    expect((await refused(s.app, s.cashier.token, 'fees.reopenDay', { reason: '晚到', ...approval(s) })).code).toBe('fees.reopen_not_allowed');
    expect(await ok(s.app, s.cashier.token, 'fees.tillDay', {})).toMatchObject({ reopen: 'never', closed: { by: '钱敏' } });
  });

  it('one close covers the day\'s shifts: a mid-day shift handover, a payment after it, and the close lists both and counts both', async () => {
    const s = await billed();
    const [a, b] = s.lines;
    await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, a!));
    s.app.clock.advance(600_000);
    const shift = await ok(s.app, s.cashier.token, 'handovers.startShift', { incomingId: s.supervisor.id, notes: '午班交接' });
    expect(shift.prefill.cash.first).toBe('SJ-2026-000001');
    await ok(s.app, s.supervisor.token, 'handovers.acknowledgeShift', { id: shift.id, username: 'zhou.hong', password: s.supervisor.password });
    s.app.clock.advance(600_000);
    await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, b!));
    const closed = await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    expect(closed.count).toBe(2);
    expect(closed.shifts.map((x) => [x.number, x.status, x.incoming])).toEqual([[shift.number, 'signed', '周红']]);
  });
});

describe('printing a receipt', () => {
  it('gives the original to one of two windows claiming it, and a print given back makes the next one the original again', async () => {
    const s = await billed();
    const r = await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, s.lines[0]!));
    const [first, second] = await Promise.all([
      ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'A5' }),
      ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'A5' }),
    ]);
    expect([first.copy, second.copy].sort()).toEqual([false, true]);
    // the later claim (the copy) did not come out: it is given back, and the original stays printed
    const copy = first.copy ? first : second;
    expect((await ok(s.app, s.cashier.token, 'fees.printUndone', { printId: copy.printId })).prints).toBe(1);
    const original = first.copy ? second : first;
    expect((await refused(s.app, s.cashier.token, 'fees.printUndone', { printId: original.printId })).code).toBe('fees.print_not_undoable');
  });

  it('a print dialog cancelled does not count: the next print is still the original', async () => {
    const s = await billed();
    const r = await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, s.lines[0]!));
    const p = await ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'A5' });
    expect(p.copy).toBe(false);
    expect((await ok(s.app, s.cashier.token, 'fees.printUndone', { printId: p.printId })).prints).toBe(0);
    expect((await refused(s.app, s.cashier.token, 'fees.printUndone', { printId: p.printId })).code).toBe('fees.print_not_undoable');
    expect((await ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'A5' })).copy).toBe(false);
  });

  it('a print claimed and given back leaves the till reading every room afresh: another window\'s charge shows at once', async () => {
    const s = await billed();
    const r = await ok(s.app, s.cashier.token, 'fees.pay', payLine(s, s.lines[0]!));
    const p = await ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'A5' });
    await ok(s.app, s.cashier.token, 'fees.printUndone', { printId: p.printId });
    const before = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 })).totalOwed;
    const other = await addStaff(s.app, s.admin, { username: 'sun.li', role: 'cashier', displayName: '孙丽' });
    const repair = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'WXF', name: '维修费', kind: 'oneoff' })).id;
    await ok(s.app, other.token, 'fees.charge', { roomId: s.rooms.r102, itemId: repair, amount: 12000 });
    const after = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 });
    expect(after.totalOwed).toBe(before + 12000);
    expect(after.lines.map((l) => l.itemName)).toContain('维修费');
  });
});
