import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { localDate, localMonth } from '../api/schemas.js';
import { createRequest, decideRequest, lend, listLoans, listRegister, listRequests, recordUse, returnItem } from './loans.js';
import { attachScan, openScan } from './scans.js';
import { seesRestricted, veil } from './shared.js';

/**
 * Access to the archive: scans attached to items, requests to read, borrow or copy and
 * their approval, loans and returns, and the register (登记表). Archivists attach, record
 * and lend; managers (and supervisors) approve; anyone with archives.read may ask.
 */
const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);
const date = localDate;

export const accessOps = {
  'archives.attachScan': defineOp({
    input: z.object({ itemId: id, uploadId: id }),
    access: 'archives.write',
    run: (ctx, i) => attachScan(ctx, i),
  }),

  /** Make a scan ready to fetch chunk by chunk (files.downloadChunk). */
  'archives.openScan': defineOp({
    input: z.object({ scanId: id }),
    access: 'archives.read',
    run: (ctx, i) => openScan(ctx, i.scanId),
  }),

  'archives.request': defineOp({
    input: z.object({
      kind: z.enum(['read', 'borrow', 'copy']),
      requester: text(40).min(1),
      requesterUnit: text(40).optional(),
      purpose: text(200).min(1),
      dueOn: date.nullable().optional(),
      itemIds: z.array(id).min(1).max(50),
    }),
    access: 'archives.read',
    run: (ctx, i) => createRequest(ctx, i),
  }),

  'archives.decide': defineOp({
    input: z.object({ requestId: id, approve: z.boolean(), note: text(200).optional() }),
    access: 'archives.approve',
    run: (ctx, i) => decideRequest(ctx, i),
  }),

  'archives.requests': defineOp({
    input: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional(), limit: z.number().int().min(1).max(500).default(100) }),
    access: 'archives.read',
    run: (ctx, i) => listRequests(ctx, i),
  }),

  /** Register a reading or copying done on an approved request, or the centre head reading in person. */
  'archives.recordUse': defineOp({
    input: z.object({ itemIds: z.array(id).min(1).max(50), event: z.enum(['read', 'copied']), requestId: id.nullable().optional(), note: text(200).optional() }),
    access: 'archives.read',
    run: (ctx, i) => recordUse(ctx, i),
  }),

  /** Lend the items of an approved borrow request, one or several at once: all of them or, if one cannot go, none. */
  'archives.lend': defineOp({
    input: z.object({ requestId: id, itemIds: z.array(id).min(1).max(50) }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const loans = [];
      for (const itemId of i.itemIds) loans.push(await lend(ctx, { requestId: i.requestId, itemId }));
      return { loans };
    },
  }),

  /** Take back one item or several together, in the same condition: all of them or none. */
  'archives.return': defineOp({
    input: z.object({ itemIds: z.array(id).min(1).max(50), condition: z.enum(['good', 'damaged', 'incomplete']), note: text(200).optional() }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const back = [];
      for (const itemId of i.itemIds) back.push(await returnItem(ctx, { itemId, condition: i.condition, note: i.note }));
      return { overdue: back.some((b) => b.overdue) };
    },
  }),

  'archives.loans': defineOp({
    input: z.object({ overdueOnly: z.boolean().optional() }).optional(),
    access: 'archives.read',
    run: (ctx, i) => listLoans(ctx, i ?? {}),
  }),

  'archives.register': defineOp({
    input: z.object({ itemId: id.optional(), month: localMonth.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    access: 'archives.read',
    run: (ctx, i) => listRegister(ctx, i),
  }),
};
