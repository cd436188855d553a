/** Fee items, dated rates and period bills: previewable, idempotent, rounded per line, never altered by a later rate. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { lineAmount } from '../../db/fees/money.js';
import { room } from '../helpers/registry.js';
import { feeSite, openLinesFromScratch } from './fees-fixture.js';

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

  it('rounds each generated line to the fen, half up, exactly as lineAmount does', async () => {
    const s = await feeSite();
    const item = (await ok(s.app, s.admin, 'fees.saveItem', { code: 'GTF', name: '公摊费', kind: 'area', unit: 'm²' })).id;
    await ok(s.app, s.admin, 'fees.addRate', { itemId: item, validFrom: '2026-01', price: '2.345' });
    // 1.00 m² × 2.3450 = 2.345 元 → 234.5 fen → 235; 3.00 m² → 703.5 → 704; 0.01 m² → 2.345 fen → 2
    const unitId = rows<{ id: string }>(s.app, 'SELECT id FROM unit WHERE building_id = ?', s.buildings.b2)[0]!.id;
    for (const [no, area] of [['301', '1'], ['302', '3'], ['303', '0.01'], ['304', '89.55'], ['305', '99999.99']] as const) {
      await room(s.app, s.supervisor.token, { buildingId: s.buildings.b2, unitId, roomNo: no, area });
    }
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    const lines = rows<{ code: string; quantity_centi: number; price_e4: number; amount: number }>(s.app,
      'SELECT r.code, b.quantity_centi, b.price_e4, b.amount FROM bill b JOIN room r ON r.id = b.room_id WHERE b.item_id = ? ORDER BY r.code', item);
    expect(lines).toHaveLength(8);
    for (const l of lines) expect(l.amount, l.code).toBe(lineAmount(l.quantity_centi, l.price_e4));
    expect(lines.filter((l) => l.code.startsWith('2-1-30')).map((l) => l.amount)).toEqual([235, 704, 2, 20999, 23449998]);
  });

  it('shows a room its open lines by default, and with paid: true also the lines its receipts paid; a void reopens them', async () => {
    const s = await feeSite();
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-10', commit: true });
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    const [refuseOct, propertyOct] = acct.lines;
    // October's refuse paid in full, October's property fee in part; another room pays its own
    const r = await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r101, lines: [{ billId: refuseOct!.id, amount: 1500 }, { billId: propertyOct!.id, amount: 10000 }], methods: [{ method: 'cash', amount: 11500 }] });
    const other = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r201 })).lines[0]!;
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: [{ billId: other.id, amount: other.owed }], methods: [{ method: 'wechat', amount: other.owed }] });
    const open = await ok(s.app, s.receptionist.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
    expect(open.lines.map((l) => `${l.period} ${l.itemCode} ${l.paid}/${l.owed}`)).toEqual(['2026-10 WYF 10000/11033', '2026-11 LJF 0/1500', '2026-11 WYF 0/21033']);
    expect(open.totalOwed).toBe(11033 + 1500 + 21033);
    const all = await ok(s.app, s.receptionist.token, 'fees.roomAccount', { roomId: s.rooms.r101, paid: true });
    expect(all.lines.map((l) => `${l.period} ${l.itemCode} ${l.paid}/${l.owed}`)).toEqual(['2026-10 LJF 1500/0', '2026-10 WYF 10000/11033', '2026-11 LJF 0/1500', '2026-11 WYF 0/21033']);
    expect(all.totalOwed).toBe(open.totalOwed);
    await ok(s.app, s.cashier.token, 'fees.void', { receiptId: r.id, reason: '收错金额', approverUsername: 'zhou.hong', approverPassword: s.supervisor.password });
    const reopened = await ok(s.app, s.receptionist.token, 'fees.roomAccount', { roomId: s.rooms.r101, paid: true });
    expect(reopened.lines.map((l) => `${l.period} ${l.itemCode} ${l.paid}/${l.owed}`)).toEqual(['2026-10 LJF 0/1500', '2026-10 WYF 0/21033', '2026-11 LJF 0/1500', '2026-11 WYF 0/21033']);
    expect(reopened.receipts.map((x) => x.voidKind)).toEqual(['void']);
    const { derived, scratch } = openLinesFromScratch(s.app);
    expect(derived).toEqual(scratch);
  });
});
