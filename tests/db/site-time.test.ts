import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayRange, deskToday, monthRange, siteDateTime, siteDay, siteMinuteOfDay, siteMonth, siteYear, weekdayOf } from '../../db/time/site-time';
import { localDate, localMonth } from '../../db/api/schemas';

describe('business time at the site offset', () => {
  it('reads the day, month and year on the site wall clock, not the PC zone: 2026-12-31 23:30 UTC is already 2027 in Beijing', () => {
    const t = new Date('2026-12-31T23:30:00Z');
    expect(siteDay(t, 480)).toBe('2027-01-01');
    expect(siteMonth(t, 480)).toBe('2027-01');
    expect(siteYear(t, 480)).toBe(2027);
    expect(siteDay(t, 0)).toBe('2026-12-31');
    expect(siteDateTime('2026-12-05T04:24:00Z', 480)).toBe('2026-12-05 12:24');
    expect(siteMinuteOfDay(new Date('2026-12-05T09:59:00Z'), 480)).toBe(17 * 60 + 59);
  });

  it('gives a local day and month as half-open ranges of instants', () => {
    expect(dayRange('2026-12-05', 480)).toEqual({ from: '2026-12-04T16:00:00.000Z', to: '2026-12-05T16:00:00.000Z' });
    expect(monthRange('2026-12', 480)).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  });

  it('moves days and months on the calendar', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(weekdayOf('2026-12-05')).toBe(6); // a Saturday
    expect(deskToday(new Date('2026-12-05T17:00:00Z'), 480)).toMatchObject({ day: '2026-12-06', month: '2026-12', year: 2026 });
  });

  it('accepts only real calendar days and months as input', () => {
    expect(localDate.safeParse('2026-02-29').success).toBe(false);
    expect(localDate.safeParse('2028-02-29').success).toBe(true);
    expect(localMonth.safeParse('2026-13').success).toBe(false);
    expect(localMonth.safeParse('2026-12').success).toBe(true);
  });
});
