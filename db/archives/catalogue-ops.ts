import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { catalogue } from './catalogue.js';
import { inspectCatalogue, startCatalogueExport, startCatalogueImport, validateCatalogue } from './excel.js';
import { ARCHIVE_FIELDS } from './excel-fields.js';
import { seesRestricted, veil } from './shared.js';

/** The catalogue (目录): printed by class or year, imported from the Excel catalogue an office keeps, and exported. */
const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);
const column = z.number().int().min(1).max(100).optional();
/** field → 1-based column; every field may be left unmapped (the import says which it needs) */
const mapping = z.object({
  code: column, title: column, year: column, producedOn: column, retention: column, form: column, pieces: column,
  room: column, cabinet: column, shelf: column, box: column, fondsNo: column, libraryNo: column, remarks: column,
} satisfies Record<(typeof ARCHIVE_FIELDS)[number], typeof column>);

export const catalogueOps = {
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
