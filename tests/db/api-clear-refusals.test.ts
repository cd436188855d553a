/**
 * Input a keyboard cannot type — NUL and the other control characters — is refused at the
 * boundary as invalid input naming the field, by every operation, before anything runs
 * (it used to reach full-text search as "unterminated string" or a CHECK as "internal
 * error"). A full disk is said as a full disk, in both languages, with what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { OpDef } from '../../db/api/op.js';
import { operations } from '../../db/api/operations.js';
import { addStaff, cleanup, createTestApp, ok, refused, setupSite, snapshotStore, type TestApp } from '../helpers/app.js';
import { fieldPaths, setPath, validInput } from '../helpers/junk.js';

const registry = operations as unknown as Record<string, OpDef<z.ZodType, unknown>>;

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await setupSite(app);
});
afterAll(cleanup);

describe('control characters in text', () => {
  it('are refused by every operation, in every text field, naming the field and changing nothing', async () => {
    const before = snapshotStore(app);
    let checked = 0;
    for (const name of Object.keys(registry)) {
      const schema = registry[name]!.input;
      const base = validInput(schema);
      for (const { path } of fieldPaths(schema)) {
        let value: unknown = base;
        for (const k of path) value = (value as Record<string | number, unknown>)?.[k];
        if (typeof value !== 'string') continue;
        for (const bad of [`${value}\u0000`, `\u0000${value}`, `${value}\u001b[2J`]) {
          const { envelope } = await app.call(admin, name, setPath(base, path, bad));
          const label = `${name}.${path.join('.')} ← ${JSON.stringify(bad)}`;
          expect(envelope.ok, label).toBe(false);
          if (envelope.ok) continue;
          expect(envelope.error.code, label).toBe('api.invalid_input');
          expect(envelope.error.params.field, label).toBe(path.join('.'));
          expect(envelope.error.message['zh-CN'], label).toContain('控制字符');
          expect(envelope.error.message['en-US'], label).toContain('control characters');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(snapshotStore(app)).toEqual(before);
  });

  it('keeps tabs and line breaks, which remarks and addresses hold', async () => {
    const u = await addStaff(app, admin, { username: 'arc', role: 'archivist' });
    const item = await ok(app, u.token, 'archives.index', { category: 3, cls: 4, department: '07', title: '会议纪要', year: 2026, form: 'paper', remarks: '第一页\n第二页\t附件' });
    expect((await ok(app, u.token, 'archives.item', { id: item.id })).remarks).toBe('第一页\n第二页\t附件');
    // the search that used to fail with "unterminated string" answers plainly
    const e = await refused(app, u.token, 'archives.search', { text: '会议\u0000纪要' });
    expect(e).toMatchObject({ code: 'api.invalid_input', params: { field: 'text' } });
  });
});

describe('a full disk', () => {
  it('is said as a full disk in both languages, and the call changes nothing', async () => {
    const u = await addStaff(app, admin, { username: 'arc2', role: 'archivist' });
    const raw = app.store.raw;
    const pages = Number(raw.pragma('page_count', { simple: true }));
    raw.pragma(`max_page_count = ${pages}`);
    try {
      const count = () => Number(raw.prepare('SELECT count(*) FROM archive_item').pluck().get()) + Number(raw.prepare('SELECT count(*) FROM change_log').pluck().get());
      let e = null;
      for (let i = 0; i < 200 && !e; i++) {
        const before = count();
        const { envelope } = await app.call(u.token, 'archives.index', { category: 3, cls: 4, department: '07', title: `会议纪要${'长'.repeat(190)}${i}`, year: 2026, form: 'paper', remarks: '备'.repeat(500) });
        if (!envelope.ok) {
          e = envelope.error;
          // the refused call left nothing half-written
          expect(count()).toBe(before);
        }
      }
      expect(e?.code).toBe('store.disk_full');
      expect(e?.message['zh-CN']).toContain('磁盘已满');
      expect(e?.message['en-US']).toContain('disk is full');
    } finally {
      raw.pragma('max_page_count = 1073741823');
    }
  });
});
