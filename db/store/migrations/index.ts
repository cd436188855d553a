import type { Migration } from 'kysely';
import * as m0001 from './2026_11_23_0001_init.js';
import * as m0002 from './2026_11_23_0002_registry.js';
import * as m0003 from './2026_11_23_0003_archives.js';
import * as m0004 from './2026_11_23_0004_fees.js';
import * as m0005 from './2026_11_23_0005_complaints.js';
import * as m0006 from './2026_11_23_0006_archive_loans.js';
import * as m0007 from './2026_11_23_0007_name_grams.js';
import * as m0008 from './2026_11_23_0008_fees_room_index.js';
import * as m0009 from './2026_11_23_0009_bill_cancel.js';
import * as m0010 from './2026_12_05_0010_handovers.js';
import * as m0011 from './2026_12_05_0011_sync.js';
import * as m0012 from './2026_12_05_0012_handover_registers.js';
import * as m0013 from './2026_12_05_0013_sync_reference.js';
import * as m0015 from './2026_12_05_0015_complaint_clocks.js';
import * as m0016 from './2026_12_05_0016_till.js';
import * as m0017 from './2026_12_05_0017_archive_corrections.js';
import * as m0018 from './2026_12_05_0018_complaint_awaiting_onsite.js';
import * as m0020 from './2026_12_05_0020_archive_major_event.js';
import * as m0021 from './2026_12_05_0021_handover_numbering.js';
import * as m0022 from './2026_12_05_0022_receipt_number_skip.js';
import * as m0024 from './2026_12_05_0024_bank_debit.js';
import * as m0025 from './2026_12_05_0025_archive_item_corrections.js';
import * as m0026 from './2026_12_05_0026_reference_guard_per_table.js';
import * as m0027 from './2026_12_07_0027_bill_open_paid_in_full.js';

/**
 * Every migration, imported statically (a bundled app cannot scan a folder). Names sort
 * in the order they run; the store's user_version is the count applied, which is how a
 * store written by a newer program is recognised before anything is touched.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_init': m0001,
  '2026_11_23_0002_registry': m0002,
  '2026_11_23_0003_archives': m0003,
  '2026_11_23_0004_fees': m0004,
  '2026_11_23_0005_complaints': m0005,
  '2026_11_23_0006_archive_loans': m0006,
  '2026_11_23_0007_name_grams': m0007,
  '2026_11_23_0008_fees_room_index': m0008,
  '2026_11_23_0009_bill_cancel': m0009,
  '2026_12_05_0010_handovers': m0010,
  '2026_12_05_0011_sync': m0011,
  '2026_12_05_0012_handover_registers': m0012,
  '2026_12_05_0013_sync_reference': m0013,
  '2026_12_05_0015_complaint_clocks': m0015,
  '2026_12_05_0016_till': m0016,
  '2026_12_05_0017_archive_corrections': m0017,
  '2026_12_05_0018_complaint_awaiting_onsite': m0018,
  '2026_12_05_0020_archive_major_event': m0020,
  '2026_12_05_0021_handover_numbering': m0021,
  '2026_12_05_0022_receipt_number_skip': m0022,
  '2026_12_05_0024_bank_debit': m0024,
  '2026_12_05_0025_archive_item_corrections': m0025,
  '2026_12_05_0026_reference_guard_per_table': m0026,
  '2026_12_07_0027_bill_open_paid_in_full': m0027,
};
