import type Database from 'better-sqlite3';
import type { Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { siteDateTime } from '../time/site-time.js';
import { prepareInsert, prepareQuery, type Param } from '../store/prepared.js';
import type { Schema } from '../store/schema.js';
import { derived, escalatedAt, listCategories, listCategoriesOn, localYear, nextCaseNo, readRules, readRulesOn } from './queries.js';
import { clockOf, escalationLevel, intakeDeadlines, managerAt, RECEIVED_ALLOWANCE_MINUTES, urgentDeadline } from './rules.js';
import type { ComplaintCaseTable, ComplaintChannel, ComplaintDepartment, ComplaintEventKind, ComplaintKind, ComplaintSeverity, ComplaintStage, ReplyMethod } from './tables.js';

/**
 * The workflow: each step checks the stage here (for a clear message) and the store's
 * triggers check it again (so no code path can skip one). Every step appends to the timeline.
 */
type Trx = Transaction<Schema>;
/** Who acts, where and when; conn is the desk's connection, the one the operation's transaction runs on. */
interface Actor { siteId: string; staffId: string; now: Date; conn: Database.Database }

const STAGE_WORDS: Record<ComplaintStage, [string, string]> = {
  received: ['接诉', 'received'],
  handling: ['处理中', 'handling'],
  replied: ['已回复', 'replied'],
  followed_up: ['已回访', 'followed up'],
  closed: ['已结案', 'closed'],
};
const ACTION_WORDS = {
  dispatch: ['派工', 'dispatched'],
  onsite: ['登记到场', 'marked on site'],
  reply: ['回复', 'replied to'],
  followUp: ['回访', 'followed up'],
  close: ['结案', 'closed'],
  reopen: ['重新打开', 'reopened'],
} as const;

function wrongStage(stage: ComplaintStage, action: keyof typeof ACTION_WORDS): AppError {
  if (stage === 'closed') return new AppError('complaints.closed');
  const [stageZh, stageEn] = STAGE_WORDS[stage];
  const [actionZh, actionEn] = ACTION_WORDS[action];
  return new AppError('complaints.wrong_stage', { stageZh, stageEn, actionZh, actionEn });
}

const EVENT_INSERT = prepareInsert('complaint_event', ['id', 'site_id', 'created_at', 'updated_at', 'case_id', 'at', 'actor_id', 'event', 'detail']);

/** A line of the case's timeline: every step writes one, so it is prepared once. */
function event(a: Actor, caseId: string, kind: ComplaintEventKind, detail: object, at = a.now.toISOString(), actor: string | null = a.staffId) {
  EVENT_INSERT.run(a.conn, { ...newRow(a.siteId, a.now), case_id: caseId, at, actor_id: actor, event: kind, detail: JSON.stringify(detail) });
}

export async function loadCase(trx: Trx, siteId: string, id: string) {
  const c = await trx.selectFrom('complaint_case').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  if (!c) throw new AppError('complaints.not_found');
  return c;
}

async function update(trx: Trx, a: Actor, id: string, set: Partial<ComplaintCaseTable>) {
  await trx.updateTable('complaint_case').set({ ...set, updated_at: a.now.toISOString() }).where('id', '=', id).execute();
}

export interface NewCase {
  kind: ComplaintKind;
  channel: ComplaintChannel;
  roomId?: string | null;
  complainant: string;
  phone?: string;
  category: string;
  severity: ComplaintSeverity;
  matter: string;
  wanted?: string;
  receivedAt?: string;
}

const ROOM = prepareQuery((db, p: Param<{ siteId: string; id: string }>) =>
  db.selectFrom('room').select(['id', 'code', 'building_id']).where('site_id', '=', p('siteId')).where('id', '=', p('id')));
const CASE_INSERT = prepareInsert('complaint_case', [
  'id', 'site_id', 'created_at', 'updated_at', 'case_no', 'year', 'seq', 'kind', 'channel', 'room_id', 'room_code', 'building_id', 'complainant', 'phone',
  'category', 'severity', 'matter', 'wanted', 'received_at', 'receiver_id', 'stage', 'department', 'department_name', 'assignee', 'repair_size', 'transferred',
  'due_at', 'onsite_due_at', 'onsite_at', 'manager_at', 'valid', 'invalid_reason', 'reply_method', 'reply_text', 'replied_at', 'satisfaction',
  'followup_remarks', 'followed_at', 'closed_at', 'reopen_count',
]);

/**
 * Log a call: the room, the category and the deadlines of its clock, the next number of the
 * year. The busiest write of the front desk, so its statements are prepared once.
 */
export function createCase(a: Actor, i: NewCase) {
  const now = a.now.getTime();
  const received = i.receivedAt ? Date.parse(i.receivedAt) : now;
  if (received > now) throw new AppError('complaints.received_future');
  if (received < now - RECEIVED_ALLOWANCE_MINUTES * 60_000) throw new AppError('complaints.received_too_early', { minutes: RECEIVED_ALLOWANCE_MINUTES });
  let room: { id: string; code: string; building_id: string } | undefined;
  if (i.roomId) {
    room = ROOM.first(a.conn, { siteId: a.siteId, id: i.roomId });
    if (!room) throw new AppError('complaints.unknown_room');
  }
  const categories = listCategoriesOn(a.conn, a.siteId);
  if (!categories.some((c) => c.code === i.category && c.active)) throw new AppError('complaints.unknown_category', { code: i.category });
  const rules = readRulesOn(a.conn, a.siteId);
  const d = intakeDeadlines(i.kind, i.severity, received, rules);
  const year = localYear(received, rules);
  const { seq, caseNo } = nextCaseNo(a.conn, a.siteId, year);
  const row = newRow(a.siteId, a.now);
  const receivedAt = new Date(received).toISOString();
  CASE_INSERT.run(a.conn, {
    ...row, case_no: caseNo, year, seq, kind: i.kind, channel: i.channel, room_id: room?.id ?? null, room_code: room?.code ?? '', building_id: room?.building_id ?? null,
    complainant: i.complainant, phone: i.phone ?? '', category: i.category, severity: i.severity, matter: i.matter, wanted: i.wanted ?? '',
    received_at: receivedAt, receiver_id: a.staffId, stage: 'received', department: null, department_name: '', assignee: '', repair_size: null,
    transferred: 0, due_at: new Date(d.dueAt).toISOString(), onsite_due_at: d.onsiteDueAt === null ? null : new Date(d.onsiteDueAt).toISOString(),
    onsite_at: null, manager_at: new Date(d.managerAt).toISOString(), valid: 1, invalid_reason: '', reply_method: null, reply_text: '', replied_at: null,
    satisfaction: null, followup_remarks: '', followed_at: null, closed_at: null, reopen_count: 0,
  });
  event(a, row.id, 'received', { dueAt: new Date(d.dueAt).toISOString(), onsiteDueAt: d.onsiteDueAt ? new Date(d.onsiteDueAt).toISOString() : null }, receivedAt);
  return { id: row.id, caseNo, dueAt: new Date(d.dueAt).toISOString() };
}

export interface Dispatch {
  id: string;
  department: ComplaintDepartment;
  departmentName?: string;
  assignee: string;
  note?: string;
  repairSize?: 'small' | 'large';
  dueAt?: string;
}

/** Pass the case to a department with a person. The receiver stays the owner. */
export async function dispatchCase(trx: Trx, a: Actor, i: Dispatch) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage !== 'received' && c.stage !== 'handling') throw wrongStage(c.stage, 'dispatch');
  if (i.department === 'other' && !i.departmentName) throw new AppError('complaints.other_needs_name');
  const rules = readRulesOn(a.conn, a.siteId);
  let due = Date.parse(c.due_at);
  let repairSize = c.repair_size;
  let transferred = c.transferred;
  if (c.kind === 'repair') {
    repairSize = i.repairSize ?? 'small';
    if (repairSize === 'large') {
      if (!i.dueAt) throw new AppError('complaints.large_needs_deadline');
      const set = Date.parse(i.dueAt);
      if (set <= a.now.getTime()) throw new AppError('complaints.deadline_past', { at: siteDateTime(i.dueAt, rules.utcOffsetMinutes) });
      due = set;
    }
  } else {
    if (i.repairSize || i.dueAt) throw new AppError('complaints.repair_only');
    // passed to another department: three days from receipt (业主投诉处理暂行规定)
    if (i.department !== 'customer_service') {
      transferred = 1;
      due = Math.max(due, urgentDeadline(clockOf(c.kind, c.severity, rules), Date.parse(c.received_at), rules));
    }
  }
  const dueAt = new Date(due).toISOString();
  await update(trx, a, c.id, {
    stage: 'handling', department: i.department, department_name: i.department === 'other' ? i.departmentName ?? '' : '', assignee: i.assignee,
    repair_size: repairSize, transferred, due_at: dueAt, manager_at: new Date(managerAt(clockOf(c.kind, c.severity, rules), due, rules)).toISOString(),
  });
  event(a, c.id, 'dispatched', { department: i.department, departmentName: i.departmentName ?? '', assignee: i.assignee, note: i.note ?? '', repairSize, dueAt });
  return { dueAt };
}

