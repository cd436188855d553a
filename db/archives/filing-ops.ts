import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { prepareQuery, type Param } from '../store/prepared.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { formatCode } from './codes.js';
import { listRegister, whereIs } from './loans.js';
import { scansOf } from './scans.js';
import { correctionsOf } from './corrections.js';
import { readableItem, seesRestricted, veil } from './shared.js';
import { localDate } from '../api/schemas.js';
import { explainCode, indexItem, nextSeq, checkFilingTarget, searchItems } from './items.js';

/**
 * The archivist's operations. Archivists file and edit; managers approve; everyone with
 * archives.read may search the catalogue, but restricted items open only for the
 * archive's own staff and approvers.
 */
const retention = z.enum(['permanent', '30', '25', '15', '10', '5']);
const form = z.enum(['paper', 'photo', 'audio', 'video', 'disc', 'object']);
const level = z.number().int().min(1).max(99);
const department = z.string().trim().regex(/^\d{1,2}$/, 'one or two digits').transform((s) => s.padStart(2, '0'));
const text = (max: number) => z.string().trim().max(max);
const date = localDate;

/** The browse tree's four reads, compiled once (store/prepared.ts): it is drawn on every visit to the area. */
type Site = { siteId: string };
const CATEGORIES = prepareQuery((db, p: Param<Site>) => db.selectFrom('archive_category').select(['id', 'code', 'name', 'active']).where('site_id', '=', p('siteId')).orderBy('code'));
const CLASSES = prepareQuery((db, p: Param<Site>) => db.selectFrom('archive_class').select(['id', 'category_code', 'code', 'name', 'default_retention', 'active'])
  .where('site_id', '=', p('siteId')).orderBy('category_code').orderBy('code'));
const DEPARTMENTS = prepareQuery((db, p: Param<Site>) => db.selectFrom('archive_department').select(['id', 'code', 'name', 'active']).where('site_id', '=', p('siteId')).orderBy('code'));
// kept by a trigger (migration 0006): counting half a million rows per look took ~150 ms
const CLASS_COUNTS = prepareQuery((db, p: Param<Site>) => db.selectFrom('archive_class_count').select(['category_code', 'class_code', 'n']).where('site_id', '=', p('siteId')));

