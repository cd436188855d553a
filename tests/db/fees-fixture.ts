/**
 * A fee-collection site for the fees tests (not itself a test file): admin, a cashier, a
 * supervisor and a receptionist; building 1 with rooms 1-1-101 (89.50 m²) and 1-1-102
 * (120.00 m², a shop), building 2 with 2-1-201; a property fee of 2.35 元/m²/month and a
 * refuse charge of 15.00 元/month, both from 2026-01. Everything through the API.
 */
import { addStaff, createTestApp, ok, rows, setupSite, type TestApp, type TestStaff, type TestAppOptions } from '../helpers/app.js';
import { building, occupant, room } from '../helpers/registry.js';

export interface FeeSite {
  app: TestApp;
  admin: string;
  cashier: TestStaff;
  supervisor: TestStaff;
  receptionist: TestStaff;
  rooms: { r101: string; r102: string; r201: string };
  buildings: { b1: string; b2: string };
  items: { property: string; refuse: string };
}

export async function feeSite(options: TestAppOptions = {}, site?: { siteCode: string; siteName: string }): Promise<FeeSite> {
  const app = await createTestApp(options);
  const admin = await setupSite(app, site);
  const cashier = await addStaff(app, admin, { username: 'qian.min', role: 'cashier', displayName: '钱敏' });
  const supervisor = await addStaff(app, admin, { username: 'zhou.hong', role: 'supervisor', displayName: '周红' });
  const receptionist = await addStaff(app, admin, { username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' });
  const b1 = await building(app, supervisor.token, '1', ['1']);
  const b2 = await building(app, supervisor.token, '2', ['1']);
  const r101 = await room(app, supervisor.token, { buildingId: b1.id, unitId: b1.units['1']!, roomNo: '101', area: '89.50' });
  const r102 = await room(app, supervisor.token, { buildingId: b1.id, unitId: b1.units['1']!, roomNo: '102', area: '120', usage: 'shop' });
  const r201 = await room(app, supervisor.token, { buildingId: b2.id, unitId: b2.units['1']!, roomNo: '201', area: '60.00' });
  await occupant(app, supervisor.token, { roomId: r101, name: '张伟' });
  const property = (await ok(app, admin, 'fees.saveItem', { code: 'WYF', name: '物业管理费', kind: 'area', unit: 'm²' })).id;
  const refuse = (await ok(app, admin, 'fees.saveItem', { code: 'LJF', name: '垃圾清运费', kind: 'fixed', unit: '月', appliesTo: 'residential' })).id;
  await ok(app, admin, 'fees.addRate', { itemId: property, validFrom: '2026-01', price: '2.35' });
  await ok(app, admin, 'fees.addRate', { itemId: refuse, validFrom: '2026-01', price: '15' });
  return { app, admin, cashier, supervisor, receptionist, rooms: { r101, r102, r201 }, buildings: { b1: b1.id, b2: b2.id }, items: { property, refuse } };
}

/**
 * bill_open (kept by triggers) must equal what each line owes computed from scratch: every
 * bill less its payments on receipts that are not void, for the lines that owe anything.
 */
export function openLinesFromScratch(app: TestApp) {
  const derived = rows(app, 'SELECT bill_id, room_id, period, owed FROM bill_open ORDER BY bill_id');
  const scratch = rows(app, `SELECT b.id AS bill_id, b.room_id, b.period, b.amount - COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id
      AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0) AS owed FROM bill b ORDER BY b.id`).filter((r) => (r.owed as number) > 0);
  return { derived, scratch };
}
