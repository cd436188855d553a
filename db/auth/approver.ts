import { AppError } from '../errors.js';
import { siteDateTime } from '../time/site-time.js';
import { recordEvent } from '../audit/record.js';
import { requireSession, requireSite, type OpContext } from '../api/op.js';
import type { Staff } from '../store/schema.js';
import { findByUsername } from '../staff/queries.js';
import { DUMMY_HASH, typedName } from './login.js';
import { verifyPassword } from './password.js';

/** Five wrong approver passwords typed at one desk pause that desk's approvals for 15 minutes. */
export const MAX_APPROVAL_FAILURES = 5;
export const APPROVAL_PAUSE_MS = 15 * 60 * 1000;

/**
 * An approver who signs on the spot at someone else's desk (a void, a reversal). Their
 * wrong passwords are counted on the asking session, not on their own account: a cashier
 * typing guesses into a void cannot lock the supervisor out of their own sign-in, and the
 * cashier's desk is the one made to wait. Every failure is audited as approval.failed.
 */
export async function checkApprover(ctx: OpContext, username: string, password: string): Promise<Staff> {
  const session = requireSession(ctx);
  const siteId = requireSite(ctx);
  const nowMs = ctx.now.getTime();
  if (session.approvalPausedUntilMs && session.approvalPausedUntilMs > nowMs) {
    throw new AppError('auth.approval_paused', { until: siteDateTime(session.approvalPausedUntilMs, ctx.settings.utcOffsetMinutes) });
  }
  const staff = await findByUsername(ctx.trx, siteId, username);
  const right = await verifyPassword(password, staff?.password_hash ?? DUMMY_HASH);
  const locked = !!staff?.locked_until && staff.locked_until > ctx.now.toISOString();
  if (!staff || !right || !staff.active || locked) {
    const failures = (session.approvalFailures ?? 0) + 1;
    await recordEvent(ctx.trx, siteId, ctx.now, 'approval.failed', session.staffId, {
      approver: staff ? staff.username : typedName(username), failures,
    });
    if (failures >= MAX_APPROVAL_FAILURES) {
      session.approvalFailures = 0;
      session.approvalPausedUntilMs = nowMs + APPROVAL_PAUSE_MS;
      throw new AppError('auth.approval_paused', { until: siteDateTime(session.approvalPausedUntilMs, ctx.settings.utcOffsetMinutes) }, true);
    }
    session.approvalFailures = failures;
    throw new AppError('auth.bad_credentials', {}, true);
  }
  session.approvalFailures = 0;
  return staff;
}
