/**
 * Malformed API input — wrong types, missing fields, 1 MB strings, unknown operation
 * names, SQL-looking text — gets a clear refusal and changes nothing. Junk is generated
 * from every registered operation's own input schema, sent as the admin and with no
 * session, and the store is compared table by table before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { OpDef } from '../../db/api/op.js';
import { operations } from '../../db/api/operations.js';
import type { ApiError } from '../../db/api/types.js';
import { cleanup, createTestApp, ok, rows, setupSite, snapshotStore, tableNames, type TestApp } from '../helpers/app.js';
import {
  MB_CHINESE, MB_STRING, SQL_LOOKING, UNKNOWN_OP_NAMES, WHOLE_INPUT_JUNK, WRONG_TYPES,
  deletePath, fieldPaths, namesField, setPath, shapeOf, validInput,
} from '../helpers/junk.js';

const REFUSALS = new Set(['api.invalid_input', 'api.unknown_op', 'auth.no_session']);
const registry = operations as unknown as Record<string, OpDef<z.ZodType, unknown>>;
const opNames = Object.keys(registry);

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await setupSite(app);
});
afterAll(cleanup);

function describeValue(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return 'Date';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return typeof v;
  }
}

/** Every message is there in both languages, with every placeholder filled. */
function expectClearRefusal(error: ApiError, label: string) {
  expect(REFUSALS.has(error.code), `${label}: code ${error.code}`).toBe(true);
  for (const locale of ['zh-CN', 'en-US'] as const) {
    const m = error.message[locale];
    expect(typeof m === 'string' && m.trim().length > 0, `${label}: ${locale} message`).toBe(true);
    expect(m, `${label}: ${locale} message has an unfilled placeholder`).not.toMatch(/\{\w+\}/);
    expect(m.length, `${label}: ${locale} message echoes the junk`).toBeLessThan(500);
  }
}

interface Case {
  kind: 'whole' | 'huge' | 'type' | 'sql' | 'missing';
  label: string;
  input: unknown;
  /** the field the refusal must name, for field-level junk */
  field?: string;
}

/** All junk for one operation; every case is one the operation's schema refuses. */
function junkFor(name: string): Case[] {
  const schema = registry[name]!.input;
  const base = validInput(schema);
  expect(schema.safeParse(base).success, `${name}: the generated valid input is valid`).toBe(true);
  const cases: Case[] = [];

  const whole = WHOLE_INPUT_JUNK.filter((j) => !schema.safeParse(j).success);
  // non-objects are refused by every operation
  for (const must of [null, 42, 'x', [], true]) expect(whole, `${name} refuses ${describeValue(must)}`).toContainEqual(must);
  for (const j of whole) cases.push({ kind: 'whole', label: `${name} ← ${describeValue(j)}`, input: j });

  for (const { path, schema: field } of fieldPaths(schema)) {
    const key = path.join('.');
    const rejects = (v: unknown) => !field.safeParse(v).success;
    // 1 MB strings are too long for every field, whatever it holds
    expect(rejects(MB_STRING), `${name}.${key} refuses a 1 MB string`).toBe(true);
    expect(rejects(MB_CHINESE), `${name}.${key} refuses a 1 MB Chinese string`).toBe(true);
    const wrong = WRONG_TYPES.filter(rejects);
    expect(wrong.length, `${name}.${key} refuses most wrong types`).toBeGreaterThanOrEqual(10);
    const sqlish = SQL_LOOKING.filter(rejects);
    const spoil = (kind: Case['kind'], v: unknown) => cases.push({ kind, label: `${name}.${key} = ${describeValue(v)}`, input: setPath(base, path, v), field: key });
    for (const v of [MB_STRING, MB_CHINESE]) spoil('huge', v);
    for (const v of wrong) spoil('type', v);
    for (const v of sqlish) spoil('sql', v);
    // a required field of an optional object is missing only where that object is given
    const parentGiven = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], base) !== undefined;
    if (rejects(undefined) && parentGiven) cases.push({ kind: 'missing', label: `${name}.${key} missing`, input: deletePath(base, path), field: key });
  }
  // belt and braces: only junk goes in
  for (const c of cases) expect(schema.safeParse(c.input).success, `${c.label} is really invalid`).toBe(false);
  return cases;
}

