import type { Transaction } from 'kysely';
import type { Session } from '../auth/sessions.js';
import { can } from '../auth/permissions.js';
import { awaitingOnsite, escalations, followUpsDue, myCasesDueToday, readRules, todaysFigures, type CaseLine } from '../complaints/worklist.js';
import type { ComplaintRules } from '../complaints/rules.js';
import type { Schema } from '../store/schema.js';
import { siteDay } from '../time/site-time.js';

/**
 * The home page's work list: the day's work of the person signed in, by role, one section per
 * kind of thing to do. Each section names the screen its lines open. An area adds its own
 * section by adding one entry to SECTIONS (a key, who sees it, and its read); the screen
 * shows any section it is given, so a new one needs no new screen code beyond its words.
 */
type Trx = Transaction<Schema>;

export interface WorkContext {
  trx: Trx; siteId: string; me: Session; now: Date; offsetMinutes: number;
  /** the complaint deadline rules, read once for the whole list */
  rules(): Promise<ComplaintRules>;
}

/** One line of work: what it is, and the screen that opens it (a hash path). */
export interface WorkLine {
  id: string;
  title: string;
  text: string;
  link: string;
  /** a complaint's deadline state, for the deadline tag */
  caseState?: CaseLine['state'];
  /** a case's kind (complaint, repair …), so a line says what it is before what is late */
  caseKind?: string;
  dueAt?: string;
  /** a plain date it is due (a loan) */
  dueOn?: string;
}

/** One figure of the day: its key (words home.f.<key>), its value, and the screen that explains it. */
export interface WorkFigure { key: string; value: number; money?: boolean; link: string }

export interface WorkSection {
  key: string;
  /** lines beyond the first 20 exist */
  more: boolean;
  lines: WorkLine[];
  figures?: WorkFigure[];
  /** the screen listing all of them */
  link: string;
}

interface SectionDef {
  key: string;
  /** shown when it returns something; roles decide here */
  read(c: WorkContext): Promise<Omit<WorkSection, 'key'> | null>;
}

const LIMIT = 20;
const caseLines = (rows: CaseLine[]): Pick<WorkSection, 'lines' | 'more'> => ({
  more: rows.length > LIMIT,
  lines: rows.slice(0, LIMIT).map((r) => ({
    id: r.id, title: r.caseNo, text: `${r.roomCode ? `${r.roomCode} ` : ''}${r.text}`, link: r.link, caseState: r.state, caseKind: r.kind, dueAt: r.dueAt,
  })),
});
const role = (c: WorkContext) => c.me.role;
const desk = (c: WorkContext) => role(c) === 'receptionist';
const boss = (c: WorkContext) => role(c) === 'supervisor' || role(c) === 'manager';

/** In the order the page shows them: escalations first for a supervisor or the deputy GM. */
export const SECTIONS: SectionDef[] = [
  {
    key: 'escalations',
    read: async (c) => boss(c)
      ? { ...caseLines(await escalations(c.trx, c.siteId, role(c) === 'manager' ? 2 : 1, c.now, await c.rules())), link: '/complaints' }
      : null,
  },
  {
    key: 'myCases',
    read: async (c) => desk(c) ? { ...caseLines(await myCasesDueToday(c.trx, c.siteId, c.me.staffId, c.now, await c.rules())), link: '/complaints' } : null,
  },
  {
    key: 'onsite',
    read: async (c) => desk(c) || boss(c) ? { ...caseLines(await awaitingOnsite(c.trx, c.siteId, c.now, await c.rules())), link: '/complaints' } : null,
  },
  {
    key: 'followUps',
    read: async (c) => desk(c) ? { ...caseLines(await followUpsDue(c.trx, c.siteId, c.me.staffId, c.now, await c.rules())), link: '/complaints' } : null,
  },
  {
    key: 'complaintFigures',
    read: async (c) => {
      if (!boss(c)) return null;
      const f = await todaysFigures(c.trx, c.siteId, c.now, await c.rules());
      return {
        more: false, lines: [], link: '/complaints/reports',
        figures: (['received', 'closed', 'open', 'overdue', 'onsiteLate'] as const).map((k) => ({ key: k, value: f[k], link: k === 'received' || k === 'closed' ? '/complaints/reports' : '/complaints' })),
      };
    },
  },
  {
    key: 'till',
    read: async (c) => {
      if (!can(role(c), 'fees.collect')) return null;
      const day = siteDay(c.now, c.offsetMinutes);
      const takings = await c.trx.selectFrom('receipt').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('total'), eb.lit(0)).as('total')])
        .where('cashier_id', '=', c.me.staffId).where('day', '=', day).executeTakeFirstOrThrow();
      const closed = await c.trx.selectFrom('day_close').select('id').where('cashier_id', '=', c.me.staffId).where('day', '=', day).executeTakeFirst();
      return {
        more: false, lines: [], link: '/fees/day',
        figures: [
          { key: 'takings', value: Number(takings.total), money: true, link: '/fees/day' },
          { key: 'receipts', value: Number(takings.n), link: '/fees/day' },
          { key: closed ? 'dayClosed' : 'dayOpen', value: Number(takings.n), link: '/fees/day' },
        ],
      };
    },
  },
  {
    key: 'loansDue',
    read: async (c) => {
      if (!can(role(c), 'archives.write')) return null;
      // due back today or earlier, the longest overdue first
      const rows = await c.trx.selectFrom('archive_loan as l').innerJoin('archive_item as i', 'i.id', 'l.item_id')
        .select(['l.id', 'i.ref_code', 'i.title', 'l.borrower', 'l.due_on']).where('l.site_id', '=', c.siteId).where('l.returned_at', 'is', null)
        .where('l.due_on', '<=', siteDay(c.now, c.offsetMinutes)).orderBy('l.due_on').limit(LIMIT + 1).execute();
      return { more: rows.length > LIMIT, link: '/archives', lines: rows.slice(0, LIMIT).map((r) => ({ id: r.id, title: r.ref_code, text: `${r.title} · ${r.borrower}`, link: '/archives', dueOn: r.due_on })) };
    },
  },
  {
    key: 'archiveRequests',
    read: async (c) => {
      if (!can(role(c), 'archives.write') && !can(role(c), 'archives.approve')) return null;
      const rows = await c.trx.selectFrom('archive_request').select(['id', 'kind', 'requester', 'purpose', 'created_at'])
        .where('site_id', '=', c.siteId).where('status', '=', 'pending').orderBy('created_at').limit(LIMIT + 1).execute();
      return { more: rows.length > LIMIT, link: '/archives', lines: rows.slice(0, LIMIT).map((r) => ({ id: r.id, title: r.requester, text: r.purpose, link: '/archives' })) };
    },
  },
];

/** The sections this person sees, in order. */
export async function workList(base: Omit<WorkContext, 'rules'>): Promise<WorkSection[]> {
  let rules: Promise<ComplaintRules> | null = null;
  const c: WorkContext = { ...base, rules: () => (rules ??= readRules(base.trx, base.siteId)) };
  const out: WorkSection[] = [];
  for (const s of SECTIONS) {
    const got = await s.read(c);
    if (got) out.push({ key: s.key, ...got });
  }
  return out;
}
