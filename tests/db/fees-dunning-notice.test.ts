/** Arrears you can act on: whom to call, and the 催缴通知书 as a Chinese office writes it. */
import { afterEach, describe, expect, it } from 'vitest';
import { chineseDate, owedByItem } from '../../db/fees/rules.js';
import { cleanup, ok } from '../helpers/app.js';
import { occupant } from '../helpers/registry.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

describe('the dunning notice', () => {
  it('writes dates as a notice does: 二〇二六年十二月五日, 二〇二七年一月十日, 二〇二六年十一月二十日', () => {
    expect(chineseDate('2026-12-05')).toBe('二〇二六年十二月五日');
    expect(chineseDate('2027-01-10')).toBe('二〇二七年一月十日');
    expect(chineseDate('2026-11-20')).toBe('二〇二六年十一月二十日');
    expect(chineseDate('2026-03-31')).toBe('二〇二六年三月三十一日');
  });

  it('summarises what is owed by item over its periods', () => {
    expect(owedByItem([
      { itemName: '物业管理费', period: '2026-10', owed: 21033 },
      { itemName: '垃圾清运费', period: '2026-10', owed: 1500 },
      { itemName: '物业管理费', period: '2026-11', owed: 21033 },
      { itemName: '物业管理费', period: '2026-12', owed: 10000 },
      { itemName: '垃圾清运费', period: '2026-12', owed: 0 },
    ])).toEqual([
      { item: '物业管理费', from: '2026-10', to: '2026-12', periods: 3, amount: 52066 },
      { item: '垃圾清运费', from: '2026-10', to: '2026-10', periods: 1, amount: 1500 },
    ]);
  });

  it('lists whom to call with their phone, and a notice carries the items, a due date, the office and the date in Chinese', async () => {
    const s = await feeSite();
    await occupant(s.app, s.supervisor.token, { roomId: s.rooms.r102, kind: 'tenant', name: '赵磊', phone: '13900001111' });
    await ok(s.app, s.admin, 'settings.update', { settings: { siteAddress: '深圳市南山区阳光路 88 号', sitePhone: '0755-8888 6666', dunningDueDays: 10 } });
    for (const p of ['2026-11', '2026-12']) await ok(s.app, s.cashier.token, 'fees.generate', { period: p, commit: true });
    const a = await ok(s.app, s.receptionist.token, 'fees.arrears', {});
    expect(a.rooms.map((r) => [r.code, r.occupant, r.occupantKind, r.phone])).toEqual([
      ['1-1-102', '赵磊', 'tenant', '13900001111'], ['1-1-101', '张伟', 'owner', ''], ['2-1-201', null, null, null],
    ]);
    expect(await ok(s.app, s.cashier.token, 'fees.owingRooms', { buildingId: s.buildings.b1 })).toEqual([s.rooms.r101, s.rooms.r102]);
    const n = await ok(s.app, s.cashier.token, 'fees.notices', { roomIds: [s.rooms.r101] });
    expect(n).toMatchObject({ siteAddress: '深圳市南山区阳光路 88 号', sitePhone: '0755-8888 6666', issuedDay: '2026-12-01', issuedCn: '二〇二六年十二月一日',
      dueOn: '2026-12-11', dueCn: '二〇二六年十二月十一日' });
    expect(n.notices[0]!.items).toEqual([
      { item: '垃圾清运费', from: '2026-11', to: '2026-12', periods: 2, amount: 3000 },
      { item: '物业管理费', from: '2026-11', to: '2026-12', periods: 2, amount: 42066 },
    ]);
  });
});
