import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { localDate } from '../api/schemas.js';
import { dayRange } from '../time/site-time.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import { DEFAULT_LISTS } from './rules.js';
import type { HandoverKind, HandoverListName, HandoverStatus } from './tables.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Reads of the handover area: free functions over the store. */
export async function loadHandover(db: Db, siteId: string, id: string) {
  const h = await db.selectFrom('handover').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  if (!h) throw new AppError('handovers.not_found');
  return h;
}

export async function signaturesOf(db: Db, handoverId: string) {
  return db.selectFrom('handover_signature').select(['id', 'role', 'signer_name', 'staff_id', 'method', 'image_sha256', 'signed_at'])
    .where('handover_id', '=', handoverId).orderBy('signed_at').orderBy('id').execute();
}

/** Every version of a document, oldest first. */
export async function versionsOf(db: Db, siteId: string, number: string) {
  return db.selectFrom('handover').select(['id', 'version', 'status', 'reason', 'signed_at', 'body_sha256', 'created_at'])
    .where('site_id', '=', siteId).where('number', '=', number).orderBy('version').execute();
}

/**
 * The room's last signed move (move-in or move-out, first versions: a correction does not
 * move anyone), which says whether a move-in or a move-out comes next.
 */
export async function lastMove(db: Db, roomId: string) {
  return db.selectFrom('handover').select(['id', 'kind', 'number', 'occupant_id', 'signed_at'])
    .where('room_id', '=', roomId).where('status', '=', 'signed').where('version', '=', 1).where('kind', 'in', ['move_in', 'move_out'])
    .orderBy('signed_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The latest signed version of a document (what a correction replaces, what a move-out compares with). */
export async function latestSigned(db: Db, siteId: string, number: string) {
  return db.selectFrom('handover').selectAll().where('site_id', '=', siteId).where('number', '=', number).where('status', '=', 'signed')
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function openDraft(db: Db, roomId: string, kind: HandoverKind) {
  return db.selectFrom('handover').select(['id', 'number']).where('room_id', '=', roomId).where('kind', '=', kind).where('status', '=', 'draft').executeTakeFirst();
}

export interface HandoverFilter {
  kind?: HandoverKind;
  status?: HandoverStatus;
  roomId?: string;
  staffId?: string;
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
}

/** What the 交接 list (and its Excel export) is filtered by, as the screen sends it. */
export const listFilterInput = z.object({
  kind: z.enum(['move_in', 'move_out', 'shift', 'transfer']).optional(),
  status: z.enum(['draft', 'signed']).optional(),
  roomId: z.string().uuid().optional(),
  staffId: z.string().uuid().optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  q: z.string().trim().max(30).optional(),
});

/** The screen's filter in store terms: site days become UTC bounds, an empty search none. */
export function storeFilter(i: z.output<typeof listFilterInput>, utcOffsetMinutes: number, limit?: number): HandoverFilter {
  return { ...i, from: i.from ? dayRange(i.from, utcOffsetMinutes).from : undefined, to: i.to ? dayRange(i.to, utcOffsetMinutes).to : undefined, q: i.q || undefined, limit };
}

/** The 交接 area's list, newest first: by kind, status, date (site days, as UTC bounds), room, staff and number or room code. */
export async function listHandovers(db: Db, siteId: string, f: HandoverFilter) {
  let q = db.selectFrom('handover as h').leftJoin('room as r', 'r.id', 'h.room_id').innerJoin('staff as s', 's.id', 'h.created_by')
    .select(['h.id', 'h.kind', 'h.number', 'h.version', 'h.status', 'h.room_id', 'r.code as roomCode', 'h.created_at', 'h.signed_at', 'h.reason', 's.display_name as createdBy'])
    .select(sql<string>`json_extract(h.body, '$.occupant.name')`.as('occupantIn'))
    .select(sql<string>`json_extract(h.body, '$.occupantName')`.as('occupantOut'))
    .select((eb) => eb.exists(eb.selectFrom('handover as n').select('n.id').whereRef('n.replaces_id', '=', 'h.id')).as('superseded'))
    .where('h.site_id', '=', siteId);
  if (f.kind) q = q.where('h.kind', '=', f.kind);
  if (f.status) q = q.where('h.status', '=', f.status);
  if (f.roomId) q = q.where('h.room_id', '=', f.roomId);
  if (f.staffId) q = q.where((eb) => eb.or([eb('h.created_by', '=', f.staffId!), eb.exists(eb.selectFrom('handover_signature as g').select('g.id').whereRef('g.handover_id', '=', 'h.id').where('g.staff_id', '=', f.staffId!))]));
  if (f.from) q = q.where('h.created_at', '>=', f.from);
  if (f.to) q = q.where('h.created_at', '<', f.to);
  if (f.q) q = q.where((eb) => eb.or([eb('h.number', 'like', `%${f.q}%`), eb('r.code', 'like', `%${f.q}%`)]));
  const rows = await q.orderBy('h.created_at', 'desc').orderBy('h.id', 'desc').limit(f.limit ?? 500).execute();
  return rows.map(({ occupantIn, occupantOut, superseded, ...r }) => ({ ...r, occupant: occupantIn ?? occupantOut ?? '', superseded: !!superseded }));
}

/** A room's handover history (the room card's 交接记录), every version. */
export async function roomHistory(db: Db, siteId: string, roomId: string) {
  return listHandovers(db, siteId, { roomId, limit: 200 });
}

/**
 * The site's lists (key kinds, facilities, documents): for a room type, its own list if the
 * admin made one, else the site's list for every type, else the standard ones.
 */
export async function handoverLists(db: Db, siteId: string, usage = ''): Promise<Record<HandoverListName, string[]>> {
  const rows = await db.selectFrom('handover_list_item').select(['list', 'usage', 'name', 'active']).where('site_id', '=', siteId)
    .where('usage', 'in', usage ? ['', usage] : ['']).orderBy('sort').orderBy('name').execute();
  const out = {} as Record<HandoverListName, string[]>;
  for (const list of ['key', 'facility', 'document'] as const) {
    const typed = rows.filter((r) => r.list === list && r.usage === usage && usage !== '');
    const own = typed.length ? typed : rows.filter((r) => r.list === list && r.usage === '');
    out[list] = own.length ? own.filter((r) => r.active).map((r) => r.name) : [...DEFAULT_LISTS[list]];
  }
  return out;
}
