import type { Selectable } from 'kysely';
import type { SiteDataRow } from '../../store/schema.js';

/** Bank direct debit (银行托收), migration 0024. Money is integer fen. */
export interface DebitAgreementTable extends SiteDataRow {
  room_id: string;
  bank: string;
  holder: string;
  /** the full account number: only the bank's batch sheet shows it; every other place masks it */
  account: string;
  /** YYYY-MM, the first month debited */
  valid_from: string;
  /** YYYY-MM, the last month debited; null while open-ended */
  valid_to: string | null;
  remarks: string;
  created_by: string;
}

/** An agreement ended: never debited again from then on; the agreement itself stays. */
export interface DebitAgreementEndTable extends SiteDataRow {
  agreement_id: string;
  reason: string;
  ended_by: string;
}

/** A month's batch sent to the bank, numbered per period (TS-202612-01). */
export interface DebitBatchTable extends SiteDataRow {
  period: string;
  seq: number;
  number: string;
  lines: number;
  total: number;
  created_by: string;
}

/** One room's line of a batch, frozen: the bill lines it pays (JSON [{billId, amount}]) and its reference. */
export interface DebitBatchLineTable extends SiteDataRow {
  batch_id: string;
  line_no: number;
  reference: string;
  room_id: string;
  agreement_id: string;
  amount: number;
  bills: string;
}

export type DebitOutcome = 'success' | 'failure';

/** The bank's answer for one line: at most one per line. */
export interface DebitResultTable extends SiteDataRow {
  line_id: string;
  outcome: DebitOutcome;
  reason: string;
  receipt_id: string | null;
  done_by: string;
}

export interface DebitTables {
  debit_agreement: DebitAgreementTable;
  debit_agreement_end: DebitAgreementEndTable;
  debit_batch: DebitBatchTable;
  debit_batch_line: DebitBatchLineTable;
  debit_result: DebitResultTable;
}

export type DebitAgreementRow = Selectable<DebitAgreementTable>;
export type DebitBatchLineRow = Selectable<DebitBatchLineTable>;