export const filingOps = {
  /** The scheme with item counts per class (the browse tree). Seeded at set-up, or by the 0003 migration for older sites. */
  'archives.scheme': defineOp({
    input: z.object({}).optional(),
    access: 'archives.read',
    run: async (ctx) => {
      const siteId = requireSite(ctx);
      const conn = ctx.store.raw;
      const [categories, classes, departments, counts] = [CATEGORIES.all(conn, { siteId }), CLASSES.all(conn, { siteId }), DEPARTMENTS.all(conn, { siteId }), CLASS_COUNTS.all(conn, { siteId })];
      const count = (cat: number, cls?: number) =>
        counts.filter((c) => c.category_code === cat && (cls === undefined || c.class_code === cls)).reduce((n, c) => n + Number(c.n), 0);
      return {
        departments,
        categories: categories.map((cat) => ({
          ...cat,
          items: count(cat.code),
          classes: classes.filter((c) => c.category_code === cat.code).map((c) => ({ ...c, items: count(cat.code, c.code) })),
        })),
      };
    },
  }),

  /** Parse a typed code and say what each part means here; a malformed or unknown code is explained. */
  'archives.explainCode': defineOp({
    input: z.object({ code: text(40).min(1) }),
    access: 'archives.read',
    run: async (ctx, i) => explainCode(ctx.trx, requireSite(ctx), i.code),
  }),

  /** The code the next item filed in category.class.department would get (shown before saving). */
  'archives.nextCode': defineOp({
    input: z.object({ category: level, cls: level, department }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const { defaultRetention } = await checkFilingTarget(ctx.trx, siteId, i.category, i.cls, i.department);
      const seq = await nextSeq(ctx.trx, siteId, i.category, i.cls, i.department);
      return { refCode: formatCode(i.category, i.cls, i.department, seq), seq, defaultRetention };
    },
  }),

  'archives.index': defineOp({
    input: z.object({
      category: level,
      cls: level,
      department,
      title: text(200).min(1),
      year: z.number().int().min(1900).max(2200),
      producedOn: date.nullable().optional(),
      retention: retention.optional(),
      form,
      pieceCount: z.number().int().min(0).max(100000).optional(),
      locationRoom: text(40).optional(),
      cabinet: text(20).optional(),
      shelf: text(20).optional(),
      box: text(20).optional(),
      confidentiality: z.enum(['public', 'internal', 'restricted']).optional(),
      remarks: text(500).optional(),
      fondsNo: text(20).optional(),
      libraryNo: text(20).optional(),
      majorEvent: z.boolean().optional(),
    }),
    access: 'archives.write',
    run: async (ctx, i) => indexItem(ctx.trx, requireSite(ctx), ctx.now, i),
  }),

  /** One item with its scans, where it is if out on loan, its register lines and its corrections. */
  'archives.item': defineOp({
    input: z.object({ id: z.string().uuid() }),
    access: 'archives.read',
    run: async (ctx, i) => {
      const item = await readableItem(ctx, i.id);
      const [scans, loan, register, corrections] = await Promise.all([
        scansOf(ctx, item.id), whereIs(ctx, item.id), listRegister(ctx, { itemId: item.id, limit: 200 }), correctionsOf(ctx, item.id),
      ]);
      return { ...item, scans, loan, register, corrections };
    },
  }),

  'archives.search': defineOp({
    input: z.object({
      codePrefix: text(40).optional(),
      department: z.string().regex(/^\d{1,2}$/).optional(),
      year: z.number().int().min(1900).max(2200).optional(),
      retention: retention.optional(),
      form: form.optional(),
      location: text(40).optional(),
      status: z.enum(['in', 'out', 'destroyed']).optional(),
      text: text(60).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    access: 'archives.read',
    run: async (ctx, f) => {
      const sees = seesRestricted(ctx);
      return veil(await searchItems(ctx.trx, requireSite(ctx), { ...f, hideRestricted: !sees }), sees);
    },
  }),

  /** Add or rename a class, set its default retention, or retire it. Codes are never renumbered. */
  'archives.saveClass': defineOp({
    input: z.object({ category: level, code: level, name: text(40).min(1), defaultRetention: retention, active: z.boolean().default(true) }),
    access: 'settings.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const cat = await ctx.trx.selectFrom('archive_category').select('code').where('site_id', '=', siteId).where('code', '=', i.category).executeTakeFirst();
      if (!cat) throw new AppError('archives.unknown_category', { code: i.category });
      const existing = await ctx.trx.selectFrom('archive_class').selectAll().where('site_id', '=', siteId).where('category_code', '=', i.category).where('code', '=', i.code).executeTakeFirst();
      const values = { name: i.name, default_retention: i.defaultRetention, active: i.active ? 1 : 0 };
      if (!existing) {
        await ctx.trx.insertInto('archive_class').values({ ...newRow(siteId, ctx.now), category_code: i.category, code: i.code, ...values }).execute();
      } else if (existing.name !== values.name || existing.default_retention !== values.default_retention || existing.active !== values.active) {
        await ctx.trx.updateTable('archive_class').set({ ...values, updated_at: ctx.now.toISOString() }).where('id', '=', existing.id).execute();
      }
      return null;
    },
  }),

  'archives.saveDepartment': defineOp({
    input: z.object({ code: department, name: text(40).min(1), active: z.boolean().default(true) }),
    access: 'settings.manage',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const existing = await ctx.trx.selectFrom('archive_department').selectAll().where('site_id', '=', siteId).where('code', '=', i.code).executeTakeFirst();
      const values = { name: i.name, active: i.active ? 1 : 0 };
      if (!existing) await ctx.trx.insertInto('archive_department').values({ ...newRow(siteId, ctx.now), code: i.code, ...values }).execute();
      else if (existing.name !== values.name || existing.active !== values.active) {
        await ctx.trx.updateTable('archive_department').set({ ...values, updated_at: ctx.now.toISOString() }).where('id', '=', existing.id).execute();
      }
      return null;
    },
  }),
};
