/**
 * The sync bookkeeping of one store (migration 0011). These describe the store itself —
 * which site it is, which writers it trusts, which batches it wrote and applied, which
 * files it refused — and are never captured nor exported.
 */
import type { Generated } from 'kysely';

export type StoreMode = 'site' | 'head_office';

export interface StoreIdentityTable {
  /** always 1: one row */
  id: number;
  /** the site this store writes as (a service centre, or head office) */
  local_site_id: string;
  mode: StoreMode;
  /** the shared folder of this PC (a network share or a USB drive's path): this PC's, never exported */
  sync_folder: string | null;
  created_at: string;
}

export type PeerStatus = 'invited' | 'pending' | 'approved' | 'revoked';

export interface SyncPeerTable {
  /** the writer's site id: the site_id its change rows carry */
  writer_id: string;
  code: string;
  name: string;
  role: 'site' | 'head_office';
  /** Ed25519 public key, base64 SPKI DER */
  public_key: string | null;
  status: PeerStatus;
  created_at: string;
  updated_at: string;
}

export interface SyncBatchTable {
  direction: 'out' | 'in';
  writer_id: string;
  seq_from: number;
  seq_to: number;
  rows: number;
  /** SHA-256 of the batch's header line: what the next batch's `prev` names */
  hash: string;
  /** SHA-256 of the file's bytes as written, to recognise the same file again cheaply */
  file_sha256: string;
  file: string;
  schema_version: number;
  at: string;
  /** a site's change log, or head office's reference data (only the owned tables' rows of the range) */
  kind: Generated<'changes' | 'reference'>;
}

export interface SyncRefusalTable {
  id: string;
  writer_code: string | null;
  file: string;
  /** where the file was moved (quarantine), or null when it was left where it lay */
  moved_to: string | null;
  /** an error code of db/sync/errors.ts */
  reason: string;
  /** JSON: the refusal's parameters */
  detail: string;
  at: string;
}

export interface SyncTables {
  store_identity: StoreIdentityTable;
  sync_peer: SyncPeerTable;
  sync_batch: SyncBatchTable;
  sync_refusal: SyncRefusalTable;
  head_office_row: HeadOfficeRowTable;
  notice: NoticeTable;
}

/** A row of this store that head office owns (reference data), and the id head office knows it by. Never captured. */
export interface HeadOfficeRowTable {
  table_name: string;
  /** the row's id in this store (a site's own row adopted by head office keeps its id) */
  row_id: string;
  ho_id: string;
  at: string;
}

/** A notice from head office to every site (reference data). */
export interface NoticeTable {
  id: string;
  site_id: string;
  title: string;
  body: string;
  published_on: string;
  active: number;
  created_at: string;
  updated_at: string;
}
