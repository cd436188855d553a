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
import { applyRowsPg } from '../../db/headoffice-pg/apply.js';
import { onClient, pgHeldSiteLog } from '../../db/headoffice-pg/target.js';
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
  it('inserts rows by COPY verbatim: tabs, new lines, backslashes, quotes, Chinese and a value of megabytes arrive as they left', async () => {
    const w = await hqWorld();
    const hq = await openHqPg(await cluster.createDatabase('copy'), w.hq.store);
    // and one value longer than a chunk of COPY text (a megabyte), between the others
    const awkward = ['tab\there', 'line\nbreak\r\n', '长\t'.repeat(200_000), 'back\\slash \\N \\t', '"引号" 与 \\"转义\\"', '😀 表情', '\\.', ''];
    const writer = 'copy-writer';
    const sent = awkward.map((text, i) => ({ id: `r${i}`, site_id: writer, room_no: i % 2 ? null : text, remarks: `${text}\n` }));
    const changes: ChangeRow[] = sent.map((row, i) => ({
      site_id: writer, seq: i + 1, at: '2026-12-01T01:00:00.000Z', actor_id: null, operation: 'test.copy', table_name: 'room',
      row_id: row.id, kind: 'insert', before: null, after: JSON.stringify(row), tx: null,
    }));
    const client = await hq.pool.connect();
    try {
      await onClient(client).transaction().execute((trx) => applyRowsPg(trx, client, hq.tables, writer, changes));
    } finally {
      client.release();
    }
    const got = await sql<{ id: string; site_id: string; room_no: string | null; remarks: string }>`SELECT id, site_id, room_no, remarks FROM sites.room
      WHERE site_id = ${writer} ORDER BY id`.execute(hq.db);
    expect(got.rows).toEqual(sent);
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
    // the change rows (read from the files the server keeps), the cursor and the batches: every sequence once, none missing
    const hq = await openHqPg(url, w.hq.store);
    try {
      for (const s of w.sites) {
        const held = rows<ChangeRow>(w.hq, `SELECT ${LOG_COLUMNS} FROM change_log WHERE site_id = ? ORDER BY seq`, s.id);
        expect((await pgHeldSiteLog(hq, s.id)).rows).toEqual(held);
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
