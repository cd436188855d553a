import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { appraise, appraisalDue, decideDestruction, pendingDestructions } from './retention.js';

/** Retention appraisal (鉴定): items past their period, kept or proposed for destruction, which a manager decides. */
const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

export const appraisalOps = {
  'archives.appraisalDue': defineOp({
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).optional(),
    access: 'archives.read',
    run: (ctx, i) => appraisalDue(ctx, { limit: i?.limit ?? 200 }),
  }),

  'archives.appraise': defineOp({
    input: z.object({ itemId: id, decision: z.enum(['keep', 'destroy']), reason: text(200).min(1), keepYears: z.number().int().min(1).max(30).optional() }),
    access: 'archives.write',
    run: (ctx, i) => appraise(ctx, i),
  }),

  'archives.pendingDestructions': defineOp({
    input: z.object({}).optional(),
    access: 'archives.read',
    run: (ctx) => pendingDestructions(ctx),
  }),

  'archives.decideDestruction': defineOp({
    input: z.object({ appraisalId: id, approve: z.boolean(), note: text(200).optional() }),
    access: 'archives.approve',
    run: (ctx, i) => decideDestruction(ctx, i),
  }),
};