export async function markOnsite(trx: Trx, a: Actor, id: string) {
  const c = await loadCase(trx, a.siteId, id);
  if (c.kind !== 'repair') throw new AppError('complaints.repair_only');
  if (c.stage !== 'handling' || c.onsite_at) throw wrongStage(c.stage, 'onsite');
  const late = c.onsite_due_at !== null && a.now.toISOString() >= c.onsite_due_at;
  // nobody on site in time: the case went to the supervisor at that moment, and the timeline keeps it
  if (late && c.onsite_due_at! < c.due_at) event(a, c.id, 'escalated', { level: 1, onsite: true }, c.onsite_due_at!, null);
  await update(trx, a, c.id, { onsite_at: a.now.toISOString() });
  event(a, c.id, 'onsite', { late });
}

/** Record in the timeline the escalations an unanswered case went through, at the moments they happened. */
async function recordEscalations(trx: Trx, a: Actor, c: ComplaintCaseTable) {
  const onsiteLate = c.onsite_due_at !== null && c.onsite_at === null && a.now.toISOString() >= c.onsite_due_at;
  const level = escalationLevel(true, Date.parse(c.due_at), Date.parse(c.manager_at), a.now.getTime(), onsiteLate);
  const at = escalatedAt(c);
  if (level >= 1) event(a, c.id, 'escalated', at === c.due_at ? { level: 1 } : { level: 1, onsite: true }, at, null);
  if (level >= 2) event(a, c.id, 'escalated', { level: 2 }, c.manager_at, null);
}

