import { z } from 'zod';
import { defineOp } from '../../api/op.js';
import { startExport } from '../export.js';
import type { Mapping } from './check.js';
import { IMPORT_FIELDS } from './fields.js';
import { inspectImport, startApply, startValidate } from './import.js';
import { MAX_COLUMNS } from './read.js';
import { writeImportTemplate } from './template.js';

/**
 * The Excel import and export. Importing needs registry.write at every step (a cashier
 * can look a room up but not load a ledger); exporting needs registry.read. Inspect reads
 * only the uploaded file (withoutStore); validate, apply and export are jobs.
 */
const uploadId = z.string().uuid();
const locale = z.enum(['zh-CN', 'en-US']).default('zh-CN');
const column = z.number().int().min(1).max(MAX_COLUMNS).nullable().optional();
/** field → 1-based column; a field left out (or null) is not imported */
const mapping = z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column])) as Record<(typeof IMPORT_FIELDS)[number], typeof column>).strict();
const columnsOf = (m: z.output<typeof mapping>): Mapping => Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number')) as Mapping;
const request = z.object({
  uploadId,
  sheet: z.string().max(100),
  headerRow: z.number().int().min(1).max(1000),
  mapping,
});

export const importOps = {
  'registry.import.inspect': defineOp({
    input: z.object({ uploadId, sheet: z.string().max(100).optional(), headerRow: z.number().int().min(1).max(1000).optional() }),
    access: 'registry.write',
    withoutStore: true,
    run: (ctx, i) => inspectImport(ctx, i),
  }),

  'registry.import.validate': defineOp({
    input: request.extend({ locale }),
    access: 'registry.write',
    withoutStore: true,
    run: async (ctx, i) => startValidate(ctx, { ...i, mapping: columnsOf(i.mapping) }),
  }),

  'registry.import.apply': defineOp({
    input: request,
    access: 'registry.write',
    withoutStore: true,
    run: async (ctx, i) => startApply(ctx, { ...i, mapping: columnsOf(i.mapping) }),
  }),

  /** The template workbook to fill in, in the screen's language. */
  'registry.import.template': defineOp({
    input: z.object({ locale }),
    access: 'registry.write',
    withoutStore: true,
    run: (ctx, i) => writeImportTemplate(ctx, i.locale),
  }),

  'registry.export': defineOp({
    input: z.object({ locale }).optional().transform((i) => i ?? { locale: 'zh-CN' as const }),
    access: 'registry.read',
    withoutStore: true,
    run: async (ctx, i) => startExport(ctx, i),
  }),
};
