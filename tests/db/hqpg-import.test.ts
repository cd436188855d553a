import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, rows, tempDir } from '../helpers/app.js';
import { startCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { importFolder } from '../../db/sync/import.js';
import { hqWorld, pgTables, sqliteTables } from './hqpg-fixture.js';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { sql } from 'kysely';
import { logRowsPg } from '../../db/headoffice-pg/apply.js';
import { LOG_COLUMNS, type ChangeRow } from '../../db/sync/rules.js';

let cluster: PgCluster;
beforeAll(async () => { cluster = await startCluster(); }, 60_000);
afterAll(() => cluster?.destroy());
afterEach(cleanup);

const child = fileURLToPath(new URL('./hqpg-import-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

function importInAnotherProcess(store: string, folder: string, url: string): Promise<{ applied: unknown[]; duplicates: number; refused: unknown[]; waiting: unknown[] }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, store, folder, url], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`importer exited ${code}: ${err}`))));
  });
}

describe('head office on PostgreSQL: the same files, the same consolidated tables', () => {
  it('loads change rows into the server\'s log by COPY verbatim: tabs, new lines, backslashes, quotes, Chinese and a value of megabytes arrive as they left', async () => {
    const w = await hqWorld();
    const hq = await openHqPg(await cluster.createDatabase('copy'), w.hq.store);
    // and one value longer than a chunk of COPY text (a megabyte), between the others
    const awkward = ['tab\there', 'line\nbreak\r\n', '长\t'.repeat(200_000), 'back\\slash \\N \\t', '"引号" 与 \\"转义\\"', '😀 表情', '\\.', ''];
    const sent: ChangeRow[] = awkward.map((text, i) => ({
      site_id: 'copy-writer', seq: i + 1, at: '2026-12-01T01:00:00.000Z', actor_id: i % 2 ? null : text, operation: 'test.copy', table_name: 'room',
      row_id: `r${i}`, kind: 'update', before: JSON.stringify({ remarks: text }), after: JSON.stringify({ remarks: `${text}\n` }), tx: i % 3 ? text : null,
    }));
    const client = await hq.pool.connect();
    try {
      await client.query('BEGIN');
      await logRowsPg(client, sent);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const got = await sql<ChangeRow>`SELECT ${sql.raw(LOG_COLUMNS)} FROM hq.change_log WHERE site_id = 'copy-writer' ORDER BY seq`.execute(hq.db);
    expect(got.rows.map((r) => ({ ...r, seq: Number(r.seq) }))).toEqual(sent);
    await hq.close();
  });

  it('two importer processes racing over three sites\' files apply every batch once: the server\'s tables equal the SQLite head-office store\'s, row for row', async () => {
    const w = await hqWorld();
    const url = await cluster.createDatabase('race');
    // two head-office PCs, each with its own desk store enrolling the same sites
    const dir = tempDir('front-desk-hqpcs-');
    const pcs = [join(dir, 'pc1.db'), join(dir, 'pc2.db')];
    for (const f of pcs) w.hq.store.raw.prepare('VACUUM INTO ?').run(f);

    const [a, b] = await Promise.all(pcs.map((f) => importInAnotherProcess(f, w.folder, url)));
    // between them, each batch applied exactly once; what one applied the other saw as a duplicate
    expect(a!.refused).toEqual([]);
    expect(b!.refused).toEqual([]);
    expect(a!.waiting).toEqual([]);
    expect(b!.waiting).toEqual([]);
    const total = a!.applied.length + b!.applied.length;
    expect(a!.duplicates + b!.duplicates).toBe(total);

    const local = await importFolder(w.hq.store, w.folder);
    expect(local.applied).toHaveLength(total);
    for (const s of w.sites) {
      const want = sqliteTables(w.hq, s.id);
      expect(Object.values(want).flat().length).toBeGreaterThan(20);
      expect(await pgTables(url, w.hq, s.id)).toEqual(want);
    }
    // the change log, the cursor and the batches: one row per (site, sequence), none missing
    const hq = await openHqPg(url, w.hq.store);
    try {
      for (const s of w.sites) {
        const log = await sql<ChangeRow>`SELECT ${sql.raw(LOG_COLUMNS)} FROM hq.change_log WHERE site_id = ${s.id} ORDER BY seq`.execute(hq.db);
        const held = rows<ChangeRow>(w.hq, `SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`, s.id);
        expect(log.rows.map((r) => ({ ...r, seq: Number(r.seq) }))).toEqual(held);
        const want = held.length;
        const cursor = await hq.db.selectFrom('hq.cursor').select('seq').where('site_id', '=', s.id).executeTakeFirstOrThrow();
        expect(cursor.seq).toBe(want);
      }
      const batches = await hq.db.selectFrom('hq.batch').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(batches.n)).toBe(total);
    } finally {
      await hq.close();
    }
    // and again: nothing new, nothing applied twice
    const again = await importInAnotherProcess(pcs[0]!, w.folder, url);
    expect(again.applied).toEqual([]);
    expect(again.duplicates).toBe(total);
  }, 180_000);
});
