/** Fee items, dated rates and period bills: previewable, idempotent, rounded per line, never altered by a later rate. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('fee items and rates', () => {
  it('lists items with their rates, refuses a duplicate code, a metered item without a meter, and a changed kind', async () => {
    const s = await feeSite();
    const items = await ok(s.app, s.admin, 'fees.items', {});
    expect(items.map((i) => [i.code, i.kind, i.rates.map((r) => [r.valid_from, r.price_e4])])).toEqual([
      ['LJF', 'fixed', [['2026-01', 150000]]],
      ['WYF', 'area', [['2026-01', 23500]]],
    ]);
    expect((await refused(s.app, s.admin, 'fees.saveItem', { code: 'wyf', name: '重复', kind: 'area' })).code).toBe('fees.duplicate_item');
    expect((await refused(s.app, s.admin, 'fees.saveItem', { code: 'SF', name: '水费', kind: 'metered' })).code).toBe('fees.meter_required');
    expect((await refused(s.app, s.admin, 'fees.saveItem', { id: s.items.property, code: 'WYF', name: '物业管理费', kind: 'fixed' })).code).toBe('fees.kind_fixed');
    // a cashier collects but does not set prices
    expect((await refused(s.app, s.cashier.token, 'fees.addRate', { itemId: s.items.property, validFrom: '2027-01', price: '3' })).code).toBe('auth.forbidden');
  });
});

describe('period bills', () => {
  it('previews without writing, commits once, and a second run creates nothing new', async () => {
    const s = await feeSite();
    const before = snapshotStore(s.app);
    const preview = await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: false });
    expect(snapshotStore(s.app)).toEqual(before);
    // 3 rooms × property fee + 2 residential rooms × refuse
    expect(preview).toMatchObject({ lines: 5, rooms: 3, alreadyBilled: 0, committed: false });
    // 89.50 × 2.35 = 210.325 → 210.33 (half up); 120 × 2.35 = 282.00; 60 × 2.35 = 141.00; 2 × 15.00
    expect(preview.total).toBe(21033 + 28200 + 14100 + 3000);
    const done = await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    expect(done).toMatchObject({ lines: 5, total: preview.total, committed: true });
    const again = await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    expect(again).toMatchObject({ lines: 0, total: 0, alreadyBilled: 5 });
    expect(rows(s.app, 'SELECT count(*) AS n FROM bill')).toEqual([{ n: 5 }]);
    const line = rows(s.app, "SELECT quantity_centi, price_e4, amount, due_on FROM bill WHERE room_id = ? AND item_id = ?", s.rooms.r101, s.items.property);
    expect(line).toEqual([{ quantity_centi: 8950, price_e4: 23500, amount: 21033, due_on: '2026-11-30' }]);
  });

  it('bills one building only when asked, then the rest of the site without doubling', async () => {
    const s = await feeSite();
    const b2 = await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-10', buildingId: s.buildings.b2, commit: true });
    expect(b2).toMatchObject({ lines: 2, rooms: 1 });
    const site = await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-10', commit: true });
    expect(site).toMatchObject({ lines: 3, rooms: 2 });
  });

  it('a new rate applies from its month on and never alters bills already issued; it cannot be backdated', async () => {
    const s = await feeSite();
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    expect((await refused(s.app, s.admin, 'fees.addRate', { itemId: s.items.property, validFrom: '2026-11', price: '3' })).code).toBe('fees.rate_backdated');
    await ok(s.app, s.admin, 'fees.addRate', { itemId: s.items.property, validFrom: '2026-12', price: '2.80' });
    expect((await refused(s.app, s.admin, 'fees.addRate', { itemId: s.items.property, validFrom: '2026-12', price: '2.90' })).code).toBe('fees.rate_exists');
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
    const amounts = rows(s.app, 'SELECT period, amount FROM bill WHERE room_id = ? AND item_id = ? ORDER BY period', s.rooms.r101, s.items.property);
    expect(amounts).toEqual([{ period: '2026-11', amount: 21033 }, { period: '2026-12', amount: 25060 }]);
    // bills are append-only in the store itself
    expect(() => s.app.store.raw.exec('UPDATE bill SET amount = 1')).toThrow(/append-only/);
  });

  it('refuses a period more than a month ahead, and a malformed one', async () => {
    const s = await feeSite();
    expect((await refused(s.app, s.cashier.token, 'fees.generate', { period: '2027-02', commit: true })).code).toBe('fees.period_future');
    expect((await refused(s.app, s.cashier.token, 'fees.generate', { period: '2026-13', commit: true })).code).toBe('api.invalid_input');
  });

  it('lets a receptionist look up what a room owes, oldest first, but not generate bills', async () => {
    const s = await feeSite();
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-12', commit: true });
    const acct = await ok(s.app, s.receptionist.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    expect(acct.lines.map((l) => `${l.period} ${l.itemCode} ${l.owed}`)).toEqual(['2026-11 LJF 1500', '2026-11 WYF 21033', '2026-12 LJF 1500', '2026-12 WYF 21033']);
    expect(acct.totalOwed).toBe(45066);
    expect(acct.payer).toBe('张伟');
    expect((await refused(s.app, s.receptionist.token, 'fees.generate', { period: '2026-12', commit: true })).code).toBe('auth.forbidden');
  });
});
