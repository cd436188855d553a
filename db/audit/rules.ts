/**
 * How a person names the record a change touched: a receipt by its number, a room by its
 * code, a case by its case number, an archive item by its archive code. A row either
 * carries that name itself (a receipt row holds its number) or belongs to a record that
 * does (a void names its receipt through receipt_id); the second kind is looked up for a
 * whole page at once (queries.ts). Pure: no store, no clock.
 */

type Row = Record<string, unknown>;

/** The tables whose records others point at, and that can be named by a lookup. */
export type NamedTable =
  | 'room' | 'receipt' | 'complaint_case' | 'archive_item' | 'handover' | 'fee_item' | 'bill'
  | 'debit_agreement' | 'debit_batch' | 'debit_batch_line' | 'desk_key' | 'occupant' | 'staff';

interface Naming {
  /** the name the row itself carries */
  own?: (row: Row) => string | null;
  /** the named record it belongs to */
  via?: { column: string; table: NamedTable };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const field = (column: string) => (row: Row) => text(row[column]);
const joined = (...columns: string[]) => (row: Row) => columns.map((c) => text(row[c])).filter(Boolean).join(' ') || null;

/** Every captured table's way to be named; a table missing here is shown by its label alone. */
const NAMING: Readonly<Record<string, Naming>> = {
  site: { own: joined('code', 'name') },
  setting: { own: field('key') },
  staff: { own: (r) => text(r.display_name) ?? text(r.username) },
  // a sign-in, a lockout, a refusal: the event is said in the operation column, the person in the actor's
  audit_event: {},
  building: { own: joined('code', 'name') },
  unit: { own: joined('code', 'name') },
  room: { own: field('code') },
  occupant: { own: field('name'), via: { column: 'room_id', table: 'room' } },
  household_member: { own: field('name'), via: { column: 'occupant_id', table: 'occupant' } },
  vehicle: { own: field('plate') },
  parking_space: { own: field('code') },
  notice: { own: field('title') },
  name_position: { own: field('title') },
  fee_item: { own: joined('code', 'name') },
  fee_rate: { own: field('valid_from'), via: { column: 'item_id', table: 'fee_item' } },
  // its room, period and item, read from the bill itself so the fee item is named too
  bill: { via: { column: 'id', table: 'bill' } },
  bill_cancel: { via: { column: 'bill_id', table: 'bill' } },
  meter_reading: { own: joined('meter', 'period'), via: { column: 'room_id', table: 'room' } },
  dunning_log: { via: { column: 'room_id', table: 'room' } },
  receipt: { own: field('number') },
  receipt_line: { via: { column: 'receipt_id', table: 'receipt' } },
  receipt_payment: { via: { column: 'receipt_id', table: 'receipt' } },
  receipt_print: { via: { column: 'receipt_id', table: 'receipt' } },
  receipt_print_undone: { via: { column: 'receipt_id', table: 'receipt' } },
  receipt_void: { via: { column: 'receipt_id', table: 'receipt' } },
  receipt_number_skip: { own: field('number') },
  day_close: { own: field('day'), via: { column: 'cashier_id', table: 'staff' } },
  day_reopening: { own: field('day'), via: { column: 'cashier_id', table: 'staff' } },
  debit_agreement: { own: field('bank'), via: { column: 'room_id', table: 'room' } },
  debit_agreement_end: { via: { column: 'agreement_id', table: 'debit_agreement' } },
  debit_batch: { own: field('number') },
  debit_batch_line: { own: field('reference') },
  debit_result: { via: { column: 'line_id', table: 'debit_batch_line' } },
  complaint_case: { own: field('case_no') },
  complaint_category: { own: joined('code', 'name_zh') },
  complaint_event: { via: { column: 'case_id', table: 'complaint_case' } },
  holiday_calendar: { own: field('day') },
  archive_category: { own: joined('code', 'name') },
  archive_class: { own: (r) => (text(r.category_code) && text(r.code) ? `${text(r.category_code)}.${text(r.code)} ${text(r.name) ?? ''}`.trim() : null) },
  archive_department: { own: joined('code', 'name') },
  archive_item: { own: field('ref_code') },
  archive_register: { own: field('ref_code'), via: { column: 'item_id', table: 'archive_item' } },
  archive_request: { own: joined('requester', 'requester_unit') },
  archive_request_item: { via: { column: 'item_id', table: 'archive_item' } },
  archive_loan: { via: { column: 'item_id', table: 'archive_item' } },
  archive_scan: { own: field('name'), via: { column: 'item_id', table: 'archive_item' } },
  archive_appraisal: { via: { column: 'item_id', table: 'archive_item' } },
  archive_correction: { via: { column: 'item_id', table: 'archive_item' } },
  handover: { own: field('number') },
  handover_signature: { own: field('signer_name'), via: { column: 'handover_id', table: 'handover' } },
  handover_list_item: { own: field('name') },
  desk_key: { own: field('label') },
  desk_key_loan: { own: field('borrower'), via: { column: 'key_id', table: 'desk_key' } },
};

/** The record a change row points at, to be named by a lookup. */
export interface Reference {
  table: NamedTable;
  id: string;
}

/** Whether a table's records are named at all (an audit event is not): if not, its row need not be read. */
export function isNamed(table: string): boolean {
  const naming = NAMING[table];
  return naming !== undefined && (naming.own !== undefined || naming.via !== undefined);
}

/** What the row says of its own name, and which named record it belongs to, if any. */
export function nameParts(table: string, row: Row | null): { own: string | null; ref: Reference | null } {
  const naming = NAMING[table];
  if (!naming || !row) return { own: null, ref: null };
  const id = naming.via ? text(row[naming.via.column]) : null;
  return { own: naming.own?.(row) ?? null, ref: naming.via && id ? { table: naming.via.table, id } : null };
}

/**
 * The record's name as a person reads it: the named record it belongs to, then what the row
 * adds ("1-2-501 2026-11" for a bill, "SJ-2026-000012" for a void).
 */
export function subjectName(own: string | null, refName: string | null): string | null {
  if (refName && own && own !== refName) return `${refName} ${own}`;
  return refName ?? own;
}
