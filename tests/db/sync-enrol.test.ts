/**
 * Head-office mode and enrolment through the API, two real stores and a shared folder:
 * head office invites a service centre, the site joins with its own key, head office
 * approves only the fingerprint read out by phone, the site exports as a job, head office
 * imports as a job and acknowledges, the collection report across sites equals the site's
 * own, a revoked key is refused, and private keys never enter a store.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../db/sync/import.js';
import { KEY_FILE } from '../../db/sync/keys.js';
import { cleanup, createTestApp, ok, refused, rows, setupSite, tableNames, tempDir } from '../helpers/app.js';
import { company, job, payMonth, tablesOf } from './sync-fixture.js';

afterEach(cleanup);

describe('sync: enrolment and head-office mode', () => {
  it('enrols a site by invitation, reply and a fingerprint compared by phone; then carries its payments to head office and acknowledges them', async () => {
    const { folder, hq, hqAdmin, site } = await company();
    expect(rows(hq, 'SELECT mode FROM store_identity')).toEqual([{ mode: 'head_office' }]);
    expect((statSync(join(hq.dir, KEY_FILE)).mode & 0o077)).toBe(0); // the private key: owner-only, in the data folder

    const invited = await ok(hq, hqAdmin, 'sync.addSite', { code: 'BJ-03', name: '滨江服务中心' });
    expect(invited.headOfficeFingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect((await refused(hq, hqAdmin, 'sync.addSite', { code: 'BJ-03', name: '又一个' })).code).toBe('sync.site_taken');
    expect((await refused(site.app, site.admin, 'sync.join', { code: 'NOPE' })).code).toBe('sync.no_invitation');

    const joined = await ok(site.app, site.admin, 'sync.join', { code: 'BJ-03' });
    expect(joined).toEqual({ siteCode: 'BJ-03', fingerprint: expect.stringMatching(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/), headOfficeFingerprint: invited.headOfficeFingerprint });
    expect(rows(site.app, 'SELECT code, name FROM site')).toEqual([{ code: 'BJ-03', name: '滨江服务中心' }]); // the code head office assigned

    // head office sees the reply and its fingerprint; a fingerprint that was not the one read out is refused
    const waiting = await ok(hq, hqAdmin, 'sync.sites', {});
    expect(waiting).toEqual([expect.objectContaining({ code: 'BJ-03', status: 'invited', reply: { fingerprint: joined.fingerprint }, applied: 0 })]);
    const wrong = await refused(hq, hqAdmin, 'sync.approve', { code: 'BJ-03', fingerprint: '0000-0000-0000-0000' });
    expect(wrong.code).toBe('sync.fingerprint_mismatch');
    expect(wrong.message['zh-CN']).toContain(joined.fingerprint);
    expect((await ok(hq, hqAdmin, 'sync.sites', {}))[0]!.status).toBe('invited');
    await ok(hq, hqAdmin, 'sync.approve', { code: 'BJ-03', fingerprint: joined.fingerprint.toLowerCase().replace(/-/g, ' ') });

    // the site takes a payment and exports (a job); head office imports (a job) and acknowledges
    await payMonth(site, '2026-11', site.rooms.r101);
    const before = await ok(site.app, site.admin, 'sync.status', {});
    expect(before).toMatchObject({ mode: 'site', siteCode: 'BJ-03', folder, fingerprint: joined.fingerprint, headOffice: { code: 'HQ', status: 'approved' }, exported: 0, acknowledged: null, lastError: null });
    expect(before.waiting).toBe(before.latest);
    const exported = await job(site.app, site.admin, 'sync.export', {}) as { files: string[]; through: number };
    expect(exported.files).toHaveLength(1);
    const imported = await job(hq, hqAdmin, 'sync.import', {}) as ImportOutcome;
    expect(imported).toMatchObject({ applied: [{ site: 'BJ-03', rows: exported.through }], refused: [], waiting: [] });
    const siteId = rows<{ id: string }>(site.app, 'SELECT id FROM site')[0]!.id;
    expect(tablesOf(hq, siteId)).toEqual(tablesOf(site.app, siteId));
    const after = await ok(site.app, site.admin, 'sync.status', {});
    expect(after).toMatchObject({ exported: exported.through, waiting: 0, acknowledged: { through: exported.through, at: hq.clock.now().toISOString() } });
    const dash = (await ok(hq, hqAdmin, 'sync.sites', {}))[0]!;
    expect(dash).toMatchObject({ code: 'BJ-03', status: 'approved', fingerprint: joined.fingerprint, applied: exported.through, lastFile: { file: exported.files[0], seq_to: exported.through }, refused: [] });

    // the consolidated collection report: the site's own report, site by site, and the total
    const own = await ok(site.app, site.admin, 'fees.monthReport', { period: '2026-11' });
    const all = await ok(hq, hqAdmin, 'sync.collection', { period: '2026-11' });
    expect(all.sites).toEqual([{ siteCode: 'BJ-03', site: '滨江服务中心', billed: own.billed, paid: own.paid, rateBp: own.rateBp, collected: own.collected.total }]);
    expect(all.total).toMatchObject({ billed: own.billed, paid: own.paid, collected: own.collected.total });
    expect(own.paid).toBeGreaterThan(0);

    // private keys live in the data folders only: no store holds a byte of either
    for (const [app, dir] of [[hq, hq.dir], [site.app, site.app.dir]] as const) {
      const pem = readFileSync(join(dir, KEY_FILE), 'utf8');
      const body = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
      const everything = tableNames(app).filter((t) => !t.includes('_fts')).map((t) => JSON.stringify(rows(app, `SELECT * FROM "${t}"`))).join('\n');
      expect(everything).not.toContain(body);
      expect(everything).not.toContain(body.slice(-24));
    }
  });

  it('refuses a revoked site\'s new files, and lets only the admin enrol while managers may run sync', async () => {
    const { hq, hqAdmin, site } = await company();
    await ok(hq, hqAdmin, 'sync.addSite', { code: 'BJ-03', name: '滨江服务中心' });
    const joined = await ok(site.app, site.admin, 'sync.join', { code: 'BJ-03' });
    await ok(hq, hqAdmin, 'sync.approve', { code: 'BJ-03', fingerprint: joined.fingerprint });
    await job(site.app, site.admin, 'sync.export', {});
    await job(hq, hqAdmin, 'sync.import', {});

    await ok(hq, hqAdmin, 'sync.revoke', { code: 'BJ-03' });
    await payMonth(site, '2026-11', site.rooms.r101);
    await job(site.app, site.admin, 'sync.export', {});
    const got = await job(hq, hqAdmin, 'sync.import', {}) as ImportOutcome;
    expect(got.applied).toEqual([]);
    expect(got.refused.map((r) => r.reason)).toEqual(['sync.revoked_site']);
    expect(got.duplicates).toBe(1); // the file applied before the revocation stays where it is
    const dash = (await ok(hq, hqAdmin, 'sync.sites', {}))[0]!;
    expect(dash.status).toBe('revoked');
    expect(dash.refused).toEqual([expect.objectContaining({ reason: 'sync.revoked_site', moved_to: expect.stringMatching(/^quarantine\/BJ-03\//) })]);

    // roles: a cashier may not export; a manager may run sync but not enrol; the site may not do head office's part
    expect((await refused(site.app, site.cashier.token, 'sync.export', {})).code).toBe('auth.forbidden');
    const { addStaff } = await import('../helpers/app.js');
    const manager = await addStaff(hq, hqAdmin, { username: 'chen.fz', role: 'manager' });
    expect((await refused(hq, manager.token, 'sync.addSite', { code: 'NB-02', name: '宁波' })).code).toBe('auth.forbidden');
    expect(await ok(hq, manager.token, 'sync.sites', {})).toHaveLength(1);
    expect((await refused(site.app, site.admin, 'sync.addSite', { code: 'NB-02', name: '宁波' })).code).toBe('sync.not_head_office');
    expect((await refused(hq, hqAdmin, 'sync.join', { code: 'BJ-03' })).code).toBe('sync.not_site');
  });

  it('says what is missing before sync can run: no folder, no key', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    expect((await refused(app, admin, 'sync.export', {})).code).toBe('sync.no_folder');
    await ok(app, admin, 'sync.setFolder', { folder: tempDir() });
    const e = await refused(app, admin, 'sync.export', {});
    expect(e.code).toBe('sync.no_key');
    expect(e.message['zh-CN']).toContain('sync-key.pem');
  });
});
