/**
 * Head office's consolidated screens over every enrolled site's rows, read from the
 * head-office store: complaints by site for a month (counts, on-time rate, satisfaction,
 * escalations), and the company archive catalogue across sites with full-text search.
 * Each site is computed by the same code the site itself uses for its own screens
 * (complaint statistics, catalogue search), so head office sees what the site sees.
 */
import { z } from 'zod';
import { localMonth } from '../api/schemas.js';
import { defineOp, type OpContext } from '../api/op.js';
import { searchItems } from '../archives/items.js';
import { seesRestricted, veil } from '../archives/shared.js';
import { statistics } from '../complaints/stats.js';
import { AppError } from '../errors.js';
import { addDays, addMonths, monthRange } from '../time/site-time.js';
import { hqPgOf, pgUrlOf } from '../headoffice-pg/config.js';
import { pgCatalogue, type CompanyItem } from '../headoffice-pg/queries.js';
import { peers } from './queries.js';
import { identityOf } from './site-ops.js';

/** The enrolled sites whose rows head office holds, in code order. */
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

async function headOfficeOnly(ctx: OpContext): Promise<void> {
  if ((await identityOf(ctx)).mode !== 'head_office') throw new AppError('sync.not_head_office');
}

export async function sitesHeld(ctx: OpContext): Promise<{ id: string; code: string; name: string }[]> {
  await headOfficeOnly(ctx);
  // with the server configured the sites' rows go there, not into this store: say so, never show empty figures
  if (pgUrlOf(ctx.store)) throw new AppError('sync.report_not_on_server');
  return heldInStore(ctx);
}

/** The enrolled sites whose rows this store holds (the caller has checked it is head office's), in code order. */
async function heldInStore(ctx: OpContext): Promise<{ id: string; code: string; name: string }[]> {
  const out = [];
  for (const p of (await peers(ctx.trx)).filter((x) => x.role === 'site' && x.status !== 'invited')) {
    const has = await ctx.trx.selectFrom('site').select('id').where('id', '=', p.writer_id).executeTakeFirst();
    if (has) out.push({ id: p.writer_id, code: p.code, name: p.name });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Every site's complaints of a month, counted by the statistics each site runs itself, and the company's total. */
export async function complaintsBySite(ctx: OpContext, period: string) {
  const from = `${period}-01`;
  const to = addDays(`${addMonths(period, 1)}-01`, -1);
  const { from: start, to: end } = monthRange(period, ctx.settings.utcOffsetMinutes);
  const sites: SiteComplaints[] = [];
  for (const s of await sitesHeld(ctx)) {
    const st = await statistics(ctx.trx, s.id, ctx.now, from, to);
    const esc = await ctx.trx.selectFrom('complaint_event').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', s.id).where('event', '=', 'escalated').where('at', '>=', start).where('at', '<', end).executeTakeFirstOrThrow();
    sites.push({
      siteCode: s.code, site: s.name, total: st.total, open: st.open, closed: st.closed, onTime: st.onTime, late: st.late,
      onTimeRate: st.onTimeRate, satisfaction: st.satisfaction, rated: st.rated, escalations: Number(esc.n),
    });
  }
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
    run: async (ctx, i): Promise<CompanyItem[]> => {
      await headOfficeOnly(ctx);
      // with the server configured the sites' rows are there: its report view answers
      const server = await hqPgOf(ctx.store);
      if (server) return pgCatalogue(server, i);
      const sees = seesRestricted(ctx);
      const out: CompanyItem[] = [];
      for (const s of (await heldInStore(ctx)).filter((x) => !i.siteCode || x.code === i.siteCode)) {
        const found = await searchItems(ctx.trx, s.id, { text: i.text, codePrefix: i.codePrefix, limit: i.limit, offset: 0, hideRestricted: !sees });
        out.push(...veil(found, sees).map((r) => ({
          siteCode: s.code, site: s.name, id: r.id, ref_code: r.ref_code, title: r.title, year: r.year,
          retention: r.retention, status: r.status, confidentiality: r.confidentiality,
        })));
        if (out.length >= i.limit) break;
      }
      return out.slice(0, i.limit);
    },
  }),
};
