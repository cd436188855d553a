import type { Selectable } from 'kysely';
import type { SiteDataRow } from '../store/schema.js';

/** Kysely types of the handover tables (migration 0010). */
export type HandoverKind = 'move_in' | 'move_out' | 'shift' | 'transfer';
export type HandoverStatus = 'draft' | 'signed';
export type SignatureRole = 'occupant' | 'staff' | 'outgoing' | 'incoming' | 'handing' | 'receiving' | 'head_handing' | 'head_receiving';
export type SignatureMethod = 'drawn' | 'paper' | 'attest';
export type HandoverListName = 'key' | 'facility' | 'document';

export interface HandoverTable extends SiteDataRow {
  kind: HandoverKind;
  year: number;
  seq: number;
  /** e.g. RH-2026-0001: per site, kind and year, gapless; shared by every version */
  number: string;
  version: number;
  /** the signed version a correction replaces */
  replaces_id: string | null;
  /** why a correction was made ('' for version 1) */
  reason: string;
  room_id: string | null;
  occupant_id: string | null;
  status: HandoverStatus;
  /** JSON text of the form as filled in */
  body: string;
  /** the stable JSON that was signed, and its SHA-256 (null while a draft) */
  canonical: string | null;
  body_sha256: string | null;
  signed_at: string | null;
  created_by: string;
}

export interface HandoverSignatureTable extends SiteDataRow {
  handover_id: string;
  role: SignatureRole;
  signer_name: string;
  staff_id: string | null;
  method: SignatureMethod;
  /** the drawn signature (PNG) or the scanned paper sheet, by content hash in the data folder */
  image_sha256: string | null;
  signed_at: string;
}

export interface HandoverListItemTable extends SiteDataRow {
  list: HandoverListName;
  /** '' for every room type, else the room usage the list is for (migration 0012) */
  usage: string;
  name: string;
  sort: number;
  active: number;
}

/** A key the front desk holds (migration 0012): a public area's, or an owner's spare. */
export interface DeskKeyTable extends SiteDataRow {
  label: string;
  kind: 'public' | 'spare';
  room_id: string | null;
  count: number;
  note: string;
  active: number;
}

/** One lending of a desk key, closed once by its return. */
export interface DeskKeyLoanTable extends SiteDataRow {
  key_id: string;
  borrower: string;
  purpose: string;
  lent_at: string;
  lent_by: string;
  returned_at: string | null;
  returned_by: string | null;
}

export interface HandoverTables {
  handover: HandoverTable;
  handover_signature: HandoverSignatureTable;
  handover_list_item: HandoverListItemTable;
  desk_key: DeskKeyTable;
  desk_key_loan: DeskKeyLoanTable;
}

export type Handover = Selectable<HandoverTable>;
export type HandoverSignature = Selectable<HandoverSignatureTable>;
