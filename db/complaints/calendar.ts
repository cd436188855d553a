import chineseDays from 'chinese-days';
import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { prepareQuery, type Param } from '../store/prepared.js';
import type { Schema } from '../store/schema.js';
import { addDays, siteYear } from '../time/site-time.js';
import type { HolidayCalendarTable } from './tables.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * The site's holiday calendar: public holidays and days off worked in exchange (调休上班),
 * one row per day, preloaded from the national calendar (the chinese-days package, which
 * follows the State Council's yearly notice) and adjustable by the site.
 */
export interface CalendarEntry { day: string; kind: 'holiday' | 'workday'; nameZh: string; nameEn: string; source: 'national' | 'site' }

/** The national calendar of a year as the chinese-days package publishes it; empty when the year is not published yet. */
export function nationalCalendar(year: number): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
    const d = chineseDays.getDayDetail(day);
    // a day of the published calendar is named "English,中文,n"; ordinary days only by their weekday
    if (!d.name.includes(',')) continue;
    const [en = '', zh = ''] = d.name.split(',');
    out.push({ day, kind: d.work ? 'workday' : 'holiday', nameZh: zh, nameEn: en, source: 'national' });
  }
  return out;
}

export async function readCalendar(db: Db, siteId: string, year?: number): Promise<CalendarEntry[]> {
  let q = db.selectFrom('holiday_calendar').select(['day', 'kind', 'name_zh', 'name_en', 'source']).where('site_id', '=', siteId);
  if (year) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  const rows = await q.orderBy('day').execute();
  return rows.map((r) => ({ day: r.day, kind: r.kind, nameZh: r.name_zh, nameEn: r.name_en, source: r.source }));
}

type CalendarSets = { holidays: Set<string>; extraWorkdays: Set<string> };
const calendarDays = (db: Db, siteId: string) => db.selectFrom('holiday_calendar').select(['day', 'kind']).where('site_id', '=', siteId);
const CALENDAR_DAYS = prepareQuery((db, p: Param<{ siteId: string }>) => calendarDays(db, p('siteId')));

/** The calendar as the deadline rules read it, from any store (a site's, head office's SQLite or PostgreSQL). */
export async function calendarSets(db: Db, siteId: string): Promise<CalendarSets> {
  return toSets(await calendarDays(db, siteId).execute());
}

/** The same from the desk's own connection, prepared once: logging a case reads it every time. */
export function calendarSetsOn(conn: Database.Database, siteId: string): CalendarSets {
  return toSets(CALENDAR_DAYS.all(conn, { siteId }));
}

function toSets(rows: readonly { day: string; kind: 'holiday' | 'workday' }[]): CalendarSets {
  const holidays = new Set<string>();
  const extraWorkdays = new Set<string>();
  for (const r of rows) (r.kind === 'holiday' ? holidays : extraWorkdays).add(r.day);
  return { holidays, extraWorkdays };
}

/** A range as a person types it: from–to inclusive, one kind, one name. */
export interface CalendarRange { from: string; to: string; kind: 'holiday' | 'workday'; nameZh: string; nameEn: string }

/** Ranges to days, refusing a range that ends before it starts, leaves the year, or overlaps another. */
export function rangesToDays(year: number, ranges: readonly CalendarRange[]): Omit<CalendarEntry, 'source'>[] {
  const days = new Map<string, Omit<CalendarEntry, 'source'>>();
  for (const r of ranges) {
    if (r.to < r.from) throw new AppError('complaints.calendar_backwards', { from: r.from, to: r.to });
    if (!r.from.startsWith(`${year}-`) || !r.to.startsWith(`${year}-`)) throw new AppError('complaints.calendar_other_year', { day: r.from.startsWith(`${year}-`) ? r.to : r.from, year });
    for (let d = r.from; d <= r.to; d = addDays(d, 1)) {
      if (days.has(d)) throw new AppError('complaints.calendar_overlap', { day: d });
      days.set(d, { day: d, kind: r.kind, nameZh: r.nameZh, nameEn: r.nameEn });
    }
  }
  return [...days.values()];
}

/** Consecutive days of one kind and name, back into ranges (what the settings screen edits). */
export function daysToRanges(entries: readonly CalendarEntry[]): (CalendarRange & { source: CalendarEntry['source'] })[] {
  const out: (CalendarRange & { source: CalendarEntry['source'] })[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === e.day && last.kind === e.kind && last.nameZh === e.nameZh && last.nameEn === e.nameEn && last.source === e.source) last.to = e.day;
    else out.push({ from: e.day, to: e.day, kind: e.kind, nameZh: e.nameZh, nameEn: e.nameEn, source: e.source });
  }
  return out;
}

/**
 * Replace a year of the site's calendar. Days that match the national calendar keep the
 * national mark, the rest are the site's own. Rows are updated in place where the day
 * stays, so the change log shows what changed.
 */
export async function writeYear(db: Db, siteId: string, year: number, days: readonly Omit<CalendarEntry, 'source'>[], now: Date): Promise<void> {
  const national = new Map(nationalCalendar(year).map((n) => [n.day, n]));
  const existing = await db.selectFrom('holiday_calendar').selectAll().where('site_id', '=', siteId)
    .where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
  const byDay = new Map(existing.map((r) => [r.day, r]));
  const wanted = new Set(days.map((d) => d.day));
  for (const r of existing) if (!wanted.has(r.day)) await db.deleteFrom('holiday_calendar').where('id', '=', r.id).execute();
  for (const d of days) {
    const n = national.get(d.day);
    const source: HolidayCalendarTable['source'] = n && n.kind === d.kind ? 'national' : 'site';
    const row = byDay.get(d.day);
    if (!row) {
      await db.insertInto('holiday_calendar').values({ ...newRow(siteId, now), day: d.day, kind: d.kind, name_zh: d.nameZh, name_en: d.nameEn, source }).execute();
    } else if (row.kind !== d.kind || row.name_zh !== d.nameZh || row.name_en !== d.nameEn || row.source !== source) {
      await db.updateTable('holiday_calendar').set({ kind: d.kind, name_zh: d.nameZh, name_en: d.nameEn, source, updated_at: now.toISOString() })
        .where('id', '=', row.id).execute();
    }
  }
}

/**
 * Preload the national calendar of this year and the next (what is published of them), keeping
 * every day the site already has. Returns the years that were published.
 */
export async function preloadNationalCalendar(db: Db, siteId: string, now: Date, offsetMinutes: number): Promise<number[]> {
  const year = siteYear(now, offsetMinutes);
  const loaded: number[] = [];
  for (const y of [year, year + 1]) {
    const national = nationalCalendar(y);
    if (!national.length) continue;
    loaded.push(y);
    const have = new Set((await readCalendar(db, siteId, y)).map((e) => e.day));
    for (const n of national) {
      if (have.has(n.day)) continue;
      await db.insertInto('holiday_calendar').values({ ...newRow(siteId, now), day: n.day, kind: n.kind, name_zh: n.nameZh, name_en: n.nameEn, source: 'national' }).execute();
    }
  }
  return loaded;
}
