/**
 * Reference data: what head office owns and every site uses as published (fee items and
 * their rates, the archive classification scheme and departments, complaint categories,
 * notices). Head office changes these rows in its own store, like any other write; it
 * publishes its change log's rows of these tables as signed reference batches under
 * `<folder>/head-office/`; each site verifies them like any batch and applies them with
 * capture off — as rows of the site itself (its site_id), recorded in `head_office_row`
 * with the id head office knows them by. The store then refuses any change of the site's
 * own to those rows (a guard on each owned table); the site's other rows stay the site's.
 *
 * A site's own row with the same business key (its fee item `WYF`, its archive class 01-03)
 * is adopted rather than duplicated: it keeps its id, so nothing billed or filed under it
 * is renumbered, and from then on head office's values rule it.
 */
import type Database from 'better-sqlite3';
import { ApplyFailed, insertLogRow, siteTables } from './apply.js';
import { changedColumns, LOG_COLUMNS, type ChangeRow } from './rules.js';

export interface OwnedTable {
  table: string;
  /** the business key a site's own row is adopted by (none: always a new row) */
  key: readonly string[];
  /** columns naming another owned table's row: head office's id → this store's */
  refs?: Readonly<Record<string, string>>;
  /** columns naming a staff member of head office: kept, with an inactive stand-in at the site */
  staff?: readonly string[];
}

/** The tables head office owns — the ONE list: a table joins with one line here. */
export const HEAD_OFFICE_TABLES: readonly OwnedTable[] = [
  { table: 'fee_item', key: ['code'] },
  { table: 'fee_rate', key: ['item_id', 'valid_from'], refs: { item_id: 'fee_item' }, staff: ['created_by'] },
  { table: 'archive_category', key: ['code'] },
  { table: 'archive_class', key: ['category_code', 'code'] },
  { table: 'archive_department', key: ['code'] },
  { table: 'complaint_category', key: ['code'] },
  { table: 'notice', key: [] },
  { table: 'holiday_calendar', key: ['day'] },
];

const owned = new Map(HEAD_OFFICE_TABLES.map((t) => [t.table, t]));
export const isHeadOfficeTable = (table: string) => owned.has(table);

type Raw = Database.Database;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Head office's own change rows of the owned tables in (after, through], in sequence order. */
export function referenceRows(raw: Raw, writer: string, after: number, through: number): ChangeRow[] {
  const tables = HEAD_OFFICE_TABLES.map((t) => t.table);
  return raw.prepare(`SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? AND seq > ? AND seq <= ? AND table_name IN (${tables.map(() => '?').join(', ')}) ORDER BY seq`)
    .all(writer, after, through, ...tables) as ChangeRow[];
}

/** Which of `ids` of `table` head office owns in this store (for the screens: "from head office"). */
export function headOfficeOwned(raw: Raw, table: string, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const got = raw.prepare(`SELECT row_id FROM head_office_row WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))`).pluck()
    .all(table, JSON.stringify(ids)) as string[];
  return new Set(got);
}

/**
 * Apply head office's reference rows at a site, on the open transaction's connection with
 * capture off. Every row becomes the local site's; head office's change row is kept
 * verbatim in this store's log under head office's writer id (the record of what arrived).
 *
 * A row the site adopted is the site's own row (its own id, already sent to head office):
 * when it takes head office's values, `sendBack` records that change in the site's own log
 * (capture on for that one statement), so head office's copy of the site's row follows and
 * does not keep the site's old name. A row that arrived new keeps head office's id and is
 * never sent back. A rebuilt site replays what it had already sent: no `sendBack` there.
 */
