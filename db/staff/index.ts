import { z } from 'zod';
import { defineOp, requireSite } from '../api/op.js';
import { AppError } from '../errors.js';
import { passwordSchema, usernameSchema } from '../auth/index.js';
import { hashPassword, isStrongEnough } from '../auth/password.js';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../auth/permissions.js';
import { countActiveAdmins, createStaff, getStaff, listStaff } from './queries.js';

const roleSchema = z.enum(['receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin']);
const idSchema = z.string().uuid();
const displayNameSchema = z.string().trim().min(1).max(50);

export const staffOps = {
  'staff.list': defineOp({
    input: z.object({}).optional(),
    access: 'staff.manage',
    run: async (ctx) => listStaff(ctx.trx, requireSite(ctx)),
  }),

  'staff.create': defineOp({
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema }),
    access: 'staff.manage',
    run: async (ctx, input) => createStaff(ctx.trx, requireSite(ctx), ctx.now, input, ctx.store.passwordCost),
  }),

  /** Change name, role or active flag. Accounts are disabled, never deleted. */
  'staff.update': defineOp({
    input: z.object({ id: idSchema, displayName: displayNameSchema.optional(), role: roleSchema.optional(), active: z.boolean().optional() }),
    access: 'staff.manage',
    run: async (ctx, input) => {
      const siteId = requireSite(ctx);
      const staff = await getStaff(ctx.trx, siteId, input.id);
      const losesAdmin = staff.role === 'admin' && staff.active === 1 && ((input.role && input.role !== 'admin') || input.active === false);
      if (losesAdmin && (await countActiveAdmins(ctx.trx, siteId)) <= 1) throw new AppError('staff.last_admin');
      await ctx.trx.updateTable('staff').set({
        display_name: input.displayName ?? staff.display_name,
        role: input.role ?? staff.role,
        active: input.active === undefined ? staff.active : input.active ? 1 : 0,
        updated_at: ctx.now.toISOString(),
      }).where('id', '=', staff.id).execute();
      // A changed role or a disabled account takes effect now, not at next sign-in.
      if ((input.role && input.role !== staff.role) || input.active === false) ctx.sessions.removeStaff(staff.id);
      return (await listStaff(ctx.trx, siteId)).find((s) => s.id === staff.id)!;
    },
  }),

  'staff.resetPassword': defineOp({
    input: z.object({ id: idSchema, password: passwordSchema }),
    access: 'staff.manage',
    run: async (ctx, input) => {
      if (!isStrongEnough(input.password)) throw new AppError('auth.weak_password');
      const staff = await getStaff(ctx.trx, requireSite(ctx), input.id);
      await ctx.trx.updateTable('staff').set({
        password_hash: await hashPassword(input.password, ctx.store.passwordCost),
        password_changed_at: ctx.now.toISOString(),
        failed_attempts: 0,
        locked_until: null,
        updated_at: ctx.now.toISOString(),
      }).where('id', '=', staff.id).execute();
      ctx.sessions.removeStaff(staff.id);
      return null;
    },
  }),

  /** Lift a lockout early (the person is at the desk and the admin has checked who they are). */
  'staff.unlockAccount': defineOp({
    input: z.object({ id: idSchema }),
    access: 'staff.manage',
    run: async (ctx, input) => {
      const staff = await getStaff(ctx.trx, requireSite(ctx), input.id);
      await ctx.trx.updateTable('staff').set({ failed_attempts: 0, locked_until: null, updated_at: ctx.now.toISOString() }).where('id', '=', staff.id).execute();
      return null;
    },
  }),

  /** The permission matrix, for the admin to see who may do what. */
  'roles.matrix': defineOp({
    input: z.object({}).optional(),
    access: 'staff.manage',
    run: async () => ({ roles: ROLES, permissions: PERMISSIONS, grants: ROLE_PERMISSIONS }),
  }),
};
