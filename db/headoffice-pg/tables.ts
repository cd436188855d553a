/**
 * Kysely types of head office's PostgreSQL database: the import's bookkeeping (`hq`) and
 * the documented views (`report`). The mirrored site tables (`sites`) follow the desk's
 * schema and are written by generated statements (apply.ts), so they have no types here.
 * Money is integer fen; rates are basis points.
 */
import type { ColumnType, Generated } from 'kysely';

export interface HqCursorTable { site_id: string; code: string; seq: number; hash: string | null; updated_at: ColumnType<Date, Date | undefined, Date> }
export interface HqBatchTable {
  site_id: string; seq_from: number; seq_to: number; rows: number; hash: string; file_sha256: string; file: string; schema_version: number; at: string;
  /** the batch's signed file as it arrived (gzipped); null for batches applied before it was kept, whose rows are in hq.change_log */
  body: Buffer | null;
}
/** the change rows of batches applied before their files were kept (hq.batch.body) */
export interface HqChangeLogTable {
  site_id: string; seq: number; at: string; actor_id: string | null; operation: string | null; table_name: string; row_id: string;
  kind: 'insert' | 'update' | 'delete'; before: string | null; after: string | null; tx: string | null;
}
export interface HqRefusalTable {
  id: Generated<number>; writer_code: string | null; file: string; moved_to: string | null; reason: string; detail: string; at: string;
}
export interface HqMetaTable { key: string; value: string }

/** report.collection_month: per site and billing month, what was billed and what of it is paid (deposits left out, cancelled lines off). */
export interface CollectionMonthView { site_id: string; site_code: string; site_name: string; period: string; billed: number; paid: number; rate_bp: number }
/** report.collected_month: per site and calendar month of the receipts, the fees taken in less reversals made that month. */
export interface CollectedMonthView { site_id: string; period: string; collected: number }
/** report.arrears: every bill line still owed (deposits left out). */
export interface ArrearsView {
  site_id: string; site_code: string; site_name: string; room_id: string; room_code: string; period: string; item_code: string; item_name: string; owed: number;
}
/** report.catalogue: every archive item, restricted titles veiled (null). */
export interface CatalogueView {
  site_id: string; site_code: string; site_name: string; item_id: string; ref_code: string; title: string | null; confidentiality: string;
  category_code: number; class_code: number; year: number; retention: string; form: string; piece_count: number; status: string;
}

/** sites.site, mirrored: each site's own row (the one mirrored table the screens read directly) */
export interface SiteRowTable { id: string; site_id: string; code: string; name: string; created_at: string; updated_at: string }

export interface HqPgSchema {
  'sites.site': SiteRowTable;
  'hq.cursor': HqCursorTable;
  'hq.batch': HqBatchTable;
  'hq.change_log': HqChangeLogTable;
  'hq.refusal': HqRefusalTable;
  'hq.meta': HqMetaTable;
  'report.collection_month': CollectionMonthView;
  'report.collected_month': CollectedMonthView;
  'report.arrears': ArrearsView;
  'report.catalogue': CatalogueView;
}
