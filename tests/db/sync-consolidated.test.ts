/**
 * Head office's consolidated screens read every enrolled site's imported rows the way each
 * site reads its own: complaints by site for a month match each site's own statistics, and
 * the company catalogue finds items of every site by a word or a code, each with its site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../db/sync/import.js';
import { siteMonth } from '../../db/time/site-time.js';
import { addStaff, cleanup, ok, refused, rows } from '../helpers/app.js';
import { complaint } from '../helpers/complaints.js';
import { download, readBack } from '../helpers/ledger.js';
import { feeSite } from './fees-fixture.js';
import { company, enrol, job, payMonth } from './sync-fixture.js';

afterAll(cleanup);

const item = (title: string) => ({ category: 3, cls: 4, department: '07', title, year: 2026, form: 'paper' as const });

async function twoSitesWithWork() {
  const c = await company();
  const second = await feeSite();
  await ok(second.app, second.admin, 'sync.setFolder', { folder: c.folder });
  await enrol(c.hq, c.hqAdmin, c.site, 'HZ-01', '杭州滨江服务中心');
  await enrol(c.hq, c.hqAdmin, second, 'NB-02', '宁波鄞州服务中心');
  const hz = c.site;
  const desk = (s: typeof hz) => s.receptionist.token;
  const archivist = async (s: typeof hz) => (await addStaff(s.app, s.admin, { username: 'zhao.dang', role: 'archivist' })).token;
  await ok(hz.app, desk(hz), 'complaints.create', complaint({ roomId: hz.rooms.r101 }));
  await ok(hz.app, desk(hz), 'complaints.create', complaint({ roomId: hz.rooms.r102, kind: 'repair', category: 'inunit', severity: 'urgent', matter: '厨房水管漏水' }));
  await ok(second.app, desk(second), 'complaints.create', complaint({ roomId: second.rooms.r201 }));
  await ok(hz.app, await archivist(hz), 'archives.index', item('关于消防演练的通知'));
  const nbArchivist = await archivist(second);
  await ok(second.app, nbArchivist, 'archives.index', item('消防设施年度检查报告'));
  await ok(second.app, nbArchivist, 'archives.index', item('业主大会会议纪要'));
  await payMonth(second, '2026-12', second.rooms.r101);
  for (const s of [hz, second]) await job(s.app, s.admin, 'sync.export', {});
  const got = await job(c.hq, c.hqAdmin, 'sync.import', {}) as ImportOutcome;
  expect(got.refused).toEqual([]);
  return { ...c, hz, second };
}

describe('head office: the consolidated screens', () => {
  // the three read the same company: two sites' work, exported and imported once
  let w: Awaited<ReturnType<typeof twoSitesWithWork>>;
  beforeAll(async () => {
    w = await twoSitesWithWork();
  }, 120_000);

  it('lists each site\'s complaints of a month as the site counts them itself, with the company\'s total', async () => {
    const period = siteMonth(w.hq.clock.now());
    const report = await ok(w.hq, w.hqAdmin, 'sync.complaints', { period });
    expect(report.sites.map((s) => [s.siteCode, s.total])).toEqual([['HZ-01', 2], ['NB-02', 1]]);
    const from = `${period}-01`;
    const to = `${period}-28`;
    for (const [s, code] of [[w.hz, 'HZ-01'], [w.second, 'NB-02']] as const) {
      const own = await ok(s.app, s.supervisor.token, 'complaints.stats', { from, to });
      const row = report.sites.find((x) => x.siteCode === code)!;
      expect({ total: row.total, open: row.open, closed: row.closed, onTimeRate: row.onTimeRate, satisfaction: row.satisfaction })
        .toEqual({ total: own.total, open: own.open, closed: own.closed, onTimeRate: own.onTimeRate, satisfaction: own.satisfaction });
    }
    expect(report.total.total).toBe(3);
    const escalated = rows<{ n: number }>(w.hq, "SELECT count(*) AS n FROM complaint_event WHERE event = 'escalated'")[0]!.n;
    expect(report.total.escalations).toBe(escalated);
    // a month with nothing in it is a row of zeros per site, not an error
    expect((await ok(w.hq, w.hqAdmin, 'sync.complaints', { period: '2020-01' })).total.total).toBe(0);
  });

  it('finds archive items of every site by a word or a code prefix, each with its site, and one site\'s alone', async () => {
    const two = await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text: '消防' }); // two characters: a scan
    expect(two.map((r) => [r.siteCode, r.title]).sort()).toEqual([['HZ-01', '关于消防演练的通知'], ['NB-02', '消防设施年度检查报告']]);
    const fts = await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text: '消防演练' }); // three or more: the full-text index
    expect(fts.map((r) => [r.siteCode, r.ref_code])).toEqual([['HZ-01', '3.4.07—1']]);
    const nb = await ok(w.hq, w.hqAdmin, 'sync.catalogue', { codePrefix: '3.4.07', siteCode: 'NB-02' });
    expect(nb.map((r) => r.ref_code)).toEqual(['3.4.07—1', '3.4.07—2']);
  });

  it('exports the month as one workbook: collection and complaints by site, each with the company\'s total, in the language asked', async () => {
    const period = siteMonth(w.hq.clock.now());
    const cases = await ok(w.hq, w.hqAdmin, 'sync.complaints', { period });
    const file = await ok(w.hq, w.hqAdmin, 'sync.exportMonth', { period, locale: 'zh-CN' });
    const got = await download(w.hq, w.hqAdmin, file.fileId);
    expect(got.name).toBe(`各站点汇总-${period}.xlsx`);
    const [fees, complaints] = await readBack(got.bytes);
    expect(fees!.name).toBe('收缴情况');
    expect(fees!.rows.map((r) => r[0])).toEqual(['站点', 'HZ-01 杭州滨江服务中心', 'NB-02 宁波鄞州服务中心', '合计']);
    expect(complaints!.rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ...cases.sites.map((s) => [`${s.siteCode} ${s.site}`, s.total]), ['合计', cases.total.total],
    ]);
    const en = await readBack((await download(w.hq, w.hqAdmin, (await ok(w.hq, w.hqAdmin, 'sync.exportMonth', { period, locale: 'en-US' })).fileId)).bytes);
    expect(en.map((sh) => sh.name)).toEqual(['Collection', 'Complaints']);
  });

  it('looks into one site: its cases of the month as the site lists them, and its receipts; an unknown site is named in the refusal', async () => {
    const period = siteMonth(w.hq.clock.now());
    const cases = await ok(w.hq, w.hqAdmin, 'sync.siteCases', { siteCode: 'HZ-01', period });
    const own = rows<{ case_no: string }>(w.hz.app, 'SELECT case_no FROM complaint_case ORDER BY received_at, rowid');
    expect(cases.map((c) => c.case_no)).toEqual(own.map((c) => c.case_no));
    expect(cases.map((c) => [c.kind, c.room_code])).toEqual([['complaint', '1-1-101'], ['repair', '1-1-102']]);
    expect(await ok(w.hq, w.hqAdmin, 'sync.siteCases', { siteCode: 'NB-02', period: '2020-01' })).toEqual([]);
    const receipts = await ok(w.hq, w.hqAdmin, 'sync.siteReceipts', { siteCode: 'NB-02', period });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ roomCode: '1-1-101', voided: 0 });
    expect(receipts.map((r) => r.number)).toEqual(rows<{ number: string }>(w.second.app, 'SELECT number FROM receipt ORDER BY number').map((r) => r.number));
    const unknown = await refused(w.hq, w.hqAdmin, 'sync.siteCases', { siteCode: 'XX-99', period });
    expect([unknown.code, unknown.message['zh-CN']]).toEqual(['sync.unknown_peer', expect.stringContaining('XX-99')]);
  });

  it('exports the company catalogue the search finds, every site\'s items with their site, as a job, in the language asked', async () => {
    const all = await job(w.hq, w.hqAdmin, 'sync.exportCatalogue', { locale: 'zh-CN' }) as { fileId: string; items: number };
    expect(all.items).toBe(3);
    const got = await download(w.hq, w.hqAdmin, all.fileId);
    expect(got.name).toMatch(/^公司档案目录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [sheet] = await readBack(got.bytes);
    expect(sheet!.name).toBe('档案目录');
    expect(sheet!.rows[0]!.slice(0, 3)).toEqual(['站点', '档号', '题名']);
    expect(sheet!.rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[7]])).toEqual([
      ['HZ-01 杭州滨江服务中心', '3.4.07—1', '关于消防演练的通知', '30年', '在库'],
      ['NB-02 宁波鄞州服务中心', '3.4.07—1', '消防设施年度检查报告', '30年', '在库'],
      ['NB-02 宁波鄞州服务中心', '3.4.07—2', '业主大会会议纪要', '30年', '在库'],
    ].map((r) => [r[0], r[1], r[2], expect.any(String), r[4]]));
    // what the screen's search found, and nothing else
    const fire = await job(w.hq, w.hqAdmin, 'sync.exportCatalogue', { locale: 'en-US', text: '消防', siteCode: 'NB-02' }) as { fileId: string; items: number };
    const [en] = await readBack((await download(w.hq, w.hqAdmin, fire.fileId)).bytes);
    expect([en!.name, en!.rows[0]![0], en!.rows.length]).toEqual(['Catalogue', 'Site', 2]);
    expect(en!.rows[1]!.slice(1, 3)).toEqual(['3.4.07—1', '消防设施年度检查报告']);
  });

  it('looks into one site\'s rooms in the registry\'s order, with who lives there and what each still owes', async () => {
    const list = await ok(w.hq, w.hqAdmin, 'sync.siteRooms', { siteCode: 'NB-02' });
    const own = rows<{ code: string }>(w.second.app, 'SELECT code FROM room');
    expect(list.map((r) => r.code).sort()).toEqual(own.map((r) => r.code).sort());
    const owedSql = 'SELECT room_id, sum(owed) AS owed FROM bill_open WHERE owed > 0 GROUP BY room_id';
    const owedAtSite = rows<{ room_id: string; owed: number }>(w.second.app, owedSql);
    for (const r of list) expect(r.owed, r.code).toBe(owedAtSite.find((o) => o.room_id === r.id)?.owed ?? 0);
    const occupants = rows<{ room_id: string; name: string }>(w.second.app, 'SELECT room_id, name FROM occupant WHERE move_out IS NULL');
    for (const o of occupants) expect(list.find((r) => r.id === o.room_id)!.occupants).toContain(o.name);
    const one = await ok(w.hq, w.hqAdmin, 'sync.siteRooms', { siteCode: 'NB-02', text: '1-1-101' });
    expect(one.map((r) => r.code)).toEqual(['1-1-101']);
  });

  it('is head office\'s alone: a site is refused, and changes nothing', async () => {
    expect((await refused(w.hz.app, w.hz.admin, 'sync.complaints', { period: '2026-12' })).code).toBe('sync.not_head_office');
    expect((await refused(w.hz.app, w.hz.admin, 'sync.catalogue', { text: '消防' })).code).toBe('sync.not_head_office');
    expect((await refused(w.hz.app, w.hz.admin, 'sync.siteRooms', { siteCode: 'HZ-01' })).code).toBe('sync.not_head_office');
    expect((await refused(w.hz.app, w.hz.admin, 'sync.exportCatalogue', { locale: 'zh-CN' })).code).toBe('sync.not_head_office');
  });

  // last: it files more items at both sites
  it('lists a word across the company newest year first, whichever site filed it, found in title or remarks, on the screen and in its export; with one site chosen, as that site lists them', async () => {
    const hzArchivist = (await addStaff(w.hz.app, w.hz.admin, { username: 'qian.dang', role: 'archivist' })).token;
    const nbArchivist = (await addStaff(w.second.app, w.second.admin, { username: 'qian.dang', role: 'archivist' })).token;
    await ok(w.hz.app, hzArchivist, 'archives.index', { ...item('电梯年检报告'), year: 2019 });
    await ok(w.second.app, nbArchivist, 'archives.index', { ...item('电梯年检报告'), year: 2024 });
    await ok(w.hz.app, hzArchivist, 'archives.index', { ...item('电梯维保合同'), year: 2022, remarks: '附电梯年检报告' });
    for (const s of [w.hz, w.second]) await job(s.app, s.admin, 'sync.export', {});
    expect((await job(w.hq, w.hqAdmin, 'sync.import', {}) as ImportOutcome).refused).toEqual([]);
    const newestYearFirst = [['NB-02', 2024, '电梯年检报告'], ['HZ-01', 2022, '电梯维保合同'], ['HZ-01', 2019, '电梯年检报告']];
    for (const text of ['电梯年检', '年检']) { // the trigram index, and a scan for a word of two characters
      const found = await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text });
      expect(found.map((r) => [r.siteCode, r.year, r.title]), text).toEqual(newestYearFirst);
    }
    expect((await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text: '电梯年检', limit: 2 })).map((r) => r.year)).toEqual([2024, 2022]);
    // the export of the same search lists what the screen lists, in the screen's order
    const book = await job(w.hq, w.hqAdmin, 'sync.exportCatalogue', { locale: 'zh-CN', text: '电梯年检' }) as { fileId: string; items: number };
    const [sheet] = await readBack((await download(w.hq, w.hqAdmin, book.fileId)).bytes);
    expect(sheet!.rows.slice(1).map((r) => [String(r[0]).split(' ')[0], Number(r[3]), r[2]])).toEqual(newestYearFirst);
    // one site chosen: its items as its own catalogue search lists them, the last filed first
    const hz = await ok(w.hq, w.hqAdmin, 'sync.catalogue', { text: '电梯年检', siteCode: 'HZ-01' });
    expect(hz.map((r) => r.year)).toEqual([2022, 2019]);
    expect(hz.map((r) => r.id)).toEqual((await ok(w.hz.app, hzArchivist, 'archives.search', { text: '电梯年检' })).map((r) => r.id));
  });
});
