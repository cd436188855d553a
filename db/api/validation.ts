import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Zod's issue kinds, said plainly in both languages. */
const REASONS: Record<string, [string, string]> = {
  invalid_type: ['类型不对', 'has the wrong type'],
  too_big: ['过长或过大', 'is too long or too large'],
  too_small: ['为空、过短或过小', 'is missing, too short or too small'],
  invalid_format: ['格式不对', 'is not in the right format'],
  invalid_value: ['不是允许的取值', 'is not one of the allowed values'],
  unrecognized_keys: ['包含未知字段', 'has unknown fields'],
};

/** Turn the first zod issue into a bilingual invalid-input error naming the field. */
export function invalidInput(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length ? issue.path.join('.') : '(input)';
  const [zh, en] = REASONS[issue?.code ?? ''] ?? ['不符合要求', `is invalid${issue?.message ? ` (${issue.message})` : ''}`];
  return new AppError('api.invalid_input', { field, reasonZh: zh, reasonEn: en });
}

/**
 * Characters no keyboard types: NUL and the other C0 controls (tab, line feed and carriage
 * return excepted, which remarks and addresses hold), DEL, and the C1 controls. They reach
 * full-text search as "unterminated string" and CHECKs as failures; no field wants them.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The path of the first string in `input` holding a control character, or null. Objects and arrays only, as JSON brings them. */
export function controlCharacterPath(input: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof input === 'string') return CONTROL.test(input) ? (path.length ? path.join('.') : '(input)') : null;
  if (depth > 32 || input === null || typeof input !== 'object') return null;
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const found = controlCharacterPath(input[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Object.getPrototypeOf(input) !== Object.prototype && Object.getPrototypeOf(input) !== null) return null;
  for (const [k, v] of Object.entries(input)) {
    const found = controlCharacterPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

export function controlCharacters(field: string): AppError {
  return new AppError('api.invalid_input', {
    field,
    reasonZh: '含有不可见的控制字符（如 NUL），请删去后重新输入',
    reasonEn: 'contains control characters (such as NUL); remove them and type it again',
  });
}
