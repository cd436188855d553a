/**
 * Rough sync figures (not yet part of `npm run bench`): export and import of N room rows
 * written under capture in transactions of 5,000, against raw better-sqlite3 reading the
 * same change rows. Run: npx tsx tests/bench/sync-figures.ts [N]
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../db/api/app.js';
import { fakeClock } from '../../db/clock.js';
import { beginWrite, endWrite } from '../../db/store/open.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder } from '../../db/sync/import.js';
import { newSigningKey } from '../../db/sync/keys.js';
import { savePeer } from '../../db/sync/queries.js';
import { uuidv7 } from '../../db/ids.js';

const N = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'fd-sync-bench-'));
const clock = fakeClock('2026-12-01T01:00:00.000Z');
const site = await createApp(join(dir, 'site.db'), { clock });
await site.call(null, 'setup.init', { siteCode: 'HZ-01', siteName: '滨江', adminUsername: 'admin', adminDisplayName: '王', password: 'Admin2026' });
const siteId = (site.store.raw.prepare('SELECT local_site_id FROM store_identity').get() as { local_site_id: string }).local_site_id;
const t = clock.now().toISOString();
site.store.raw.prepare("INSERT INTO building (id, site_id, code, name, remarks, created_at, updated_at) VALUES ('b1', ?, '1', '1栋', '', ?, ?)").run(siteId, t, t);
const ins = site.store.raw.prepare(`INSERT INTO room (id, site_id, building_id, unit_id, room_no, code, code_digits, floor, area_centi, usage, state, remarks, created_at, updated_at)
  VALUES (?, ?, 'b1', NULL, ?, ?, ?, ?, 8950, 'residential', 'occupied', '', ?, ?)`);
let w = performance.now();
for (let i = 0; i < N; i += 5000) {
  beginWrite(site.store, null, 'bench.rooms');
  site.store.raw.transaction(() => {
    for (let j = i; j < Math.min(N, i + 5000); j++) ins.run(uuidv7(), siteId, `${j}`, `1-${j}`, `1${j}`, Math.floor(j / 100), t, t);
  })();
  endWrite(site.store);
}
console.log(`wrote ${N} rooms under capture: ${((performance.now() - w) / 1000).toFixed(1)} s`);

const share = join(dir, 'share');
mkdirSync(share);
const key = newSigningKey();
w = performance.now();
const out = await exportChanges(site.store, { folder: share, key });
const exportS = (performance.now() - w) / 1000;
// raw: read, serialise, gzip the same rows
w = performance.now();
const rows = site.store.raw.prepare('SELECT * FROM change_log WHERE site_id = ? ORDER BY seq').all(siteId);
gzipSync(Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')), { level: 6 });
const rawS = (performance.now() - w) / 1000;
console.log(`export: ${out.rows} change rows in ${out.files.length} files, ${exportS.toFixed(2)} s (${Math.round(out.rows / exportS)} rows/s); raw read+JSON+gzip ${rawS.toFixed(2)} s; ratio ${(exportS / rawS).toFixed(2)}`);

const hq = await createApp(join(dir, 'hq.db'), { clock });
await hq.call(null, 'setup.init', { siteCode: 'HQ', siteName: '总部', adminUsername: 'admin', adminDisplayName: '王', password: 'Admin2026', mode: 'head_office' });
await savePeer(hq.store.db, { writer_id: siteId, code: 'HZ-01', name: '滨江', role: 'site', public_key: key.publicKey, status: 'approved' }, t);
// raw: the same rows, parsed from JSON lines and inserted with their log rows, one transaction, on a copy of the same store
const copy = join(dir, 'raw.db');
hq.store.raw.prepare('VACUUM INTO ?').run(copy);
const raw = new Database(copy);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
for (const f of ['fd_now', 'fd_actor', 'fd_op', 'fd_tx', 'fd_id']) raw.function(f, { deterministic: false }, () => null);
raw.function('fd_capturing', { deterministic: false }, () => 0);
const lines = rows.map((r) => JSON.stringify(r));
w = performance.now();
const logIns = raw.prepare('INSERT INTO change_log (site_id, seq, at, actor_id, operation, table_name, row_id, kind, before, after, tx) VALUES (@site_id, @seq, @at, @actor_id, @operation, @table_name, @row_id, @kind, @before, @after, @tx)');
const stmts = new Map<string, Database.Statement>();
raw.transaction(() => {
  for (const line of lines) {
    const r = JSON.parse(line) as Record<string, string | number | null>;
    const o = JSON.parse(String(r.after)) as Record<string, unknown>;
    if (r.table_name === 'staff') o.password_hash = '!';
    const keys = Object.keys(o);
    const sql = `INSERT INTO "${r.table_name}" (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
    let st = stmts.get(sql);
    if (!st) stmts.set(sql, (st = raw.prepare(sql)));
    if (r.kind === 'insert') st.run(...keys.map((k) => o[k]));
    logIns.run(r);
  }
})();
const rawImportS = (performance.now() - w) / 1000;
raw.close();

w = performance.now();
const got = await importFolder(hq.store, share);
const importS = (performance.now() - w) / 1000;
const applied = got.applied.reduce((n, a) => n + a.rows, 0);
console.log(`import: ${applied} change rows applied in ${importS.toFixed(2)} s (${Math.round(applied / importS)} rows/s), refused ${got.refused.length}; raw parse+insert+log ${rawImportS.toFixed(2)} s (${Math.round(lines.length / rawImportS)} rows/s); ratio ${(importS / rawImportS).toFixed(2)}`);
await site.close();
await hq.close();
rmSync(dir, { recursive: true, force: true });
