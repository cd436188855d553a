/**
 * The shift handover (交接班): filled in from the store (the outgoing person's open cases,
 * cases near or past their deadline, a cashier's cash by method and receipt range since
 * their last handover), flagged on both people's home pages until the incoming person signs
 * in on the spot to acknowledge it; the outgoing person acknowledging their own is refused.
 */
import { afterEach, expect, it } from 'vitest';
import { cleanup, login, ok, refused, snapshotStore } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

it('a cashier\'s mid-day handover counts the cash since the last one and is acknowledged by the incoming cashier only', async () => {
  const s = await feeSite();
  const other = await ok(s.app, s.admin, 'staff.create', { username: 'sun.li', displayName: '孙丽', role: 'cashier', password: 'Desk2026a' });
  for (const period of ['2026-10', '2026-11']) await ok(s.app, s.cashier.token, 'fees.generate', { period, commit: true });
  const lines = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 })).lines;
  const pay = (i: number, method: 'cash' | 'wechat') => ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: lines[i]!.id, amount: lines[i]!.amount }], methods: [{ method, amount: lines[i]!.amount }] });
  const r1 = await pay(0, 'cash');
  s.app.clock.advance(60_000);
  const r2 = await pay(1, 'wechat');
  await ok(s.app, s.receptionist.token, 'complaints.create', { kind: 'repair', channel: 'visit', roomId: s.rooms.r101, complainant: '张伟', category: 'inunit', severity: 'ordinary', matter: '厨房漏水' });

  s.app.clock.advance(60_000);
  const shift = await ok(s.app, s.cashier.token, 'handovers.startShift', { incomingId: other.id, notes: '备用金 500 元在抽屉' });
  expect(shift.number).toBe('JB-2026-0001');
  expect(shift.prefill.cash).toMatchObject({ receipts: 2, voided: 0, first: r1.number, last: r2.number });
  expect(shift.prefill.cash.byMethod).toEqual([{ method: 'cash', amount: lines[0]!.amount }, { method: 'wechat', amount: lines[1]!.amount }]);
  // the receptionist's own handover lists the case they own
  const desk = await ok(s.app, s.receptionist.token, 'handovers.startShift', { incomingId: null });
  expect(desk.prefill.ownedCases.map((c) => c.matter)).toEqual(['厨房漏水']);

  // flagged on both people's home pages
  const otherToken = await login(s.app, 'sun.li', 'Desk2026a');
  expect((await ok(s.app, otherToken, 'handovers.pendingShifts', {})).map((p) => [p.number, p.mine])).toContainEqual(['JB-2026-0001', false]);
  expect((await ok(s.app, s.cashier.token, 'handovers.pendingShifts', {})).map((p) => [p.number, p.mine])).toContainEqual(['JB-2026-0001', true]);

  // the outgoing cashier cannot acknowledge their own handover; nor may someone else than the named incoming one
  const before = snapshotStore(s.app);
  const self = await refused(s.app, s.cashier.token, 'handovers.acknowledgeShift', { id: shift.id, username: s.cashier.username, password: s.cashier.password });
  expect([self.code, self.message['zh-CN'], self.message['en-US']]).toEqual(['handovers.outgoing_acknowledges', '钱敏 是交班人，不能自己确认接班。', '钱敏 is handing over the shift and cannot acknowledge it themselves.']);
  expect((await refused(s.app, s.cashier.token, 'handovers.acknowledgeShift', { id: shift.id, username: s.supervisor.username, password: s.supervisor.password })).code).toBe('handovers.not_signer');
  expect(snapshotStore(s.app)).toEqual(before);

  const acked = await ok(s.app, s.cashier.token, 'handovers.acknowledgeShift', { id: shift.id, username: 'sun.li', password: 'Desk2026a' });
  expect(acked.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect((await ok(s.app, otherToken, 'handovers.pendingShifts', {})).map((p) => p.number)).not.toContain('JB-2026-0001');
  const view = await ok(s.app, s.cashier.token, 'handovers.get', { id: shift.id });
  expect(view.signatures.map((g) => [g.role, g.signer_name])).toEqual([['outgoing', '钱敏'], ['incoming', '孙丽']]);

  // the next handover counts from this one: a receipt after it, none before
  s.app.clock.advance(60_000);
  const r3 = await pay(2, 'cash');
  const next = await ok(s.app, s.cashier.token, 'handovers.startShift', { incomingId: null });
  expect(next.prefill.cash).toMatchObject({ receipts: 1, first: r3.number, last: r3.number });
});
