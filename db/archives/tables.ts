import type { SiteDataRow } from '../store/schema.js';

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
  /** a major-event paper (重大事件), as the archivist marks it: due at the archive room within a month (migration 0020) */
  major_event: number;
}

/** The tables of migration 0006 (scans, requests, loans, the register, appraisals), as Kysely sees them. */
export type ScanMime = 'application/pdf' | 'image/png' | 'image/jpeg';
export type RequestKind = 'read' | 'borrow' | 'copy';
export type Decision = 'pending' | 'approved' | 'rejected';
export type ReturnCondition = 'good' | 'damaged' | 'incomplete';
export type RegisterEvent =
  | 'requested' | 'approved' | 'rejected' | 'read' | 'copied' | 'lent' | 'returned' | 'scanned'
  | 'kept' | 'destroy_proposed' | 'destroy_rejected' | 'destroyed';

export interface ArchiveScanTable extends SiteDataRow {
  item_id: string;
  name: string;
  mime: ScanMime;
  size: number;
  sha256: string;
  added_by: string;
}

export interface ArchiveRequestTable extends SiteDataRow {
  kind: RequestKind;
  /** who asks (a person, not necessarily staff) */
  requester: string;
  requester_unit: string;
  purpose: string;
  /** borrowing only: when it must be back */
  due_on: string | null;
  status: Decision;
  entered_by: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
}

export interface ArchiveRequestItemTable extends SiteDataRow {
  request_id: string;
  item_id: string;
}

export interface ArchiveLoanTable extends SiteDataRow {
  item_id: string;
  request_id: string;
  borrower: string;
  lent_by: string;
  lent_at: string;
  due_on: string;
  returned_at: string | null;
  returned_by: string | null;
  return_condition: ReturnCondition | null;
  return_note: string;
}

export interface ArchiveRegisterTable extends SiteDataRow {
  item_id: string;
  ref_code: string;
  event: RegisterEvent;
  request_id: string | null;
  person: string;
  note: string;
  staff_id: string;
  at: string;
}

export interface ArchiveAppraisalTable extends SiteDataRow {
  item_id: string;
  decision: 'keep' | 'destroy';
  reason: string;
  review_year: number | null;
  status: Decision;
  proposed_by: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** A filed item corrected or moved (migration 0025): each changed field's value before and after. */
export type CorrectionKind = 'correct' | 'move';
export type CorrectedField = 'title' | 'year' | 'produced_on' | 'retention' | 'piece_count' | 'remarks' | 'location_room' | 'cabinet' | 'shelf' | 'box';
export type CorrectionChanges = Partial<Record<CorrectedField, [before: string | number | null, after: string | number | null]>>;

export interface ArchiveCorrectionTable extends SiteDataRow {
  item_id: string;
  kind: CorrectionKind;
  /** JSON of CorrectionChanges */
  changes: string;
  reason: string;
  done_by: string;
}

/** Items per class, kept by a trigger on archive_item (derived, not change-captured). */
export interface ArchiveClassCountTable {
  site_id: string;
  category_code: number;
  class_code: number;
  n: number;
}

export interface ArchiveTables {
  archive_category: ArchiveCategoryTable;
  archive_class: ArchiveClassTable;
  archive_department: ArchiveDepartmentTable;
  archive_item: ArchiveItemTable;
  archive_scan: ArchiveScanTable;
  archive_request: ArchiveRequestTable;
  archive_request_item: ArchiveRequestItemTable;
  archive_loan: ArchiveLoanTable;
  archive_register: ArchiveRegisterTable;
  archive_appraisal: ArchiveAppraisalTable;
  archive_correction: ArchiveCorrectionTable;
  archive_class_count: ArchiveClassCountTable;
}
