import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { prepareQuery, type Param } from '../store/prepared.js';
import type { Schema } from '../store/schema.js';
import { calendarSets, calendarSetsOn } from './calendar.js';
import { clockOf, DEFAULT_SETTINGS, escalationLevel, minutesLeft, rulesSchema, type ComplaintRules, type RuleSettings } from './rules.js';
import type { ComplaintCaseTable, ComplaintStage } from './tables.js';
import { siteYear } from '../time/site-time.js';

type Db = Kysely<Schema> | Transaction<Schema>;
/**
 * The desk's own connection (inside an operation, the one its transaction runs on). Logging a
 * case reads the rules, the calendar, the categories and the last number every time: those
 * reads are prepared once (the `…On` functions), so they cost what SQLite takes, not a query
 * build each. The async versions read any store, head office's PostgreSQL included.
 */
type Conn = Database.Database;

/** The site's deadline rules live in the settings table under one key; a missing or unreadable value means the defaults. */
export const RULES_KEY = 'complaintRules';

/** The deadline settings, read at the site's own clock: its UTC offset is the site setting every area uses. */
export async function readRuleSettings(db: Db, siteId: string): Promise<RuleSettings> {
  return toRuleSettings(await ruleRows(db, siteId).execute());
}

const ruleRows = (db: Db, siteId: string) => db.selectFrom('setting').select(['key', 'value']).where('site_id', '=', siteId).where('key', 'in', [RULES_KEY, 'utcOffsetMinutes']);
const RULE_ROWS = prepareQuery((db, p: Param<{ siteId: string }>) => ruleRows(db, p('siteId')));

function toRuleSettings(rows: readonly { key: string; value: string }[]): RuleSettings {
  const stored = rows.find((r) => r.key === RULES_KEY);
  const offset = rows.find((r) => r.key === 'utcOffsetMinutes');
  const site = offset ? { utcOffsetMinutes: JSON.parse(offset.value) as number } : {};
  const parsed = rulesSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored ? (JSON.parse(stored.value) as object) : {}), ...site });
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, ...site };
}

/** The settings with the site's holiday calendar: what every deadline is computed from. */
export async function readRules(db: Db, siteId: string): Promise<ComplaintRules> {
  return { ...(await readRuleSettings(db, siteId)), ...(await calendarSets(db, siteId)) };
}

export function readRulesOn(conn: Conn, siteId: string): ComplaintRules {
  return { ...toRuleSettings(RULE_ROWS.all(conn, { siteId })), ...calendarSetsOn(conn, siteId) };
}

export async function writeRules(db: Db, siteId: string, rules: RuleSettings, now: Date): Promise<void> {
  const value = JSON.stringify(rules);
  const existing = await db.selectFrom('setting').select(['id', 'value']).where('site_id', '=', siteId).where('key', '=', RULES_KEY).executeTakeFirst();
  if (existing?.value === value) return;
  if (existing) await db.updateTable('setting').set({ value, updated_at: now.toISOString() }).where('id', '=', existing.id).execute();
  else await db.insertInto('setting').values({ ...newRow(siteId, now), key: RULES_KEY, value }).execute();
}

/** The service centre's standard categories of complaint and repair; a site that edits its list gets its own rows. */
export const DEFAULT_CATEGORIES = [
  { code: 'noise', name_zh: '装修噪音', name_en: 'Decoration noise' },
  { code: 'facility', name_zh: '公共设施故障', name_en: 'Public facility fault' },
  { code: 'inunit', name_zh: '户内维修', name_en: 'In-unit repair' },
  { code: 'mail', name_zh: '邮件报刊', name_en: 'Mail and newspapers' },
  { code: 'cleaning', name_zh: '保洁绿化', name_en: 'Cleaning and landscaping' },
  { code: 'pests', name_zh: '虫害', name_en: 'Pests' },
  { code: 'other', name_zh: '其他服务', name_en: 'Other service' },
] as const;

export interface Category { code: string; name_zh: string; name_en: string; sort: number; active: number }

export async function listCategories(db: Db, siteId: string): Promise<Category[]> {
  return orDefaults(await categoryRows(db, siteId).execute());
}

export function listCategoriesOn(conn: Conn, siteId: string): Category[] {
  return orDefaults(CATEGORY_ROWS.all(conn, { siteId }));
}

const categoryRows = (db: Db, siteId: string) => db.selectFrom('complaint_category').select(['code', 'name_zh', 'name_en', 'sort', 'active'])
  .where('site_id', '=', siteId).orderBy('sort').orderBy('code');
const CATEGORY_ROWS = prepareQuery((db, p: Param<{ siteId: string }>) => categoryRows(db, p('siteId')));

