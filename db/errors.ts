import { errorMessages, type ErrorCode, type Locale } from './i18n/errors.js';

export type ErrorParams = Record<string, string | number>;

/** What crosses the boundary: a stable code, its params, and the message in both locales. */
export interface ApiError {
  code: ErrorCode;
  params: ErrorParams;
  message: Record<Locale, string>;
}

export function formatMessage(code: ErrorCode, params: ErrorParams, locale: Locale): string {
  return errorMessages[code][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/**
 * A refusal the user should understand. `keepChanges` marks the rare refusal whose
 * bookkeeping must still be committed (a wrong password still counts toward lockout).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly keepChanges = false,
  ) {
    super(formatMessage(code, params, 'en-US'));
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      params: this.params,
      message: {
        'zh-CN': formatMessage(this.code, this.params, 'zh-CN'),
        'en-US': formatMessage(this.code, this.params, 'en-US'),
      },
    };
  }
}

/**
 * The store's and the disk's own failures that the person at the desk can act on, said
 * plainly (the transaction rolled back: nothing was written). Null for anything else.
 */
export function storeFailure(e: unknown): AppError | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('store.disk_full');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new AppError('store.damaged');
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new AppError('store.io_error');
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && String((e as Error).message).startsWith('head office owns this row')) return new AppError('sync.head_office_owned');
  return null;
}
