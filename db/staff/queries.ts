import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import type { Role, Schema, Staff } from '../store/schema.js';
import { hashPassword, isStrongEnough } from '../auth/password.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** What the screens may see of a staff account: never the password hash. */
export type StaffView = Omit<Staff, 'password_hash' | 'site_id'>;

const VIEW_COLUMNS = ['id', 'username', 'display_name', 'role', 'active', 'failed_attempts', 'locked_until', 'password_changed_at', 'created_at', 'updated_at'] as const;

export function findByUsername(db: Db, siteId: string, username: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('site_id', '=', siteId).where('username', '=', username).executeTakeFirst();
}

export async function getStaff(db: Db, siteId: string, id: string): Promise<Staff> {
  const row = await db.selectFrom('staff').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('staff.not_found');
  return row;
}

export function listStaff(db: Db, siteId: string): Promise<StaffView[]> {
  return db.selectFrom('staff').select(VIEW_COLUMNS).where('site_id', '=', siteId).orderBy('active', 'desc').orderBy('username').execute();
}

export async function createStaff(
  db: Db,
  siteId: string,
  now: Date,
  s: { username: string; displayName: string; role: Role; password: string },
  passwordCost: number,
): Promise<StaffView> {
  if (!isStrongEnough(s.password)) throw new AppError('auth.weak_password');
  if (await findByUsername(db, siteId, s.username)) throw new AppError('staff.username_taken', { username: s.username });
  const row = {
    ...newRow(siteId, now),
    username: s.username,
    display_name: s.displayName,
    role: s.role,
    password_hash: await hashPassword(s.password, passwordCost),
    password_changed_at: now.toISOString(),
    failed_attempts: 0,
    locked_until: null,
    active: 1,
  };
  await db.insertInto('staff').values(row).execute();
  const { password_hash: _h, site_id: _s, ...view } = row;
  return view;
}

export async function countActiveAdmins(db: Db, siteId: string): Promise<number> {
  const r = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId).where('role', '=', 'admin').where('active', '=', 1).executeTakeFirstOrThrow();
  return Number(r.n);
}
