import type { SiteDataRow } from '../store/schema.js';

/** Kysely types of the complaint ledger's tables (migration 0005). */
export type ComplaintKind = 'complaint' | 'repair' | 'suggestion' | 'enquiry';
export type ComplaintChannel = 'visit' | 'phone' | 'letter' | 'other';
export type ComplaintSeverity = 'ordinary' | 'urgent';
export type ComplaintStage = 'received' | 'handling' | 'replied' | 'followed_up' | 'closed';
export type ComplaintDepartment = 'customer_service' | 'engineering' | 'security' | 'cleaning' | 'landscaping' | 'other';
export type ReplyMethod = 'visit' | 'letter' | 'phone';
export type ComplaintEventKind = 'received' | 'dispatched' | 'onsite' | 'replied' | 'followed_up' | 'closed' | 'reopened' | 'validity' | 'note' | 'escalated';

export interface ComplaintCaseTable extends SiteDataRow {
  /** e.g. 2026-00042: per site and year, never reused */
  case_no: string;
  year: number;
  seq: number;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  room_id: string | null;
  /** the room code as it was when received ('' for a caller with no room) */
  room_code: string;
  building_id: string | null;
  complainant: string;
  phone: string;
  category: string;
  severity: ComplaintSeverity;
  matter: string;
  wanted: string;
  received_at: string;
  /** 首问负责制: the owner of the case until it closes */
  receiver_id: string;
  stage: ComplaintStage;
  department: ComplaintDepartment | null;
  department_name: string;
  assignee: string;
  repair_size: 'small' | 'large' | null;
  transferred: number;
  due_at: string;
  onsite_due_at: string | null;
  onsite_at: string | null;
  /** when an unanswered overdue case climbs to the deputy GM */
  manager_at: string;
  valid: number;
  invalid_reason: string;
  reply_method: ReplyMethod | null;
  reply_text: string;
  replied_at: string | null;
  satisfaction: number | null;
  followup_remarks: string;
  followed_at: string | null;
  closed_at: string | null;
  reopen_count: number;
}

export interface ComplaintEventTable extends SiteDataRow {
  case_id: string;
  at: string;
  actor_id: string | null;
  event: ComplaintEventKind;
  /** JSON text */
  detail: string;
}

export interface ComplaintCategoryTable extends SiteDataRow {
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: number;
}

export interface ComplaintTables {
  complaint_case: ComplaintCaseTable;
  complaint_event: ComplaintEventTable;
  complaint_category: ComplaintCategoryTable;
  holiday_calendar: HolidayCalendarTable;
}

/**
 * The holiday calendar (migration 0015): one row per local day that differs from the site's
 * usual week — a public holiday (the office closed) or a day off worked in exchange (调休上班).
 * Preloaded from the national calendar; a site may adjust it; head office may later own it.
 */
export interface HolidayCalendarTable extends SiteDataRow {
  /** YYYY-MM-DD */
  day: string;
  kind: 'holiday' | 'workday';
  /** e.g. 国庆节 / National Day */
  name_zh: string;
  name_en: string;
  /** national: from the published calendar; site: typed in at this site */
  source: 'national' | 'site';
}