export async function replyCase(trx: Trx, a: Actor, i: { id: string; method: ReplyMethod; text: string }) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage !== 'handling') throw wrongStage(c.stage, 'reply');
  await recordEscalations(trx, a, c);
  await update(trx, a, c.id, { stage: 'replied', reply_method: i.method, reply_text: i.text, replied_at: a.now.toISOString() });
  event(a, c.id, 'replied', { method: i.method, text: i.text, onTime: a.now.toISOString() <= c.due_at });
}

export async function followUpCase(trx: Trx, a: Actor, i: { id: string; satisfaction: number; remarks?: string }) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage !== 'replied') throw wrongStage(c.stage, 'followUp');
  await update(trx, a, c.id, { stage: 'followed_up', satisfaction: i.satisfaction, followup_remarks: i.remarks ?? '', followed_at: a.now.toISOString() });
  event(a, c.id, 'followed_up', { satisfaction: i.satisfaction, remarks: i.remarks ?? '' });
}

export async function closeCase(trx: Trx, a: Actor, i: { id: string; remarks?: string }) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage !== 'followed_up') throw wrongStage(c.stage, 'close');
  await update(trx, a, c.id, { stage: 'closed', closed_at: a.now.toISOString() });
  event(a, c.id, 'closed', { remarks: i.remarks ?? '' });
}

