/**
 * What head office refuses, and how: every bad file is refused with a reason, moved to the
 * quarantine folder (never deleted), recorded, and changes nothing; a file from a newer
 * version is held where it lies; a signed file that reaches beyond its writer's own site
 * data fails whole.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, rows, snapshotStore } from '../helpers/app.js';
import { encodeBatch } from '../../db/sync/batch-file.js';
import { newSigningKey } from '../../db/sync/keys.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder } from '../../db/sync/import.js';
import { exportedRow, type ChangeRow } from '../../db/sync/rules.js';
import { logOf, payMonth, syncWorld, tablesOf, type SyncWorld } from './sync-fixture.js';

afterEach(cleanup);

/** A world where the site has exported one payment's worth and head office has applied it. */
async function applied(): Promise<SyncWorld & { file: string }> {
  const w = await syncWorld();
  await payMonth(w.site, '2026-11', w.site.rooms.r101);
  const out = await w.exportSite();
  expect((await w.importHq()).applied).toHaveLength(1);
  return { ...w, file: out.files[0]! };
}

/** Refused, moved into quarantine (the bytes kept), recorded with its reason, and nothing else changed. */
async function expectRefused(w: SyncWorld, rel: string, reasons: string[]) {
  const bytes = readFileSync(join(w.folder, rel));
  const snap = snapshotStore(w.hq);
  const got = await w.importHq();
  expect(got.applied).toEqual([]);
  expect(got.refused).toHaveLength(1);
  const r = got.refused[0]!;
  expect(reasons).toContain(r.reason);
  expect(r.file).toBe(rel);
  expect(existsSync(join(w.folder, rel))).toBe(false);
  expect(r.movedTo).toMatch(/^quarantine\//);
  expect(readFileSync(join(w.folder, r.movedTo!))).toEqual(bytes);
  const { sync_refusal: _changed, ...rest } = snapshotStore(w.hq);
  const { sync_refusal: _was, ...restBefore } = snap;
  expect(rest).toEqual(restBefore);
  expect(rows(w.hq, 'SELECT writer_code, file, moved_to, reason FROM sync_refusal')).toEqual([{ writer_code: rel.split('/')[0], file: rel, moved_to: r.movedTo, reason: r.reason }]);
  return r;
}

const siteRows = (w: SyncWorld) => logOf(w.site.app, w.siteId).map(exportedRow);

describe('sync: files head office refuses', () => {
  it('refuses a file signed with any key but the enrolled one', async () => {
    const w = await applied();
    await payMonth(w.site, '2026-12', w.site.rooms.r102);
    const all = siteRows(w);
    const cursor = rows<{ m: number }>(w.hq, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', w.siteId)[0]!.m;
    const forged = encodeBatch({ schema: w.site.app.store.version, writer: w.siteId, site: 'HZ-01', prev: null }, all.filter((r) => r.seq > cursor), newSigningKey());
    const rel = `HZ-01/${String(cursor + 1).padStart(12, '0')}-${String(all.length).padStart(12, '0')}.fdsync`;
    writeFileSync(join(w.folder, rel), forged.bytes);
    const r = await expectRefused(w, rel, ['sync.bad_signature']);
    expect(r.params).toEqual({ site: 'HZ-01' });
  });

  it('refuses files of a site that is not enrolled, and of one whose key was revoked', async () => {
    const w = await applied();
    const stranger = newSigningKey();
    mkdirSync(join(w.folder, 'NB-02'));
    const rel = 'NB-02/000000000001-000000000001.fdsync';
    const row: ChangeRow = { site_id: 'nb', seq: 1, at: '2026-12-01T00:00:00.000Z', actor_id: null, operation: 'x', table_name: 'site', row_id: 'nb', kind: 'insert', before: null, after: '{"id":"nb","site_id":"nb"}', tx: null };
    writeFileSync(join(w.folder, rel), encodeBatch({ schema: 1, writer: 'nb', site: 'NB-02', prev: null }, [row], stranger).bytes);
    expect((await expectRefused(w, rel, ['sync.unknown_site'])).params).toEqual({ site: 'NB-02' });

    w.hq.store.raw.prepare("UPDATE sync_peer SET status = 'revoked' WHERE code = 'HZ-01'").run();
    await payMonth(w.site, '2026-12', w.site.rooms.r102);
    const out = await w.exportSite();
    const snap = snapshotStore(w.hq).receipt;
    const got = await w.importHq();
    expect(got.refused.map((x) => x.reason)).toEqual(['sync.revoked_site']);
    expect(got.refused[0]!.file).toBe(out.files[0]);
    expect(snapshotStore(w.hq).receipt).toBe(snap);
  });

  it('refuses a truncated file and a bit-flipped one; the site writes the refused range again and it is then applied', async () => {
    const w = await applied();
    await payMonth(w.site, '2026-12', w.site.rooms.r102);
    const out = await w.exportSite();
    const rel = out.files[0]!;
    const path = join(w.folder, rel);
    const good = readFileSync(path);
    writeFileSync(path, good.subarray(0, Math.floor(good.length * 0.6)));
    expect((await expectRefused(w, rel, ['sync.damaged'])).params.detail).toBeTruthy();

    // the site notices its file is gone and writes the very same bytes again
    expect((await w.exportSite()).rewritten).toEqual([rel]);
    expect(readFileSync(path)).toEqual(good);
    // now a single bit flipped in the middle
    const flipped = Buffer.from(good);
    const mid = Math.floor(flipped.length / 2);
    flipped[mid] = flipped[mid]! ^ 0x04;
    writeFileSync(path, flipped);
    w.hq.store.raw.exec('DELETE FROM sync_refusal');
    await expectRefused(w, rel, ['sync.damaged', 'sync.bad_hash', 'sync.bad_signature', 'sync.bad_format', 'sync.bad_rows']);

    expect((await w.exportSite()).rewritten).toEqual([rel]);
    const got = await w.importHq();
    expect(got.applied.map((a) => a.file)).toEqual([rel]);
    expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
  });

  it('refuses a second, different file for a range already applied (a fork), keeping what was applied', async () => {
    const w = await applied();
    const all = siteRows(w);
    const receiptInsert = all.find((r) => r.table_name === 'receipt' && r.kind === 'insert')!;
    const tampered = all.map((r) => (r === receiptInsert ? { ...r, after: r.after!.replace('"total":', '"payer":"假","total":') } : r));
    // signed with the site's own key: a site PC restored from an old backup would do this
    const fork = encodeBatch({ schema: w.site.app.store.version, writer: w.siteId, site: 'HZ-01', prev: null }, tampered, w.siteKey);
    writeFileSync(join(w.folder, w.file), fork.bytes);
    const r = await expectRefused(w, w.file, ['sync.fork']);
    expect(r.params).toEqual({ site: 'HZ-01', from: 1, to: all.length });
    expect(rows(w.hq, 'SELECT payer FROM receipt WHERE site_id = ?', w.siteId)).toEqual(rows(w.site.app, 'SELECT payer FROM receipt'));
  });

  it('holds a file from a newer version where it lies, applying nothing, until this PC is upgraded', async () => {
    const w = await applied();
    await payMonth(w.site, '2026-12', w.site.rooms.r102);
    const all = siteRows(w);
    const cursor = rows<{ m: number }>(w.hq, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', w.siteId)[0]!.m;
    const prev = rows<{ hash: string }>(w.hq, "SELECT hash FROM sync_batch WHERE direction = 'in'")[0]!.hash;
    const newer = encodeBatch({ schema: w.hq.store.version + 1, writer: w.siteId, site: 'HZ-01', prev }, all.filter((r) => r.seq > cursor), w.siteKey);
    const rel = `HZ-01/${String(cursor + 1).padStart(12, '0')}-${String(all.length).padStart(12, '0')}.fdsync`;
    writeFileSync(join(w.folder, rel), newer.bytes);
    const snap = snapshotStore(w.hq);
    const got = await w.importHq();
    expect(got).toEqual({
      applied: [], duplicates: 1, refused: [],
      waiting: [{ site: 'HZ-01', reason: 'sync.newer_schema', params: { site: 'HZ-01', found: w.hq.store.version + 1, supported: w.hq.store.version } }],
    });
    expect(existsSync(join(w.folder, rel))).toBe(true);
    expect(snapshotStore(w.hq)).toEqual(snap);
  });

  it('fails a signed file whole when it reaches beyond its writer\'s own site data (another site\'s rows, the store\'s own bookkeeping)', async () => {
    const w = await applied();
    const cursor = rows<{ m: number }>(w.hq, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', w.siteId)[0]!.m;
    const prev = rows<{ hash: string }>(w.hq, "SELECT hash FROM sync_batch WHERE direction = 'in'")[0]!.hash;
    const at = '2026-12-01T03:00:00.000Z';
    const good: ChangeRow = { site_id: w.siteId, seq: cursor + 1, at, actor_id: null, operation: 'x', table_name: 'setting', row_id: 'set-1', kind: 'insert', before: null, after: JSON.stringify({ id: 'set-1', site_id: w.siteId, key: 'k', value: '1', created_at: at, updated_at: at }), tx: 't' };
    const attempts: [string, ChangeRow][] = [
      ['another site', { ...good, seq: cursor + 2, row_id: 'set-2', after: JSON.stringify({ id: 'set-2', site_id: w.hqId, key: 'k', value: '1', created_at: at, updated_at: at }) }],
      ['bookkeeping', { ...good, seq: cursor + 2, table_name: 'sync_peer', row_id: 'p', after: JSON.stringify({ id: 'p', site_id: w.siteId }) }],
      ['a column this store does not have', { ...good, seq: cursor + 2, row_id: 'set-3', after: JSON.stringify({ id: 'set-3', site_id: w.siteId, key: 'k', value: '1', colour: 'red', created_at: at, updated_at: at }) }],
      ['a row that is not the one it names', { ...good, seq: cursor + 2, row_id: 'set-4', after: JSON.stringify({ id: 'set-5', site_id: w.siteId, key: 'k', value: '1', created_at: at, updated_at: at }) }],
      ['an update of a row that is not as it was', { ...good, seq: cursor + 2, kind: 'update', row_id: w.siteId, table_name: 'site', before: JSON.stringify({ id: w.siteId, site_id: w.siteId, name: '别的名字' }), after: JSON.stringify({ id: w.siteId, site_id: w.siteId, name: '改' }) }],
    ];
    for (const [what, bad] of attempts) {
      const rel = `HZ-01/${String(cursor + 1).padStart(12, '0')}-${String(cursor + 2).padStart(12, '0')}.fdsync`;
      writeFileSync(join(w.folder, rel), encodeBatch({ schema: w.site.app.store.version, writer: w.siteId, site: 'HZ-01', prev }, [good, bad], w.siteKey).bytes);
      const snap = snapshotStore(w.hq);
      const got = await w.importHq();
      expect(got.applied, what).toEqual([]);
      expect(got.refused.map((r) => r.reason), what).toEqual(['sync.apply_failed']);
      expect(got.refused[0]!.movedTo, what).toBeNull(); // an authentic file is kept where it lies
      if (what.startsWith('a column')) expect(String(got.refused[0]!.params.detail), what).toContain('has no column colour');
      const { sync_refusal: _a, ...now } = snapshotStore(w.hq);
      const { sync_refusal: _b, ...was } = snap;
      expect(now, what).toEqual(was);
    }
  });
});

describe('sync: the folder itself', () => {
  it('says so clearly when the shared folder is missing or cannot be written, and records nothing as exported', async () => {
    const w = await syncWorld();
    const missing = join(w.folder, 'no-such-drive');
    await expect(exportChanges(w.site.app.store, { folder: missing, key: w.siteKey })).rejects.toMatchObject({ code: 'sync.folder_unreachable' });
    await expect(importFolder(w.hq.store, missing)).rejects.toMatchObject({ code: 'sync.folder_unreachable' });
    // where the site's folder should be, something that is not a folder
    writeFileSync(join(w.folder, 'HZ-01'), 'not a folder');
    await expect(w.exportSite()).rejects.toMatchObject({ code: 'sync.folder_unreachable' });
    expect(rows(w.site.app, 'SELECT count(*) AS n FROM sync_batch')).toEqual([{ n: 0 }]);
    expect(readdirSync(w.folder)).toEqual(['HZ-01']);
  });

  it('ignores a temporary file left by an export cut short, and the next export completes the same file', async () => {
    const w = await syncWorld();
    mkdirSync(join(w.folder, 'HZ-01'));
    writeFileSync(join(w.folder, 'HZ-01', '.000000000001-000000000059.fdsync.4242.tmp'), Buffer.from([0x1f, 0x8b, 0x08]));
    expect(await w.importHq()).toEqual({ applied: [], duplicates: 0, refused: [], waiting: [] });
    await w.exportSite();
    expect((await w.importHq()).applied).toHaveLength(1);
    expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
  });
});
