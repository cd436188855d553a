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
