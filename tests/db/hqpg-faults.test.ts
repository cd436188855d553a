import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, ok, rows } from '../helpers/app.js';
import { startCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { AppError } from '../../db/errors.js';
import { importFolder, importInto } from '../../db/sync/import.js';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { pgTarget } from '../../db/headoffice-pg/target.js';
import { pgCollection } from '../../db/headoffice-pg/queries.js';
import { exportChanges } from '../../db/sync/export.js';
import { encodeBatch } from '../../db/sync/batch-file.js';
import type { ChangeRow } from '../../db/sync/rules.js';
import { payMonth } from './sync-fixture.js';
import { hqWorld, pgTables, sqliteTables, type HqWorld } from './hqpg-fixture.js';

let cluster: PgCluster;
beforeAll(async () => { cluster = await startCluster(); }, 60_000);
afterAll(() => cluster?.destroy());
afterEach(cleanup);

const filesOf = (w: HqWorld) => w.sites.flatMap((s) => readdirSync(join(w.folder, s.code)).filter((f) => f.endsWith('.fdsync')).map((f) => `${s.code}/${f}`)).sort();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function expectSameAsSqlite(w: HqWorld, url: string) {
  await importFolder(w.hq.store, w.folder);
  for (const s of w.sites) expect(await pgTables(url, w.hq, s.id)).toEqual(sqliteTables(w.hq, s.id));
}

describe('head office on PostgreSQL: faults say what happened, keep the files, and the next run continues', () => {
  it('refuses clearly a server that is down at start, a wrong password and a database of a newer program; then shows the SQLite figures', async () => {
    const w = await hqWorld();
    const url = await cluster.createDatabase('faults_start');
    const files = filesOf(w);

    cluster.stop();
    try {
      const down = await refusal(openHqPg(url, w.hq.store));
      expect(down.code).toBe('hqpg.unreachable');
      expect(down.toApiError().message['zh-CN']).toContain('无法连接');
      expect(down.toApiError().message['en-US']).toContain('cannot be reached');
    } finally {
      cluster.start();
    }
    expect(filesOf(w)).toEqual(files);

    const wrong = await refusal(openHqPg(cluster.url('faults_start', 'not-the-password'), w.hq.store));
    expect(wrong.code).toBe('hqpg.auth_failed');
    expect(wrong.toApiError().message['zh-CN']).toContain('用户名或密码不对');

    const hq = await openHqPg(url, w.hq.store);
    try {
      const out = await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder);
      expect(out.refused).toEqual([]);
      expect(out.applied.length).toBe(files.length);
      await expectSameAsSqlite(w, url);
      // the consolidated month from the server is the SQLite head office's, figure for figure
      for (const period of ['2026-10', '2026-11']) {
        const want = await ok(w.hq, w.hqAdmin, 'sync.collection', { period });
        expect(want.sites.some((s) => s.paid > 0)).toBe(true);
        expect(await pgCollection(hq, period, want.sites.map((s) => s.siteCode))).toEqual(want.sites);
      }
      // this PC pointed at the server from the sync screen: tried first, kept in its data folder only
      const bad = await w.hq.call(w.hqAdmin, 'sync.pgSave', { url: cluster.url('faults_start', 'wrong') });
      expect(bad.envelope).toMatchObject({ ok: false, error: { code: 'hqpg.auth_failed' } });
      expect((await ok(w.hq, w.hqAdmin, 'sync.pgStatus', {})).configured).toBe(false);
      await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url });
      const file = join(dirname(w.hq.store.file), 'headoffice-pg.url');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.stringify(rows(w.hq, 'SELECT * FROM change_log'))).not.toContain(cluster.password);
      expect(await ok(w.hq, w.hqAdmin, 'sync.pgStatus', {})).toMatchObject({ configured: true, source: 'file', ok: true, url: expect.stringContaining('***') });
      for (const period of ['2026-10', '2026-11']) {
        const fromSqlite = (await pgCollection(hq, period, w.sites.map((x) => x.code)));
        expect((await ok(w.hq, w.hqAdmin, 'sync.collection', { period })).sites).toEqual(fromSqlite);
      }
      // the other consolidated screens read the server too (hqpg-reads proves each, figure for figure)
      await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url: '' });
      const local = await ok(w.hq, w.hqAdmin, 'sync.complaints', { period: '2026-12' });
      await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url });
      expect(await ok(w.hq, w.hqAdmin, 'sync.complaints', { period: '2026-12' })).toEqual(local);
      await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url: '' });
    } finally {
      await hq.close();
    }

    // a database written by a newer program is refused before anything is touched
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("INSERT INTO hq.kysely_migration (name, timestamp) VALUES ('2099_01_01_0099_future', now())");
    await c.end();
    const newer = await refusal(openHqPg(url, w.hq.store));
    expect(newer.code).toBe('hqpg.newer_schema');
    expect(newer.toApiError().message['en-US']).toContain('2099_01_01_0099_future');
  }, 180_000);

  it('stops cleanly when the server goes down mid-import or the connection drops mid-transaction: nothing half-applied, the next run continues', async () => {
    const w = await hqWorld();
    const url = await cluster.createDatabase('faults_mid');
    const files = filesOf(w);

    // the server stops as the third file is taken
    let hq = await openHqPg(url, w.hq.store);
    const stopped = await refusal(importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder, { onProgress: (done) => { if (done === 3) cluster.stop(); } }));
    await hq.close().catch(() => {});
    cluster.start();
    expect(['hqpg.connection_lost', 'hqpg.unreachable']).toContain(stopped.code);
    expect(stopped.toApiError().message['zh-CN']).toMatch(/文件(原样)?保留/);
    expect(filesOf(w)).toEqual(files);

    hq = await openHqPg(url, w.hq.store);
    try {
      // what the server took before it stopped (two sites are applied side by side: one or two batches of each, whole)
      const held = Number((await hq.db.selectFrom('hq.batch').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(held).toBeLessThanOrEqual(3);
      const next = await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder);
      expect(next.applied.length).toBe(files.length - held);
      expect(next.duplicates).toBe(held);

      // the connection dropped while a batch's transaction waits on the site's cursor
      const s = w.sites[0]!;
      await payMonth(s.site, '2026-12', s.site.rooms.r201);
      await exportChanges(s.site.app.store, { folder: w.folder, key: s.key, maxRows: 40 });
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT seq FROM hq.cursor WHERE site_id = $1 FOR UPDATE', [s.id]);
        const cursor = async () => (await hq.db.selectFrom('hq.cursor').select('seq').where('site_id', '=', s.id).executeTakeFirstOrThrow()).seq;
        const before = await cursor();
        const running = refusal(importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder));
        const waiting = await vi.waitFor(async () => {
          const r = await blocker.query("SELECT pid FROM pg_stat_activity WHERE datname = 'faults_mid' AND wait_event_type = 'Lock'");
          expect(r.rows).toHaveLength(1);
          return r.rows[0].pid as number;
        }, { timeout: 20_000, interval: 50 });
        await blocker.query('SELECT pg_terminate_backend($1)', [waiting]);
        const dropped = await running;
        expect(dropped.code).toBe('hqpg.connection_lost');
        expect(dropped.toApiError().message['en-US']).toContain('rolled back whole');
        await blocker.query('ROLLBACK');
        expect(await cursor()).toBe(before);
        const kept = await sql<{ m: number }>`SELECT max(seq_to)::int AS m FROM hq.batch WHERE site_id = ${s.id}`.execute(hq.db);
        expect(kept.rows[0]!.m).toBe(before);
      } finally {
        await blocker.end();
      }
      const resumed = await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder);
      expect(resumed.applied.length).toBeGreaterThan(0);
      expect(resumed.refused).toEqual([]);
    } finally {
      await hq.close();
    }
    await expectSameAsSqlite(w, url);
  }, 180_000);
  it('fails a signed file whole on the server when an insert names a column the server lacks or is not the row it names', async () => {
    const w = await hqWorld();
    const url = await cluster.createDatabase('faults_rows');
    const hq = await openHqPg(url, w.hq.store);
    try {
      expect((await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder)).refused).toEqual([]);
      const s = w.sites[0]!;
      const last = rows<{ seq_to: number; hash: string }>(s.site.app, "SELECT seq_to, hash FROM sync_batch WHERE direction = 'out' ORDER BY seq_to DESC LIMIT 1")[0]!;
      const at = '2026-12-01T03:00:00.000Z';
      const setting = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, site_id: s.id, key: `k-${id}`, value: '1', created_at: at, updated_at: at, ...extra });
      const good: ChangeRow = { site_id: s.id, seq: last.seq_to + 1, at, actor_id: null, operation: 'x', table_name: 'setting', row_id: 'set-1', kind: 'insert', before: null, after: setting('set-1'), tx: 't' };
      const attempts: [string, ChangeRow, string][] = [
        ['a column the server does not have', { ...good, seq: last.seq_to + 2, row_id: 'set-2', after: setting('set-2', { colour: 'red' }) }, 'has no column colour'],
        ['a row that is not the one it names', { ...good, seq: last.seq_to + 2, row_id: 'set-3', after: setting('set-4') }, 'after is not row set-3 of this writer'],
        ['another site\'s row', { ...good, seq: last.seq_to + 2, row_id: 'set-5', after: setting('set-5', { site_id: w.sites[1]!.id }) }, 'after is not row set-5 of this writer'],
      ];
      for (const [what, bad, detail] of attempts) {
        const name = `${String(last.seq_to + 1).padStart(12, '0')}-${String(last.seq_to + 2).padStart(12, '0')}.fdsync`;
        writeFileSync(join(w.folder, s.code, name), encodeBatch({ schema: s.site.app.store.version, writer: s.id, site: s.code, prev: last.hash }, [good, bad], s.key).bytes);
        const before = await pgTables(url, w.hq, s.id);
        const out = await importInto(pgTarget(hq, w.hq.store), w.hq.store, w.folder);
        expect(out.applied, what).toEqual([]);
        expect(out.refused.map((r) => r.reason), what).toEqual(['sync.apply_failed']);
        expect(String(out.refused[0]!.params.detail), what).toContain(detail);
        expect(await pgTables(url, w.hq, s.id), what).toEqual(before);
        const kept = await hq.db.selectFrom('hq.batch').select((eb) => eb.fn.max('seq_to').as('m')).where('site_id', '=', s.id).executeTakeFirst();
        expect(Number(kept?.m), what).toBe(last.seq_to);
      }
    } finally {
      await hq.close();
    }
  });
});
