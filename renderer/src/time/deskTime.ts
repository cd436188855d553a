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

/** The site's offset, set from the session (auth.me) whenever it is read. */
export function setSiteOffset(minutes: number): void {
  siteOffset = minutes;
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
    void call('time.today').then((t) => live && setToday(t), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return today;
}

/** A date picker's value for a local day or month (dayjs reads YYYY-MM-DD / YYYY-MM as that calendar day). */
export function pickerValue(dayOrMonth: string): Dayjs {
  return dayjs(dayOrMonth.length === 7 ? `${dayOrMonth}-01` : dayOrMonth);
}
