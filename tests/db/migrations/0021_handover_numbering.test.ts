/** 0021_handover_numbering: the next gapless form number is found through an index, and the trigger still guards it. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_12_05_0021_handover_numbering';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a1';
const at = '2026-12-05T02:00:00.000Z';

afterEach(cleanupStores);

describe('migration 0021_handover_numbering', () => {
  it('reads the next number of a kind and year through the index, and the store still refuses a number that is not the next', async () => {
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: staffId, username: 'desk', role: 'receptionist' }]);
    const insert = (raw: typeof old.raw) => raw.prepare(`INSERT INTO handover (id, site_id, kind, year, seq, number, version, replaces_id, reason, status, body, created_by, created_at, updated_at)
      VALUES (?, ?, ?, 2026, ?, ?, ?, ?, ?, 'draft', '{}', ?, ?, ?)`);
    let ins = insert(old.raw);
    for (let i = 1; i <= 3; i++) ins.run(`mi-${i}`, siteId, 'move_in', i, `RH-2026-000${i}`, 1, null, '', staffId, at, at);
    // form 2 signed, then corrected: the correction keeps number 2 and takes no number of its own
    old.raw.prepare("UPDATE handover SET status = 'signed', canonical = '{}', body_sha256 = 'x', signed_at = ? WHERE id = 'mi-2'").run(at);
    ins.run('mi-2-v2', siteId, 'move_in', 2, 'RH-2026-0002', 2, 'mi-2', '读数更正', staffId, at, at);
    ins.run('mo-1', siteId, 'move_out', 1, 'QC-2026-0001', 1, null, '', staffId, at, at);
    const next = `SELECT max(seq) AS m FROM handover WHERE site_id = ? AND kind = ? AND year = ? AND version = 1`;
    expect(rows(old, next, siteId, 'move_in', 2026)).toEqual([{ m: 3 }]);

    const store = await migrateThrough(old, name);
    ins = insert(store.raw);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows(store, next, siteId, 'move_in', 2026)).toEqual([{ m: 3 }]);
    expect(rows(store, next, siteId, 'move_out', 2026)).toEqual([{ m: 1 }]);
    const plan = rows<{ detail: string }>(store, `EXPLAIN QUERY PLAN ${next}`, siteId, 'move_in', 2026).map((r) => r.detail).join('; ');
    expect(plan).toMatch(/USING (COVERING )?INDEX handover_number_seq/);
    // the guard is unchanged: 5 is not the next move-in number, 4 is
    expect(() => ins.run('mi-5', siteId, 'move_in', 5, 'RH-2026-0005', 1, null, '', staffId, at, at)).toThrow(/gapless/);
    ins.run('mi-4', siteId, 'move_in', 4, 'RH-2026-0004', 1, null, '', staffId, at, at);
    expect(rows(store, next, siteId, 'move_in', 2026)).toEqual([{ m: 4 }]);
  });
});
