/**
 * Complaint-ledger fixtures: a site with a room and its owner, a receptionist, a
 * customer-service supervisor and the deputy GM (the manager role), on the fake clock.
 */
import type { OpInput } from '../../db/api/types.js';
import { addStaff, createTestApp, ok, setupSite } from './app.js';
import { building, occupant, room } from './registry.js';

export async function complaintSite() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  // these tests move the clock by hours and days: no idle lock
  await ok(app, admin, 'settings.update', { settings: { idleLockMinutes: 0 } });
  const desk = await addStaff(app, admin, { username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' });
  const supervisor = await addStaff(app, admin, { username: 'zhou.zg', role: 'supervisor', displayName: '周主管' });
  const manager = await addStaff(app, admin, { username: 'chen.fz', role: 'manager', displayName: '陈副总' });
  const cashier = await addStaff(app, admin, { username: 'wang.cn', role: 'cashier', displayName: '王出纳' });
  const b = await building(app, desk.token, '3', ['2']);
  const roomId = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501' });
  await occupant(app, desk.token, { roomId, name: '张伟', phone: '13800138000' });
  return { app, admin, desk, supervisor, manager, cashier, roomId, buildingId: b.id };
}

export type CaseIn = OpInput<'complaints.create'>;

export function complaint(extra: Partial<CaseIn> = {}): CaseIn {
  return { kind: 'complaint', channel: 'phone', complainant: '张伟', phone: '13800138000', category: 'noise', severity: 'ordinary', matter: '楼上装修电钻噪音，中午也不停', wanted: '请物业上门制止', ...extra };
}

export const HOUR = 3600_000;
/** Beijing wall-clock time as an instant */
export const bj = (s: string) => new Date(`${s}+08:00`);
export { ok };
