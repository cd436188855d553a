import { z } from 'zod';
import { defineOp, requireSession, requireSite, type OpContext } from '../api/op.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../audit/record.js';
import { getStaff } from '../staff/queries.js';
import { checkCredentials, countFailure } from './login.js';
import { hashPassword, isStrongEnough, verifyPassword } from './password.js';
import { ROLE_PERMISSIONS } from './permissions.js';
import type { Session } from './sessions.js';
import type { Staff } from '../store/schema.js';

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,32}$/, 'letters, digits, . _ - (2–32)');
export const passwordSchema = z.string().min(1).max(128);

/** What the renderer knows about the signed-in person. */
export function describeSession(s: Session) {
  return {
    staffId: s.staffId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    permissions: ROLE_PERMISSIONS[s.role],
    locked: s.locked,
  };
}

export function signIn(ctx: OpContext, staff: Staff): Session {
  const session = ctx.sessions.create({
    staffId: staff.id,
    siteId: staff.site_id,
    username: staff.username,
    displayName: staff.display_name,
    role: staff.role,
    lastActiveMs: ctx.now.getTime(),
  });
  ctx.setSession(session);
  return session;
}

export const authOps = {
  /** Everything the first screen needs: is the site set up, who (if anyone) is signed in. */
  'auth.me': defineOp({
    input: z.object({}).optional(),
    access: 'public',
    whenLocked: true,
    run: async (ctx) => {
      const site = ctx.siteId
        ? await ctx.trx.selectFrom('site').select(['code', 'name']).where('id', '=', ctx.siteId).executeTakeFirst()
        : undefined;
      return {
        needsSetup: !site,
        site: site ?? null,
        defaultLocale: ctx.settings.defaultLocale,
        idleLockMinutes: ctx.settings.idleLockMinutes,
        /** the site's clock: every time the screens show is read at this offset */
        utcOffsetMinutes: ctx.settings.utcOffsetMinutes,
        /** the desk's clock: the date pickers' today is the site's day of it */
        now: ctx.now.toISOString(),
        user: ctx.session ? describeSession(ctx.session) : null,
      };
    },
  }),

  'auth.login': defineOp({
    input: z.object({ username: usernameSchema, password: passwordSchema }),
    access: 'public',
    run: async (ctx, input) => {
      if (!ctx.siteId) throw new AppError('setup.required');
      const staff = await checkCredentials(ctx, ctx.siteId, input.username, input.password);
      await recordEvent(ctx.trx, ctx.siteId, ctx.now, 'login.ok', staff.id);
      ctx.sessions.remove(ctx.session?.token);
      return describeSession(signIn(ctx, staff));
    },
  }),

  'auth.logout': defineOp({
    input: z.object({}).optional(),
    access: 'signed-in',
    whenLocked: true,
    run: async (ctx) => {
      const s = requireSession(ctx);
      await recordEvent(ctx.trx, requireSite(ctx), ctx.now, 'logout', s.staffId);
      ctx.sessions.remove(s.token);
      ctx.setSession(null);
      return null;
    },
  }),

  /** Lock now (leaving the desk): the same person unlocks with their password. */
  'auth.lock': defineOp({
    input: z.object({}).optional(),
    access: 'signed-in',
    whenLocked: true,
    run: async (ctx) => {
      const s = requireSession(ctx);
      s.locked = true;
      return describeSession(s);
    },
  }),

  /** After the idle lock: the same person types their password to carry on. */
  'auth.unlock': defineOp({
    input: z.object({ password: passwordSchema }),
    access: 'signed-in',
    whenLocked: true,
    run: async (ctx, input) => {
      const s = requireSession(ctx);
      const staff = await checkCredentials(ctx, requireSite(ctx), s.username, input.password);
      await recordEvent(ctx.trx, requireSite(ctx), ctx.now, 'session.unlocked', staff.id);
      s.locked = false;
      s.lastActiveMs = ctx.now.getTime();
      return describeSession(s);
    },
  }),

  'auth.changePassword': defineOp({
    input: z.object({ current: passwordSchema, next: passwordSchema }),
    access: 'signed-in',
    run: async (ctx, input) => {
      const s = requireSession(ctx);
      const staff = await getStaff(ctx.trx, requireSite(ctx), s.staffId);
      // a wrong current password counts toward the lockout like a wrong sign-in (the person is signed in: a lock is said)
      if (!(await verifyPassword(input.current, staff.password_hash))) await countFailure(ctx, staff, requireSite(ctx), 'auth.bad_password', 'auth.account_locked');
      if (!isStrongEnough(input.next)) throw new AppError('auth.weak_password');
      await ctx.trx.updateTable('staff')
        .set({ password_hash: await hashPassword(input.next, ctx.store.passwordCost), password_changed_at: ctx.now.toISOString(), failed_attempts: 0, updated_at: ctx.now.toISOString() })
        .where('id', '=', staff.id).execute();
      // whoever else was signed in with the old password is signed out
      ctx.sessions.removeStaff(staff.id, s.token);
      return null;
    },
  }),
};
