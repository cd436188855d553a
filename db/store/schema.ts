import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FeeTables } from '../fees/schema.js';
import type { SyncTables } from '../sync/tables.js';
import type { ComplaintCaseTable, ComplaintCategoryTable, ComplaintEventTable } from '../complaints/tables.js';
import type { ArchiveAppraisalTable, ArchiveClassCountTable, ArchiveLoanTable, ArchiveRegisterTable, ArchiveRequestItemTable, ArchiveRequestTable, ArchiveScanTable } from '../archives/tables.js';

/**
 * The tables as Kysely sees them. Every table of site data carries a UUIDv7 `id`,
 * the `site_id` it belongs to, and ISO-8601 UTC `created_at` / `updated_at` stamps;
 * triggers copy each write into `change_log` (see capture.ts).
 */
export interface SiteDataRow {
  id: string;
  site_id: string;
  created_at: string;
  updated_at: string;
}

export interface SiteTable extends SiteDataRow {
  code: string;
  name: string;
}

export interface SettingTable extends SiteDataRow {
  key: string;
  /** JSON text */
  value: string;
}

export type Role = 'receptionist' | 'cashier' | 'archivist' | 'supervisor' | 'manager' | 'admin';

export interface StaffTable extends SiteDataRow {
  username: string;
  display_name: string;
  role: Role;
  /** scrypt$N$r$p$salt$hash — never copied into the change log */
  password_hash: string;
  password_changed_at: string;
  failed_attempts: number;
  locked_until: string | null;
  /** 1 active, 0 disabled: staff are disabled, never deleted, so the audit trail keeps its names */
  active: number;
}

/** Things that happened without changing data rows: sign-ins, refusals, lockouts. */
export interface AuditEventTable extends SiteDataRow {
  event: string;
  actor_id: string | null;
  /** JSON text */
  detail: string;
}

/** Append-only: the store refuses UPDATE and DELETE (triggers in the init migration). */
export interface ChangeLogTable {
  site_id: string;
  /** per-site, gapless, assigned by the capture triggers */
  seq: number;
  at: string;
  actor_id: string | null;
  operation: string | null;
  table_name: string;
  row_id: string;
  kind: 'insert' | 'update' | 'delete';
  /** JSON text of the row before / after, secrets omitted */
  before: string | null;
  after: string | null;
  /** the transaction (operation call or job) the change belongs to; null before sync existed */
  tx: string | null;
}

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

export type ArchiveRetention = 'permanent' | '30' | '25' | '15' | '10' | '5';
export type ArchiveForm = 'paper' | 'photo' | 'audio' | 'video' | 'disc' | 'object';

export interface ArchiveCategoryTable extends SiteDataRow {
  code: number;
  name: string;
  active: number;
}

export interface ArchiveClassTable extends SiteDataRow {
  category_code: number;
  code: number;
  name: string;
  default_retention: ArchiveRetention;
  active: number;
}

export interface ArchiveDepartmentTable extends SiteDataRow {
  /** two digits: 01–07 departments, 08–14 service centres A–G */
  code: string;
  name: string;
  active: number;
}

export interface ArchiveItemTable extends SiteDataRow {
  category_code: number;
  class_code: number;
  department_code: string;
  /** box/file sequence within category.class.department; never reused */
  seq: number;
  /** e.g. 3.4.07—12 */
  ref_code: string;
  title: string;
  year: number;
  produced_on: string | null;
  retention: ArchiveRetention;
  form: ArchiveForm;
  piece_count: number;
  location_room: string;
  cabinet: string;
  shelf: string;
  box: string;
  confidentiality: 'public' | 'internal' | 'restricted';
  remarks: string;
  /** 全宗号 */
  fonds_no: string;
  /** 馆编件号 */
  library_no: string;
  status: 'in' | 'out' | 'destroyed';
}

export interface Schema extends FeeTables, SyncTables {
  site: SiteTable;
  archive_category: ArchiveCategoryTable;
  archive_class: ArchiveClassTable;
  archive_department: ArchiveDepartmentTable;
  archive_item: ArchiveItemTable;
  complaint_case: ComplaintCaseTable; complaint_event: ComplaintEventTable; complaint_category: ComplaintCategoryTable;
  archive_scan: ArchiveScanTable;
  archive_request: ArchiveRequestTable;
  archive_request_item: ArchiveRequestItemTable;
  archive_loan: ArchiveLoanTable;
  archive_register: ArchiveRegisterTable;
  archive_appraisal: ArchiveAppraisalTable;
  archive_class_count: ArchiveClassCountTable;
  building: BuildingTable;
  unit: UnitTable;
  room: RoomTable;
  occupant: OccupantTable;
  occupant_gram: OccupantGramTable;
  household_member: HouseholdMemberTable;
  vehicle: VehicleTable;
  parking_space: ParkingSpaceTable;
  setting: SettingTable;
  staff: StaffTable;
  audit_event: AuditEventTable;
  change_log: ChangeLogTable;
}

export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
export type Site = Selectable<SiteTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
export type AuditEvent = Selectable<AuditEventTable>;

// Generated is re-exported so later areas' tables can use auto-increment columns if they must.
export type { Generated };
