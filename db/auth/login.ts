import { AppError } from '../errors.js';
import { siteDateTime } from '../time/site-time.js';
import { recordEvent } from '../audit/record.js';
import type { OpContext } from '../api/op.js';
import type { Staff } from '../store/schema.js';
import { findByUsername } from '../staff/queries.js';
import { verifyPassword } from './password.js';

/** Site rule: five wrong passwords lock the account for 15 minutes. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * What an unknown user name is checked against: a hash of the same shape and cost as a real
 * one, which no password matches, so an unknown name takes as long as a known one.
 */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The sign-in context a check needs: the transaction, the clock, and the sessions it may end. */
type Ctx = Pick<OpContext, 'trx' | 'now' | 'sessions'>;

/**
 * Names that name nobody: a script can send them without end, and each would be a row in
 * the audit trail. The first few in each ten minutes are recorded one by one; the rest are
 * counted and recorded as one row when the next window opens. Per app (keyed by its sessions).
 */
const UNKNOWN_WINDOW_MS = 10 * 60_000;
const UNKNOWN_PER_WINDOW = 10;
const unknownTally = new WeakMap<OpContext['sessions'], { windowStart: number; recorded: number; more: number }>();

async function recordUnknown(ctx: Ctx, siteId: string, username: string): Promise<void> {
  const nowMs = ctx.now.getTime();
  let t = unknownTally.get(ctx.sessions);
  if (!t) unknownTally.set(ctx.sessions, (t = { windowStart: nowMs, recorded: 0, more: 0 }));
  if (nowMs - t.windowStart >= UNKNOWN_WINDOW_MS) {
    if (t.more > 0) {
      await recordEvent(ctx.trx, siteId, ctx.now, 'login.failed', null, { reason: 'unknown users', more: t.more, since: new Date(t.windowStart).toISOString() });
    }
    t.windowStart = nowMs;
    t.recorded = t.more > 0 ? 1 : 0;
    t.more = 0;
  }
  if (t.recorded >= UNKNOWN_PER_WINDOW) {
    t.more++;
    return;
  }
  t.recorded++;
  await recordEvent(ctx.trx, siteId, ctx.now, 'login.failed', null, { username: typedName(username), reason: 'unknown user' });
}

/** A stored name, or the audit trail's stand-in for one typed that names nobody (it may be a password typed in the wrong field). */
export function typedName(username: string): string {
  return `${[...username].slice(0, 2).join('')}…(${[...username].length})`;
}

/**
 * Check a user name and password. The password is checked first, whoever the name names
 * (an unknown name against DUMMY_HASH): a wrong one always answers auth.bad_credentials, so
 * a guesser learns neither which names exist nor which accounts are locked or disabled;
 * only the right password is told that the account is locked or disabled. Every outcome is
 * audited; a wrong password counts toward the lockout, and those writes are kept even
 * though the sign-in is refused (AppError with keepChanges).
 */
export async function checkCredentials(ctx: Ctx, siteId: string, username: string, password: string): Promise<Staff> {
  const { trx, now } = ctx;
  const staff = await findByUsername(trx, siteId, username);
  const right = await verifyPassword(password, staff?.password_hash ?? DUMMY_HASH);
  if (!staff) {
    await recordUnknown(ctx, siteId, username);
    throw new AppError('auth.bad_credentials', {}, true);
  }
  const locked = staff.locked_until !== null && staff.locked_until > now.toISOString();
  if (!right) {
    // a locked or disabled account's wrong passwords are audited but count no further
    if (locked || !staff.active) {
      await recordEvent(trx, siteId, now, 'login.failed', staff.id, { reason: locked ? 'locked' : 'disabled' });
      throw new AppError('auth.bad_credentials', {}, true);
    }
    await countFailure(ctx, staff, siteId, 'auth.bad_credentials');
  }
  if (locked) {
    await recordEvent(trx, siteId, now, 'login.refused', staff.id, { reason: 'locked' });
    throw new AppError('auth.account_locked', { until: siteDateTime(staff.locked_until!) }, true);
  }
  if (!staff.active) {
    await recordEvent(trx, siteId, now, 'login.refused', staff.id, { reason: 'disabled' });
    throw new AppError('auth.account_disabled', {}, true);
  }
  if (staff.failed_attempts !== 0 || staff.locked_until !== null) {
    await trx.updateTable('staff').set({ failed_attempts: 0, locked_until: null, updated_at: now.toISOString() }).where('id', '=', staff.id).execute();
  }
  return staff;
}

/**
 * A wrong password of an account (at sign-in, unlock or password change): counted, audited,
 * and the fifth locks the account and ends every session it has. Refuses with `code`; the
 * lock itself is said only by `lockedCode` (a signed-in person changing their password is
 * told; a guesser at the sign-in screen is not).
 */
export async function countFailure(
  ctx: Ctx,
  staff: Staff,
  siteId: string,
  code: 'auth.bad_credentials' | 'auth.bad_password',
  lockedCode: 'auth.bad_credentials' | 'auth.account_locked' = 'auth.bad_credentials',
): Promise<never> {
  const { trx, now } = ctx;
  const attempts = staff.failed_attempts + 1;
  if (attempts >= MAX_FAILED_ATTEMPTS) {
    const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    await trx.updateTable('staff').set({ failed_attempts: 0, locked_until: until, updated_at: now.toISOString() }).where('id', '=', staff.id).execute();
    await recordEvent(trx, siteId, now, 'account.locked', staff.id, { until });
    ctx.sessions.removeStaff(staff.id);
    throw lockedCode === 'auth.account_locked' ? new AppError('auth.account_locked', { until: siteDateTime(until) }, true) : new AppError(lockedCode, {}, true);
  }
  await trx.updateTable('staff').set({ failed_attempts: attempts, updated_at: now.toISOString() }).where('id', '=', staff.id).execute();
  await recordEvent(trx, siteId, now, 'login.failed', staff.id, { attempts });
  throw new AppError(code, {}, true);
}
