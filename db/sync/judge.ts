/**
 * What to do with one verified batch, given what the receiving store already holds of its
 * writer (the cursor: the highest sequence held). The same rules for every receiver (the
 * head-office SQLite store, head office's PostgreSQL server), which read their own state
 * through a BatchReader — a server reads it inside the transaction that holds the
 * writer's cursor lock, so two importers never judge the same batch on stale state:
 * - at or below the cursor: a duplicate when its rows are the ones held, a fork otherwise;
 * - above cursor + 1: a gap (the writer waits, naming the missing range);
 * - from a newer schema: held until this PC is upgraded;
 * - not following the last batch applied (its `prev`): a broken chain.
 */
import type { ErrorParams } from '../errors.js';
import type { ErrorCode } from '../i18n/errors.js';
import { BatchRefused, type DecodedBatch } from './batch-file.js';
import { ROW_FIELDS, type ChangeRow } from './rules.js';

export interface BatchReader {
  /** the highest sequence of `writer` held */
  cursor(writer: string): Promise<number>;
  /** the SHA-256 of the file applied for exactly this range, if one was */
  appliedFileSha(writer: string, range: { from: number; to: number }): Promise<string | null>;
  /** the change rows held of `writer` in a range, in sequence order */
  heldRows(writer: string, from: number, to: number): Promise<ChangeRow[]>;
  /** the hash of the batch applied that ends at `seqTo`, if one was */
  linkHash(writer: string, seqTo: number): Promise<string | null>;
}

export type Verdict =
  | { kind: 'apply'; fresh: ChangeRow[] }
  | { kind: 'duplicate' }
  | { kind: 'refuse'; error: BatchRefused }
  | { kind: 'wait'; reason: ErrorCode; params: ErrorParams };

function sameRows(a: readonly ChangeRow[], b: readonly ChangeRow[]): boolean {
  return a.length === b.length && a.every((r, i) => ROW_FIELDS.every((f) => r[f] === b[i]![f]));
}

export async function judgeBatch(reader: BatchReader, code: string, writer: string, batch: DecodedBatch, supportedSchema: number): Promise<Verdict> {
  const { header } = batch;
  if (header.schema > supportedSchema) {
    return { kind: 'wait', reason: 'sync.newer_schema', params: { site: code, found: header.schema, supported: supportedSchema } };
  }
  const cursor = await reader.cursor(writer);
  if (header.from > cursor + 1) return { kind: 'wait', reason: 'sync.gap', params: { site: code, from: cursor + 1, to: header.from - 1 } };
  if (header.from <= cursor) {
    // rows this store already holds must be the very rows applied: anything else is a fork
    const held = await reader.heldRows(writer, header.from, Math.min(header.to, cursor));
    if (!sameRows(held, batch.rows.slice(0, held.length))) {
      return { kind: 'refuse', error: new BatchRefused('sync.fork', { site: code, from: header.from, to: header.to }) };
    }
    if (header.to <= cursor) return { kind: 'duplicate' };
  } else if (header.from === 1 ? header.prev !== null : false) {
    return { kind: 'refuse', error: new BatchRefused('sync.chain', { site: code }) };
  } else if (header.from > 1) {
    const link = await reader.linkHash(writer, header.from - 1);
    if (link && link !== header.prev) return { kind: 'refuse', error: new BatchRefused('sync.chain', { site: code }) };
  }
  return { kind: 'apply', fresh: batch.rows.filter((r) => r.seq > cursor) };
}
