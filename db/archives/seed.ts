import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import type { Schema } from '../store/schema.js';
import { DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS } from './scheme.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Write the standard scheme for a site that has none yet (at set-up). */
export async function seedArchiveScheme(db: Db, siteId: string, now: Date): Promise<void> {
  const existing = await db.selectFrom('archive_category').select('id').where('site_id', '=', siteId).executeTakeFirst();
  if (existing) return;
  for (const cat of DEFAULT_CATEGORIES) {
    await db.insertInto('archive_category').values({ ...newRow(siteId, now), code: cat.code, name: cat.name, active: 1 }).execute();
    for (const cls of cat.classes) {
      await db.insertInto('archive_class')
        .values({ ...newRow(siteId, now), category_code: cat.code, code: cls.code, name: cls.name, default_retention: cls.retention, active: 1 })
        .execute();
    }
  }
  for (const d of DEFAULT_DEPARTMENTS) {
    await db.insertInto('archive_department').values({ ...newRow(siteId, now), code: d.code, name: d.name, active: 1 }).execute();
  }
}
