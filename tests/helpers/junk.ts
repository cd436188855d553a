/**
 * Generated junk for the operation registry: introspects each operation's zod input
 * schema, builds one valid input from samples, then spoils it one field at a time.
 * Later areas' operations are covered without editing the junk test; an operation whose
 * valid input cannot be built from the samples fails loudly (add a sample here).
 */
import { z } from 'zod';

export type Path = readonly string[];

/** Peel optional / default / nullable / readonly wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodReadonly) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    else return s;
  }
}

export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : null;
}

/** Every field path of an input schema, nested objects included (['settings'], ['settings', 'idleLockMinutes']). */
export function fieldPaths(schema: z.ZodType, prefix: Path = []): { path: Path; schema: z.ZodType }[] {
  const shape = shapeOf(schema);
  if (!shape) return [];
  return Object.entries(shape).flatMap(([k, f]) => [{ path: [...prefix, k], schema: f }, ...fieldPaths(f, [...prefix, k])]);
}

/** Values that valid inputs are made of: the first one a field accepts is used. */
const VALID_SAMPLES: unknown[] = [
  '0193a5a0-0000-7000-8000-000000000001', // a UUIDv7
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', // a SHA-256 (files.finishUpload)
  '2026-12-01T00:00:00.000Z',
  '2026-12-01',
  '2026-12', // a period (fees)
  'HZ-01',
  'sample.user',
  'Sample2026pw',
  '样例文本',
  'staff',
  'auth.login',
  '07', // a two-digit code (archives: producing department)
  15,
  1,
  2026, // a year
  true,
  ['0193a5a0-0000-7000-8000-000000000001'], // a list of ids (archives: the items of a request)
];

/** A value the field schema accepts (undefined for a field that may be left out, other than a group of fields). */
export function validValue(schema: z.ZodType): unknown {
  const inner = unwrap(schema);
  // an optional group of fields is given whole, so spoiling one member leaves its siblings valid
  if (inner instanceof z.ZodObject) {
    const whole = validObject(inner);
    if (schema.safeParse(whole).success) return whole;
  }
  if (schema.safeParse(undefined).success) return undefined;
  if (inner instanceof z.ZodObject) return validObject(inner);
  if (inner instanceof z.ZodEnum) return inner.options[0];
  if (inner instanceof z.ZodArray) return [validValue(inner.element as z.ZodType)];
  const v = VALID_SAMPLES.find((s) => schema.safeParse(s).success);
  if (v === undefined) throw new Error('no valid sample for a field: add one to VALID_SAMPLES in tests/helpers/junk.ts');
  return v;
}

function validObject(schema: z.ZodType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(shapeOf(schema) ?? {})) {
    const v = validValue(f);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** One valid input for an operation: the minimal object, or undefined where no input is needed. */
export function validInput(schema: z.ZodType): unknown {
  if (schema.safeParse(undefined).success) return undefined;
  return validObject(schema);
}

export function setPath(obj: unknown, path: Path, value: unknown): Record<string, unknown> {
  const root = structuredClone((obj ?? {}) as Record<string, unknown>);
  let cur = root;
  for (const k of path.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[path.at(-1)!] = value;
  return root;
}

export function deletePath(obj: unknown, path: Path): Record<string, unknown> {
  const root = structuredClone((obj ?? {}) as Record<string, unknown>);
  let cur: Record<string, unknown> | undefined = root;
  for (const k of path.slice(0, -1)) cur = cur?.[k] as Record<string, unknown> | undefined;
  if (cur) delete cur[path.at(-1)!];
  return root;
}

export const MB_STRING = 'x'.repeat(1 << 20);
export const MB_CHINESE = '字'.repeat(1 << 20);

export const WRONG_TYPES: unknown[] = [null, 0, 42, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 10n, true, false, '', ' ', 'x', [], ['a'], {}, { a: 1 }, new Date(0)];

export const SQL_LOOKING: string[] = [
  "'; DROP TABLE staff; --",
  "Robert'); DROP TABLE staff;--",
  "admin' --",
  "' OR '1'='1",
  '1 OR 1=1',
  '1; DELETE FROM change_log',
  "x') UNION SELECT password_hash FROM staff --",
  "0193a5a0-0000-7000-8000-000000000001' OR 1=1 --",
  '2026-99-99',
  '2026-12-01T::',
  '\u0000; --',
  '%',
];

/** Whole inputs that are not what any operation takes (kept only where the schema refuses them). */
export const WHOLE_INPUT_JUNK: unknown[] = [null, 42, 'x', [], true, false, 0, '', MB_STRING, ['auth.login'], JSON.parse('{"__proto__": {"polluted": true}}')];

export const UNKNOWN_OP_NAMES: unknown[] = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype',
  'staff.drop', 'STAFF.LIST', 'staff.list ', ' staff.list', 'staff', '', 'x'.repeat(1e6),
  "staff.list'; DROP TABLE staff; --", '../../etc/passwd',
  42, null, undefined, true, {}, [], ['staff.list'], Object.create(null),
];

/**
 * Whether a refusal's field names the spoilt one: the field itself, or (for a list such as
 * settings.idFullRoles = ['a']) the element that is wrong, settings.idFullRoles.0.
 */
export function namesField(reported: string, spoilt: string): boolean {
  // the field itself, or a part of it (an array's item, an object's first missing member)
  return reported === spoilt || reported.startsWith(`${spoilt}.`);
}
