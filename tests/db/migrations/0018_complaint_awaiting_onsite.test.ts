/** 0018_complaint_awaiting_onsite: repairs nobody has reached yet get an index of their own, holding only them. */
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/app.js';
import { cleanupStores, insertFoundation, migrateThrough, migrationsThrough, storeBefore } from '../../helpers/migrations.js';

const name = '2026_12_05_0018_complaint_awaiting_onsite';
const siteId = '019a0000-0000-7000-8000-000000000001';
const staffId = '019a0000-0000-7000-8000-0000000000a1';

afterEach(cleanupStores);

describe('migration 0018_complaint_awaiting_onsite', () => {
  it('indexes only the open repairs still waiting for someone on site; the awaiting list reads the same, through it, in on-site order', async () => {
    const old = await storeBefore(name);
    insertFoundation(old.raw, siteId, [{ id: staffId, username: 'desk', role: 'receptionist' }]);
    const ins = old.raw.prepare(`INSERT INTO complaint_case (id, site_id, case_no, year, seq, kind, channel, complainant, category, severity, matter,
        received_at, receiver_id, stage, due_at, onsite_due_at, onsite_at, manager_at, reply_method, replied_at, created_at, updated_at)
      VALUES (?, ?, ?, 2026, ?, ?, 'phone', '张伟', 'inunit', 'ordinary', '漏水', ?, ?, ?, '2026-12-05T16:00:00.000Z', ?, ?, '2026-12-06T02:00:00.000Z', ?, ?, ?, ?)`);
    const cases: [string, string, string, string | null, string | null][] = [
      // id, kind, stage, on site by, on site at
      ['waits-late', 'repair', 'received', '2026-12-05T04:39:00.000Z', null],
      ['waits-soon', 'repair', 'handling', '2026-12-05T04:50:00.000Z', null],
      ['reached', 'repair', 'handling', '2026-12-05T04:30:00.000Z', '2026-12-05T04:28:00.000Z'],
      ['answered', 'repair', 'replied', '2026-12-05T04:20:00.000Z', null],
      ['complaint', 'complaint', 'received', null, null],
    ];
    cases.forEach(([id, kind, stage, by, at], i) => {
      const replied = stage === 'replied' ? '2026-12-05T05:00:00.000Z' : null;
      ins.run(id, siteId, `2026-0000${i + 1}`, i + 1, kind, '2026-12-05T04:24:00.000Z', staffId, stage, by, at, replied ? 'phone' : null, replied, 'x', 'x');
    });
    const awaiting = `SELECT id FROM complaint_case c WHERE c.site_id = ? AND c.stage IN ('received', 'handling') AND c.onsite_at IS NULL
      AND c.onsite_due_at IS NOT NULL ORDER BY c.onsite_due_at`;
    const before = rows<{ id: string }>(old, awaiting, siteId).map((r) => r.id);
    expect(before).toEqual(['waits-late', 'waits-soon']);

    const store = await migrateThrough(old, name);
    expect(store.version).toBe(Object.keys(migrationsThrough(name)).length);
    expect(rows<{ id: string }>(store, awaiting, siteId).map((r) => r.id)).toEqual(before);
    const plan = (q: string, ...p: unknown[]) => rows<{ detail: string }>(store, `EXPLAIN QUERY PLAN ${q}`, ...p).map((r) => r.detail).join('; ');
    expect(plan(awaiting, siteId)).toMatch(/USING INDEX complaint_case_awaiting_onsite/);
    expect(plan(awaiting, siteId)).not.toMatch(/TEMP B-TREE/);
    // the index holds the two waiting repairs and nothing else
    expect(rows(store, 'SELECT count(*) AS n FROM complaint_case INDEXED BY complaint_case_awaiting_onsite WHERE site_id = ? AND stage IN (\'received\', \'handling\') AND onsite_at IS NULL AND onsite_due_at IS NOT NULL', siteId))
      .toEqual([{ n: 2 }]);
    // someone arrives: the repair leaves the list
    store.raw.prepare("UPDATE complaint_case SET onsite_at = '2026-12-05T04:45:00.000Z', stage = 'handling' WHERE id = 'waits-soon'").run();
    expect(rows<{ id: string }>(store, awaiting, siteId).map((r) => r.id)).toEqual(['waits-late']);
  });
});
