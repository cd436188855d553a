import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, ok, rows, snapshotStore } from '../helpers/app.js';
import { complaint } from '../helpers/complaints.js';
import { beginWrite, endWrite, openStore } from '../../db/store/open.js';
import { LOG_COLUMNS, ROW_LINE_SQL, rowLine, type ChangeRow } from '../../db/sync/rules.js';
import { importFolder } from '../../db/sync/import.js';
import { savePeer } from '../../db/sync/queries.js';
import { exportedLog, logOf, payMonth, syncWorld, tablesOf } from './sync-fixture.js';

afterEach(cleanup);

const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.fdsync')).sort() : []);

describe('sync: export at the site, import at head office', () => {
  it('carries a site\'s payments to head office: the same rows, the site\'s own change rows verbatim, derived tables right, nothing logged as head office\'s', async () => {
    const w = await syncWorld();
    expect(await payMonth(w.site, '2026-11', w.site.rooms.r101)).toBe('SJ-2026-000001');
    const hqOwnLog = logOf(w.hq, w.hqId);

    const out = await w.exportSite();
    expect(out.files).toEqual([expect.stringMatching(/^HZ-01\/000000000001-\d{12}\.fdsync$/)]);
    expect(out.through).toBe(logOf(w.site.app, w.siteId).length);
    // the file: gzip, a header naming format, schema, site, range, rows, chain and body hash, then the rows, then the signature
    const text = gunzipSync(readFileSync(join(w.folder, out.files[0]!))).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(text[0]!)).toMatchObject({ format: 'front-desk-sync', version: 1, schema: w.site.app.store.version, writer: w.siteId, site: 'HZ-01', from: 1, to: out.through, rows: out.through, prev: null, body: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(text).toHaveLength(out.through + 2);
    expect(JSON.parse(text[text.length - 1]!)).toEqual({ signature: expect.any(String) });
    expect(text.join('\n')).not.toContain('scrypt$');

    const got = await w.importHq();
    expect(got).toMatchObject({ applied: [{ site: 'HZ-01', from: 1, to: out.through, rows: out.through }], duplicates: 0, refused: [], waiting: [] });
    expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
    expect(rows(w.hq, "SELECT number, total FROM receipt WHERE site_id = ?", w.siteId)).toEqual(rows(w.site.app, 'SELECT number, total FROM receipt'));
    expect(logOf(w.hq, w.siteId)).toEqual(exportedLog(w.site.app, w.siteId));
    expect(logOf(w.hq, w.hqId)).toEqual(hqOwnLog); // applying is not writing
    // a site's staff arrive without a password: they cannot sign in at head office
    expect(rows(w.hq, "SELECT DISTINCT password_hash FROM staff WHERE site_id = ?", w.siteId)).toEqual([{ password_hash: '!' }]);

    // the next export carries only what is new, chained to the first file
    await payMonth(w.site, '2026-12', w.site.rooms.r102);
    const next = await w.exportSite();
    expect(next.files).toEqual([expect.stringMatching(new RegExp(`^HZ-01/${String(out.through + 1).padStart(12, '0')}-`))]);
    const h2 = JSON.parse(gunzipSync(readFileSync(join(w.folder, next.files[0]!))).toString('utf8').split('\n')[0]!);
    expect(h2.prev).toMatch(/^[0-9a-f]{64}$/);
    expect((await w.importHq()).applied).toHaveLength(1);
    expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
    expect(await w.exportSite()).toEqual({ files: [], rows: 0, through: next.through, rewritten: [] }); // nothing new, nothing written
  });

  it('adds nothing when the same files are imported again, or copied back in', async () => {
    const w = await syncWorld();
    await payMonth(w.site, '2026-11', w.site.rooms.r101);
    await w.exportSite(20);
    const first = await w.importHq();
    expect(first.applied.length).toBeGreaterThan(1);
    const snap = snapshotStore(w.hq);
    const again = await w.importHq();
    expect(again).toEqual({ applied: [], duplicates: first.applied.length, refused: [], waiting: [] });
    expect(snapshotStore(w.hq)).toEqual(snap);
    // the site exports again from scratch (its record lost): the same ranges, the very same bytes
    const dir = join(w.folder, 'HZ-01');
    const before = Object.fromEntries(filesIn(dir).map((f) => [f, readFileSync(join(dir, f)).toString('hex')]));
    w.site.app.store.raw.exec("DELETE FROM sync_batch WHERE direction = 'out'");
    await w.exportSite(20);
    expect(Object.fromEntries(filesIn(dir).map((f) => [f, readFileSync(join(dir, f)).toString('hex')]))).toEqual(before);
    expect((await w.importHq()).applied).toEqual([]);
    expect(snapshotStore(w.hq)).toEqual(snap);
  });

  it('writes each row\'s line as JavaScript would, awkward texts included: a file written again has the very same bytes, and arrives intact', async () => {
    const w = await syncWorld();
    const { store } = w.site.app;
    const awkward = ['"引号" 与 \\ 反斜杠', 'tab\there\nnew line\r', '\u0001\u001f\u007f', '\u2028\u2029', '😀 表情', '</script>', ''];
    beginWrite(store, null, 'test.awkward');
    store.raw.transaction(() => {
      for (const text of awkward) store.raw.prepare('UPDATE room SET remarks = ? WHERE id = ?').run(text, w.site.rooms.r101);
    })();
    endWrite(store);
    const log = rows<ChangeRow & { line: string }>(w.site.app, `SELECT ${ROW_LINE_SQL} AS line, ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`, w.siteId);
    for (const r of log) expect(r.line).toBe(rowLine(r));

    const out = await w.exportSite();
    const path = join(w.folder, out.files[0]!);
    const first = readFileSync(path);
    // the file lost: written again from the log by the plain JavaScript encoder, byte for byte the same
    renameSync(path, `${path}.lost`);
    expect((await w.exportSite()).rewritten).toEqual([out.files[0]]);
    expect(readFileSync(path)).toEqual(first);
    await w.importHq();
    expect(rows(w.hq, 'SELECT remarks FROM room WHERE id = ?', w.site.rooms.r101)).toEqual([{ remarks: '' }]);
    expect(logOf(w.hq, w.siteId)).toEqual(exportedLog(w.site.app, w.siteId));
  });

  it('cuts files only between transactions: a payment never arrives without its lines', async () => {
    const w = await syncWorld();
    await payMonth(w.site, '2026-11', w.site.rooms.r101);
    await payMonth(w.site, '2026-12', w.site.rooms.r102);
    const out = await w.exportSite(7);
    expect(out.files.length).toBeGreaterThan(3);
    const log = logOf(w.site.app, w.siteId);
    const ranges = out.files.map((f) => f.match(/(\d{12})-(\d{12})/)!.slice(1).map(Number) as [number, number]);
    // contiguous, from 1 to the end
    expect(ranges[0]![0]).toBe(1);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
    expect(ranges[ranges.length - 1]![1]).toBe(log.length);
    // no transaction spans two files
    for (const [, to] of ranges.slice(0, -1)) expect(log[to - 1]!.tx, `cut after ${to}`).not.toBe(log[to]!.tx);
    // the bill run of a month (one transaction, more rows than a file holds) stays whole in one file
    const run = log.filter((r) => r.operation === 'fees.generate' && r.table_name === 'bill');
    const fileOf = (seq: number) => ranges.findIndex(([a, b]) => seq >= a && seq <= b);
    const runs = new Map<string, Set<number>>();
    for (const r of log) if (r.tx) runs.set(r.tx, (runs.get(r.tx) ?? new Set()).add(fileOf(r.seq)));
    expect([...runs.values()].every((s) => s.size === 1)).toBe(true);
    expect(run.length).toBeGreaterThan(0);
  });

  it('stops at a missing file, naming the missing range, and goes on once it arrives', async () => {
    const w = await syncWorld();
    await ok(w.site.app, w.site.admin, 'settings.update', { siteName: '滨江中心', settings: {} });
    await payMonth(w.site, '2026-11', w.site.rooms.r101);
    const out = await w.exportSite(20);
    expect(out.files.length).toBeGreaterThanOrEqual(3);
    const held = join(w.folder, '..', 'held.fdsync');
    const missing = out.files[1]!;
    const [from, to] = missing.match(/(\d{12})-(\d{12})/)!.slice(1).map(Number);
    renameSync(join(w.folder, missing), held);

    const first = await w.importHq();
    expect(first.applied).toHaveLength(1);
    expect(first.waiting).toEqual([{ site: 'HZ-01', reason: 'sync.gap', params: { site: 'HZ-01', from, to } }]);
    expect(first.refused).toEqual([]);
    expect(rows(w.hq, 'SELECT max(seq) AS m FROM change_log WHERE site_id = ?', w.siteId)).toEqual([{ m: from! - 1 }]);

    renameSync(held, join(w.folder, missing));
    const second = await w.importHq();
    expect(second.waiting).toEqual([]);
    expect(second.applied.map((a) => a.from)).toEqual(out.files.slice(1).map((f) => Number(f.match(/(\d{12})-/)![1])));
    expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
  });

  it('is not moved by a site clock set back a year: applied in sequence order, the same store at the end', async () => {
    const w = await syncWorld();
    await payMonth(w.site, '2026-11', w.site.rooms.r101);
    await w.exportSite();
    await w.importHq();
    w.site.app.clock.advance(-365 * 24 * 3600_000); // the PC's clock set back a year
    await ok(w.site.app, w.site.receptionist.token, 'registry.saveBuilding', { code: '9', name: '9栋' });
    await ok(w.site.app, w.site.admin, 'settings.update', { siteName: '滨江中心（改）', settings: {} });
    const out = await w.exportSite();
    expect(out.files).toHaveLength(1);
    const got = await w.importHq();
    expect(got.applied).toHaveLength(1);
    const log = logOf(w.hq, w.siteId);
    expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log[log.length - 1]!.at < log[0]!.at).toBe(true); // the clock went back; the order did not
    expect(tablesOf(w.hq, w.siteId)).toEqual(tablesOf(w.site.app, w.siteId));
    expect(rows(w.hq, 'SELECT name FROM site WHERE id = ?', w.siteId)).toEqual([{ name: '滨江中心（改）' }]);
  });

  it('rebuilds the site table by table: replaying every exported batch into an empty store gives the site\'s store', async () => {
    const w = await syncWorld();
    const s = w.site;
    // a little of everything: rooms, occupants (name grams), payments, a void, complaints, archive items, staff changes and lockouts
    await payMonth(s, '2026-11', s.rooms.r101);
    const r2 = await payMonth(s, '2026-11', s.rooms.r102);
    const receipt = rows<{ id: string }>(s.app, 'SELECT id FROM receipt WHERE number = ?', r2)[0]!.id;
    await ok(s.app, s.cashier.token, 'fees.void', { receiptId: receipt, reason: '收错房间', approverUsername: s.supervisor.username, approverPassword: s.supervisor.password });
    await ok(s.app, s.receptionist.token, 'registry.saveOccupant', { roomId: s.rooms.r102, kind: 'tenant', name: '欧阳娜娜', phone: '13800138000' });
    await ok(s.app, s.receptionist.token, 'complaints.create', complaint({ roomId: s.rooms.r101 }));
    const archivist = await addStaff(s.app, s.admin, { username: 'sun.li', role: 'archivist', displayName: '孙丽' });
    await ok(s.app, archivist.token, 'archives.index', { category: 3, cls: 4, department: '07', title: '关于2026年消防演练的通知', year: 2026, form: 'paper' });
    await ok(s.app, archivist.token, 'archives.index', { category: 3, cls: 4, department: '07', title: '业主大会会议纪要', year: 2026, form: 'paper' });
    await s.app.call(null, 'auth.login', { username: 'qian.min', password: 'wrong-password1' }); // a lockout counter: never leaves
    await ok(s.app, s.admin, 'staff.update', { id: s.cashier.id, displayName: '钱敏（收银）' });
    await w.exportSite(25);

    const { tempStoreFile } = await import('../helpers/app.js');
    const empty = await openStore(tempStoreFile('replay.db'));
    try {
      empty.raw.prepare("INSERT INTO store_identity (id, local_site_id, mode, created_at) VALUES (1, 'replay', 'head_office', '2026-12-01T00:00:00.000Z')").run();
      await savePeer(empty.db, { writer_id: w.siteId, code: 'HZ-01', name: 'x', role: 'site', public_key: w.siteKey.publicKey, status: 'approved' }, '2026-12-01T00:00:00.000Z');
      const got = await importFolder(empty, w.folder);
      expect(got.refused).toEqual([]);
      expect(got.waiting).toEqual([]);
      const replay = Object.assign(empty, {}) as unknown as Parameters<typeof tablesOf>[0];
      const theirs = tablesOf(replay, w.siteId);
      expect(rows(replay, 'SELECT count(*) AS n FROM receipt_void')).toEqual([{ n: 1 }]);
      expect(rows(replay, 'SELECT count(*) AS n FROM complaint_case')).toEqual([{ n: 1 }]);
      expect(rows(replay, 'SELECT count(*) AS n FROM archive_item')).toEqual([{ n: 2 }]);
      const ours = tablesOf(s.app, w.siteId);
      expect(Object.keys(theirs)).toEqual(Object.keys(ours));
      for (const t of Object.keys(ours)) expect(theirs[t], t).toEqual(ours[t]);
      expect(Object.values(ours).reduce((n, v) => n + v.length, 0)).toBeGreaterThan(100);
      expect(logOf(replay, w.siteId)).toEqual(exportedLog(s.app, w.siteId));
      // the full-text index followed too
      expect(rows(replay, "SELECT count(*) AS n FROM occupant_fts WHERE occupant_fts MATCH '欧阳娜'")).toEqual([{ n: 1 }]);
    } finally {
      await empty.close();
    }
  });
});
