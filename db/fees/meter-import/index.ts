import { z } from 'zod';
import { defineOp } from '../../api/op.js';
import { MAX_COLUMNS } from '../../registry/import/read.js';
import { period } from '../items-ops.js';
import { METERS } from '../meter-rules.js';
import { startMeterSheet } from './export.js';
import { METER_FIELDS, type MeterMapping } from './fields.js';
import { inspectMeters, startMeterApply, startMeterValidate } from './import.js';
import { localDate } from '../../api/schemas.js';

/**
 * The meter readings' Excel import and the reading sheet's export: the cashier's work
 * (fees.collect), like entering one reading at the desk. Inspect reads only the upload
 * (withoutStore); validate, apply and export are jobs (progress, cancel).
 */
const uploadId = z.string().uuid();
const locale = z.enum(['zh-CN', 'en-US']).default('zh-CN');
const column = z.number().int().min(1).max(MAX_COLUMNS).nullable().optional();
/** field → 1-based column; a field left out (or null) is not read */
const mapping = z.object(Object.fromEntries(METER_FIELDS.map((f) => [f, column])) as Record<(typeof METER_FIELDS)[number], typeof column>).strict();
const columnsOf = (m: z.output<typeof mapping>): MeterMapping => Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number')) as MeterMapping;
const request = z.object({
  uploadId,
  sheet: z.string().max(100),
  headerRow: z.number().int().min(1).max(1000),
  mapping,
  /** for rows with no period of their own (the sheet has no 账期 column) */
  period: period.optional(),
  /** for rows with no read-on date */
  readOn: localDate.optional(),
  /** for a sheet with no meter column */
  meter: z.enum(METERS).optional(),
});

export const meterImportOps = {
  'fees.meters.inspect': defineOp({
    input: z.object({ uploadId, sheet: z.string().max(100).optional(), headerRow: z.number().int().min(1).max(1000).optional() }),
    access: 'fees.collect',
    withoutStore: true,
    run: (ctx, i) => inspectMeters(ctx, i),
  }),

  'fees.meters.validate': defineOp({
    input: request.extend({ locale }),
    access: 'fees.collect',
    withoutStore: true,
    run: async (ctx, i) => startMeterValidate(ctx, { ...i, mapping: columnsOf(i.mapping) }),
  }),

  'fees.meters.apply': defineOp({
    input: request.extend({
      /** the jumps the person confirmed: all of them, or these rows (Excel row numbers) */
      /** how many readings the check said would be written: if the store changed since, apply refuses rather than write another set */
      expected: z.number().int().min(0).max(1_000_000).optional(),
      confirm: z.object({ all: z.boolean().default(false), rows: z.array(z.number().int().min(1).max(1_000_000)).max(50_000).default([]) }).default({ all: false, rows: [] }),
    }),
    access: 'fees.collect',
    withoutStore: true,
    run: async (ctx, i) => startMeterApply(ctx, { ...i, mapping: columnsOf(i.mapping) }),
  }),

  'fees.meters.export': defineOp({
    input: z.object({ period, meter: z.enum(METERS).optional(), locale }),
    access: 'fees.collect',
    withoutStore: true,
    run: async (ctx, i) => startMeterSheet(ctx, i),
  }),
};
