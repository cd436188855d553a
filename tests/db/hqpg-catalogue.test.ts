/**
 * With the server configured, head office's company catalogue reads the server's report view:
 * the same items, with their sites, as the head-office SQLite store finds for the same search,
 * and a restricted item is veiled or hidden for those who may not open it, as the store does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { pgTarget } from '../../db/headoffice-pg/target.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder, importInto } from '../../db/sync/import.js';
import { VEILED_TITLE } from '../../db/archives/shared.js';
import { addStaff, cleanup, ok } from '../helpers/app.js';
import { startCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { hqWorld } from './hqpg-fixture.js';

let cluster: PgCluster;
beforeAll(async () => { cluster = await startCluster(); }, 60_000);
afterAll(() => cluster?.destroy());
afterEach(cleanup);

const item = (title: string, extra: { department?: string; confidentiality?: 'restricted' } = {}) =>
  ({ category: 3, cls: 4, department: extra.department ?? '07', title, year: 2026, form: 'paper' as const, ...extra });

describe('the company catalogue on PostgreSQL', () => {
  it('finds what the head-office store finds, by a word or a code, each item with its site; a restricted title veiled for the administrator', async () => {
    const w = await hqWorld();
    for (const [n, titles] of [[0, ['关于消防演练的通知', '电梯维保合同']], [2, ['消防设施年度检查报告']]] as const) {
      const s = w.sites[n]!;
      const archivist = (await addStaff(s.site.app, s.site.admin, { username: 'zhao.dang', role: 'archivist' })).token;
      for (const title of titles) await ok(s.site.app, archivist, 'archives.index', item(title));
      await ok(s.site.app, archivist, 'archives.index', item('消防安全责任人名单', { department: '08', confidentiality: 'restricted' }));
      await exportChanges(s.site.app.store, { folder: w.folder, key: s.key, maxRows: 40 });
    }
    const url = await cluster.createDatabase('catalogue');
    const server = await openHqPg(url, w.hq.store);
    try {
      expect((await importInto(pgTarget(server, w.hq.store), w.hq.store, w.folder)).refused).toEqual([]);
    } finally {
      await server.close();
    }
    await importFolder(w.hq.store, w.folder);

    const searches = [{ text: '消防' }, { codePrefix: '3.4.07' }, { codePrefix: '3.4', siteCode: 'NB-01' }];
    const local = [];
    for (const s of searches) local.push(await ok(w.hq, w.hqAdmin, 'sync.catalogue', s));
    await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url });
    const key = (r: { siteCode: string; ref_code: string; title: string | null }) => `${r.siteCode} ${r.ref_code} ${r.title ?? ''}`;
    for (const [n, s] of searches.entries()) {
      const fromServer = await ok(w.hq, w.hqAdmin, 'sync.catalogue', s);
      expect(fromServer.map(key), JSON.stringify(s)).toEqual(local[n]!.map(key));
    }
    expect((await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text: '消防' })).map((r) => r.siteCode).sort()).toEqual(['HZ-01', 'NB-01']);
    // the restricted items: listed by code under their department, their title veiled for the administrator (no archive rights)
    const restricted = await ok(w.hq, w.hqAdmin, 'sync.catalogue', { codePrefix: '3.4.08' });
    expect(restricted.map((r) => [r.siteCode, r.ref_code, r.title])).toEqual([['HZ-01', '3.4.08—1', VEILED_TITLE], ['NB-01', '3.4.08—1', VEILED_TITLE]]);
    expect(await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text: '责任人' })).toEqual([]);
    await ok(w.hq, w.hqAdmin, 'sync.pgSave', { url: '' });
  }, 120_000);
});
