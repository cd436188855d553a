/**
 * Scans travel with the rows that name them: a site sends each scan once into its folder
 * before the batch that adds it, head office copies it in checked against the hash the
 * signed row carries (a file whose bytes do not match is never taken), and a site rebuilt
 * from head office gets its scans back with its rows.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, ok, rows } from '../helpers/app.js';
import { download, upload } from '../helpers/ledger.js';
import { company, enrol, job } from './sync-fixture.js';
import { startCluster } from '../helpers/pg-cluster.js';
import type { ImportOutcome } from '../../db/sync/import.js';

afterEach(cleanup);

const PDF = Buffer.from('%PDF-1.4\n% 业主大会会议纪要 (scanned)\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a photographed page')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const stored = (dir: string, b: Buffer) => join(dir, 'scans', sha(b).slice(0, 2), sha(b));

async function scannedCompany() {
  const c = await company();
  await enrol(c.hq, c.hqAdmin, c.site, 'HZ-01', '杭州滨江服务中心');
  const archivist = (await addStaff(c.site.app, c.site.admin, { username: 'zhao.dang', role: 'archivist', displayName: '赵档案' })).token;
  const item = await ok(c.site.app, archivist, 'archives.index', { category: 3, cls: 4, department: '07', title: '业主大会会议纪要', year: 2026, form: 'paper' });
  for (const [name, bytes] of [['纪要.pdf', PDF], ['现场.png', PNG]] as const) {
    await ok(c.site.app, archivist, 'archives.attachScan', { itemId: item.id, uploadId: await upload(c.site.app, archivist, name, bytes) });
  }
  return { ...c, archivist, itemId: item.id };
}

describe('sync: scans beside the rows', () => {
  it('sends each scan once before its batch, and head office takes in only bytes that match the signed row\'s hash', async () => {
    const c = await scannedCompany();
    await job(c.site.app, c.site.admin, 'sync.export', {});
    const sent = join(c.folder, 'HZ-01', 'files');
    expect(readFileSync(join(sent, sha(PDF).slice(0, 2), sha(PDF)))).toEqual(PDF);
    // someone swaps the photo in the folder for other bytes under its name: head office does not take it
    writeFileSync(join(sent, sha(PNG).slice(0, 2), sha(PNG)), Buffer.from('not the photographed page'));

    await job(c.hq, c.hqAdmin, 'sync.import', {});
    expect(rows(c.hq, 'SELECT name, sha256 FROM archive_scan ORDER BY name')).toEqual(rows(c.site.app, 'SELECT name, sha256 FROM archive_scan ORDER BY name'));
    expect(readFileSync(stored(c.hq.dir, PDF))).toEqual(PDF);
    expect(existsSync(stored(c.hq.dir, PNG))).toBe(false);
    expect(readdirSync(join(c.hq.dir, 'scans', sha(PNG).slice(0, 2)), { recursive: true }).filter((f) => String(f).includes('.part'))).toEqual([]);

    // the right file arrives later (the site sends it again once it is gone): the next import takes it, nothing applied twice
    const wrong = join(sent, sha(PNG).slice(0, 2), sha(PNG));
    writeFileSync(wrong, PNG);
    const again = await job(c.hq, c.hqAdmin, 'sync.import', {});
    expect(again).toMatchObject({ applied: [], refused: [] });
    expect(readFileSync(stored(c.hq.dir, PNG))).toEqual(PNG);
  });

  it('takes the scans in on the head-office PC when the rows go to head office\'s PostgreSQL server, checked the same way', async () => {
    const c = await scannedCompany();
    await job(c.site.app, c.site.admin, 'sync.export', {});
    const sent = join(c.folder, 'HZ-01', 'files');
    writeFileSync(join(sent, sha(PNG).slice(0, 2), sha(PNG)), Buffer.from('not the photographed page'));
    const cluster = await startCluster();
    try {
      await ok(c.hq, c.hqAdmin, 'sync.pgSave', { url: await cluster.createDatabase('scans') });
      const got = await job(c.hq, c.hqAdmin, 'sync.import', {}) as ImportOutcome;
      expect(got.refused).toEqual([]);
      expect(got.applied.length).toBeGreaterThan(0);
      expect(rows(c.hq, 'SELECT sha256 FROM archive_scan')).toEqual([]); // the rows went to the server
      expect(readFileSync(stored(c.hq.dir, PDF))).toEqual(PDF);
      expect(existsSync(stored(c.hq.dir, PNG))).toBe(false);
      writeFileSync(join(sent, sha(PNG).slice(0, 2), sha(PNG)), PNG);
      expect(await job(c.hq, c.hqAdmin, 'sync.import', {})).toMatchObject({ applied: [], refused: [] });
      expect(readFileSync(stored(c.hq.dir, PNG))).toEqual(PNG);
    } finally {
      cluster.destroy();
    }
  });

  it('gives a site rebuilt from head office its scans back, each checked, so the archive opens them on the new PC', async () => {
    const c = await scannedCompany();
    await job(c.site.app, c.site.admin, 'sync.export', {});
    await job(c.hq, c.hqAdmin, 'sync.import', {});
    await ok(c.hq, c.hqAdmin, 'sync.revoke', { code: 'HZ-01' });
    await ok(c.hq, c.hqAdmin, 'sync.addSite', { code: 'HZ-01', name: '杭州滨江服务中心' });
    await ok(c.hq, c.hqAdmin, 'sync.writeRestore', { code: 'HZ-01' });

    const fresh = await createTestApp();
    const { envelope, token } = await fresh.call(null, 'setup.restore', { folder: c.folder, code: 'HZ-01', adminUsername: 'admin', password: 'NewPass2027' });
    if (!envelope.ok) throw new Error(envelope.error.code);
    expect(readFileSync(stored(fresh.dir, PDF))).toEqual(PDF);
    expect(readFileSync(stored(fresh.dir, PNG))).toEqual(PNG);
    const scans = await ok(fresh, token!, 'archives.item', { id: c.itemId });
    const pdf = scans.scans.find((s) => s.name === '纪要.pdf')!;
    const opened = await ok(fresh, token!, 'archives.openScan', { scanId: pdf.id });
    expect((await download(fresh, token!, opened.fileId)).bytes).toEqual(PDF);
  });
});