export function applyReference(raw: Raw, local: string, writer: string, rows: readonly ChangeRow[], at: string, sendBack?: (change: () => void) => void): void {
  const tables = siteTables(raw);
  const localOf = raw.prepare('SELECT row_id FROM head_office_row WHERE table_name = ? AND ho_id = ?').pluck();
  const own = raw.prepare('INSERT INTO head_office_row (table_name, row_id, ho_id, at) VALUES (?, ?, ?, ?)');
  const disown = raw.prepare('DELETE FROM head_office_row WHERE table_name = ? AND ho_id = ?');
  const sinceOf = raw.prepare('SELECT at FROM head_office_row WHERE table_name = ? AND ho_id = ?').pluck();
  const standIn = raw.prepare(`INSERT OR IGNORE INTO staff (id, site_id, username, display_name, role, password_hash, password_changed_at, active, created_at, updated_at)
    VALUES (?, ?, 'head-office-' || substr(?, -12), '总部 Head office', 'admin', '!', ?, 0, ?, ?)`);
  const logRow = insertLogRow(raw);
  raw.pragma('defer_foreign_keys = ON');

  for (const r of rows) {
    const spec = owned.get(r.table_name);
    const cols = tables.get(r.table_name);
    if (!spec || !cols) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} is not reference data here`);
    const t = q(r.table_name);
    const values = (json: string): Record<string, unknown> => {
      const o = JSON.parse(json) as Record<string, unknown>;
      if (o.id !== r.row_id || o.site_id !== writer) throw new ApplyFailed(`row ${r.seq}: not row ${r.row_id} of head office`);
      for (const k of Object.keys(o)) if (!cols.has(k)) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} has no column ${k} here`);
      o.site_id = local;
      for (const [c, parent] of Object.entries(spec.refs ?? {})) if (typeof o[c] === 'string') o[c] = (localOf.get(parent, o[c]) as string | undefined) ?? o[c];
      for (const c of spec.staff ?? []) if (typeof o[c] === 'string') standIn.run(o[c], local, o[c], at, at, at);
      return o;
    };
    const mapped = localOf.get(r.table_name, r.row_id) as string | undefined;
    if (r.kind === 'insert') {
      const o = values(r.after!);
      let id = mapped;
      if (!id && spec.key.length > 0) {
        id = raw.prepare(`SELECT id FROM ${t} WHERE site_id = ?${spec.key.map((k) => ` AND ${q(k)} IS ?`).join('')}`).pluck()
          .get(local, ...spec.key.map((k) => o[k])) as string | undefined;
      }
      if (id) {
        // adopted (or already here): the site's row keeps its id and takes head office's values
        const set = Object.keys(o).filter((c) => !['id', 'site_id', 'created_at'].includes(c));
        const adopt = () => raw.prepare(`UPDATE ${t} SET ${set.map((c) => `${q(c)} = ?`).join(', ')} WHERE id = ?`).run(...set.map((c) => o[c]), id);
        // the site's own row, adopted now: sent back only when head office's values say something
        // new (the same national holiday, adopted, is not news)
        const news = (): boolean => {
          const was = raw.prepare(`SELECT * FROM ${t} WHERE id = ?`).get(id) as Record<string, unknown>;
          return set.some((c) => c !== 'updated_at' && !Object.is(was[c], o[c]));
        };
        if (!mapped && id !== r.row_id && sendBack && news()) sendBack(adopt);
        else adopt();
      } else {
        const keys = Object.keys(o);
        raw.prepare(`INSERT INTO ${t} (${keys.map(q).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => o[k]));
        id = r.row_id;
      }
      if (!mapped) own.run(r.table_name, id, r.row_id, at);
    } else if (r.kind === 'update') {
      if (!mapped) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} ${r.row_id} has not arrived from head office`);
      const changed = changedColumns(values(r.before!), values(r.after!)).filter((c) => c !== 'id' && c !== 'site_id');
      const after = values(r.after!);
      const change = () => raw.prepare(`UPDATE ${t} SET ${changed.map((c) => `${q(c)} = ?`).join(', ')} WHERE id = ?`).run(...changed.map((c) => after[c]), mapped);
      if (changed.length === 0) {
        // nothing of the row changes
      } else if (mapped !== r.row_id && sendBack) {
        // an adopted row: the store's guard refuses the site's own changes to head office's rows,
        // so for this one recorded change the row is released and then taken back
        const since = sinceOf.get(r.table_name, r.row_id) as string;
        disown.run(r.table_name, r.row_id);
        sendBack(change);
        own.run(r.table_name, mapped, r.row_id, since);
      } else {
        change();
      }
    } else {
      if (!mapped) throw new ApplyFailed(`row ${r.seq}: ${r.table_name} ${r.row_id} has not arrived from head office`);
      raw.prepare(`DELETE FROM ${t} WHERE id = ?`).run(mapped);
      disown.run(r.table_name, r.row_id);
    }
    logRow(r);
  }
}
