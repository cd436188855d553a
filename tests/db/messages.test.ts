import { describe, expect, it } from 'vitest';
import { AppError } from '../../db/errors.js';
import { errorMessages, LOCALES, type ErrorCode } from '../../db/i18n/errors.js';
import { ROLE_NAMES } from '../../db/i18n/roles.js';
import { ROLES } from '../../db/auth/permissions.js';
import { sheetWords } from '../../db/i18n/sheets.js';

const codes = Object.keys(errorMessages) as ErrorCode[];
const CJK = /[\u4e00-\u9fff]/;

/** Placeholders of a message; `{nameZh}` / `{nameEn}` are one placeholder said per language. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(/(Zh|En)$/, '')).sort();
}

describe('error messages', () => {
  it('has non-empty zh-CN and en-US text for every error code', () => {
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      for (const locale of LOCALES) {
        const text = errorMessages[code][locale];
        expect(typeof text === 'string' && text.trim().length > 0, `${code} ${locale}`).toBe(true);
      }
      expect(errorMessages[code]['zh-CN'], `${code} zh-CN is Chinese`).toMatch(CJK);
      expect(errorMessages[code]['en-US'], `${code} en-US is not Chinese`).not.toMatch(CJK);
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const code of codes) {
      expect(placeholders(errorMessages[code]['zh-CN']), code).toEqual(placeholders(errorMessages[code]['en-US']));
    }
  });

  it('fills every placeholder from the error\'s params in both languages', () => {
    for (const code of codes) {
      const names = new Set([...`${errorMessages[code]['zh-CN']} ${errorMessages[code]['en-US']}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
      const params = Object.fromEntries([...names].map((n) => [n, `«${n}»`]));
      const api = new AppError(code, params).toApiError();
      expect(api.code).toBe(code);
      for (const locale of LOCALES) {
        expect(api.message[locale], `${code} ${locale}`).not.toMatch(/\{\w+\}/);
        for (const n of names) {
          if (errorMessages[code][locale].includes(`{${n}}`)) expect(api.message[locale]).toContain(`«${n}»`);
        }
      }
    }
  });

  it('names every role in both languages', () => {
    for (const role of ROLES) {
      expect(ROLE_NAMES[role]['zh-CN'], role).toMatch(CJK);
      expect(ROLE_NAMES[role]['en-US'].trim(), role).not.toBe('');
    }
  });
});

describe('spreadsheet words', () => {
  /** every key path of a words object, e.g. kind.repair */
  const paths = (o: object, at = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? paths(v as object, `${at}${k}.`) : [`${at}${k}`])).sort();

  it('gives every heading, sheet name and file name in both locales, Chinese in zh-CN and none in en-US', () => {
    for (const [entry, words] of Object.entries(sheetWords)) {
      expect(paths(words['en-US']), entry).toEqual(paths(words['zh-CN']));
      expect(JSON.stringify(words['zh-CN']), entry).toMatch(CJK);
      expect(JSON.stringify(words['en-US']), entry).not.toMatch(CJK);
    }
  });
});
