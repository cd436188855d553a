import type { Transaction } from 'kysely';
import { AppError } from '../errors.js';
import { siteDateTime } from '../time/site-time.js';
import { recordEvent } from '../audit/record.js';
import type { Schema, Staff } from '../store/schema.js';
import { findByUsername } from '../staff/queries.js';
import { verifyPassword } from './password.js';

/** Site rule: five wrong passwords lock the account for 15 minutes. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * Check a user name and password. Every outcome is written to the audit trail; a wrong
 * password counts toward the lockout, and those writes are kept even though the sign-in
 * is refused (AppError with keepChanges).
 */
export async function checkCredentials(trx: Transaction<Schema>, siteId: string, now: Date, username: string, password: string): Promise<Staff> {
  const staff = await findByUsername(trx, siteId, username);
  if (!staff) {
    await recordEvent(trx, siteId, now, 'login.failed', null, { username, reason: 'unknown user' });
    throw new AppError('auth.bad_credentials', {}, true);
  }
  if (staff.locked_until && staff.locked_until > now.toISOString()) {
    await recordEvent(trx, siteId, now, 'login.refused', staff.id, { reason: 'locked' });
    throw new AppError('auth.account_locked', { until: siteDateTime(staff.locked_until) }, true);
  }
  if (!staff.active) {
    await recordEvent(trx, siteId, now, 'login.refused', staff.id, { reason: 'disabled' });
    throw new AppError('auth.account_disabled', {}, true);
  }
  if (!(await verifyPassword(password, staff.password_hash))) {
    await registerFailure(trx, staff, siteId, now);
  }
  if (staff.failed_attempts !== 0 || staff.locked_until !== null) {
    await trx.updateTable('staff').set({ failed_attempts: 0, locked_until: null, updated_at: now.toISOString() }).where('id', '=', staff.id).execute();
  }
  return staff;
}

async function registerFailure(trx: Transaction<Schema>, staff: Staff, siteId: string, now: Date): Promise<never> {
  const attempts = staff.failed_attempts + 1;
  if (attempts >= MAX_FAILED_ATTEMPTS) {
    const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    await trx.updateTable('staff').set({ failed_attempts: 0, locked_until: until, updated_at: now.toISOString() }).where('id', '=', staff.id).execute();
    await recordEvent(trx, siteId, now, 'account.locked', staff.id, { until });
    throw new AppError('auth.account_locked', { until: siteDateTime(until) }, true);
  }
  await trx.updateTable('staff').set({ failed_attempts: attempts, updated_at: now.toISOString() }).where('id', '=', staff.id).execute();
  await recordEvent(trx, siteId, now, 'login.failed', staff.id, { attempts });
  throw new AppError('auth.bad_credentials', {}, true);
}
