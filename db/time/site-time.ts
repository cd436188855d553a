/**
 * Business time: the site's own wall clock. Every day, month, year, deadline and displayed
 * time is computed at the site's fixed UTC offset (China: +08:00, no daylight saving), never
 * in the PC's time zone or the browser's: a desk PC whose Windows zone is wrong still closes
 * the right day, bills the right month and numbers receipts in the right year.
 *
 * Pure functions of an instant and the offset; the offset is a site setting
 * (settings.utcOffsetMinutes) and reaches handlers as ctx.settings.
 */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const p2 = (n: number) => String(n).padStart(2, '0');

/** The instant shifted so its UTC fields read the site's wall clock. */
function wall(t: Date | number, offsetMinutes: number): Date {
  return new Date((typeof t === 'number' ? t : t.getTime()) + offsetMinutes * MIN);
}

/** The site's local day of an instant, YYYY-MM-DD. */
export function siteDay(t: Date | number, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  return wall(t, offsetMinutes).toISOString().slice(0, 10);
}

/** The site's local month of an instant, YYYY-MM. */
export function siteMonth(t: Date | number, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  return siteDay(t, offsetMinutes).slice(0, 7);
}

/** The site's local year of an instant (receipt and document numbers restart each year). */
export function siteYear(t: Date | number, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): number {
  return wall(t, offsetMinutes).getUTCFullYear();
}

/** An instant as the desk reads a clock: YYYY-MM-DD HH:mm in the site's time. */
export function siteDateTime(t: Date | number | string, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  const w = wall(typeof t === 'string' ? Date.parse(t) : t, offsetMinutes);
  return `${w.toISOString().slice(0, 10)} ${p2(w.getUTCHours())}:${p2(w.getUTCMinutes())}`;
}

/** Minutes after the site's local midnight of an instant. */
export function siteMinuteOfDay(t: Date | number, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): number {
  const w = wall(t, offsetMinutes);
  return w.getUTCHours() * 60 + w.getUTCMinutes();
}

/** Day of the week of a local day, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The instant the site's local day begins (its local midnight). */
export function dayStartsAt(day: string, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * MIN);
}

/** The local midnight (as an instant, ms) of the day holding t. */
export function dayStartOf(t: Date | number, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): number {
  const off = offsetMinutes * MIN;
  const ms = typeof t === 'number' ? t : t.getTime();
  return Math.floor((ms + off) / DAY) * DAY - off;
}

/** The half-open range of instants [from, to) of a local day, as ISO strings for store queries. */
export function dayRange(day: string, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): { from: string; to: string } {
  const from = dayStartsAt(day, offsetMinutes);
  return { from: from.toISOString(), to: new Date(from.getTime() + DAY).toISOString() };
}

/** The half-open range of instants of a local month (YYYY-MM). */
export function monthRange(month: string, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${p2(m + 1)}`;
  return { from: dayStartsAt(`${month}-01`, offsetMinutes).toISOString(), to: dayStartsAt(`${next}-01`, offsetMinutes).toISOString() };
}

/** A local day moved by n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** A month moved by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${p2((k % 12) + 1)}`;
}

/** What the desk shows as "today" and uses for date defaults: the site's day, month and year now. */
export interface DeskToday {
  day: string;
  month: string;
  year: number;
  /** the instant it was read, ISO */
  now: string;
  utcOffsetMinutes: number;
}

export function deskToday(now: Date, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): DeskToday {
  return { day: siteDay(now, offsetMinutes), month: siteMonth(now, offsetMinutes), year: siteYear(now, offsetMinutes), now: now.toISOString(), utcOffsetMinutes: offsetMinutes };
}
