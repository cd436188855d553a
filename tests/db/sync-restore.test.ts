/**
 * A site rebuilt from head office: head office writes the site's signed restore package;
 * set-up on a new PC restores from it and the site continues — the next receipt number,
 * the next change sequence, chained to the last file head office applied — and head
 * office applies its next file once the new PC's fingerprint is approved.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../db/sync/import.js';
import { cleanup, createTestApp, login, ok, rows } from '../helpers/app.js';
import { company, enrol, job, logOf, payMonth, tablesOf } from './sync-fixture.js';
import { startCluster } from '../helpers/pg-cluster.js';

afterEach(cleanup);

async function restoredCompany() {
  const c = await company();
  await enrol(c.hq, c.hqAdmin, c.site, 'HZ-01', '杭州滨江服务中心');
  const wyf = (await ok(c.hq, c.hqAdmin, 'fees.saveItem', { code: 'WYF', name: '物业服务费', kind: 'area', unit: 'm²' })).id;
  await ok(c.hq, c.hqAdmin, 'fees.addRate', { itemId: wyf, validFrom: '2026-11', price: '2.80' });
  await job(c.hq, c.hqAdmin, 'sync.publish', {});
  await job(c.site.app, c.site.admin, 'sync.receive', {});
  expect(await payMonth(c.site, '2026-11', c.site.rooms.r101)).toBe('SJ-HZ-01-2026-000001');
  await job(c.site.app, c.site.admin, 'sync.export', {});
  await job(c.hq, c.hqAdmin, 'sync.import', {});
  // the site's PC dies: head office revokes its key, invites it again, and writes its restore package
  await ok(c.hq, c.hqAdmin, 'sync.revoke', { code: 'HZ-01' });
  await ok(c.hq, c.hqAdmin, 'sync.addSite', { code: 'HZ-01', name: '杭州滨江服务中心' });
  const written = await ok(c.hq, c.hqAdmin, 'sync.writeRestore', { code: 'HZ-01' });
  return { ...c, written };
}

describe('sync: a site rebuilt from head office', () => {
  it('restores the site on a new PC from its package: same rows, the next receipt number, the change sequence and the file chain continue', async () => {
    const w = await restoredCompany();
    const siteId = rows<{ id: string }>(w.site.app, 'SELECT local_site_id AS id FROM store_identity')[0]!.id;
    const fresh = await createTestApp();
    const { envelope, token } = await fresh.call(null, 'setup.restore', { folder: w.folder, code: 'HZ-01', adminUsername: 'admin', password: 'NewPass2027' });
    if (!envelope.ok) throw new Error(envelope.error.code);
    expect(envelope.value).toMatchObject({ through: w.written.through, fingerprint: expect.stringMatching(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/) });

    // the site's own tables as head office last received them (the new password aside); head office's items still head office's
    const before = tablesOf(w.site.app, siteId);
    const after = tablesOf(fresh, siteId);
    for (const t of Object.keys(before).filter((x) => x !== 'staff' && x !== 'audit_event')) expect(after[t], t).toEqual(before[t]);
    expect(rows(fresh, 'SELECT local_site_id, mode FROM store_identity')).toEqual([{ local_site_id: siteId, mode: 'site' }]);
    const items = await ok(fresh, token!, 'fees.items', {});
    expect(items.find((i) => i.code === 'WYF')).toMatchObject({ fromHeadOffice: true });
    expect(logOf(fresh, siteId).slice(0, w.written.through)).toEqual(logOf(w.hq, siteId));

    // the cashier's next receipt follows the last one head office received; the change sequence goes on from there
    const cashierId = rows<{ id: string }>(fresh, "SELECT id FROM staff WHERE username = 'qian.min'")[0]!.id;
    await ok(fresh, token!, 'staff.resetPassword', { id: cashierId, password: 'Cashier2027x' });
    const cashier = await login(fresh, 'qian.min', 'Cashier2027x');
    const acct = await ok(fresh, cashier, 'fees.roomAccount', { roomId: w.site.rooms.r102 });
    expect(acct.lines.length).toBeGreaterThan(0);
    const total = acct.lines.reduce((a, l) => a + l.owed, 0);
    const paid = await ok(fresh, cashier, 'fees.pay', { roomId: w.site.rooms.r102, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: total }] });
    expect(paid.number).toBe('SJ-HZ-01-2026-000002');
    const seqs = logOf(fresh, siteId).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // gapless, continuing

    // the new PC's key is approved by its fingerprint; its next file follows the chain and head office applies it
    await ok(w.hq, w.hqAdmin, 'sync.approve', { code: 'HZ-01', fingerprint: (envelope.value as { fingerprint: string }).fingerprint });
    await job(fresh, token!, 'sync.export', {});
    const got = await job(w.hq, w.hqAdmin, 'sync.import', {}) as ImportOutcome;
    expect(got).toMatchObject({ refused: [], waiting: [], applied: [{ site: 'HZ-01', from: w.written.through + 1 }] });
    expect(rows(w.hq, 'SELECT number FROM receipt WHERE site_id = ? ORDER BY seq', siteId)).toEqual([{ number: 'SJ-HZ-01-2026-000001' }, { number: 'SJ-HZ-01-2026-000002' }]);
  });

  it('rebuilds a site the same way when head office keeps its sites\' rows on PostgreSQL: every row, and the next receipt number continues', async () => {
    const c = await company();
    await enrol(c.hq, c.hqAdmin, c.site, 'HZ-01', '杭州滨江服务中心');
    const siteId = rows<{ id: string }>(c.site.app, 'SELECT local_site_id AS id FROM store_identity')[0]!.id;
    const cluster = await startCluster();
    try {
      await ok(c.hq, c.hqAdmin, 'sync.pgSave', { url: await cluster.createDatabase('restore') });
      expect(await payMonth(c.site, '2026-11', c.site.rooms.r101)).toBe('SJ-HZ-01-2026-000001');
      await job(c.site.app, c.site.admin, 'sync.export', {});
      expect(await job(c.hq, c.hqAdmin, 'sync.import', {})).toMatchObject({ refused: [], waiting: [] });
      expect(rows(c.hq, 'SELECT count(*) AS n FROM change_log WHERE site_id = ?', siteId)).toEqual([{ n: 0 }]); // the rows went to the server
      await ok(c.hq, c.hqAdmin, 'sync.revoke', { code: 'HZ-01' });
      await ok(c.hq, c.hqAdmin, 'sync.addSite', { code: 'HZ-01', name: '杭州滨江服务中心' });
      const written = await ok(c.hq, c.hqAdmin, 'sync.writeRestore', { code: 'HZ-01' });
      expect(written.through).toBe(logOf(c.site.app, siteId).length);

      const fresh = await createTestApp();
      const { envelope, token } = await fresh.call(null, 'setup.restore', { folder: c.folder, code: 'HZ-01', adminUsername: 'admin', password: 'NewPass2027' });
      if (!envelope.ok) throw new Error(envelope.error.code);
      const before = tablesOf(c.site.app, siteId);
      const after = tablesOf(fresh, siteId);
      for (const t of Object.keys(before).filter((x) => x !== 'staff' && x !== 'audit_event')) expect(after[t], t).toEqual(before[t]);
      const cashierId = rows<{ id: string }>(fresh, "SELECT id FROM staff WHERE username = 'qian.min'")[0]!.id;
      await ok(fresh, token!, 'staff.resetPassword', { id: cashierId, password: 'Cashier2027x' });
      const cashier = await login(fresh, 'qian.min', 'Cashier2027x');
      const acct = await ok(fresh, cashier, 'fees.roomAccount', { roomId: c.site.rooms.r102 });
      const total = acct.lines.reduce((a, l) => a + l.owed, 0);
      const paid = await ok(fresh, cashier, 'fees.pay', { roomId: c.site.rooms.r102, lines: acct.lines.map((l) => ({ billId: l.id, amount: l.owed })), methods: [{ method: 'cash', amount: total }] });
      expect(paid.number).toBe('SJ-HZ-01-2026-000002');
    } finally {
      cluster.destroy();
    }
  });

  it('refuses a tampered package and leaves the new PC empty', async () => {
    const w = await restoredCompany();
    const manifest = join(w.folder, 'head-office', 'restore', 'HZ-01', 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"through\\":', '"through\\":1'));
    const fresh = await createTestApp();
    const { envelope } = await fresh.call(null, 'setup.restore', { folder: w.folder, code: 'HZ-01', adminUsername: 'admin', password: 'NewPass2027' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('sync.restore_refused');
    expect(rows(fresh, 'SELECT count(*) AS n FROM site')).toEqual([{ n: 0 }]);
    expect(rows(fresh, 'SELECT count(*) AS n FROM change_log')).toEqual([{ n: 0 }]);
  });
});
