import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { DEFAULT_UTC_OFFSET_MINUTES, siteDateTime, siteDay, type DeskToday } from '../../../db/time/site-time';
import { call } from '../api';

/**
 * The screens' side of business time: times shown at the site's clock (its UTC offset, from
 * the session), never the browser's zone; and "today" asked of the desk's store clock
 * (time.today), never the browser's clock. The same pure functions as the store's.
 */
let siteOffset = DEFAULT_UTC_OFFSET_MINUTES;

/** How far the desk's store clock is ahead of this browser's, in ms (a browser-mode screen may run on another PC). */
let deskAheadMs = 0;

/** The site's offset, set from the session (auth.me) whenever it is read. */
export function setSiteOffset(minutes: number): void {
  siteOffset = minutes;
}

/** The desk's clock as it answered just now (auth.me, time.today): the date pickers' "now" follows it. */
export function noteDeskClock(nowIso: string): void {
  deskAheadMs = Date.parse(nowIso) - Date.now();
}

/**
 * The present moment as the date pickers take it (the day they mark as today, their 今天 and
 * 此刻 buttons): the desk's clock read at the site's wall clock, not the browser's date in the
 * PC's zone. A picker's value is a calendar day and time with no zone of its own, so the
 * site's wall-clock fields are carried in a local date.
 */
export function deskNow(): Dayjs {
  const w = new Date(Date.now() + deskAheadMs + siteOffset * 60_000);
  return dayjs(new Date(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds()));
}

/** An instant as the desk reads a clock: YYYY-MM-DD HH:mm (with seconds for the audit trail). */
export function siteTime(iso: string, options: { seconds?: boolean } = {}): string {
  const t = Date.parse(iso);
  const base = siteDateTime(t, siteOffset);
  if (!options.seconds) return base;
  return `${base}:${String(new Date(t + siteOffset * 60_000).getUTCSeconds()).padStart(2, '0')}`;
}

/** Only the clock time, HH:mm, at the site. */
export function siteClock(iso: string): string {
  return siteTime(iso).slice(11);
}

/** For components: the same formatters. */
export function useDeskTime() {
  return {
    format: (iso: string) => siteTime(iso),
    /** the site's day of an instant */
    day: (iso: string) => siteDay(Date.parse(iso), siteOffset),
  };
}

/** The desk's today (day, month, year), read from the store's clock when the screen opens. */
export function useDeskToday(): DeskToday | null {
  const [today, setToday] = useState<DeskToday | null>(null);
  useEffect(() => {
    let live = true;
    void call('time.today').then((t) => {
      noteDeskClock(t.now);
      if (live) setToday(t);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return today;
}

/**
 * The instant a picker's day and time name at the site: a time received or due is entered on
 * the site's wall clock, whatever zone the PC is set to (dayjs' own toISOString would read it
 * in the PC's zone).
 */
export function siteInstant(picked: Dayjs): string {
  return new Date(Date.UTC(picked.year(), picked.month(), picked.date(), picked.hour(), picked.minute(), picked.second()) - siteOffset * 60_000).toISOString();
}

/** The desk's clock now, as an instant (to compare with times the store sent: a lock's end). */
export function deskInstantNow(): string {
  return new Date(Date.now() + deskAheadMs).toISOString();
}

/** A date picker's value for a local day or month (dayjs reads YYYY-MM-DD / YYYY-MM as that calendar day). */
export function pickerValue(dayOrMonth: string): Dayjs {
  return dayjs(dayOrMonth.length === 7 ? `${dayOrMonth}-01` : dayOrMonth);
}
