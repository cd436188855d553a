import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { codePrefixWhere } from './items.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The most rows one printed catalogue takes: a class or a year of a centre is far fewer. */
export const CATALOGUE_MAX = 5000;

/** The catalogue (目录) of a class (code prefix) and/or a year, in code order, with what the printed list shows. */
export async function catalogue(db: Db, siteId: string, f: { codePrefix?: string; year?: number }, max = CATALOGUE_MAX) {
  let q = db.selectFrom('archive_item as i').innerJoin('archive_department as d', (j) => j.onRef('d.site_id', '=', 'i.site_id').onRef('d.code', '=', 'i.department_code'))
    .select(['i.id', 'i.ref_code', 'i.title', 'i.year', 'i.produced_on', 'i.retention', 'i.form', 'i.piece_count', 'i.status', 'i.remarks',
      'i.location_room', 'i.cabinet', 'i.shelf', 'i.box', 'i.fonds_no', 'i.library_no', 'i.confidentiality', 'd.name as department_name'])
    .where('i.site_id', '=', siteId);
  if (f.codePrefix) q = q.where(codePrefixWhere(f.codePrefix));
  if (f.year) q = q.where('i.year', '=', f.year);
  return q.orderBy('i.category_code').orderBy('i.class_code').orderBy('i.department_code').orderBy('i.seq').limit(max).execute();
}
