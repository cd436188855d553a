import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../../api/op.js';
import { newRow } from '../../api/rows.js';
import { localMonth } from '../../api/schemas.js';
import { AppError } from '../../errors.js';
import { listAgreements, roomDebits } from './queries.js';
import { accountProblem, normaliseAccount } from './rules.js';

/**
 * Debit agreements (托收协议): registered per room by the cashier, never edited, never
 * deleted; ended with a reason (who and when kept beside it). A room has at most one agreement
 * in force for any month, so a batch never debits a room twice.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const agreementInput = z.object({
  roomId: z.string().uuid(),
  bank: z.string().trim().min(2).max(40),
  holder: text(40),
  /** typed as printed (groups of four with spaces): checked as digits */
  account: z.string().max(40),
  validFrom: localMonth,
  validTo: localMonth.optional(),
  remarks: z.string().trim().max(200).optional(),
});

/** The account as the bank needs it, or the refusal that says what is wrong with it. */
export function checkedAccount(typed: string): string {
  const account = normaliseAccount(typed);
  const problem = accountProblem(account);
  if (problem === 'not_digits') throw new AppError('fees.debit.account_not_digits');
  if (problem === 'length') throw new AppError('fees.debit.account_length', { length: account.length });
  if (problem === 'check_digit') throw new AppError('fees.debit.account_check_digit');
  return account;
}

export const agreementOps = {
  'fees.debit.agreements': defineOp({
    input: z.object({ roomId: z.string().uuid().optional(), includeEnded: z.boolean().default(false) }),
    access: 'fees.read',
    run: async (ctx, i) => listAgreements(ctx.trx, requireSite(ctx), i),
  }),

  'fees.debit.roomDebits': defineOp({
    input: z.object({ roomId: z.string().uuid() }),
    access: 'fees.read',
    run: async (ctx, i) => ({
      agreements: await listAgreements(ctx.trx, requireSite(ctx), { roomId: i.roomId, includeEnded: true }),
      lines: await roomDebits(ctx.trx, requireSite(ctx), i.roomId),
    }),
  }),

  'fees.debit.register': defineOp({
    input: agreementInput,
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const account = checkedAccount(i.account);
      if (i.validTo && i.validTo < i.validFrom) throw new AppError('fees.debit.valid_to_before', { from: i.validFrom, to: i.validTo });
      const room = await ctx.trx.selectFrom('room').select(['id', 'code']).where('site_id', '=', siteId).where('id', '=', i.roomId).executeTakeFirst();
      if (!room) throw new AppError('fees.not_found', { whatZh: '房号', whatEn: 'room' });
      // one agreement in force per room and month: an overlapping one must be ended first
      const clash = await ctx.trx.selectFrom('debit_agreement as a').leftJoin('debit_agreement_end as e', 'e.agreement_id', 'a.id')
        .select(['a.bank', 'a.valid_from']).where('a.room_id', '=', room.id).where('e.id', 'is', null)
        .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>=', i.validFrom)]))
        .$if(!!i.validTo, (q) => q.where('a.valid_from', '<=', i.validTo!))
        .executeTakeFirst();
      if (clash) throw new AppError('fees.debit.overlap', { room: room.code, from: clash.valid_from, bank: clash.bank });
      const row = {
        ...newRow(siteId, ctx.now), room_id: room.id, bank: i.bank, holder: i.holder, account,
        valid_from: i.validFrom, valid_to: i.validTo ?? null, remarks: i.remarks ?? '', created_by: requireSession(ctx).staffId,
      };
      await ctx.trx.insertInto('debit_agreement').values(row).execute();
      return { id: row.id };
    },
  }),

  'fees.debit.end': defineOp({
    input: z.object({ id: z.string().uuid(), reason: z.string().trim().min(2).max(200) }),
    access: 'fees.collect',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const a = await ctx.trx.selectFrom('debit_agreement as a').leftJoin('debit_agreement_end as e', 'e.agreement_id', 'a.id')
        .select(['a.id', 'e.id as endId']).where('a.site_id', '=', siteId).where('a.id', '=', i.id).executeTakeFirst();
      if (!a) throw new AppError('fees.not_found', { whatZh: '托收协议', whatEn: 'debit agreement' });
      if (a.endId) throw new AppError('fees.debit.already_ended');
      await ctx.trx.insertInto('debit_agreement_end')
        .values({ ...newRow(siteId, ctx.now), agreement_id: a.id, reason: i.reason, ended_by: requireSession(ctx).staffId }).execute();
      return null;
    },
  }),
};
