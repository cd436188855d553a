/** Arrears by building and age, dunning notices (each logged) and dunning attempts. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, ok, refused, rows } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('arrears and dunning', () => {
  it('sums arrears by building and age bucket, largest rooms first', async () => {
    const s = await feeSite();
    await ok(s.app, s.admin, 'fees.addRate', { itemId: s.items.property, validFrom: '2025-01', price: '2.35' });
    await ok(s.app, s.admin, 'fees.addRate', { itemId: s.items.refuse, validFrom: '2025-01', price: '15' });
    // the clock is 2026-12-01: 2026-12 is age 0, 2026-10 age 2, 2026-05 age 7, 2025-10 age 14
    for (const p of ['2025-10', '2026-05', '2026-10', '2026-12']) await ok(s.app, s.cashier.token, 'fees.generate', { period: p, commit: true });
    const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r201 });
    const oldest = acct.lines.filter((l) => l.period === '2025-10');
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r201, lines: oldest.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: oldest.reduce((a, l) => a + l.owed, 0) }] });
    const a = await ok(s.app, s.receptionist.token, 'fees.arrears', {});
    expect(a.asOf).toBe('2026-12');
    const b1 = a.byBuilding.find((b) => b.code === '1')!;
    const b2 = a.byBuilding.find((b) => b.code === '2')!;
    // building 1: 101 (210.33 + 15) and 102 (282.00) each month
    expect(b1).toMatchObject({ rooms: 2, m1: 50733, m3: 50733, m6: 0, m12: 50733, older: 50733, total: 4 * 50733 });
    // building 2: 201 (141 + 15), its oldest month paid
    expect(b2).toMatchObject({ rooms: 1, m1: 15600, m3: 15600, m12: 15600, older: 0, total: 3 * 15600 });
    expect(a.rooms.map((r) => [r.code, r.total, r.since])).toEqual([['1-1-102', 4 * 28200, '2025-10'], ['1-1-101', 4 * 22533, '2025-10'], ['2-1-201', 3 * 15600, '2026-05']]);
    const one = await ok(s.app, s.receptionist.token, 'fees.arrears', { buildingId: s.buildings.b2 });
    expect(one.byBuilding.map((b) => b.code)).toEqual(['2']);
  });

  it('issues dunning notices with the 大写 total and logs each, and logs phone calls with their outcome', async () => {
    const s = await feeSite();
    await ok(s.app, s.cashier.token, 'fees.generate', { period: '2026-11', commit: true });
    const n = await ok(s.app, s.cashier.token, 'fees.notices', { roomIds: [s.rooms.r101, s.rooms.r102] });
    expect(n.notices.map((x) => [x.room.code, x.total, x.capital])).toEqual([['1-1-101', 22533, '贰佰贰拾伍元叁角叁分'], ['1-1-102', 28200, '贰佰捌拾贰元整']]);
    await ok(s.app, s.cashier.token, 'fees.logDunning', { roomId: s.rooms.r101, method: 'phone', outcome: '业主答应周末来交' });
    const log = await ok(s.app, s.receptionist.token, 'fees.dunningLog', { roomId: s.rooms.r101 });
    expect(log.map((l) => [l.method, l.outcome, l.arrears, l.by]).sort()).toEqual([['notice', '', 22533, '钱敏'], ['phone', '业主答应周末来交', 22533, '钱敏']]);
    expect(rows(s.app, 'SELECT count(*) AS n FROM dunning_log')).toEqual([{ n: 3 }]);
    // nothing to chase on a room that owes nothing; attempts are never edited
    const paid = (await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r102 })).lines[0]!;
    await ok(s.app, s.cashier.token, 'fees.pay', { roomId: s.rooms.r102, lines: [{ billId: paid.id, amount: paid.owed }], methods: [{ method: 'card', amount: paid.owed }] });
    expect((await refused(s.app, s.cashier.token, 'fees.logDunning', { roomId: s.rooms.r102, method: 'visit' })).code).toBe('fees.nothing_owed');
    expect(() => s.app.store.raw.exec("UPDATE dunning_log SET outcome = 'x'")).toThrow(/append-only/);
  });
});
