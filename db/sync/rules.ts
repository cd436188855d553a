/**
 * The batch file format, and the pure rules of sync (no store, no files).
 *
 * A batch is a contiguous range of ONE writer's change-log sequence, cut only between
 * transactions. On disk (`<folder>/<site-code>/<from>-<to>.fdsync`, both 12 digits) it is
 * one gzip stream of UTF-8 lines:
 *
 *   line 1        the header (JSON, see BatchHeader)
 *   lines 2…n+1   one change row each, as a JSON array in the order of ROW_FIELDS
 *   last line     {"signature": base64 Ed25519 signature of the header line's bytes}
 *
 * The header names the SHA-256 of the body (the row lines, each with its newline), so the
 * signature over the header covers every byte of the batch. The SHA-256 of the header line
 * is the batch's hash: the next batch's header names it as `prev`, a chain. Nothing in a
 * batch depends on a clock: the same range of the same log always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChangeLogRow } from '../store/schema.js';

export const FORMAT = 'front-desk-sync';
export const FORMAT_VERSION = 1;
export const BATCH_EXT = '.fdsync';
export const QUARANTINE_DIR = 'quarantine';
export const HEAD_OFFICE_DIR = 'head-office';

/** The fields of a change row in a batch, in order (site_id is the header's writer). */
export const ROW_FIELDS = ['seq', 'at', 'actor_id', 'operation', 'table_name', 'row_id', 'kind', 'before', 'after', 'tx'] as const;

/** change_log's columns as a change row has them, for the SQL that reads or writes whole rows. */
export const LOG_COLUMNS = `site_id, ${ROW_FIELDS.join(', ')}`;

/** A change row as the log holds it and a batch carries it. */
export type ChangeRow = ChangeLogRow;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const batchHeaderSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  /** a writer's change log (every row of the range), or head office's reference data (the owned tables' rows of it) */
  kind: z.enum(['changes', 'reference']),
  /** the writer's store schema version: a receiver older than this holds the file */
  schema: z.number().int().positive(),
  /** the writer's site id (the site_id of every row) and code (its folder) */
  writer: z.string().min(1).max(64),
  site: z.string().min(1).max(32),
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  rows: z.number().int().positive(),
  /** hash of the writer's previous batch (null for the first) */
  prev: hex64.nullable(),
  /** SHA-256 of the body bytes */
  body: hex64,
  /** fingerprint of the key that signed it */
  key: z.string().min(1).max(64),
  fields: z.array(z.string()),
}).strict().refine((h) => (h.kind === 'changes' ? h.to - h.from + 1 === h.rows : h.rows <= h.to - h.from + 1), 'rows must fit the range from–to');
export type BatchHeader = z.infer<typeof batchHeaderSchema>;

const KINDS: ReadonlySet<unknown> = new Set(['insert', 'update', 'delete']);
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;
const textOrNull = (v: unknown) => v === null || typeof v === 'string';

/** Whether a parsed row line has the fields of a change, in ROW_FIELDS order (checked by hand: a batch holds fifty thousand). */
function isRowTuple(v: unknown): v is [number, string, string | null, string | null, string, string, ChangeRow['kind'], string | null, string | null, string | null] {
  if (!Array.isArray(v) || v.length !== ROW_FIELDS.length) return false;
  const [seq, at, actor, op, table, rowId, kind, before, after, tx] = v as unknown[];
  return Number.isSafeInteger(seq) && (seq as number) > 0 && typeof at === 'string' && textOrNull(actor) && textOrNull(op)
    && typeof table === 'string' && TABLE_NAME.test(table) && typeof rowId === 'string' && rowId.length > 0 && KINDS.has(kind)
    && textOrNull(before) && textOrNull(after) && textOrNull(tx);
}

/** A row line of a batch back into a change row of `writer`, or an error text. */
export function parseRowLine(line: string, writer: string): ChangeRow | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'a row is not JSON';
  }
  if (!isRowTuple(v)) return 'a row does not have the fields of a change';
  const [seq, at, actor_id, operation, table_name, row_id, kind, before, after, tx] = v;
  const row: ChangeRow = { site_id: writer, seq, at, actor_id, operation, table_name, row_id, kind, before, after, tx };
  if ((row.kind === 'insert') !== (row.before === null) || (row.kind === 'delete') !== (row.after === null)) return `row ${row.seq}: before/after do not fit a ${row.kind}`;
  return row;
}

export function rowLine(r: ChangeRow): string {
  return JSON.stringify(ROW_FIELDS.map((f) => r[f]));
}

/**
 * The same line made by the store while it reads the log (what export does, a million rows at
 * a time): SQLite writes the JSON text of the log's texts, integers and nulls exactly as
 * JavaScript does (a test holds the two to the same bytes).
 */
export const ROW_LINE_SQL = `json_array(${ROW_FIELDS.join(', ')})`;

/**
 * What never leaves a store: lockout counters are the desk's own bookkeeping, not business
 * data (password hashes are not even captured). Stripped from the row JSON at export.
 */
export const NOT_EXPORTED: Readonly<Record<string, readonly string[]>> = { staff: ['failed_attempts', 'locked_until'] };

/**
 * Values a receiver fills in for columns the writer never sends: a site's staff arrive at
 * head office without a password, and so cannot sign in there.
 */
export const RECEIVER_FILL: Readonly<Record<string, Readonly<Record<string, string | number>>>> = { staff: { password_hash: '!' } };

/** A change row as it is exported: columns that never leave stripped from before and after. */
export function exportedRow(r: ChangeRow): ChangeRow {
  const drop = NOT_EXPORTED[r.table_name];
  if (!drop) return r;
  const strip = (json: string | null) => {
    if (json === null) return null;
    const o = JSON.parse(json) as Record<string, unknown>;
    for (const c of drop) delete o[c];
    return JSON.stringify(o);
  };
  return { ...r, before: strip(r.before), after: strip(r.after) };
}

/** The columns an update changed (the receiver sets only these, as the writer did). */
export function changedColumns(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => !Object.is(before[k], after[k]));
}

export function batchFileName(from: number, to: number): string {
  return `${String(from).padStart(12, '0')}-${String(to).padStart(12, '0')}${BATCH_EXT}`;
}

export function parseBatchFileName(name: string): { from: number; to: number } | null {
  const m = /^(\d{12})-(\d{12})\.fdsync$/.exec(name);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from >= 1 && to >= from ? { from, to } : null;
}

/**
 * Which transaction a change row belongs to, for cutting. Rows written before transactions
 * were recorded carry none: consecutive ones of the same operation and actor stay together.
 */
export function txKey(r: Pick<ChangeRow, 'tx' | 'operation' | 'actor_id'>): string {
  return r.tx ?? `legacy:${r.operation ?? ''}:${r.actor_id ?? ''}`;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Ed25519 public key (base64 SPKI DER) → the short fingerprint read aloud at enrolment: 4 groups of 4. */
export function fingerprint(publicKeyB64: string): string {
  const h = sha256(Buffer.from(publicKeyB64, 'base64')).slice(0, 16).toUpperCase();
  return h.match(/.{4}/g)!.join('-');
}
