import { z } from 'zod';

/**
 * The input shapes every area shares, written once: a local day, a local month, an amount
 * of money typed as text (it becomes integer fen in the area's rules), and a short code.
 */

/** A local day, YYYY-MM-DD, that exists on the calendar (2026-02-30 is refused). */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'not a real date');

/** A month, YYYY-MM. */
export const localMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** Money as the person types it: yuan with at most two decimals, e.g. "1234.5". */
export const moneyText = z.string().trim().regex(/^\d{1,9}(\.\d{1,2})?$/, 'an amount in yuan with at most two decimals');

/** A short code: letters, digits, dash and dot (fee item codes, key kinds, site codes). */
export const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9.\-_]*$/, 'letters, digits, . - _');

/** A store id (UUIDv7 text). */
export const rowId = z.string().min(1).max(64);
