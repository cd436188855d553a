import type { Store } from '../store/open.js';
import { lastReceiptSeq } from '../fees/receipt-numbers.js';
import { lastGood, listBackups } from './catalogue.js';
import { readBackupSettings } from './settings.js';

/**
 * The receipt sequence against a lost WAL (or a store copied while open): at start, the
 * store's last receipt number of each kind and year is compared with what the newest good
 * backup saw. A store behind it has lost receipts that were printed and handed out, and
 * would issue their numbers again: until a supervisor has looked (restoring the newer
 * backup, or accounting for the paper receipts, which records the missing numbers as lost
 * with who and why), no receipt number is issued.
 */
export interface ReceiptGap {
  kind: 'payment' | 'refund';
  year: number;
  /** the store's last number used of that kind and year */
  have: number;
  /** the last number a backup saw used */
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

/** A manifest key: `payment:2026` / `refund:2026`; a bare year (backups made before kinds were told apart) is payments. */
function keyOf(key: string): { kind: 'payment' | 'refund'; year: number } | null {
  const m = /^(?:(payment|refund):)?(\d{4})$/.exec(key);
  return m ? { kind: (m[1] ?? 'payment') as 'payment' | 'refund', year: Number(m[2]) } : null;
}

/** Compare the store with the newest good backup of its site; remembered until the numbers are accounted for or the next start. */
export async function checkReceiptSequence(store: Store, dataDir: string, siteId: string | null): Promise<ReceiptGap | null> {
  gaps.set(dataDir, null);
  if (!siteId) return null;
  const newest = lastGood(await listBackups(readBackupSettings(dataDir).folder), siteId);
  if (!newest) return null;
  for (const [key, known] of Object.entries(newest.receipts)) {
    const k = keyOf(key);
    if (!k) continue;
    const have = lastReceiptSeq(store.raw, siteId, k.kind, k.year);
    if (have < known) {
      const gap = { ...k, have, known, backup: newest.name, backupAt: newest.at };
      gaps.set(dataDir, gap);
      return gap;
    }
  }
  return null;
}
