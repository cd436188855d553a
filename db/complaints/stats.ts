import { sql, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { listCategories, readRules } from './queries.js';

type Trx = Transaction<Schema>;

/**
 * Statistics of the cases received between two local dates (inclusive): the supervisor's
 * daily summary, the weekly report to the manager and the monthly statistics are this one
 * query over different periods. Counted in SQL over the received-at index.
 */
export async function statistics(trx: Trx, siteId: string, now: Date, from: string, to: string) {
  const rules = await readRules(trx, siteId);
  const off = rules.utcOffsetMinutes * 60_000;
  const start = new Date(Date.parse(`${from}T00:00:00Z`) - off).toISOString();
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000 - off).toISOString();
  const at = now.toISOString();
  const base = () => trx.selectFrom('complaint_case').where('site_id', '=', siteId).where('received_at', '>=', start).where('received_at', '<', end);
  const by = async (column: 'kind' | 'category' | 'severity' | 'channel' | 'department') => {
    const rows = await base().select([sql<string>`coalesce(${sql.ref(column)}, 'none')`.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(column).orderBy('n', 'desc').execute();
    return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
  };
  const totals = await base().select([
    (eb) => eb.fn.countAll<number>().as('total'),
    sql<number>`coalesce(sum(replied_at IS NOT NULL AND replied_at <= due_at), 0)`.as('on_time'),
    sql<number>`coalesce(sum(replied_at IS NOT NULL AND replied_at > due_at), 0)`.as('late'),
    sql<number>`coalesce(sum(replied_at IS NULL AND due_at <= ${at}), 0)`.as('overdue_open'),
    sql<number>`coalesce(sum(stage IN ('received', 'handling')), 0)`.as('open'),
    sql<number>`coalesce(sum(stage = 'closed'), 0)`.as('closed'),
    sql<number | null>`avg(CASE WHEN closed_at IS NOT NULL THEN (julianday(closed_at) - julianday(received_at)) * 1440 END)`.as('avg_close_minutes'),
    sql<number | null>`avg(satisfaction)`.as('satisfaction'),
    sql<number>`coalesce(sum(satisfaction IS NOT NULL), 0)`.as('rated'),
    sql<number>`coalesce(sum(reopen_count > 0), 0)`.as('reopened_cases'),
    sql<number>`coalesce(sum(reopen_count), 0)`.as('reopenings'),
    sql<number>`coalesce(sum(valid = 0), 0)`.as('invalid'),
  ]).executeTakeFirstOrThrow();
  const perDay = await base().select([sql<string>`date(received_at, ${`${rules.utcOffsetMinutes} minutes`})`.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('day').orderBy('day').execute();
  const judged = Number(totals.on_time) + Number(totals.late) + Number(totals.overdue_open);
  return {
    from, to,
    total: Number(totals.total),
    open: Number(totals.open),
    closed: Number(totals.closed),
    onTime: Number(totals.on_time),
    late: Number(totals.late) + Number(totals.overdue_open),
    /** answered by the deadline, of those answered or already past it; null when none is due yet */
    onTimeRate: judged ? Number(totals.on_time) / judged : null,
    avgCloseMinutes: totals.avg_close_minutes === null ? null : Math.round(Number(totals.avg_close_minutes)),
    satisfaction: totals.satisfaction === null ? null : Math.round(Number(totals.satisfaction) * 100) / 100,
    rated: Number(totals.rated),
    reopenedCases: Number(totals.reopened_cases),
    reopenings: Number(totals.reopenings),
    invalid: Number(totals.invalid),
    byKind: await by('kind'),
    byCategory: await by('category'),
    bySeverity: await by('severity'),
    byChannel: await by('channel'),
    byDepartment: await by('department'),
    perDay: perDay.map((r) => ({ day: r.day, n: Number(r.n) })),
    categories: await listCategories(trx, siteId),
  };
}