describe('junk thrown at every registered operation', () => {
  it('covers a non-trivial registry', () => {
    expect(opNames.length).toBeGreaterThanOrEqual(15);
    expect(opNames).toEqual(expect.arrayContaining(['setup.init', 'auth.login', 'staff.create', 'staff.update', 'settings.update', 'audit.list']));
  });

  it.each(opNames)('%s refuses generated junk clearly, as admin and with no session, and changes nothing', async (name) => {
    const op = registry[name]!;
    const cases = junkFor(name);
    expect(cases.length).toBeGreaterThan(4);
    const before = snapshotStore(app);
    for (const token of [admin, null]) {
      for (const c of cases) {
        const label = `${token ? 'admin' : 'no session'}: ${c.label}`;
        const { envelope, token: after } = await app.call(token, name, c.input);
        expect(envelope.ok, label).toBe(false);
        if (envelope.ok) continue;
        expectClearRefusal(envelope.error, label);
        const expected = token === null && op.access !== 'public' ? 'auth.no_session' : 'api.invalid_input';
        expect(envelope.error.code, label).toBe(expected);
        if (expected === 'api.invalid_input') {
          // the refusal names the spoilt field; a wrong whole input is named as such, or by its first missing field
          const field = String(envelope.error.params.field);
          if (c.field) expect(namesField(field, c.field), `${label}: refusal names ${field}`).toBe(true);
          else expect(['(input)', ...Object.keys(shapeOf(op.input) ?? {})], label).toContain(field);
          expect(envelope.error.message['en-US'], label).toContain(`"${field}"`);
          expect(envelope.error.message['zh-CN'], label).toContain(`「${field}」`);
        }
        // a refusal never hands out or drops a session
        expect(after, label).toBe(token === null ? null : token);
      }
    }
    expect(snapshotStore(app)).toEqual(before);
    // the admin is still signed in and unlocked
    expect((await ok(app, admin, 'auth.me', {})).user).toMatchObject({ username: 'admin', locked: false });
    // every field that is not free text (ids, enums, numbers, user names, dates…) got SQL-looking junk
    const typed = fieldPaths(op.input).filter(({ schema }) => SQL_LOOKING.some((s) => !schema.safeParse(s).success)).map(({ path }) => path.join('.'));
    expect(new Set(cases.filter((c) => c.kind === 'sql').map((c) => c.field))).toEqual(new Set(typed));
  });

  it('refuses unknown operation names with api.unknown_op, as admin and with no session, and changes nothing', async () => {
    const before = snapshotStore(app);
    for (const token of [admin, null]) {
      for (const name of UNKNOWN_OP_NAMES) {
        const label = `${token ? 'admin' : 'no session'}: ${describeValue(name)}`;
        const { envelope } = await app.call(token, name, {});
        expect(envelope.ok, label).toBe(false);
        if (envelope.ok) continue;
        expect(envelope.error.code, label).toBe('api.unknown_op');
        expectClearRefusal(envelope.error, label);
        expect(String(envelope.error.params.op).length, label).toBeLessThanOrEqual(60);
      }
    }
    expect(snapshotStore(app)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses junk session tokens as no session', async () => {
    const before = snapshotStore(app);
    for (const token of ['', ' ', MB_STRING, "' OR '1'='1", '__proto__', 'constructor', 42, {}, [], true] as unknown[]) {
      const { envelope } = await app.call(token as string, 'staff.list', {});
      expect(envelope.ok ? null : envelope.error.code, describeValue(token)).toBe('auth.no_session');
    }
    expect(snapshotStore(app)).toEqual(before);
  });
});

describe('SQL-looking text where free text is allowed', () => {
  it('is stored verbatim, found verbatim, and the tables are all still there', async () => {
    const tablesBefore = tableNames(app);
    const evil = "Robert'); DROP TABLE staff;--";
    const created = await ok(app, admin, 'staff.create', { username: 'bobby.tables', displayName: evil, role: 'receptionist', password: 'Little2026b' });
    expect(created.display_name).toBe(evil);
    expect(rows(app, 'SELECT display_name FROM staff WHERE id = ?', created.id)).toEqual([{ display_name: evil }]);
    expect((await ok(app, admin, 'staff.list', {})).find((s) => s.id === created.id)?.display_name).toBe(evil);

    const siteName = "中心'; DELETE FROM change_log; --";
    await ok(app, admin, 'settings.update', { siteName, settings: {} });
    expect((await ok(app, admin, 'settings.get', {})).site.name).toBe(siteName);

    const found = await ok(app, admin, 'audit.list', { text: "DROP TABLE staff;--" });
    expect(found.map((r) => r.row_id)).toContain(created.id);
    expect(JSON.parse(found.find((r) => r.row_id === created.id)!.after!).display_name).toBe(evil);

    // a password may contain anything: it is hashed, never spliced into SQL
    await ok(app, admin, 'staff.resetPassword', { id: created.id, password: "x1' OR '1'='1" });
    const { envelope } = await app.call(null, 'auth.login', { username: 'bobby.tables', password: "x1' OR '1'='1" });
    expect(envelope.ok).toBe(true);
    const wrong = await app.call(null, 'auth.login', { username: 'bobby.tables', password: "' OR '1'='1" });
    expect(wrong.envelope.ok ? null : wrong.envelope.error.code).toBe('auth.bad_credentials');

    expect(tableNames(app)).toEqual(tablesBefore);
    expect(rows(app, 'SELECT count(*) AS n FROM staff')[0]).toEqual({ n: 2 });
    expect((rows(app, 'SELECT count(*) AS n FROM change_log')[0] as { n: number }).n).toBeGreaterThan(5);
  });
});
