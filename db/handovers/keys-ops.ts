import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { deskKeys } from './shift.js';

/**
 * The desk's key register (钥匙登记): the keys the front desk holds — public areas, and spare
 * keys owners leave with it — each lending and each return. What is out feeds the shift
 * handover. Anyone at the desk lends and takes back; registering a key is a receptionist's.
 */
const id = z.string().uuid();

async function keyOf(ctx: OpContext, keyId: string) {
  const k = await ctx.trx.selectFrom('desk_key').selectAll().where('site_id', '=', requireSite(ctx)).where('id', '=', keyId).executeTakeFirst();
  if (!k) throw new AppError('handovers.key_not_found');
  return k;
}

async function openLoan(ctx: OpContext, keyId: string) {
  return ctx.trx.selectFrom('desk_key_loan').selectAll().where('key_id', '=', keyId).where('returned_at', 'is', null).executeTakeFirst();
}

export const keysOps = {
  'handovers.keys': defineOp({
    input: z.object({ all: z.boolean().optional() }).optional(),
    access: 'handovers.read',
    run: async (ctx, i) => deskKeys(ctx.trx, requireSite(ctx), !!i?.all),
  }),

  /** Register a key, or change one (its label, count, note; retire it when it is no longer held). */
  'handovers.saveKey': defineOp({
    input: z.object({
      id: id.optional(), label: z.string().trim().min(1).max(40), kind: z.enum(['public', 'spare']), roomId: id.nullable().default(null),
      count: z.number().int().min(1).max(100), note: z.string().trim().max(200).default(''), active: z.boolean().default(true),
    }),
    access: 'handovers.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      if (i.kind === 'spare' && !i.roomId) throw new AppError('handovers.key_room');
      if (i.roomId && !(await ctx.trx.selectFrom('room').select('id').where('site_id', '=', siteId).where('id', '=', i.roomId).executeTakeFirst())) {
        throw new AppError('registry.not_found', { whatZh: '房间', whatEn: 'room' });
      }
      const same = await ctx.trx.selectFrom('desk_key').select('id').where('site_id', '=', siteId).where('label', '=', i.label).executeTakeFirst();
      if (same && same.id !== i.id) throw new AppError('handovers.key_label_taken', { label: i.label });
      const values = { label: i.label, kind: i.kind, room_id: i.roomId, count: i.count, note: i.note, active: i.active ? 1 : 0 };
      if (i.id) {
        await keyOf(ctx, i.id);
        if (!i.active && (await openLoan(ctx, i.id))) throw new AppError('handovers.key_out', { label: i.label });
        await ctx.trx.updateTable('desk_key').set({ ...values, updated_at: ctx.now.toISOString() }).where('id', '=', i.id).execute();
        return { id: i.id };
      }
      const row = { ...newRow(siteId, ctx.now), ...values };
      await ctx.trx.insertInto('desk_key').values(row).execute();
      return { id: row.id };
    },
  }),

  'handovers.lendKey': defineOp({
    input: z.object({ keyId: id, borrower: z.string().trim().min(1).max(40), purpose: z.string().trim().max(200).default('') }),
    access: 'handovers.read',
    run: async (ctx, i) => {
      const k = await keyOf(ctx, i.keyId);
      if (!k.active) throw new AppError('handovers.key_not_found');
      const out = await openLoan(ctx, k.id);
      if (out) throw new AppError('handovers.key_out', { label: k.label, borrower: out.borrower });
      const row = { ...newRow(requireSite(ctx), ctx.now), key_id: k.id, borrower: i.borrower, purpose: i.purpose, lent_at: ctx.now.toISOString(), lent_by: requireSession(ctx).staffId, returned_at: null, returned_by: null };
      await ctx.trx.insertInto('desk_key_loan').values(row).execute();
      return { id: row.id };
    },
  }),

  'handovers.returnKey': defineOp({
    input: z.object({ keyId: id }),
    access: 'handovers.read',
    run: async (ctx, i) => {
      const k = await keyOf(ctx, i.keyId);
      const out = await openLoan(ctx, k.id);
      if (!out) throw new AppError('handovers.key_in', { label: k.label });
      const at = ctx.now.toISOString();
      await ctx.trx.updateTable('desk_key_loan').set({ returned_at: at, returned_by: requireSession(ctx).staffId, updated_at: at }).where('id', '=', out.id).execute();
      return { id: out.id };
    },
  }),

  /** A key's lendings and returns, newest first. */
  'handovers.keyHistory': defineOp({
    input: z.object({ keyId: id }),
    access: 'handovers.read',
    run: async (ctx, i) => {
      const k = await keyOf(ctx, i.keyId);
      return ctx.trx.selectFrom('desk_key_loan as l').innerJoin('staff as s', 's.id', 'l.lent_by').leftJoin('staff as r', 'r.id', 'l.returned_by')
        .select(['l.id', 'l.borrower', 'l.purpose', 'l.lent_at', 'l.returned_at', 's.display_name as lentBy', 'r.display_name as returnedBy'])
        .where('l.key_id', '=', k.id).orderBy('l.lent_at', 'desc').limit(200).execute();
    },
  }),
};
