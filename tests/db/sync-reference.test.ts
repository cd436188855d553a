/**
 * Reference data back from head office, and receipt numbers unique across the company:
 * head office owns fee items and rates (and the archive scheme, complaint categories,
 * notices); it publishes them as a signed batch; two sites verify and apply them with
 * capture off, adopting their own rows of the same code without renumbering; a site's own
 * change to a head-office row is refused by the store; site-local rows stay the site's.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../db/sync/import.js';
import { HEAD_OFFICE_TABLES } from '../../db/sync/reference.js';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';
import { company, enrol, job, logOf, payMonth } from './sync-fixture.js';

afterEach(cleanup);

async function twoSites() {
  const c = await company();
  const second = await feeSite();
  await ok(second.app, second.admin, 'sync.setFolder', { folder: c.folder });
  await enrol(c.hq, c.hqAdmin, c.site, 'HZ-01', '杭州滨江服务中心');
  await enrol(c.hq, c.hqAdmin, second, 'NB-02', '宁波鄞州服务中心');
  return { ...c, second };
}

const siteIdOf = (app: Parameters<typeof rows>[0]) => rows<{ id: string }>(app, 'SELECT local_site_id AS id FROM store_identity')[0]!.id;

describe('sync: reference data from head office', () => {
  it('numbers two enrolled sites\' receipts with their codes, so head office holds both without a clash, each still gapless', async () => {
    const w = await twoSites();
    expect(await payMonth(w.site, '2026-11', w.site.rooms.r101)).toBe('SJ-HZ-01-2026-000001');
    expect(await payMonth(w.second, '2026-11', w.second.rooms.r101)).toBe('SJ-NB-02-2026-000001');
    expect(await payMonth(w.site, '2026-12', w.site.rooms.r102)).toBe('SJ-HZ-01-2026-000002');
    await job(w.site.app, w.site.admin, 'sync.export', {});
    await job(w.second.app, w.second.admin, 'sync.export', {});
    const got = await job(w.hq, w.hqAdmin, 'sync.import', {}) as ImportOutcome;
    expect(got.refused).toEqual([]);
    expect(rows(w.hq, 'SELECT number FROM receipt ORDER BY number')).toEqual([
      { number: 'SJ-HZ-01-2026-000001' }, { number: 'SJ-HZ-01-2026-000002' }, { number: 'SJ-NB-02-2026-000001' },
    ]);
    // the site code is head office's assignment: the admin's settings cannot change it
    await ok(w.site.app, w.site.admin, 'settings.update', { settings: { receiptSite: 'XX' } as never });
    expect((await ok(w.site.app, w.site.admin, 'settings.get', {})).settings.receiptSite).toBe('HZ-01');
  });

  it('publishes a new fee rate that both sites apply, adopting their own item of that code; the site cannot change it, its own items stay its own', async () => {
    const w = await twoSites();
    // head office's fee items: the property fee both sites also have (adopted), and a new one
    const wyf = (await ok(w.hq, w.hqAdmin, 'fees.saveItem', { code: 'WYF', name: '物业服务费', kind: 'area', unit: 'm²' })).id;
    await ok(w.hq, w.hqAdmin, 'fees.addRate', { itemId: wyf, validFrom: '2027-01', price: '2.80' });
    await ok(w.hq, w.hqAdmin, 'sync.addNotice', { title: '春节值班安排', body: '各服务中心除夕至初三安排值班。', publishedOn: '2026-12-01' });
    const published = await job(w.hq, w.hqAdmin, 'sync.publish', {}) as { files: string[]; rows: number };
    expect(published.files).toEqual([expect.stringMatching(/^head-office\/\d{12}-\d{12}\.fdsync$/)]);
    const header = JSON.parse(gunzipSync(readFileSync(join(w.folder, published.files[0]!))).toString('utf8').split('\n')[0]!);
    expect(header).toMatchObject({ kind: 'reference', site: 'head-office', rows: published.rows });
    expect((await job(w.hq, w.hqAdmin, 'sync.publish', {}) as { files: string[] }).files).toEqual([]); // nothing new, nothing written

    for (const s of [w.site, w.second]) {
      const siteId = siteIdOf(s.app);
      const ownLog = logOf(s.app, siteId);
      const got = await job(s.app, s.admin, 'sync.receive', {}) as ImportOutcome;
      expect(got).toMatchObject({ applied: [{ site: 'head-office', file: published.files[0] }], refused: [], waiting: [] });
      // applied with capture off: nothing goes back as the site's own, but for its own item taking head office's values
      const sent = logOf(s.app, siteId);
      expect(sent.slice(0, ownLog.length)).toEqual(ownLog);
      expect(sent.slice(ownLog.length)).toEqual([expect.objectContaining({ table_name: 'fee_item', row_id: s.items.property, kind: 'update' })]);
      expect(JSON.parse(sent.at(-1)!.after!)).toMatchObject({ name: '物业服务费' });
      const items = await ok(s.app, s.admin, 'fees.items', {});
      const property = items.find((i) => i.code === 'WYF')!;
      expect(property).toMatchObject({ id: s.items.property, name: '物业服务费', fromHeadOffice: true }); // adopted: the site's id kept
      expect(property.rates.map((r) => [r.valid_from, r.price_e4])).toEqual([['2027-01', 28000], ['2026-01', 23500]]);
      expect(items.find((i) => i.code === 'LJF')).toMatchObject({ fromHeadOffice: false });
      expect(await ok(s.app, s.admin, 'sync.notices', {})).toEqual([expect.objectContaining({ title: '春节值班安排' })]);

      // the store refuses the site's own change to head office's row, in both languages; its own item stays editable
      const e = await refused(s.app, s.admin, 'fees.saveItem', { id: s.items.property, code: 'WYF', name: '改名', kind: 'area', unit: 'm²' });
      expect(e.code).toBe('sync.head_office_owned');
      expect(e.message['zh-CN']).toContain('总部');
      expect(e.message['en-US']).toContain('head office');
      await ok(s.app, s.admin, 'fees.saveItem', { id: s.items.refuse, code: 'LJF', name: '生活垃圾清运费', kind: 'fixed', unit: '月', appliesTo: 'residential' });

      // bills of 2027-01 are at head office's new rate: 89.50 m² × 2.80
      await ok(s.app, s.cashier.token, 'fees.generate', { period: '2027-01', commit: true });
      const acct = await ok(s.app, s.cashier.token, 'fees.roomAccount', { roomId: s.rooms.r101 });
      expect(acct.lines.find((l) => l.period === '2027-01' && l.itemName === '物业服务费')?.owed).toBe(25060);

      // the same file again adds nothing
      const snap = snapshotStore(s.app);
      expect(await job(s.app, s.admin, 'sync.receive', {})).toMatchObject({ applied: [], duplicates: 1 });
      expect(snapshotStore(s.app)).toEqual(snap);
    }
    expect(HEAD_OFFICE_TABLES.map((t) => t.table)).toContain('fee_rate');

    // head office's copies of the sites' adopted items follow: its name, not the sites' old ones
    for (const s of [w.site, w.second]) await job(s.app, s.admin, 'sync.export', {});
    expect(await job(w.hq, w.hqAdmin, 'sync.import', {})).toMatchObject({ refused: [], waiting: [] });
    for (const s of [w.site, w.second]) {
      expect(rows(w.hq, 'SELECT name FROM fee_item WHERE id = ?', s.items.property)).toEqual([{ name: '物业服务费' }]);
    }
  });

  it('refuses a tampered reference file at the site and applies nothing of it', async () => {
    const w = await twoSites();
    const wyf = (await ok(w.hq, w.hqAdmin, 'fees.saveItem', { code: 'WYF', name: '物业服务费', kind: 'area', unit: 'm²' })).id;
    await ok(w.hq, w.hqAdmin, 'fees.addRate', { itemId: wyf, validFrom: '2027-01', price: '2.80' });
    const published = await job(w.hq, w.hqAdmin, 'sync.publish', {}) as { files: string[] };
    const file = join(w.folder, published.files[0]!);
    writeFileSync(file, gzipSync(Buffer.from(gunzipSync(readFileSync(file)).toString('utf8').replace('28000', '98000'))));
    const snap = snapshotStore(w.site.app);
    const got = await job(w.site.app, w.site.admin, 'sync.receive', {}) as ImportOutcome;
    expect(got.applied).toEqual([]);
    expect(got.refused.map((r) => r.reason)).toEqual(['sync.bad_hash']);
    expect(readdirSync(join(w.folder, 'quarantine', 'head-office'))).toHaveLength(1);
    const after = snapshotStore(w.site.app);
    expect(after.fee_rate).toEqual(snap.fee_rate);
    // a site never receives before it has joined head office
    const lone = await feeSite();
    await ok(lone.app, lone.admin, 'sync.setFolder', { folder: w.folder });
    expect((await refused(lone.app, lone.admin, 'sync.receive', {})).code).toBe('sync.no_head_office');
  });
});
