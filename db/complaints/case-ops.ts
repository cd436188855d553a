import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { can } from '../auth/permissions.js';
import { listCategories, readRuleSettings, saveCategory, writeRules } from './queries.js';
import { queue } from './queues.js';
import { AppError } from '../errors.js';
import { ruleProblem, rulesFields } from './rules.js';
import { exportStats } from './export.js';
import { statistics } from './stats.js';
import { localDate } from '../api/schemas.js';
import {
  addNote, caseDetail, closeCase, createCase, dispatchCase, followUpCase, markOnsite, reopenCase, replyCase, setValidity,
} from './workflow.js';

/**
 * The complaint and repair ledger's operations. Receptionists, supervisors and the deputy GM
 * (the manager role) log and work cases; reports need reports.read; the rules and the
 * category list are site settings (settings.manage).
 */
const text = (max: number) => z.string().trim().max(max);
const id = z.string().uuid();
const kind = z.enum(['complaint', 'repair', 'suggestion', 'enquiry']);
const department = z.enum(['customer_service', 'engineering', 'security', 'cleaning', 'landscaping', 'other']);
const date = localDate;

function actor(ctx: OpContext) {
  return { siteId: requireSite(ctx), staffId: requireSession(ctx).staffId, now: ctx.now, conn: ctx.store.raw };
}

