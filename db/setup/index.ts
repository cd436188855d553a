import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { preloadNationalCalendar } from '../complaints/calendar.js';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../audit/record.js';
import { describeSession, passwordSchema, signIn, usernameSchema } from '../auth/index.js';
import { createStaff, findByUsername } from '../staff/queries.js';
import { DEFAULT_SETTINGS, writeSettings } from '../settings/queries.js';
import { dirname } from 'node:path';
import { recordIdentity } from '../sync/identity.js';
import { newSigningKey, saveSigningKey } from '../sync/keys.js';
import { seedArchiveScheme } from '../archives/seed.js';

export const siteCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{1,16}$/, 'letters, digits, - (1–16)');

export const setupOps = {
  /**
   * First run: the site (code, name) and its administrator, in one transaction. Only
   * possible while the store has no site: afterwards it is refused, whoever asks.
   */
  'setup.init': defineOp({
    input: z.object({
      siteCode: siteCodeSchema,
      siteName: z.string().trim().min(1).max(100),
      adminUsername: usernameSchema,
      adminDisplayName: z.string().trim().min(1).max(50),
      password: passwordSchema,
      defaultLocale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
      /** a service centre's desk, or head office (which enrols the centres and receives their records) */
      mode: z.enum(['site', 'head_office']).default('site'),
    }),
    access: 'public',
    run: async (ctx, input) => {
      const existing = await ctx.trx.selectFrom('site').select('id').executeTakeFirst();
      if (existing || ctx.siteId) throw new AppError('setup.already_done');
      const row = newRow('', ctx.now);
      const siteId = row.id;
      await ctx.trx.insertInto('site').values({ ...row, site_id: siteId, code: input.siteCode, name: input.siteName }).execute();
      await recordIdentity(ctx.trx, siteId, input.mode, row.created_at);
      // head office signs invitations (and, later, reference data) from the start; a site makes its key when it joins
      if (input.mode === 'head_office') saveSigningKey(dirname(ctx.store.file), newSigningKey());
      await writeSettings(ctx.trx, siteId, { ...DEFAULT_SETTINGS, defaultLocale: input.defaultLocale }, ctx.now);
      await seedArchiveScheme(ctx.trx, siteId, ctx.now);
      await preloadNationalCalendar(ctx.trx, siteId, ctx.now, DEFAULT_SETTINGS.utcOffsetMinutes);
      await createStaff(ctx.trx, siteId, ctx.now, { username: input.adminUsername, displayName: input.adminDisplayName, role: 'admin', password: input.password }, ctx.store.passwordCost);
      const admin = (await findByUsername(ctx.trx, siteId, input.adminUsername))!;
      await recordEvent(ctx.trx, siteId, ctx.now, 'login.ok', admin.id, { firstRun: true });
      ctx.invalidate();
      return describeSession(signIn(ctx, admin));
    },
  }),
};
