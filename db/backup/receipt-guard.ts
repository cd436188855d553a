import type { Store } from '../store/open.js';
import { lastGood, listBackups } from './catalogue.js';
import { readBackupSettings } from './settings.js';

/**
 * The receipt sequence against a lost WAL (or a store copied while open): at start, the
 * store's last receipt number of each year is compared with what the newest good backup
 * saw. A store behind it has lost receipts that were printed and handed out, and would
 * issue their numbers again: until a supervisor has looked (restoring the newer backup, or
 * confirming the gap with a reason, which the audit trail keeps), no receipt number is issued.
 */
export interface ReceiptGap {
  year: number;
  /** the store's last sequence of that year */
  have: number;
  /** the last sequence a backup saw issued */
  known: number;
  /** the backup that saw it */
  backup: string;
  backupAt: string;
}

/** the operations that issue receipt numbers */
export const ISSUES_RECEIPT_NUMBERS = new Set(['fees.pay', 'fees.refundDeposit']);

const gaps = new Map<string, ReceiptGap | null>();

export function receiptGap(dataDir: string): ReceiptGap | null {
  return gaps.get(dataDir) ?? null;
}

export function clearReceiptGap(dataDir: string): void {
  gaps.set(dataDir, null);
}

/** Compare the store with the newest good backup of its site; remembered until released or the next start. */
export async function checkReceiptSequence(store: Store, dataDir: string, siteId: string | null): Promise<ReceiptGap | null> {
  gaps.set(dataDir, null);
  if (!siteId) return null;
  const newest = lastGood(await listBackups(readBackupSettings(dataDir).folder), siteId);
  if (!newest) return null;
  const released = store.raw.prepare("SELECT detail FROM audit_event WHERE site_id = ? AND event = 'receipts.gap_released'").all(siteId) as { detail: string }[];
  const seen = new Set(released.map((r) => { const d = JSON.parse(r.detail) as { year?: number; known?: number }; return `${d.year}:${d.known}`; }));
  for (const [year, known] of Object.entries(newest.receipts)) {
    const row = store.raw.prepare('SELECT max(seq) AS seq FROM receipt WHERE site_id = ? AND year = ?').get(siteId, Number(year)) as { seq: number | null };
    const have = row.seq ?? 0;
    if (have < known && !seen.has(`${year}:${known}`)) {
      const gap = { year: Number(year), have, known, backup: newest.name, backupAt: newest.at };
      gaps.set(dataDir, gap);
      return gap;
    }
  }
  return null;
}
