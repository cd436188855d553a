/** One-off charges and deposits: charged by hand, paid like any line, refunded once by a numbered refund document. */
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

it('charges a decoration deposit, takes it, refunds it once on its own numbered document, and shows the cash out in the day', async () => {
  const s = await feeSite();
  const deposit = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'ZXYJ', name: '装修押金', kind: 'deposit' })).id;
  expect((await refused(s.app, s.cashier.token, 'fees.charge', { roomId: s.rooms.r101, itemId: s.items.property, amount: 100 })).code).toBe('fees.not_manual');
  await ok(s.app, s.cashier.token, 'fees.charge', { roomId: s.rooms.r101, itemId: deposit, amount: 200000 });
  const line = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 })).lines.find((l) => l.itemCode === 'ZXYJ')!;
  await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: line.id, amount: 200000 }], methods: [{ method: 'card', amount: 200000 }] });
  const held = await ok(s.app, s.receptionist.token, 'fees.deposits', { roomId: s.rooms.r101 });
  expect(held.map((d) => [d.itemName, d.amount, d.number])).toEqual([['装修押金', 200000, 'SJ-2026-000001']]);

  const before = snapshotStore(s.app);
  expect((await refused(s.app, s.cashier.token, 'fees.refundDeposit', { lineId: held[0]!.lineId, amount: 200001, method: 'cash', payee: '张伟', reason: '装修完工验收合格' })).code).toBe('fees.refund_too_much');
  expect(snapshotStore(s.app)).toEqual(before);
  const r = await ok(s.app, s.cashier.token, 'fees.refundDeposit', { lineId: held[0]!.lineId, amount: 150000, method: 'cash', payee: '张伟', reason: '验收扣除垃圾清运 500 元' });
  expect(r.number).toBe('SJTK-2026-000001');
  expect((await refused(s.app, s.cashier.token, 'fees.refundDeposit', { lineId: held[0]!.lineId, amount: 1, method: 'cash', payee: '张伟', reason: '再退一次' })).code).toBe('fees.deposit_refunded');
  expect(await ok(s.app, s.cashier.token, 'fees.deposits', { roomId: s.rooms.r101 })).toEqual([]);
  const doc = await ok(s.app, s.cashier.token, 'fees.receipt', { id: r.id });
  expect(doc).toMatchObject({ kind: 'refund', number: 'SJTK-2026-000001', total: 150000, capital: '壹仟伍佰元整', payer: '张伟' });
  // payment numbers carry on separately
  const next = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [], prepay: 100, methods: [{ method: 'cash', amount: 100 }] });
  expect(next.number).toBe('SJ-2026-000002');
  const day = await ok(s.app, s.cashier.token, 'fees.dayReport', {});
  expect(day.refunds).toEqual([expect.objectContaining({ number: 'SJTK-2026-000001', total: 150000, method: 'cash' })]);
  expect(day.cashToHandOver).toBe(100 - 150000);
  expect(rows(s.app, "SELECT count(*) AS n FROM receipt WHERE kind = 'refund'")).toEqual([{ n: 1 }]);
});
