/**
 * The audit trail reads in words: every operation, every captured table and every captured
 * column a person sees has its words in both languages, so a new table or column cannot
 * reach the trail as a bare column name.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../../db/api/operations.js';
import { capturedColumnsOf } from '../../db/store/capture.js';
import { OPERATION_WORDS } from '../../renderer/src/features/audit/operation-words.js';
import { CODE_WORDS, FIELD_WORDS, TABLE_WORDS, isTechnical } from '../../renderer/src/features/audit/record-words.js';
import { fieldChanges, fieldValue, type ValueContext } from '../../renderer/src/features/audit/readable.js';
import { enUS } from '../../renderer/src/i18n/en-US.js';
import { zhCN } from '../../renderer/src/i18n/zh-CN.js';
import { cleanup, createTestApp, rows } from '../helpers/app.js';

const CJK = /[\u4e00-\u9fff]/;

function bilingual(words: readonly [string, string] | undefined, what: string): void {
  expect(words, what).toBeDefined();
  expect(words![0], `${what} zh-CN`).toMatch(CJK);
  expect(words![1].trim(), `${what} en-US`).not.toBe('');
  expect(words![1], `${what} en-US`).not.toMatch(CJK);
}

describe('the audit trail\'s words', () => {
  it('names every operation of the registry in both languages, and nothing that is not one', () => {
    expect(Object.keys(OPERATION_WORDS).sort()).toEqual(Object.keys(operations).sort());
    for (const [op, words] of Object.entries(OPERATION_WORDS)) bilingual(words, op);
  });

  it('names every captured table, and labels every captured column a person reads', async () => {
    const app = await createTestApp();
    try {
      const triggers = rows<{ tbl_name: string; sql: string }>(app, "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_capture_insert'");
      expect(triggers.length).toBeGreaterThan(40);
      for (const { tbl_name: table, sql } of triggers) {
        bilingual(TABLE_WORDS[table], table);
        for (const column of capturedColumnsOf(sql).filter((c) => !isTechnical(c))) bilingual(FIELD_WORDS[column], `${table}.${column}`);
      }
    } finally {
      await cleanup();
    }
  });

  it('says every code the store allows in a captured column in words, in both languages (a case\'s stage, a payment\'s method)', async () => {
    const app = await createTestApp();
    try {
      const triggers = rows<{ tbl_name: string }>(app, "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_capture_insert'");
      const captured = new Set(triggers.map((r) => r.tbl_name));
      const tables = rows<{ name: string; sql: string }>(app, "SELECT name, sql FROM sqlite_master WHERE type = 'table'").filter((t) => captured.has(t.name));
      const coded: string[] = [];
      const unread: string[] = [];
      for (const { name, sql } of tables) {
        for (const m of sql.matchAll(/CHECK \((?:(\w+) IS NULL OR )?(\w+) IN \(('[^)]*)\)\)/g)) {
          const column = m[2]!;
          const values = m[3]!.split(',').map((v) => v.trim().replace(/^'|'$/g, '')).filter((v) => v !== '');
          if (column === 'mime') continue; // a file's type reads as it is (application/pdf)
          coded.push(`${name}.${column}`);
          const ctx = (locale: 'zh-CN' | 'en-US'): ValueContext => ({
            locale, staff: new Map(), yes: '', no: '', message: (k) => (locale === 'zh-CN' ? zhCN : enUS)[k as keyof typeof zhCN],
          });
          for (const value of values) {
            const zh = fieldValue(name, column, value, ctx('zh-CN'));
            const en = fieldValue(name, column, value, ctx('en-US'));
            if (!CJK.test(zh) || CJK.test(en) || en === value) unread.push(`${name}.${column} = ${value}: ${zh} / ${en}`);
          }
        }
      }
      expect(unread).toEqual([]);
      expect(coded).toContain('complaint_case.stage');
      expect(Object.keys(CODE_WORDS).filter((k) => !coded.includes(k)), 'words for a code no captured column holds').toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it('lists what changed in an update, and what was written in a new record, leaving ids and stamps to the raw view', () => {
    const before = { id: 'r1', site_id: 's', updated_at: '1', status: 'open', note: null, room_id: 'x' };
    const after = { id: 'r1', site_id: 's', updated_at: '2', status: 'closed', note: '已修好', room_id: 'x' };
    expect(fieldChanges(before, after)).toEqual([
      { column: 'status', before: 'open', after: 'closed' },
      { column: 'note', before: null, after: '已修好' },
    ]);
    expect(fieldChanges(null, { ...after, note: null }).map((c) => c.column)).toEqual(['status']);
    expect(fieldChanges(before, null).map((c) => c.column)).toEqual(['status']);
  });
});
