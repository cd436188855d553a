import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { newRow } from '../api/rows.js';
import type { Schema } from '../store/schema.js';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../time/site-time.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Site settings the admin edits. Each key is validated on the way in and out. */
export const settingsSchema = z.object({
  /** minutes without activity before the session locks; 0 = never */
  idleLockMinutes: z.number().int().min(0).max(240),
  /** the language new sign-in screens open in */
  defaultLocale: z.enum(['zh-CN', 'en-US']),
  /** how this site writes room codes: 3-2-501 or 3-501 */
  roomCodePattern: z.enum(['building-unit-room', 'building-room']),
  /** roles that see occupants' ID numbers in full; everyone else sees them masked */
  idFullRoles: z.array(z.enum(['receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin'])).max(6),
  /** receipts are numbered PREFIX-2026-000123 (fees) */
  receiptPrefix: z.string().regex(/^[A-Z0-9]{1,8}$/),
  /**
   * the site code head office assigned at enrolment ('' for a desk on its own): an enrolled
   * site's receipts read PREFIX-CODE-2026-000123, so two sites never print the same number
   */
  receiptSite: z.string().regex(/^[A-Z0-9-]{0,16}$/),
  /** the site's wall clock: minutes east of UTC (China +480); every business day and month is read at it */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** the service centre's address and phone, printed on receipts and dunning notices */
  siteAddress: z.string().trim().max(100),
  sitePhone: z.string().trim().max(40),
  /** non-cash payment methods whose reference (transaction or voucher number) must be typed */
  referenceRequired: z.array(z.enum(['wechat', 'alipay', 'card', 'bank'])).max(4),
  /** who may reopen a cashier's closed day for a late payment: a supervisor at the desk, or no one */
  dayReopen: z.enum(['supervisor', 'never']),
  /** days a dunning notice gives to pay, from the day it is printed */
  dunningDueDays: z.number().int().min(1).max(90),
  /** an enrolled site sends its changes to the shared folder by itself every so many minutes; 0 = only by the button and at day close */
  syncExportMinutes: z.number().int().min(0).max(1440),
});
export type SiteSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: SiteSettings = {
  idleLockMinutes: 15,
  defaultLocale: 'zh-CN',
  roomCodePattern: 'building-unit-room',
  idFullRoles: ['supervisor', 'manager'],
  receiptPrefix: 'SJ',
  receiptSite: '',
  utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES,
  siteAddress: '',
  sitePhone: '',
  referenceRequired: [],
  dayReopen: 'supervisor',
  dunningDueDays: 15,
  syncExportMinutes: 10,
};

export async function readSettings(db: Db, siteId: string | null): Promise<SiteSettings> {
  if (!siteId) return DEFAULT_SETTINGS;
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('site_id', '=', siteId).execute();
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) merged[r.key] = JSON.parse(r.value);
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Write the keys that differ from what is stored (unchanged keys make no change-log noise). */
export async function writeSettings(db: Db, siteId: string, next: Partial<SiteSettings>, now: Date): Promise<void> {
  const current = await readSettings(db, siteId);
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || JSON.stringify(current[key as keyof SiteSettings]) === JSON.stringify(value)) continue;
    const json = JSON.stringify(value);
    const existing = await db.selectFrom('setting').select('id').where('site_id', '=', siteId).where('key', '=', key).executeTakeFirst();
    if (existing) {
      await db.updateTable('setting').set({ value: json, updated_at: now.toISOString() }).where('id', '=', existing.id).execute();
    } else {
      await db.insertInto('setting').values({ ...newRow(siteId, now), key, value: json }).execute();
    }
  }
}
