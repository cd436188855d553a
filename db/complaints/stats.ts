import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { listCategories, readRules } from './queries.js';

// the site's own store, or head office's copy of its rows (its store, or the server's mirrored tables)
type Trx = Kysely<Schema> | Transaction<Schema>;
type Group = 'kind' | 'category' | 'severity' | 'channel' | 'department';

/**
 * Statistics of the cases received between two local dates (inclusive): the supervisor's
 * daily summary, the weekly report to the manager and the monthly statistics are this one
 * computation over different periods. One walk of the received-at index brings the
 * period's cases (a few thousand a month at a large site); counting them here is cheaper
 * than asking SQLite to walk the same range once per grouping.
 */
export async function statistics(trx: Trx, siteId: string, now: Date, from: string, to: string) {
  const rules = await readRules(trx, siteId);
  const off = rules.utcOffsetMinutes * 60_000;
  const start = new Date(Date.parse(`${from}T00:00:00Z`) - off).toISOString();
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000 - off).toISOString();
  const at = now.toISOString();
  const cases = await trx.selectFrom('complaint_case')
    .select(['kind', 'category', 'severity', 'channel', 'department', 'stage', 'received_at', 'due_at', 'replied_at', 'closed_at', 'satisfaction', 'reopen_count', 'valid'])
    .where('site_id', '=', siteId).where('received_at', '>=', start).where('received_at', '<', end).execute();

  const groups: Record<Group, Map<string, number>> = { kind: new Map(), category: new Map(), severity: new Map(), channel: new Map(), department: new Map() };
  const days = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let onTime = 0, late = 0, open = 0, closed = 0, closeMinutes = 0, satisfactionSum = 0, rated = 0, reopenedCases = 0, reopenings = 0, invalid = 0;
  for (const c of cases) {
    bump(groups.kind, c.kind);
    bump(groups.category, c.category);
    bump(groups.severity, c.severity);
    bump(groups.channel, c.channel);
    bump(groups.department, c.department ?? 'none');
    bump(days, new Date(Date.parse(c.received_at) + off).toISOString().slice(0, 10));
    // answered by the deadline; late if answered after it, or still unanswered past it
    if (c.replied_at) c.replied_at <= c.due_at ? onTime++ : late++;
    else if (c.due_at <= at) late++;
    if (c.stage === 'received' || c.stage === 'handling') open++;
    if (c.stage === 'closed') closed++;
    if (c.closed_at) closeMinutes += (Date.parse(c.closed_at) - Date.parse(c.received_at)) / 60_000;
    if (c.satisfaction !== null) {
      satisfactionSum += c.satisfaction;
      rated++;
    }
    if (c.reopen_count > 0) reopenedCases++;
    reopenings += c.reopen_count;
    if (!c.valid) invalid++;
  }
  const closedWithTime = cases.filter((c) => c.closed_at).length;
  const list = (g: Group) => [...groups[g]].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
  const site = await trx.selectFrom('site').select(['code', 'name']).where('id', '=', siteId).executeTakeFirst();
  return {
    from, to,
    /** the service centre, for the printed report's heading */
    site: site ?? { code: '', name: '' },
    total: cases.length,
    open,
    closed,
    onTime,
    late,
    /** answered by the deadline, of those answered or already past it; null when none is due yet */
    onTimeRate: onTime + late ? onTime / (onTime + late) : null,
    avgCloseMinutes: closedWithTime ? Math.round(closeMinutes / closedWithTime) : null,
    satisfaction: rated ? Math.round((satisfactionSum / rated) * 100) / 100 : null,
    rated,
    reopenedCases,
    reopenings,
    invalid,
    byKind: list('kind'),
    byCategory: list('category'),
    bySeverity: list('severity'),
    byChannel: list('channel'),
    byDepartment: list('department'),
    perDay: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, n]) => ({ day, n })),
    categories: await listCategories(trx, siteId),
  };
}
