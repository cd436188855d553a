/**
 * Registry test helpers: a site with a receptionist, and short ways to key in buildings,
 * units, rooms and occupants through the API (so every helper-made row passed the rules).
 */
import type { App } from '../../db/api/app.js';
import type { OpInput } from '../../db/api/types.js';
import { addStaff, createTestApp, ok, rows, setupSite, type TestApp, type TestStaff } from './app.js';

/** Resident IDs whose check characters are known from the standard (GB 11643) and its worked examples. */
export const VALID_IDS = ['11010519491231002X', '440524188001010014'] as const;

export interface RegistrySite {
  app: TestApp;
  admin: string;
  desk: TestStaff;
}

/** A fresh store with a site and a signed-in receptionist. */
export async function registrySite(): Promise<RegistrySite> {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const desk = await addStaff(app, admin, { username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' });
  return { app, admin, desk };
}

export async function building(app: App, token: string, code: string, units: string[] = []): Promise<{ id: string; units: Record<string, string> }> {
  const { id } = await ok(app, token, 'registry.saveBuilding', { code, name: `${code}栋` });
  const ids: Record<string, string> = {};
  for (const u of units) ids[u] = (await ok(app, token, 'registry.saveUnit', { buildingId: id, code: u, name: `${u}单元` })).id;
  return { id, units: ids };
}

export type RoomIn = OpInput<'registry.saveRoom'>;

export async function room(app: App, token: string, r: Partial<RoomIn> & Pick<RoomIn, 'buildingId' | 'unitId' | 'roomNo'>): Promise<string> {
  return (await ok(app, token, 'registry.saveRoom', { area: '89.50', usage: 'residential', state: 'occupied', ...r })).id;
}

export type OccupantIn = OpInput<'registry.saveOccupant'>;

export async function occupant(app: App, token: string, o: Partial<OccupantIn> & Pick<OccupantIn, 'roomId' | 'name'>): Promise<string> {
  return (await ok(app, token, 'registry.saveOccupant', { kind: 'owner', ...o })).id;
}

/** How many change-log rows the store holds (an unchanged save adds none). */
export function changeCount(app: App): number {
  return rows<{ n: number }>(app, 'SELECT count(*) AS n FROM change_log')[0]!.n;
}
