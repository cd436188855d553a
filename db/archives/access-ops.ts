import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { catalogue } from './catalogue.js';
import { inspectCatalogue, startCatalogueExport, startCatalogueImport, validateCatalogue } from './excel.js';
import { ARCHIVE_FIELDS } from './excel-fields.js';
import { createRequest, decideRequest, lend, listLoans, listRegister, listRequests, recordUse, returnItem } from './loans.js';
import { appraise, appraisalDue, decideDestruction, pendingDestructions } from './retention.js';
import { localDate } from '../api/schemas.js';
import { attachScan, openScan } from './scans.js';
import { seesRestricted, veil } from './shared.js';

/**
 * The archive's second part: scans, requests and loans, the register, retention
 * appraisal, and the catalogue for printing. Archivists attach, record and lend;
 * managers (and supervisors) approve; anyone with archives.read may ask.
 */
const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);
const column = z.number().int().min(1).max(100).optional();
/** field → 1-based column; every field may be left unmapped (the import says which it needs) */
const mapping = z.object({
  code: column, title: column, year: column, producedOn: column, retention: column, form: column, pieces: column,
  room: column, cabinet: column, shelf: column, box: column, fondsNo: column, libraryNo: column, remarks: column,
} satisfies Record<(typeof ARCHIVE_FIELDS)[number], typeof column>);
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

  'archives.lend': defineOp({
    input: z.object({ requestId: id, itemId: id }),
    access: 'archives.write',
    run: (ctx, i) => lend(ctx, i),
  }),

  'archives.return': defineOp({
    input: z.object({ itemId: id, condition: z.enum(['good', 'damaged', 'incomplete']), note: text(200).optional() }),
    access: 'archives.write',
    run: (ctx, i) => returnItem(ctx, i),
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

  /** The catalogue (目录) of a class or a year, for printing. */
  'archives.catalogue': defineOp({
    input: z.object({ codePrefix: text(40).optional(), year: z.number().int().min(1900).max(2200).optional() }),
    access: 'archives.read',
    run: async (ctx, i) => veil(await catalogue(ctx.trx, requireSite(ctx), i), seesRestricted(ctx)),
  }),

  /** Excel: look at an uploaded catalogue (columns, suggested mapping, first rows). */
  'archives.importInspect': defineOp({
    input: z.object({ uploadId: id }),
    access: 'archives.write',
    run: (ctx, i) => inspectCatalogue(ctx, i.uploadId),
  }),

  'archives.importCheck': defineOp({
    input: z.object({ uploadId: id, mapping }),
    access: 'archives.write',
    run: (ctx, i) => validateCatalogue(ctx, i),
  }),

  /** Import the good rows (a job: jobs.status gives its progress and, at the end, the counts). */
  'archives.importApply': defineOp({
    input: z.object({ uploadId: id, mapping }),
    access: 'archives.write',
    run: async (ctx, i) => startCatalogueImport(ctx, i),
  }),

  /** The catalogue (or a class / year of it) to .xlsx, as a job; the result names the download. */
  'archives.export': defineOp({
    input: z.object({ locale: z.enum(['zh-CN', 'en-US']), codePrefix: text(40).optional(), year: z.number().int().min(1900).max(2200).optional() }),
    access: 'archives.read',
    run: async (ctx, i) => startCatalogueExport(ctx, i),
  }),
};
