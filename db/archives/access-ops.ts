import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { localDate } from '../api/schemas.js';
import { createRequest, decideRequest, lend, listLoans, listRegister, listRequests, recordUse, returnItem } from './loans.js';
import { attachScan, openScan } from './scans.js';
import { seesRestricted, veil } from './shared.js';

/** itemId for one item, itemIds for several: exactly one of the two. */
const ONE_OR_MANY = { message: 'give itemId or itemIds, not both' };

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

  /** Lend one item of an approved borrow request, or several at once (itemIds): all of them or, if one cannot go, none. */
  'archives.lend': defineOp({
    input: z.object({ requestId: id, itemId: id.optional(), itemIds: z.array(id).min(1).max(50).optional() }).refine((i) => !!i.itemId !== !!i.itemIds, ONE_OR_MANY),
    access: 'archives.write',
    run: async (ctx, i) => {
      const out = [];
      for (const itemId of i.itemIds ?? [i.itemId!]) out.push(await lend(ctx, { requestId: i.requestId, itemId }));
      return i.itemIds ? { loans: out } : out[0]!;
    },
  }),

  /** Take back one item, or several together (itemIds) in the same condition: all of them or none. */
  'archives.return': defineOp({
    input: z.object({ itemId: id.optional(), itemIds: z.array(id).min(1).max(50).optional(), condition: z.enum(['good', 'damaged', 'incomplete']), note: text(200).optional() })
      .refine((i) => !!i.itemId !== !!i.itemIds, ONE_OR_MANY),
    access: 'archives.write',
    run: async (ctx, i) => {
      const out = [];
      for (const itemId of i.itemIds ?? [i.itemId!]) out.push(await returnItem(ctx, { itemId, condition: i.condition, note: i.note }));
      return i.itemIds ? { overdue: out.some((o) => o.overdue) } : out[0]!;
    },
  }),

  'archives.loans': defineOp({
    input: z.object({ overdueOnly: z.boolean().optional() }).optional(),
    access: 'archives.read',
    run: (ctx, i) => listLoans(ctx, i ?? {}),
  }),

  'archives.register': defineOp({
    input: z.object({ itemId: id.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    access: 'archives.read',
    run: (ctx, i) => listRegister(ctx, i),
  }),
};
