import { sql, type Kysely } from 'kysely';
import { captureChanges } from '../capture.js';

/**
 * Complaint clocks:
 * - the holiday calendar (holiday_calendar): one row per local day that differs from the
 *   site's week, a public holiday (法定节假日) or a day off worked in exchange (调休上班);
 *   a plain table of site data (captured, one row per site and day) so head office can later
 *   send it to every site;
 * - each site's calendar is preloaded with the national calendar as published for 2026 (the
 *   State Council's notice, as the chinese-days package carried it on this migration's day),
 *   plus the dates the site had typed into its deadline rules;
 * - the deadline rules drop the one "pause outside office hours" switch for a clock per kind
 *   and severity, and gain the minimum time to act (received after 16:00 → due 12:00 the
 *   next working day). A site that did not pause keeps every kind on the 24-hour clock;
 * - two partial indexes for the home page's work list (follow-ups owed, cases closed today).
 */
const NATIONAL_2026: readonly (readonly [string, 'holiday' | 'workday', string, string])[] = [
  ['2026-01-01', 'holiday', '元旦', "New Year's Day"],
  ['2026-01-02', 'holiday', '元旦', "New Year's Day"],
  ['2026-01-03', 'holiday', '元旦', "New Year's Day"],
  ['2026-01-04', 'workday', '元旦', "New Year's Day"],
  ['2026-02-14', 'workday', '春节', "Spring Festival"],
  ['2026-02-15', 'holiday', '春节', "Spring Festival"],
  ['2026-02-16', 'holiday', '春节', "Spring Festival"],
  ['2026-02-17', 'holiday', '春节', "Spring Festival"],
  ['2026-02-18', 'holiday', '春节', "Spring Festival"],
  ['2026-02-19', 'holiday', '春节', "Spring Festival"],
  ['2026-02-20', 'holiday', '春节', "Spring Festival"],
  ['2026-02-21', 'holiday', '春节', "Spring Festival"],
  ['2026-02-22', 'holiday', '春节', "Spring Festival"],
  ['2026-02-23', 'holiday', '春节', "Spring Festival"],
  ['2026-02-28', 'workday', '春节', "Spring Festival"],
  ['2026-04-04', 'holiday', '清明', "Tomb-sweeping Day"],
  ['2026-04-05', 'holiday', '清明', "Tomb-sweeping Day"],
  ['2026-04-06', 'holiday', '清明', "Tomb-sweeping Day"],
  ['2026-05-01', 'holiday', '劳动节', "Labour Day"],
  ['2026-05-02', 'holiday', '劳动节', "Labour Day"],
  ['2026-05-03', 'holiday', '劳动节', "Labour Day"],
  ['2026-05-04', 'holiday', '劳动节', "Labour Day"],
  ['2026-05-05', 'holiday', '劳动节', "Labour Day"],
  ['2026-05-09', 'workday', '劳动节', "Labour Day"],
  ['2026-06-19', 'holiday', '端午', "Dragon Boat Festival"],
  ['2026-06-20', 'holiday', '端午', "Dragon Boat Festival"],
  ['2026-06-21', 'holiday', '端午', "Dragon Boat Festival"],
  ['2026-09-20', 'workday', '国庆节', "National Day"],
  ['2026-09-25', 'holiday', '中秋', "Mid-autumn Festival"],
  ['2026-09-26', 'holiday', '中秋', "Mid-autumn Festival"],
  ['2026-09-27', 'holiday', '中秋', "Mid-autumn Festival"],
  ['2026-10-01', 'holiday', '国庆节', "National Day"],
  ['2026-10-02', 'holiday', '国庆节', "National Day"],
  ['2026-10-03', 'holiday', '国庆节', "National Day"],
  ['2026-10-04', 'holiday', '国庆节', "National Day"],
  ['2026-10-05', 'holiday', '国庆节', "National Day"],
  ['2026-10-06', 'holiday', '国庆节', "National Day"],
  ['2026-10-07', 'holiday', '国庆节', "National Day"],
  ['2026-10-10', 'workday', '国庆节', "National Day"],
];

const table = [
  `CREATE TABLE holiday_calendar (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    day TEXT NOT NULL CHECK (length(day) = 10 AND date(day) = day),
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name_zh TEXT NOT NULL DEFAULT '' CHECK (length(name_zh) <= 30),
    name_en TEXT NOT NULL DEFAULT '' CHECK (length(name_en) <= 60),
    source TEXT NOT NULL CHECK (source IN ('national', 'site')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (site_id, day)
  ) STRICT`,
  ...captureChanges('holiday_calendar', ['day', 'kind', 'name_zh', 'name_en', 'source']),
  // the home page's work list: the follow-up calls each receiver owes, and what closed today
  `CREATE INDEX complaint_case_replied ON complaint_case (site_id, receiver_id, replied_at) WHERE stage = 'replied'`,
  `CREATE INDEX complaint_case_closed ON complaint_case (site_id, closed_at) WHERE closed_at IS NOT NULL`,
];

const AROUND = { ordinary: 'around', urgent: 'around' };
const CLOCKS = {
  complaint: { ordinary: 'office', urgent: 'around' },
  repair: { ordinary: 'around', urgent: 'around' },
  suggestion: { ordinary: 'office', urgent: 'around' },
  enquiry: { ordinary: 'office', urgent: 'around' },
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of table) await sql.raw(s).execute(db);
  const sites = (await sql<{ id: string }>`SELECT id FROM site ORDER BY id`.execute(db)).rows;
  const { rows: [clock] } = await sql<{ now: string }>`SELECT fd_now() AS now`.execute(db);
  const at = clock!.now;
  for (const site of sites) {
    const stored = (await sql<{ id: string; value: string }>`SELECT id, value FROM setting WHERE site_id = ${site.id} AND key = 'complaintRules'`.execute(db)).rows[0];
    let rules: Record<string, unknown> = {};
    try {
      rules = stored ? (JSON.parse(stored.value) as Record<string, unknown>) : {};
    } catch {
      rules = {};
    }
    const typed = new Map<string, 'holiday' | 'workday'>();
    for (const d of Array.isArray(rules.holidays) ? rules.holidays : []) if (typeof d === 'string') typed.set(d, 'holiday');
    for (const d of Array.isArray(rules.extraWorkdays) ? rules.extraWorkdays : []) if (typeof d === 'string') typed.set(d, 'workday');
    const add = async (day: string, kind: string, zh: string, en: string, source: string) => {
      await sql`INSERT INTO holiday_calendar (id, site_id, day, kind, name_zh, name_en, source, created_at, updated_at)
        SELECT fd_id(), ${site.id}, ${day}, ${kind}, ${zh}, ${en}, ${source}, ${at}, ${at}
        WHERE date(${day}) = ${day} AND NOT EXISTS (SELECT 1 FROM holiday_calendar WHERE site_id = ${site.id} AND day = ${day})`.execute(db);
    };
    // what the site typed wins over the national calendar for the same day
    for (const [day, kind] of typed) await add(day, kind, '', '', 'site');
    for (const [day, kind, zh, en] of NATIONAL_2026) await add(day, kind, zh, en, 'national');
    if (stored) {
      const { pauseOutsideHours, holidays: _h, extraWorkdays: _w, ...rest } = rules;
      const next = { ...rest, clocks: pauseOutsideHours === false ? { complaint: AROUND, repair: AROUND, suggestion: AROUND, enquiry: AROUND } : CLOCKS };
      await sql`UPDATE setting SET value = ${JSON.stringify(next)}, updated_at = ${at} WHERE id = ${stored.id}`.execute(db);
    }
  }
}
