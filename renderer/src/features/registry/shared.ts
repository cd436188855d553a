import type { OpOutput } from '../../../../db/api/types';
import type { IdType, RoomState, RoomUsage } from '../../../../db/registry/tables';

/**
 * What the registry screens share: the store's types, the fixed lists, and the pure rules
 * (rules.ts imports nothing from Node, so the renderer checks exactly what the store checks).
 */
export { formatArea, isValidResidentId, normalizePhone, normalizePlate, parseAreaCenti, roomCode } from '../../../../db/registry/rules';

export type Tree = OpOutput<'registry.tree'>;
export type TreeBuilding = Tree[number];
export type TreeUnit = TreeBuilding['units'][number];
export type RoomRow = OpOutput<'registry.rooms'>[number];
export type Hit = OpOutput<'registry.search'>[number];
export type RoomCard = OpOutput<'registry.room'>;
export type Occupant = RoomCard['occupants'][number];
export type Member = Occupant['members'][number];
export type Vehicle = Occupant['vehicles'][number];
export type Parking = Occupant['parking'][number];
export type { IdType, RoomState, RoomUsage };

export const USAGES: readonly RoomUsage[] = ['residential', 'shop', 'office', 'parking', 'other'];
export const STATES: readonly RoomState[] = ['vacant', 'delivered', 'decorating', 'occupied', 'rented'];
export const ID_TYPES: readonly IdType[] = ['resident_id', 'passport', 'hk_macau', 'taiwan', 'other', 'none'];

export const STATE_COLOR: Record<RoomState, string> = {
  vacant: 'default',
  delivered: 'blue',
  decorating: 'orange',
  occupied: 'green',
  rented: 'purple',
};

/** "3栋" when the name already says the code, else "A 阳光楼". */
export function placeLabel(code: string, name: string): string {
  return name.includes(code) ? name : `${code} ${name}`;
}

/** Letters or digits as the store wants them (it upper-cases too). */
export const CODE_RE = /^[0-9A-Za-z]{1,8}$/;
export const ROOM_NO_RE = /^[0-9A-Za-z]{1,10}$/;

/** The registry page remembers the last building/unit chosen while the desk stays open. */
export interface Selection {
  buildingId: string;
  /** undefined: the whole building; null: its rooms outside any unit */
  unitId?: string | null;
}
let remembered: Selection | null = null;
export const lastSelection = {
  get: () => remembered,
  set: (s: Selection | null) => { remembered = s; },
};
