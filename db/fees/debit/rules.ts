/**
 * Bank direct debit's pure rules: what an account number may be, how it is shown, how
 * batches and their lines are numbered, and how the bank's result column is read.
 */

/** Spaces and dashes people type between digit groups are not part of the number. */
export function normaliseAccount(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** The Luhn check digit test, as UnionPay cards (16 to 19 digits) carry it. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type AccountProblem = 'not_digits' | 'length' | 'check_digit';

/**
 * A Chinese bank account for direct debit: digits only, 12 to 25 of them. A card number
 * (16 to 19 digits) must pass the Luhn check its last digit carries; a passbook or
 * settlement account (other lengths) has no check digit, only its length.
 */
export function accountProblem(account: string): AccountProblem | null {
  if (!/^\d+$/.test(account)) return 'not_digits';
  if (account.length < 12 || account.length > 25) return 'length';
  if (account.length >= 16 && account.length <= 19 && !luhnValid(account)) return 'check_digit';
  return null;
}

/** The account as every list, screen and printout shows it: the first four and last four digits. */
export function maskAccount(account: string): string {
  return `${account.slice(0, 4)} **** **** ${account.slice(-4)}`;
}

/**
 * A captured row (JSON text, as the change log keeps it) as the audit trail sends it on: a
 * debit agreement's account masked; every other table's row untouched, not even parsed.
 */
export function maskedRowText(table: string, json: string): string {
  if (table !== 'debit_agreement') return json;
  const row = JSON.parse(json) as Record<string, unknown>;
  return typeof row.account === 'string' ? JSON.stringify({ ...row, account: maskAccount(row.account) }) : json;
}

/** An agreement is debited in a period when it started by then, has not run out, and was not ended. */
export function validIn(a: { valid_from: string; valid_to: string | null }, period: string): boolean {
  return a.valid_from <= period && (a.valid_to === null || a.valid_to >= period);
}

/** TS-202612-01: the site's n-th batch of the period. */
export function batchNumber(period: string, seq: number): string {
  return `TS-${period.replace('-', '')}-${String(seq).padStart(2, '0')}`;
}

/** TS-202612-01-0007: the batch's 7th line, the reference the bank sends back and the receipt keeps. */
export function lineReference(batch: string, lineNo: number): string {
  return `${batch}-${String(lineNo).padStart(4, '0')}`;
}

/** The bank's result column: 成功 / 失败 in either language; anything else is not understood. */
export function readOutcome(text: string): 'success' | 'failure' | null {
  const t = text.trim().toLowerCase();
  if (['成功', '扣款成功', '已扣款', 'success', 'succeeded', 'ok', 'paid'].includes(t)) return 'success';
  if (['失败', '扣款失败', '未扣款', 'failure', 'failed', 'fail'].includes(t)) return 'failure';
  return null;
}
