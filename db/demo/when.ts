/** Moments of the demo's past year at the site's clock (China, +08:00, as the site is set up). */
import { addDays, int, ms, type Rand } from './random.js';

export const SITE_OFFSET_MINUTES = 8 * 60;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The instant of a local day and minute of the day at the site. */
export function at(day: string, minuteOfDay: number): number {
  return ms(day) + (minuteOfDay - SITE_OFFSET_MINUTES) * MINUTE;
}

/** The site's local day of an instant. */
export function dayOf(instant: number): string {
  return new Date(instant + SITE_OFFSET_MINUTES * MINUTE).toISOString().slice(0, 10);
}

/** A moment in desk hours (08:30–17:30) of that day. */
export function deskTime(rand: Rand, day: string): number {
  return at(day, int(rand, 8 * 60 + 30, 17 * 60 + 30));
}

/** The months (YYYY-MM) from the one holding `from` to the one holding `to`. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = to.slice(0, 7);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > end) return out;
    out.push(p);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** A day of the month (1–28, so every month has it). */
export const dayIn = (period: string, d: number) => `${period}-${String(d).padStart(2, '0')}`;
export { addDays };
