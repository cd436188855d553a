/** Meter readings: a baseline, then use × price billed; lower, out-of-order, future and absurd readings refused or confirmed. */
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

it('bills metered use from the previous reading and refuses bad readings, changing nothing', async () => {
  const s = await feeSite();
  const water = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered', meter: 'water', unit: '吨' })).id;
  await ok(s.app, s.admin, 'fees.addRate', { itemId: water, validFrom: '2026-01', price: '3.45' });
  const read = (period: string, reading: string, extra: object = {}) => ({ roomId: s.rooms.r101, meter: 'water' as const, period, readOn: `${period}-25`, reading, ...extra });

  const base = await ok(s.app, s.cashier.token, 'fees.reading', read('2026-08', '1200.50'));
  expect(base).toMatchObject({ baseline: true, bill: null });
  const sep = await ok(s.app, s.cashier.token, 'fees.reading', read('2026-09', '1212.75'));
  // 12.25 t × 3.45 = 42.2625 → 42.26
  expect(sep).toMatchObject({ use: 1225, bill: { amount: 4226 } });
  const oct = await ok(s.app, s.cashier.token, 'fees.reading', read('2026-10', '1222.75'));
  expect(oct.bill?.amount).toBe(3450);

  const before = snapshotStore(s.app);
  expect((await refused(s.app, s.cashier.token, 'fees.reading', read('2026-11', '1222.00'))).code).toBe('fees.reading_lower');
  expect((await refused(s.app, s.cashier.token, 'fees.reading', read('2026-10', '1230'))).code).toBe('fees.reading_exists');
  expect((await refused(s.app, s.cashier.token, 'fees.reading', read('2026-09', '1230'))).code).toBe('fees.reading_order');
  expect((await refused(s.app, s.cashier.token, 'fees.reading', { ...read('2026-11', '1230'), readOn: '2026-12-02' })).code).toBe('fees.reading_future');
  expect((await refused(s.app, s.cashier.token, 'fees.reading', read('2027-01', '1230'))).code).toBe('fees.reading_future');
  expect((await refused(s.app, s.cashier.token, 'fees.reading', read('2026-11', '-5'))).code).toBe('api.invalid_input');
  // 1,000 t in a month where ~11 is usual: a misread digit, until confirmed
  const jump = await refused(s.app, s.cashier.token, 'fees.reading', read('2026-11', '2222.75'));
  expect(jump.code).toBe('fees.reading_jump');
  expect(jump.message['zh-CN']).toContain('1000.00');
  expect(snapshotStore(s.app)).toEqual(before);

  const confirmed = await ok(s.app, s.cashier.token, 'fees.reading', read('2026-11', '2222.75', { confirmJump: true }));
  expect(confirmed.bill?.amount).toBe(345000);
  expect(rows(s.app, 'SELECT confirmed_jump FROM meter_reading WHERE id = ?', confirmed.id)).toEqual([{ confirmed_jump: 1 }]);
  const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
  expect(acct.lines.filter((l) => l.itemCode === 'SF').map((l) => [l.period, l.quantity_centi, l.amount])).toEqual([['2026-09', 1225, 4226], ['2026-10', 1000, 3450], ['2026-11', 100000, 345000]]);
});