/** Back to handling with fresh deadlines from now; the count of reopenings goes up. */
export async function reopenCase(trx: Trx, a: Actor, i: { id: string; reason: string }) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage !== 'closed' && c.stage !== 'followed_up') throw wrongStage(c.stage, 'reopen');
  const rules = readRulesOn(a.conn, a.siteId);
  const now = a.now.getTime();
  const d = intakeDeadlines(c.kind, c.transferred ? 'urgent' : c.severity, now, rules);
  await update(trx, a, c.id, {
    stage: 'handling', reopen_count: c.reopen_count + 1, replied_at: null, reply_method: null, satisfaction: null, followed_at: null, closed_at: null,
    due_at: new Date(d.dueAt).toISOString(), manager_at: new Date(d.managerAt).toISOString(),
    onsite_due_at: d.onsiteDueAt === null ? null : new Date(d.onsiteDueAt).toISOString(), onsite_at: null,
  });
  event(a, c.id, 'reopened', { reason: i.reason, dueAt: new Date(d.dueAt).toISOString(), count: c.reopen_count + 1 });
}

export async function setValidity(trx: Trx, a: Actor, i: { id: string; valid: boolean; reason?: string }) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage === 'closed') throw new AppError('complaints.closed');
  if (!i.valid && !i.reason) throw new AppError('complaints.invalid_needs_reason');
  await update(trx, a, c.id, { valid: i.valid ? 1 : 0, invalid_reason: i.valid ? '' : i.reason ?? '' });
  event(a, c.id, 'validity', { valid: i.valid, reason: i.reason ?? '' });
}

export async function addNote(trx: Trx, a: Actor, i: { id: string; text: string }) {
  const c = await loadCase(trx, a.siteId, i.id);
  if (c.stage === 'closed') throw new AppError('complaints.closed');
  event(a, c.id, 'note', { text: i.text });
}

/** One case with its owner, room, timeline (stored events plus escalations derived from the clock) and state now. */
export async function caseDetail(trx: Trx, siteId: string, id: string, now: Date) {
  const c = await loadCase(trx, siteId, id);
  const staff = await trx.selectFrom('staff').select(['id', 'display_name']).where('site_id', '=', siteId).execute();
  const name = (sid: string | null) => (sid ? staff.find((s) => s.id === sid)?.display_name ?? '' : '');
  const stored = await trx.selectFrom('complaint_event').select(['id', 'at', 'actor_id', 'event', 'detail', 'created_at'])
    .where('case_id', '=', id).orderBy('at').orderBy('id').execute();
  const events = stored.map((e) => ({ id: e.id, at: e.at, event: e.event, actor: name(e.actor_id), detail: JSON.parse(e.detail) as Record<string, unknown>, derived: false }));
  const state = derived(c, now, await readRules(trx, siteId));
  // escalations of a case still open are facts of the clock: shown, and written down when it is answered
  if (state.level >= 1) {
    const at = escalatedAt(c);
    events.push({ id: 'esc-1', at, event: 'escalated', actor: '', detail: at === c.due_at ? { level: 1 } : { level: 1, onsite: true }, derived: true });
  }
  if (state.level >= 2) events.push({ id: 'esc-2', at: c.manager_at, event: 'escalated', actor: '', detail: { level: 2 }, derived: true });
  events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  const categories = await listCategories(trx, siteId);
  const category = categories.find((k) => k.code === c.category);
  return { ...c, receiver_name: name(c.receiver_id), category_zh: category?.name_zh ?? c.category, category_en: category?.name_en ?? c.category, ...state, events };
}
