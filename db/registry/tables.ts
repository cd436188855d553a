import type { SiteDataRow } from '../store/schema.js';

/** The property registry's tables: buildings, units, rooms, occupants and what hangs off them. */
export type RoomUsage = 'residential' | 'shop' | 'office' | 'parking' | 'other';
export type RoomState = 'vacant' | 'delivered' | 'decorating' | 'occupied' | 'rented';
export type OccupantKind = 'owner' | 'tenant';
export type IdType = 'none' | 'resident_id' | 'passport' | 'hk_macau' | 'taiwan' | 'other';

export interface BuildingTable extends SiteDataRow {
  /** what people say: "3" for 3栋 */
  code: string;
  name: string;
  remarks: string;
}

export interface UnitTable extends SiteDataRow {
  building_id: string;
  code: string;
  name: string;
}

export interface RoomTable extends SiteDataRow {
  building_id: string;
  /** null where the site has no units (e.g. shops: 3-101) */
  unit_id: string | null;
  room_no: string;
  /** the code users type, e.g. 3-2-501; unique per site */
  code: string;
  /** the code without separators (32501), for search as typed */
  code_digits: string;
  floor: number | null;
  /** floor area in hundredths of m² (exact) */
  area_centi: number;
  usage: RoomUsage;
  state: RoomState;
  remarks: string;
}

export interface OccupantTable extends SiteDataRow {
  room_id: string;
  kind: OccupantKind;
  name: string;
  phone: string;
  phone2: string;
  id_type: IdType;
  /** shown masked except to roles the admin allows */
  id_number: string;
  /** YYYY-MM-DD */
  move_in: string | null;
  /** YYYY-MM-DD; set on move-out, never deleted */
  move_out: string | null;
  remarks: string;
}

export interface HouseholdMemberTable extends SiteDataRow {
  occupant_id: string;
  name: string;
  relation: string;
  phone: string;
  active: number;
}

export interface VehicleTable extends SiteDataRow {
  occupant_id: string;
  plate: string;
  description: string;
  active: number;
}

export interface ParkingSpaceTable extends SiteDataRow {
  code: string;
  occupant_id: string | null;
  tenure: 'owned' | 'rented';
  remarks: string;
}

/**
 * Derived from occupant by triggers (not site data: no stamps, no change capture): every
 * 1- and 2-character piece of each name, so search finds a surname or given name fast.
 */
export interface OccupantGramTable {
  site_id: string;
  gram: string;
  /** 0 current, 1 moved out: current occupants list first */
  moved_out: number;
  name: string;
  occupant_id: string;
}

export interface RegistryTables {
  building: BuildingTable;
  unit: UnitTable;
  room: RoomTable;
  occupant: OccupantTable;
  occupant_gram: OccupantGramTable;
  household_member: HouseholdMemberTable;
  vehicle: VehicleTable;
  parking_space: ParkingSpaceTable;
}
