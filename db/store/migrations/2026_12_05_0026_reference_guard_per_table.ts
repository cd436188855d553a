import { sql, type Kysely } from 'kysely';

/**
 * The guard on head office's rows moves from the change log to the tables head office owns.
 * As one trigger on change_log it ran for every change row written (every payment line at a
 * site, every row head office applies from a site), and any insert trigger on the log costs
 * about as much again as the insert itself. On the owned tables it runs only where it can
 * refuse: a change this store would log itself (capture on) to a row head office owns.
 * Rows applied from head office (capture off) pass, as before.
 */
const OWNED = ['fee_item', 'fee_rate', 'archive_category', 'archive_class', 'archive_department', 'complaint_category', 'notice', 'holiday_calendar'];

const guard = (table: string, when: 'INSERT' | 'UPDATE' | 'DELETE') => {
  const row = when === 'INSERT' ? 'NEW' : 'OLD';
  return `CREATE TRIGGER ${table}_head_office_guard_${when.toLowerCase()} BEFORE ${when} ON ${table}
    WHEN fd_capturing() AND EXISTS (SELECT 1 FROM head_office_row h WHERE h.table_name = '${table}' AND h.row_id = ${row}.id)
    BEGIN SELECT RAISE(ABORT, 'head office owns this row: reference data is changed at head office'); END`;
};

const statements = [
  'DROP TRIGGER head_office_row_guard',
  ...OWNED.flatMap((t) => [guard(t, 'INSERT'), guard(t, 'UPDATE'), guard(t, 'DELETE')]),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
