import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ArchiveTables } from '../archives/tables.js';
import type { ComplaintTables } from '../complaints/tables.js';
import type { FeeTables } from '../fees/tables.js';
import type { HandoverTables } from '../handovers/tables.js';
import type { RegistryTables } from '../registry/tables.js';
import type { SyncTables } from '../sync/tables.js';

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

/** The whole store: the core tables here, and each area's from its own tables.ts. */
export interface Schema extends RegistryTables, FeeTables, ComplaintTables, ArchiveTables, HandoverTables, SyncTables {
  site: SiteTable;
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
