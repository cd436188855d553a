/** 0015_complaint_clocks: the holiday calendar and a clock per kind, on stores with typed-in holidays and either pause setting. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_12_05_0015_complaint_clocks';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a1';

afterEach(cleanupStores);

async function migratedWith(rules: object) {
  const old = await storeBefore(name);
  insertFoundation(old.raw, siteId, [{ id: staffId, username: 'admin', role: 'admin' }]);
  const t = '2026-11-30T02:00:00.000Z';
  old.raw.prepare(`INSERT INTO setting (id, site_id, key, value, created_at, updated_at) VALUES ('s1', ?, 'complaintRules', ?, ?, ?)`)
    .run(siteId, JSON.stringify(rules), t, t);
  const store = await migrateThrough(old, name);
  expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
  return store;
}

describe('migration 0015_complaint_clocks', () => {
  it('moves the typed-in holidays into the calendar, preloads 2026\'s national calendar, and gives each kind its clock', async () => {
    const store = await migratedWith({
      officeStart: 540, officeEnd: 1080, workdays: [1, 2, 3, 4, 5], pauseOutsideHours: true, urgentDays: 3, onsiteMinutes: 15,
      managerAfterMinutes: 600, utcOffsetMinutes: 480, holidays: ['2026-12-24', '2026-10-01'], extraWorkdays: ['2026-12-26'],
    });
    const cal = rows<{ day: string; kind: string; source: string; name_zh: string }>(store, 'SELECT day, kind, source, name_zh FROM holiday_calendar WHERE site_id = ? ORDER BY day', siteId);
    expect(cal.find((r) => r.day === '2026-12-24')).toEqual({ day: '2026-12-24', kind: 'holiday', source: 'site', name_zh: '' });
    expect(cal.find((r) => r.day === '2026-12-26')).toEqual({ day: '2026-12-26', kind: 'workday', source: 'site', name_zh: '' });
    // a day both typed and national is kept once, as the site typed it
    expect(cal.filter((r) => r.day === '2026-10-01')).toHaveLength(1);
    expect(cal.find((r) => r.day === '2026-10-07')).toEqual({ day: '2026-10-07', kind: 'holiday', source: 'national', name_zh: '国庆节' });
    expect(cal.find((r) => r.day === '2026-10-10')).toMatchObject({ kind: 'workday', source: 'national' });
    const rules = JSON.parse(rows<{ value: string }>(store, "SELECT value FROM setting WHERE key = 'complaintRules'")[0]!.value) as Record<string, unknown>;
    expect(rules).not.toHaveProperty('holidays');
    expect(rules).not.toHaveProperty('pauseOutsideHours');
    expect(rules).toMatchObject({ officeStart: 540, clocks: { complaint: { ordinary: 'office', urgent: 'around' }, repair: { ordinary: 'around' } } });
    // one day per site; impossible dates refused by the store; every change captured
    const ins = store.raw.prepare(`INSERT INTO holiday_calendar (id, site_id, day, kind, source, created_at, updated_at) VALUES (?, ?, ?, 'holiday', 'site', 'x', 'x')`);
    expect(() => ins.run('h1', siteId, '2026-12-24')).toThrow(/UNIQUE/);
    expect(() => ins.run('h2', siteId, '2026-02-30')).toThrow(/CHECK/);
    ins.run('h3', siteId, '2026-12-31');
    expect(rows(store, "SELECT kind FROM change_log WHERE table_name = 'holiday_calendar' AND row_id = 'h3'")).toEqual([{ kind: 'insert' }]);
  });

  it('a site whose clock never paused keeps every kind on the 24-hour clock', async () => {
    const store = await migratedWith({ pauseOutsideHours: false, holidays: [], extraWorkdays: [] });
    const rules = JSON.parse(rows<{ value: string }>(store, "SELECT value FROM setting WHERE key = 'complaintRules'")[0]!.value) as { clocks: Record<string, object> };
    for (const k of ['complaint', 'repair', 'suggestion', 'enquiry']) expect(rules.clocks[k]).toEqual({ ordinary: 'around', urgent: 'around' });
  });
});
