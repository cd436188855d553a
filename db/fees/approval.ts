import { z } from 'zod';
import type { OpContext } from '../api/op.js';
import { attest } from '../auth/attest.js';

/** What a step approved at the desk asks for: the reason, and the approver's own sign-in. */
export const approvalInput = {
  reason: z.string().trim().min(2).max(200),
  approverUsername: z.string().trim().min(1).max(40),
  approverPassword: z.string().min(1).max(200),
};

/**
 * A supervisor's approval given at the desk: they sign in on the spot with their own user
 * name and password, checked in the same call through the one attest check (a wrong password is audited and
 * counted against the asking desk, never the approver's own sign-in). They must hold fees.approve_void and may not be the person asking.
 */
export async function deskApproval(ctx: OpContext, username: string, password: string): Promise<{ id: string; name: string }> {
  const approver = await attest(ctx, username, password, { permission: 'fees.approve_void', notSelf: true, refusal: 'fees.not_approver' });
  return { id: approver.id, name: approver.name };
}