function orDefaults(rows: Category[]): Category[] {
  if (rows.length) return rows;
  return DEFAULT_CATEGORIES.map((c, i) => ({ ...c, sort: (i + 1) * 10, active: 1 }));
}

/** Add, rename or retire a category; the first edit writes the standard list so the site owns it. */
export async function saveCategory(db: Db, siteId: string, c: Category, now: Date): Promise<void> {
  const has = await db.selectFrom('complaint_category').select('id').where('site_id', '=', siteId).limit(1).executeTakeFirst();
  if (!has) {
    for (const d of await listCategories(db, siteId)) await db.insertInto('complaint_category').values({ ...newRow(siteId, now), ...d }).execute();
  }
  const existing = await db.selectFrom('complaint_category').selectAll().where('site_id', '=', siteId).where('code', '=', c.code).executeTakeFirst();
  if (!existing) {
    await db.insertInto('complaint_category').values({ ...newRow(siteId, now), ...c }).execute();
  } else if (existing.name_zh !== c.name_zh || existing.name_en !== c.name_en || existing.sort !== c.sort || existing.active !== c.active) {
    await db.updateTable('complaint_category').set({ name_zh: c.name_zh, name_en: c.name_en, sort: c.sort, active: c.active, updated_at: now.toISOString() })
      .where('id', '=', existing.id).execute();
  }
}

/** The next case number of the site's year: 2026-00001, 2026-00002 … (never reused: cases are never deleted). */
const LAST_SEQ = prepareQuery((db, p: Param<{ siteId: string; year: number }>) =>
  db.selectFrom('complaint_case').select((eb) => eb.fn.max('seq').as('m')).where('site_id', '=', p('siteId')).where('year', '=', p('year')));

export function nextCaseNo(conn: Conn, siteId: string, year: number): { seq: number; caseNo: string } {
  const r = LAST_SEQ.first(conn, { siteId, year });
  const seq = Number(r?.m ?? 0) + 1;
  return { seq, caseNo: `${year}-${String(seq).padStart(5, '0')}` };
}

/** The local year of an instant at the site's offset (the case number's year). */
export function localYear(t: number, rules: ComplaintRules): number {
  return siteYear(t, rules.utcOffsetMinutes);
}

export const OPEN_STAGES: readonly ComplaintStage[] = ['received', 'handling'];

type DerivedFrom = Pick<ComplaintCaseTable, 'kind' | 'severity' | 'stage' | 'due_at' | 'manager_at' | 'replied_at' | 'onsite_due_at' | 'onsite_at'>;

/**
 * What every list and page adds to a stored case: the clock-derived state (nothing here is
 * stored). Time left and overdue are counted on the clock the case runs on: office minutes
 * for an office-time case, so "overdue by 1 office hour" means one hour the desk was open.
 */
export function derived(c: DerivedFrom, now: Date, rules: ComplaintRules) {
  const t = now.getTime();
  const open = OPEN_STAGES.includes(c.stage);
  const due = Date.parse(c.due_at);
  const clock = clockOf(c.kind, c.severity, rules);
  const awaitingOnsite = open && c.onsite_due_at !== null && c.onsite_at === null;
  const onsiteDue = c.onsite_due_at === null ? 0 : Date.parse(c.onsite_due_at);
  const onsiteOverdue = awaitingOnsite && t >= onsiteDue;
  return {
    clock,
    /** office minutes in a working day (to read office minutes as working days) */
    officeDayMinutes: rules.officeEnd - rules.officeStart,
    /** ms until the deadline (negative = overdue); null once answered */
    msLeft: open ? due - t : null,
    /** minutes until the deadline on the case's clock (negative = overdue); null once answered */
    minutesLeft: open ? minutesLeft(clock, due, t, rules) : null,
    overdue: open && t >= due,
    level: escalationLevel(open, due, Date.parse(c.manager_at), t, onsiteOverdue),
    /** minutes (of the case's clock) until someone must be on site; null when nobody is awaited */
    onsiteMinutesLeft: awaitingOnsite ? minutesLeft(clock, onsiteDue, t, rules) : null,
    onsiteOverdue,
    /** answered by the deadline (null while unanswered) */
    onTime: c.replied_at ? c.replied_at <= c.due_at : null,
  };
}

/** The moment an open case reached the supervisor: its deadline, or the on-site time if nobody came first. */
export function escalatedAt(c: DerivedFrom): string {
  return c.onsite_due_at !== null && c.onsite_at === null && c.onsite_due_at < c.due_at ? c.onsite_due_at : c.due_at;
}
