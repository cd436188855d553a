/**
 * Taking payments: mixed methods, cash and change, partial payment, prepayment as credit,
 * gapless receipt numbers, two windows paying one line, voids with a supervisor signing in
 * on the spot, the day report and its close. Every refusal changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, login, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite, openLinesFromScratch, type FeeSite } from './fees-fixture.js';

afterEach(async () => {
  // whatever a test did, the derived open lines match what is owed from scratch
  if (s?.app.store.raw.open) {
    const { derived, scratch } = openLinesFromScratch(s.app);
    expect(derived).toEqual(scratch);
  }
  await cleanup();
});

let s: FeeSite;
beforeEach(async () => {
  s = await feeSite();
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
  await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
});

async function owed(roomId = s.rooms.r101) {
  return ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId });
}

describe('taking a payment', () => {
  it('pays all lines with WeChat and cash, gives change, and numbers the receipt SJ-2026-000001', async () => {
    const acct = await owed();
    const lines = acct.lines.map((l) => ({ billId: l.id, amount: l.owed }));
    const r = await ok(s.app, s.cashier.token, 'fees.pay', {
      roomId: s.rooms.r101, lines, payer: '张伟',
      methods: [{ method: 'wechat', amount: 40000 }, { method: 'cash', amount: 5066 }], tendered: 10000,
    });
    expect(r).toEqual({ id: expect.any(String), number: 'SJ-2026-000001', total: 45066, change: 4934 });
    expect((await owed()).lines).toEqual([]);
    const view = await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id });
    expect(view).toMatchObject({ number: 'SJ-2026-000001', roomCode: '1-1-101', payer: '张伟', total: 45066, capital: '肆佰伍拾元零陆角陆分', cashier: '钱敏', siteName: '杭州滨江服务中心' });
    expect(view.lines.map((l) => `${l.period} ${l.itemName} ${l.amount}`)).toEqual(['2026-11 垃圾清运费 1500', '2026-11 物业管理费 21033', '2026-12 垃圾清运费 1500', '2026-12 物业管理费 21033']);
    const second = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r102, lines: [{ billId: (await owed(s.rooms.r102)).lines[0]!.id, amount: 28200 }], methods: [{ method: 'alipay', amount: 28200 }] });
    expect(second.number).toBe('SJ-2026-000002');
  });

  it('takes part of a line, keeps the rest owed, and takes the rest later', async () => {
    const line = (await owed()).lines.find((l) => l.itemCode === 'WYF')!;
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: line.id, amount: 10000 }], methods: [{ method: 'card', amount: 10000 }] });
    const after = (await owed()).lines.find((l) => l.id === line.id)!;
    expect(after).toMatchObject({ paid: 10000, owed: 11033 });
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: line.id, amount: 11033 }], methods: [{ method: 'cash', amount: 11033 }] });
    expect((await owed()).lines.find((l) => l.id === line.id)).toBeUndefined();
  });

  it('keeps a prepayment as credit and lets it pay a later bill', async () => {
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [], prepay: 50000, methods: [{ method: 'bank', amount: 50000 }] });
    expect((await owed(s.rooms.r201)).credit).toBe(50000);
    const line = (await owed(s.rooms.r201)).lines[0]!;
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [{ billId: line.id, amount: line.owed }], methods: [{ method: 'credit', amount: line.owed }] });
    expect((await owed(s.rooms.r201)).credit).toBe(50000 - line.owed);
    const tooMuch = await refused(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: (await owed(s.rooms.r201)).lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'credit', amount: 999999 }] });
    expect(['fees.methods_mismatch', 'fees.credit_short']).toContain(tooMuch.code);
  });

  it('refuses bad payments clearly in both languages and changes nothing', async () => {
    const acct = await owed();
    const l = acct.lines[0]!;
    const before = snapshotStore(s.app);
    const cases: [unknown, string][] = [
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: -5 }], methods: [{ method: 'cash', amount: 1 }] }, 'api.invalid_input'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: 1.5 }], methods: [{ method: 'cash', amount: 1.5 }] }, 'api.invalid_input'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: 1e12 }], methods: [{ method: 'cash', amount: 1e12 }] }, 'api.invalid_input'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed + 1 }], methods: [{ method: 'cash', amount: l.owed + 1 }] }, 'fees.line_overpaid'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'cash', amount: l.owed - 1 }] }, 'fees.methods_mismatch'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'cash', amount: l.owed }], tendered: l.owed - 1 }, 'fees.tendered_short'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'wechat', amount: l.owed }], tendered: 100 }, 'fees.tendered_without_cash'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: 1 }, { billId: l.id, amount: 1 }], methods: [{ method: 'cash', amount: 2 }] }, 'fees.line_twice'],
      [{ roomId: s.rooms.r102, lines: [{ billId: l.id, amount: 1 }], methods: [{ method: 'cash', amount: 1 }] }, 'fees.line_not_room'],
      [{ roomId: s.rooms.r101, lines: [], methods: [{ method: 'cash', amount: 1 }] }, 'fees.nothing_to_pay'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: 2 }], methods: [{ method: 'cash', amount: 1 }, { method: 'cash', amount: 1 }] }, 'fees.method_twice'],
      [{ roomId: s.rooms.r101, lines: [{ billId: l.id, amount: 2 }], methods: [{ method: 'credit', amount: 2 }] }, 'fees.credit_short'],
    ];
    for (const [input, code] of cases) {
      const e = await refused(s.app, s.cashier.token, 'fees.pay', input);
      expect(e.code, JSON.stringify(input)).toBe(code);
      expect(e.message['zh-CN']).not.toMatch(/\{\w+\}/);
      expect(e.message['en-US']).not.toMatch(/\{\w+\}/);
    }
    expect(snapshotStore(s.app)).toEqual(before);
    // a receptionist looks up but does not collect
    expect((await refused(s.app, s.receptionist.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'cash', amount: l.owed }] })).code).toBe('auth.forbidden');
  });

  it('two windows paying the same line at once: exactly one succeeds, the other is refused', async () => {
    const second = await addStaff(s.app, s.admin, { username: 'sun.li', role: 'cashier' });
    const l = (await owed()).lines[0]!;
    const pay = (token: string) => s.app.call(token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'cash', amount: l.owed }] });
    const results = await Promise.all([pay(s.cashier.token), pay(second.token), pay(s.cashier.token)]);
    const oks = results.filter((r) => r.envelope.ok);
    expect(oks).toHaveLength(1);
    for (const r of results.filter((x) => !x.envelope.ok)) expect(!r.envelope.ok && r.envelope.error.code).toBe('fees.line_overpaid');
    expect(rows(s.app, 'SELECT count(*) AS n FROM receipt')).toEqual([{ n: 1 }]);
  });
});

describe('voids and the day close', () => {
  async function payFirst() {
    const l = (await owed()).lines[0]!;
    return ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'cash', amount: l.owed }], tendered: 2000 });
  }

  it('voids only with a reason and a supervisor who signs in on the spot; the number stays used and the line reopens', async () => {
    const r = await payFirst();
    const before = snapshotStore(s.app);
    const bad = [
      [{ receiptId: r.id, reason: '收错', approverUsername: 'zhou.hong', approverPassword: 'wrong-pass1' }, 'auth.bad_credentials'],
      [{ receiptId: r.id, reason: '收错', approverUsername: 'li.xiaomei', approverPassword: s.receptionist.password }, 'fees.not_approver'],
      [{ receiptId: r.id, reason: '', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password }, 'api.invalid_input'],
    ] as const;
    for (const [input, code] of bad) expect((await refused(s.app, s.cashier.token, 'fees.void', input)).code).toBe(code);
    // the wrong password is audited (and counted against this desk, not the supervisor's account); nothing else changed
    const changed = Object.entries(snapshotStore(s.app)).filter(([k, v]) => before[k] !== v).map(([k]) => k).sort();
    expect(changed).toEqual(['audit_event', 'change_log']);
    await ok(s.app, s.cashier.token, 'fees.void', { receiptId: r.id, reason: '收错房号', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password });
    expect((await refused(s.app, s.cashier.token, 'fees.void', { receiptId: r.id, reason: '再次', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password })).code).toBe('fees.already_void');
    const view = await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id });
    expect(view.void).toMatchObject({ reason: '收错房号', approver: '周红' });
    expect((await owed()).lines).toHaveLength(4);
    const next = await payFirst();
    expect(next.number).toBe('SJ-2026-000002'); // 000001 stays used, shown void
    expect(rows(s.app, 'SELECT number FROM receipt ORDER BY seq')).toEqual([{ number: 'SJ-2026-000001' }, { number: 'SJ-2026-000002' }]);
  });

  it('counts only real prints: reading the receipt (the preview) twice leaves the first print the original, every later one 补打', async () => {
    const r = await payFirst();
    for (let i = 0; i < 2; i++) expect((await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id })).prints).toBe(0);
    expect(rows(s.app, 'SELECT count(*) AS n FROM receipt_print')).toEqual([{ n: 0 }]);
    expect((await ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'A5' })).copy).toBe(false);
    expect((await ok(s.app, s.cashier.token, 'fees.print', { id: r.id, paper: 'form-241' })).copy).toBe(true);
    expect(rows(s.app, 'SELECT copy, paper FROM receipt_print ORDER BY created_at, copy')).toEqual([{ copy: 0, paper: 'A5' }, { copy: 1, paper: 'form-241' }]);
    expect((await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id })).prints).toBe(2); // the preview now shows 补打
  });

  it('lets a supervisor void an absent cashier\'s receipt with a second approver, recording both; another cashier may not', async () => {
    const r = await payFirst();
    const other = await addStaff(s.app, s.admin, { username: 'sun.li', role: 'cashier', displayName: '孙丽' });
    const manager = await addStaff(s.app, s.admin, { username: 'wu.jun', role: 'manager', displayName: '吴军' });
    const by = (who: { username: string; password: string }) => ({ receiptId: r.id, reason: '收错房号', approverUsername: who.username, approverPassword: who.password });
    const before = snapshotStore(s.app);
    // another cashier, even with the supervisor approving, and a receptionist, are refused
    expect((await refused(s.app, other.token, 'fees.void', by(s.supervisor))).code).toBe('fees.not_your_receipt');
    expect((await refused(s.app, s.receptionist.token, 'fees.void', by(s.supervisor))).code).toBe('fees.not_your_receipt');
    // the supervisor cannot approve their own void
    expect((await refused(s.app, s.supervisor.token, 'fees.void', by(s.supervisor))).code).toBe('fees.not_approver');
    expect(snapshotStore(s.app)).toEqual(before);
    // with the centre head signing in, the supervisor voids it; the cashier's day shows who voided and who approved
    await ok(s.app, s.supervisor.token, 'fees.void', by(manager));
    expect(rows(s.app, 'SELECT kind, voided_by, approved_by FROM receipt_void')).toEqual([{ kind: 'void', voided_by: s.supervisor.id, approved_by: manager.id }]);
    expect((await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id })).void).toMatchObject({ voidedBy: '周红', approver: '吴军' });
    expect((await ok(s.app, s.cashier.token, 'fees.dayReport', {})).voids).toEqual([{ number: r.number, total: r.total, reason: '收错房号', voidedBy: '周红', approver: '吴军' }]);
    expect((await owed()).lines).toHaveLength(4);
  });

  it('lets the cashier on duty reverse a closed day\'s receipt of another cashier from their own till; a supervisor has no till to reverse from', async () => {
    const r = await payFirst();
    await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    const colleague = await addStaff(s.app, s.admin, { username: 'sun.li', role: 'cashier', displayName: '孙丽' });
    const manager = await addStaff(s.app, s.admin, { username: 'wu.jun', role: 'manager', displayName: '吴军' });
    s.app.clock.advance(24 * 3600_000);
    const other = { token: await login(s.app, colleague.username, colleague.password) };
    const supervisor = await login(s.app, s.supervisor.username, s.supervisor.password);
    const approval = { receiptId: r.id, reason: '重复收费', approverUsername: s.supervisor.username, approverPassword: s.supervisor.password };
    expect((await refused(s.app, supervisor, 'fees.reverse', { ...approval, approverUsername: manager.username, approverPassword: manager.password })).code).toBe('auth.forbidden');
    await ok(s.app, other.token, 'fees.reverse', approval);
    const today = await ok(s.app, other.token, 'fees.dayReport', {});
    expect(today.reversals).toEqual([expect.objectContaining({ number: r.number, receiptDay: '2026-12-01', cash: r.total })]);
    expect(today.cashToHandOver).toBe(-r.total);
    expect((await ok(s.app, supervisor, 'fees.dayReport', { cashierId: s.cashier.id, day: '2026-12-01' })).cashToHandOver).toBe(r.total);
    // the supervisor's list of the day's cashiers has the one whose only business was the reversal
    expect(await ok(s.app, supervisor, 'fees.dayCashiers', {})).toEqual([expect.objectContaining({ name: '孙丽', receipts: 0, closed: 0 })]);
  });

  it('reports the day by method with the number range and voids, closes it, and then refuses payments and voids', async () => {
    const a = await payFirst();
    const l = (await owed()).lines[0]!;
    const b = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: l.id, amount: l.owed }], methods: [{ method: 'wechat', amount: l.owed }] });
    const c = await payFirst();
    await ok(s.app, s.cashier.token, 'fees.void', { receiptId: b.id, reason: '重复收费', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password });
    const report = await ok(s.app, s.cashier.token, 'fees.dayReport', {});
    expect(report).toMatchObject({
      day: '2026-12-01', count: 2, voidCount: 1, firstNumber: 'SJ-2026-000001', lastNumber: 'SJ-2026-000003',
      total: a.total + c.total, cashToHandOver: a.total + c.total, closed: null,
      voids: [{ number: 'SJ-2026-000002', reason: '重复收费', approver: '周红' }],
    });
    expect(report.byMethod).toEqual([{ method: 'cash', amount: a.total + c.total, count: 2 }]);
    // the supervisor sees every cashier's day; a receptionist sees none
    expect((await ok(s.app, s.supervisor.token, 'fees.dayReport', { cashierId: s.cashier.id })).count).toBe(2);
    expect((await ok(s.app, s.supervisor.token, 'fees.dayCashiers', {})).map((x) => x.name)).toEqual(['钱敏']);
    expect((await refused(s.app, s.receptionist.token, 'fees.dayReport', { cashierId: s.cashier.id })).code).toBe('fees.day_not_yours');
    const closed = await ok(s.app, s.cashier.token, 'fees.closeDay', {});
    expect(closed.closed).toMatchObject({ by: '钱敏' });
    const before = snapshotStore(s.app);
    expect((await refused(s.app, s.cashier.token, 'fees.void', { receiptId: c.id, reason: '收错', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password })).code).toBe('fees.day_closed');
    const l2 = (await owed()).lines[0]!;
    expect((await refused(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: l2.id, amount: 1 }], methods: [{ method: 'cash', amount: 1 }] })).code).toBe('fees.day_closed');
    expect((await refused(s.app, s.cashier.token, 'fees.closeDay', {})).code).toBe('fees.day_already_closed');
    expect(snapshotStore(s.app)).toEqual(before);
    expect((await refused(s.app, s.cashier.token, 'fees.closeDay', { day: '2026-12-02' })).code).toBe('fees.day_future');
    // the next morning is a new day
    s.app.clock.advance(24 * 3600_000);
    const morning = await login(s.app, s.cashier.username, s.cashier.password);
    expect((await ok(s.app, morning, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: l2.id, amount: 1 }], methods: [{ method: 'cash', amount: 1 }] })).number).toBe('SJ-2026-000004');
    // yesterday's receipt is reversed (冲正) today, with the same approval; yesterday stays as closed
    const approval = { reason: '重复收费', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password };
    const today = (await ok(s.app, morning, 'fees.dayReport', {})).receipts[0]!;
    expect((await refused(s.app, morning, 'fees.reverse', { receiptId: today.id, ...approval })).code).toBe('fees.reverse_open_day');
    await ok(s.app, morning, 'fees.reverse', { receiptId: c.id, ...approval });
    const yesterday = await ok(s.app, morning, 'fees.dayReport', { day: '2026-12-01' });
    expect(yesterday).toMatchObject({ count: 2, voidCount: 1, cashToHandOver: a.total + c.total });
    const now = await ok(s.app, morning, 'fees.dayReport', {});
    expect(now.reversals).toEqual([expect.objectContaining({ number: 'SJ-2026-000003', receiptDay: '2026-12-01', reason: '重复收费', cash: c.total })]);
    expect(now.cashToHandOver).toBe(1 - c.total);
    expect((await ok(s.app, morning, 'fees.receipt', { id: c.id })).void).toMatchObject({ kind: 'reversal', day: '2026-12-02' });
  });
});
