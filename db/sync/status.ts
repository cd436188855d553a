/**
 * What the site's status line says about sending, kept in memory for the life of the desk:
 * the last attempt that failed (and why), and when changes last left by themselves. A
 * restart forgets both; the next attempt says again.
 */
import { AppError } from '../errors.js';
import type { Store } from '../store/open.js';

export interface SendFailure {
  at: string;
  code: string;
  message: { 'zh-CN': string; 'en-US': string };
}

const lastErrors = new WeakMap<Store, SendFailure>();
const lastAutoSent = new WeakMap<Store, string>();

export function noteFailure(store: Store, e: unknown, at: Date): void {
  if (e instanceof AppError) lastErrors.set(store, { at: at.toISOString(), code: e.code, message: e.toApiError().message });
}

export function noteSuccess(store: Store): void {
  lastErrors.delete(store);
}

export function noteAutoSent(store: Store, at: Date): void {
  lastAutoSent.set(store, at.toISOString());
}

export function sendStatus(store: Store): { lastError: SendFailure | null; lastAutoAt: string | null } {
  return { lastError: lastErrors.get(store) ?? null, lastAutoAt: lastAutoSent.get(store) ?? null };
}