export const caseOps = {
  /** What the intake form needs: the category list, the rules, and whether the deadline clock is running now. */
  'complaints.setup': defineOp({
    input: z.object({}).optional(),
    access: 'complaints.read',
    run: async (ctx) => {
      const siteId = requireSite(ctx);
      const rules = await readRuleSettings(ctx.trx, siteId);
      return { categories: await listCategories(ctx.trx, siteId), rules, now: ctx.now.toISOString() };
    },
  }),

  /** The current occupants of a room, to prefill the complainant. */
  'complaints.roomContacts': defineOp({
    input: z.object({ roomId: id }),
    access: 'complaints.read',
    run: async (ctx, i) => ctx.trx.selectFrom('occupant').select(['id', 'name', 'phone', 'kind']).where('site_id', '=', requireSite(ctx))
      .where('room_id', '=', i.roomId).where('move_out', 'is', null).orderBy('kind').orderBy('created_at').execute(),
  }),

  'complaints.create': defineOp({
    input: z.object({
      kind,
      channel: z.enum(['visit', 'phone', 'letter', 'other']),
      roomId: id.nullable().optional(),
      complainant: text(40).min(1),
      phone: text(20).optional(),
      category: text(30).min(1),
      severity: z.enum(['ordinary', 'urgent']),
      matter: text(2000).min(1),
      wanted: text(1000).optional(),
      receivedAt: z.string().datetime().optional(),
    }),
    access: 'complaints.write',
    run: async (ctx, i) => createCase(actor(ctx), i),
  }),

  'complaints.get': defineOp({
    input: z.object({ id }),
    access: 'complaints.read',
    run: async (ctx, i) => caseDetail(ctx.trx, requireSite(ctx), i.id, ctx.now),
  }),

  'complaints.queue': defineOp({
    input: z.object({
      state: z.enum(['open', 'overdue', 'escalated', 'all']).default('open'),
      level: z.union([z.literal(1), z.literal(2)]).optional(),
      mine: z.boolean().optional(),
      buildingId: id.optional(),
      department: department.optional(),
      roomId: id.optional(),
      kind: kind.optional(),
      text: text(60).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    access: 'complaints.read',
    run: async (ctx, f) => queue(ctx.trx, requireSite(ctx), requireSession(ctx).staffId, ctx.now, f),
  }),

  /**
   * What this person should see first on opening the desk: the deputy GM (manager role) the
   * cases escalated to level 2, the supervisor those at level 1 or above, everyone else
   * their own overdue cases. Derived from the clock now, so a desk off overnight is right.
   */
  'complaints.attention': defineOp({
    input: z.object({}).optional(),
    access: 'home.view',
    run: async (ctx) => {
      const s = requireSession(ctx);
      if (!can(s.role, 'complaints.read')) return { level: 0, rows: [], hasMore: false };
      const level = s.role === 'manager' ? 2 : s.role === 'supervisor' ? 1 : 0;
      const page = await queue(ctx.trx, requireSite(ctx), s.staffId, ctx.now, level
        ? { state: 'escalated', level: level as 1 | 2, limit: 20, offset: 0 }
        : { state: 'overdue', mine: true, limit: 20, offset: 0 });
      return { level, ...page };
    },
  }),

  'complaints.dispatch': defineOp({
    input: z.object({
      id, department, departmentName: text(40).optional(), assignee: text(40).min(1), note: text(500).optional(),
      repairSize: z.enum(['small', 'large']).optional(), dueAt: z.string().datetime().optional(),
    }),
    access: 'complaints.write',
    run: async (ctx, i) => dispatchCase(ctx.trx, actor(ctx), i),
  }),

  'complaints.onsite': defineOp({
    input: z.object({ id }),
    access: 'complaints.write',
    run: async (ctx, i) => { await markOnsite(ctx.trx, actor(ctx), i.id); return null; },
  }),

  'complaints.reply': defineOp({
    input: z.object({ id, method: z.enum(['visit', 'letter', 'phone']), text: text(2000).min(1) }),
    access: 'complaints.write',
    run: async (ctx, i) => { await replyCase(ctx.trx, actor(ctx), i); return null; },
  }),

  'complaints.followUp': defineOp({
    input: z.object({ id, satisfaction: z.number().int().min(1).max(5), remarks: text(500).optional() }),
    access: 'complaints.write',
    run: async (ctx, i) => { await followUpCase(ctx.trx, actor(ctx), i); return null; },
  }),

  'complaints.close': defineOp({
    input: z.object({ id, remarks: text(500).optional() }),
    access: 'complaints.write',
    run: async (ctx, i) => { await closeCase(ctx.trx, actor(ctx), i); return null; },
  }),

  'complaints.reopen': defineOp({
    input: z.object({ id, reason: text(500).min(1) }),
    access: 'complaints.write',
    run: async (ctx, i) => { await reopenCase(ctx.trx, actor(ctx), i); return null; },
  }),

  'complaints.setValidity': defineOp({
    input: z.object({ id, valid: z.boolean(), reason: text(500).optional() }),
    access: 'complaints.write',
    run: async (ctx, i) => { await setValidity(ctx.trx, actor(ctx), i); return null; },
  }),

  'complaints.note': defineOp({
    input: z.object({ id, text: text(1000).min(1) }),
    access: 'complaints.write',
    run: async (ctx, i) => { await addNote(ctx.trx, actor(ctx), i); return null; },
  }),

  /** Statistics of cases received from `from` to `to` (local dates, inclusive). */
  'complaints.stats': defineOp({
    input: z.object({ from: date, to: date }),
    access: 'reports.read',
    run: async (ctx, i) => statistics(ctx.trx, requireSite(ctx), ctx.now, i.from, i.to),
  }),

  /** The same statistics as an .xlsx to download (files.downloadChunk). */
  'complaints.exportStats': defineOp({
    input: z.object({ from: date, to: date, locale: z.enum(['zh-CN', 'en-US']) }),
    access: 'reports.read',
    run: async (ctx, i) => exportStats(ctx, await statistics(ctx.trx, requireSite(ctx), ctx.now, i.from, i.to), i.locale),
  }),

  'complaints.saveRules': defineOp({
    input: rulesFields.partial(),
    access: 'settings.manage',
    run: async (ctx, r) => {
      const siteId = requireSite(ctx);
      const merged = { ...(await readRuleSettings(ctx.trx, siteId)), ...r };
      const problem = ruleProblem(merged);
      if (problem) throw new AppError(problem);
      await writeRules(ctx.trx, siteId, merged, ctx.now);
      return merged;
    },
  }),

  'complaints.saveCategory': defineOp({
    input: z.object({
      code: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/), nameZh: text(30).min(1), nameEn: text(60).min(1),
      sort: z.number().int().min(0).max(10000).default(0), active: z.boolean().default(true),
    }),
    access: 'settings.manage',
    run: async (ctx, c) => {
      await saveCategory(ctx.trx, requireSite(ctx), { code: c.code, name_zh: c.nameZh, name_en: c.nameEn, sort: c.sort, active: c.active ? 1 : 0 }, ctx.now);
      return null;
    },
  }),
};
