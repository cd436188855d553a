import { requireSession, type OpContext } from '../api/op.js';
import type { ErrorCode } from '../i18n/errors.js';
import { AppError } from '../errors.js';
import { checkApprover } from './approver.js';
import { can, type Permission } from './permissions.js';

/**
 * A staff member attests at the desk by signing in on the spot: their own user name and
 * password, checked in the same call. It happens at someone else's desk, so a wrong
 * password is audited and counted against the asking session (which pauses after five),
 * never against the attesting person's own sign-in (approver.ts). Every area that needs a second person's word uses this one
 * check: a supervisor approving a fee void, a staff member signing a handover, the incoming
 * person acknowledging a shift handover.
 */
export interface AttestRule {
  /** the permission the attesting person must hold */
  permission: Permission;
  /** refuse the person who is asking (signed in on this desk) */
  notSelf?: boolean;
  /** refuse this staff member as well (e.g. the outgoing person of a shift) */
  notStaffId?: string;
  /** the refusal when they may not attest; it gets the person's name as {name} */
  refusal: ErrorCode;
}

export async function attest(ctx: OpContext, username: string, password: string, rule: AttestRule): Promise<{ id: string; name: string; role: string }> {
  const person = await checkApprover(ctx, username, password);
  const self = rule.notSelf && person.id === requireSession(ctx).staffId;
  if (!can(person.role, rule.permission) || self || person.id === rule.notStaffId) throw new AppError(rule.refusal, { name: person.display_name });
  return { id: person.id, name: person.display_name, role: person.role };
}
