import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import type { Schema } from '../store/schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Things the audit trail must show that change no data row: sign-ins, wrong passwords,
 * lockouts, refusals. The row is itself captured into the change log like any other.
 */
export type AuditEventName =
  | 'login.ok'
  | 'login.failed'
  | 'login.refused'
  | 'account.locked'
  | 'logout'
  | 'session.unlocked'
  | 'permission.denied'
  | 'approval.failed'
  | 'receipts.gap_released';

export async function recordEvent(
  db: Db,
  siteId: string,
  now: Date,
  event: AuditEventName,
  actorId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db.insertInto('audit_event').values({ ...newRow(siteId, now), event, actor_id: actorId, detail: JSON.stringify(detail) }).execute();
}
