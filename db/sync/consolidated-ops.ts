/**
 * Head office's consolidated screens over every enrolled site's rows, read from the
 * head-office store or from head office's PostgreSQL server when it has one: complaints by
 * site for a month (counts, on-time rate, satisfaction, escalations), and the company archive
 * catalogue across sites with full-text search. Each site is computed by the same code the
 * site itself uses for its own screens (complaint statistics, catalogue search), so head
 * office sees what the site sees, from either store.
 */
import { z } from 'zod';
import { localMonth } from '../api/schemas.js';
import { defineOp, type OpContext } from '../api/op.js';
import { seesRestricted } from '../archives/shared.js';
import { statistics } from '../complaints/stats.js';
import { addDays, addMonths, monthRange } from '../time/site-time.js';
import type { CompanyItem } from '../headoffice-pg/queries.js';
import { companyItems } from './catalogue-read.js';
import { readSites, type HeldSite, type RowsDb } from './held-rows.js';

/** One site's complaints of a month, as head office lists them. */
interface SiteComplaints {
  siteCode: string;
  site: string;
  total: number;
  open: number;
  closed: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  satisfaction: number | null;
  rated: number;
  escalations: number;
}

/** A site's cases received between two of its local dates, by its own statistics, and the escalations made in [start, end). */
async function siteComplaints(db: RowsDb, s: HeldSite, now: Date, days: { from: string; to: string }, start: string, end: string): Promise<SiteComplaints> {
  const st = await statistics(db, s.id, now, days.from, days.to);
  const esc = await db.selectFrom('complaint_event').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', s.id).where('event', '=', 'escalated').where('at', '>=', start).where('at', '<', end).executeTakeFirstOrThrow();
  return {
    siteCode: s.code, site: s.name, total: st.total, open: st.open, closed: st.closed, onTime: st.onTime, late: st.late,
    onTimeRate: st.onTimeRate, satisfaction: st.satisfaction, rated: st.rated, escalations: Number(esc.n),
  };
}

/** Every site's complaints of a month, counted by the statistics each site runs itself, and the company's total. */
export async function complaintsBySite(ctx: OpContext, period: string) {
  const days = { from: `${period}-01`, to: addDays(`${addMonths(period, 1)}-01`, -1) };
  const { from: start, to: end } = monthRange(period, ctx.settings.utcOffsetMinutes);
  const sites = await readSites(ctx, async (held) => {
    const out: SiteComplaints[] = [];
    for (const s of held.sites) out.push(await siteComplaints(held.db, s, ctx.now, days, start, end));
    return out;
  });
  const sum = (k: 'total' | 'open' | 'closed' | 'onTime' | 'late' | 'rated' | 'escalations') => sites.reduce((a, s) => a + s[k], 0);
  const rated = sum('rated');
  const total = {
    total: sum('total'), open: sum('open'), closed: sum('closed'), onTime: sum('onTime'), late: sum('late'), rated, escalations: sum('escalations'),
    onTimeRate: sum('onTime') + sum('late') ? sum('onTime') / (sum('onTime') + sum('late')) : null,
    // weighted by how many cases were rated at each site
    satisfaction: rated ? Math.round((sites.reduce((a, s) => a + (s.satisfaction ?? 0) * s.rated, 0) / rated) * 100) / 100 : null,
  };
  return { period, sites, total };
}

export const consolidatedOps = {
  /** Complaints and repairs by site for one month: received, open, closed, on time, satisfaction, escalations. */
  'sync.complaints': defineOp({
    input: z.object({ period: localMonth }),
    access: 'reports.read',
    readsServer: true,
    run: async (ctx, i) => complaintsBySite(ctx, i.period),
  }),

  /** The company archive catalogue: items of every site by code prefix or a word in the title, each with its site. */
  'sync.catalogue': defineOp({
    input: z.object({
      text: z.string().trim().max(60).optional(),
      codePrefix: z.string().trim().max(40).optional(),
      siteCode: z.string().trim().max(32).optional(),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    access: 'archives.read',
    readsServer: true,
    run: async (ctx, i): Promise<CompanyItem[]> => {
      const sees = seesRestricted(ctx);
      const found = await readSites(ctx, (held) => companyItems(held, i, i.limit, sees));
      return found.map(({ site: s, item: r }) => ({
        siteCode: s.code, site: s.name, id: r.id, ref_code: r.ref_code, title: r.title, year: r.year,
        retention: r.retention, status: r.status, confidentiality: r.confidentiality,
      }));
    },
  }),
};
