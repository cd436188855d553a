import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { addDays, addMonths } from '../time/site-time.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * When a file formed at a department or service centre is due at the company archive room
 * (档案移交清单): 文书、声像、荣誉实物 (categories 3, 4 and 6) each quarter, by the end of the
 * quarter it was formed in; 请示 (3.3 请示报告批复) and major-event papers (as the archivist
 * marks them) within a month of being formed; everything else by the end of June of the following year.
 */
export type DueRule = 'month' | 'quarter' | 'june';
const QUARTERLY = new Set([3, 4, 6]);

export function dueRule(categoryCode: number, classCode: number, majorEvent: boolean): DueRule {
  if ((categoryCode === 3 && classCode === 3) || majorEvent) return 'month';
  return QUARTERLY.has(categoryCode) ? 'quarter' : 'june';
}

/** The last day a file formed on `formed` (YYYY-MM-DD) may stay at its department. */
export function transferDueOn(rule: DueRule, formed: string): string {
  const month = formed.slice(0, 7);
  const lastDayOf = (m: string) => addDays(`${addMonths(m, 1)}-01`, -1);
  if (rule === 'june') return `${Number(formed.slice(0, 4)) + 1}-06-30`;
  if (rule === 'quarter') return lastDayOf(addMonths(month, 2 - ((Number(month.slice(5)) - 1) % 3)));
  const next = addMonths(month, 1);
  const sameDay = `${next}-${formed.slice(8, 10)}`;
  return sameDay > lastDayOf(next) ? lastDayOf(next) : sameDay;
}

/** Catalogue items already on a signed transfer list (they are in the archive room's custody). */
const transferred = sql<string>`(SELECT json_extract(j.value, '$.itemId') FROM handover AS t, json_each(t.body, '$.items') AS j
  WHERE t.kind = 'transfer' AND t.status = 'signed' AND json_extract(j.value, '$.itemId') IS NOT NULL)`;

/** Items still at their department, with when each is due (oldest due first), as of `today`. */
export async function transfersDue(db: Db, siteId: string, today: string, limit = 500) {
  const rows = await db.selectFrom('archive_item').select(['id', 'ref_code', 'title', 'category_code', 'class_code', 'department_code', 'produced_on', 'created_at', 'piece_count', 'confidentiality', 'major_event'])
    .where('site_id', '=', siteId).where('status', '!=', 'destroyed').where(sql<boolean>`id NOT IN ${transferred}`).execute();
  return rows.map((r) => {
    const rule = dueRule(r.category_code, r.class_code, r.major_event === 1);
    const formed = r.produced_on ?? r.created_at.slice(0, 10);
    const dueOn = transferDueOn(rule, formed);
    return { id: r.id, refCode: r.ref_code, title: r.confidentiality === 'restricted' ? '' : r.title, departmentCode: r.department_code, pieces: r.piece_count, rule, formed, dueOn, overdue: dueOn < today };
  }).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.refCode.localeCompare(b.refCode)).slice(0, limit);
}

/** Where a catalogue item went: the signed transfer lists that carried it (newest first). */
export async function custodyOf(db: Db, siteId: string, itemId: string) {
  const rows = await db.selectFrom('handover as t').select(['t.id', 't.number', 't.signed_at', sql<string>`json_extract(t.body, '$.toDept')`.as('toDept'), sql<string>`json_extract(t.body, '$.fromDept')`.as('fromDept')])
    .where('t.site_id', '=', siteId).where('t.kind', '=', 'transfer').where('t.status', '=', 'signed')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(t.body, '$.items') AS j WHERE json_extract(j.value, '$.itemId') = ${itemId})`)
    .orderBy('t.signed_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, number: r.number, signedAt: r.signed_at!, toDept: r.toDept ?? '', fromDept: r.fromDept ?? '' }));
}
