/**
 * Correcting what was filed and moving items on the shelves: only the fields asked for
 * change, the archive code never does, every step keeps each field before and after with
 * who and why, and a refused step changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore } from '../helpers/app.js';

afterEach(cleanup);

const item = (title: string, extra: Record<string, unknown> = {}) => ({
  category: 3, cls: 4, department: '07', title, year: 2026, form: 'paper' as const, locationRoom: '一号库房', cabinet: 'A', shelf: '2', box: '12', ...extra,
});

async function desk() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const archivist = (await addStaff(app, admin, { username: 'zhao.dang', role: 'archivist', displayName: '赵档案' })).token;
  const receptionist = (await addStaff(app, admin, { username: 'liu.qt', role: 'receptionist', displayName: '刘前台' })).token;
  const ids: string[] = [];
  for (const title of ['关于消防演练的通知', '业主大会会议纪要', '电梯年检报告']) ids.push((await ok(app, archivist, 'archives.index', item(title))).id);
  return { app, archivist, receptionist, ids };
}

describe('archives.correct', () => {
  it('changes only the fields given, keeps the code, and records each field before and after with who and why', async () => {
    const { app, archivist, ids } = await desk();
    const before = await ok(app, archivist, 'archives.item', { id: ids[0]! });
    const r = await ok(app, archivist, 'archives.correct', { id: ids[0]!, title: '关于2026年消防演练的通知', producedOn: '2026-03-15', shelf: '2', reason: '题名漏写年份' });
    expect(r).toEqual({ changed: 1 });
    const after = await ok(app, archivist, 'archives.item', { id: ids[0]! });
    expect(after).toMatchObject({ ref_code: before.ref_code, title: '关于2026年消防演练的通知', produced_on: '2026-03-15', shelf: '2', box: '12' });
    expect(after.corrections).toEqual([expect.objectContaining({
      kind: 'correct', reason: '题名漏写年份', by: '赵档案',
      // the shelf was given unchanged, so it is not among the changes
      changes: { title: ['关于消防演练的通知', '关于2026年消防演练的通知'], produced_on: [null, '2026-03-15'] },
    })]);
    // both writes are in the change log under the operation
    const logged = rows<{ table_name: string }>(app, "SELECT table_name FROM change_log WHERE operation = 'archives.correct' ORDER BY seq");
    expect(logged.map((l) => l.table_name)).toEqual(['archive_item', 'archive_correction']);
  });

  it('refuses a step that changes nothing, a code among the fields, a missing reason, or a reader without archives.write, and changes nothing', async () => {
    const { app, archivist, receptionist, ids } = await desk();
    const snap = snapshotStore(app);
    expect((await refused(app, archivist, 'archives.correct', { id: ids[0]!, title: '关于消防演练的通知', reason: '核对' })).code).toBe('archives.nothing_changed');
    expect((await refused(app, archivist, 'archives.correct', { id: ids[0]!, title: '新题名', reason: '' })).code).toBe('api.invalid_input');
    // the code is not a field of the operation: a ref_code sent along is dropped, and alone it changes nothing
    expect((await refused(app, archivist, 'archives.correct', { id: ids[0]!, ref_code: '9.9.99—1', reason: '改号' } as never)).code).toBe('archives.nothing_changed');
    expect((await refused(app, archivist, 'archives.correct', { id: '0190a0a0-0000-7000-8000-000000000000', title: 'x', reason: '核对' })).code).toBe('archives.not_found');
    expect(snapshotStore(app)).toEqual(snap);
    // (a refusal for want of permission is itself kept, as a security event)
    expect((await refused(app, receptionist, 'archives.correct', { id: ids[0]!, title: '新题名', reason: '核对' })).code).toBe('auth.forbidden');
    // and the store itself refuses a correction naming the code, or an edit of a kept one
    expect(() => app.store.raw.prepare(`INSERT INTO archive_correction (id, site_id, item_id, kind, changes, reason, done_by, created_at, updated_at)
      SELECT 'c1', a.site_id, a.id, 'correct', '{"ref_code":["a","b"]}', '改号', s.id, 'now', 'now' FROM archive_item a, staff s LIMIT 1`).run()).toThrow(/CHECK/);
  });

  it('corrects the retention before an appraisal and refuses it after one', async () => {
    const { app, archivist, ids } = await desk();
    await ok(app, archivist, 'archives.correct', { id: ids[1]!, retention: '10', reason: '会议纪要按10年保管' });
    expect((await ok(app, archivist, 'archives.item', { id: ids[1]! })).retention).toBe('10');
    const old = await ok(app, archivist, 'archives.index', item('2000年保洁合同', { year: 2000, retention: '5' }));
    await ok(app, archivist, 'archives.appraise', { itemId: old.id, decision: 'keep', reason: '仍有参考价值', keepYears: 5 });
    const snap = snapshotStore(app);
    const err = await refused(app, archivist, 'archives.correct', { id: old.id, retention: '10', reason: '延长' });
    expect(err.code).toBe('archives.retention_appraised');
    expect(err.message['zh-CN']).toContain(old.refCode);
    expect(snapshotStore(app)).toEqual(snap);
    // the rest of an appraised item can still be corrected
    await ok(app, archivist, 'archives.correct', { id: old.id, remarks: '合同附件另存', reason: '补充备注' });
  });
});

describe('archives.move', () => {
  it('moves several items to another box and shelf together, one history line each, the fields left out kept', async () => {
    const { app, archivist, ids } = await desk();
    const r = await ok(app, archivist, 'archives.move', { itemIds: ids, shelf: '5', box: '30', reason: '一号库房整理' });
    expect(r).toEqual({ changed: 3 });
    for (const id of ids) {
      const it = await ok(app, archivist, 'archives.item', { id });
      expect([it.location_room, it.cabinet, it.shelf, it.box]).toEqual(['一号库房', 'A', '5', '30']);
      expect(it.corrections.map((c) => [c.kind, c.changes])).toEqual([['move', { shelf: ['2', '5'], box: ['12', '30'] }]]);
    }
    // the catalogue finds them at the new place
    const found = await ok(app, archivist, 'archives.search', { codePrefix: '3.4.07' });
    expect(found.map((i) => i.box)).toEqual(['30', '30', '30']);
  });

  it('moves nothing when one item of the list is destroyed or unknown, and asks where to', async () => {
    const { app, archivist, ids } = await desk();
    app.store.raw.prepare("UPDATE archive_item SET status = 'destroyed' WHERE id = ?").run(ids[2]);
    const snap = snapshotStore(app);
    expect((await refused(app, archivist, 'archives.move', { itemIds: ids, box: '31', reason: '整理' })).code).toBe('archives.destroyed');
    expect((await refused(app, archivist, 'archives.move', { itemIds: [ids[0]!, '0190a0a0-0000-7000-8000-000000000000'], box: '31', reason: '整理' })).code).toBe('archives.not_found');
    expect((await refused(app, archivist, 'archives.move', { itemIds: [ids[0]!], reason: '整理' })).code).toBe('archives.move_where');
    expect(snapshotStore(app)).toEqual(snap);
  });
});
