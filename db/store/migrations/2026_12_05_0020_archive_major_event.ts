import { sql, type Kysely } from 'kysely';
import { captureChanges } from '../capture.js';

/**
 * A catalogue item can be marked a major-event paper (重大事件): the archivist says so when
 * filing it, and it is then due at the company archive room within a month of being formed,
 * like a 请示. Until now the only sign was 重大 in its title; items whose title says so are
 * marked, every other item is not. The column is captured like the rest of the item.
 */
const ITEM_COLUMNS = [
  'category_code', 'class_code', 'department_code', 'seq', 'ref_code', 'title', 'year', 'produced_on', 'retention', 'form', 'piece_count',
  'location_room', 'cabinet', 'shelf', 'box', 'confidentiality', 'remarks', 'fonds_no', 'library_no', 'status', 'major_event',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE archive_item ADD COLUMN major_event INTEGER NOT NULL DEFAULT 0 CHECK (major_event IN (0, 1))`).execute(db);
  for (const s of captureChanges('archive_item', ITEM_COLUMNS)) await sql.raw(s).execute(db);
  await sql`UPDATE archive_item SET major_event = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE instr(title, '重大') > 0`.execute(db);
}
