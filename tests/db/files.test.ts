import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, newDownloadPath, registerDownload, sweepFiles } from '../../db/files/files.js';
import { uuidv7 } from '../../db/ids.js';
import { addStaff, cleanup, createTestApp, ok, refused, setupSite, snapshotStore, type TestApp, type TestStaff } from '../helpers/app.js';
import { download, upload } from '../helpers/ledger.js';

/**
 * Files through the operation registry: chunked base64 uploads checked by length and
 * SHA-256, chunked downloads, per-session ownership and clean-up. Real files in a temp
 * data folder; nothing here touches the store.
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('files in and out', () => {
  let app: TestApp;
  let rec: TestStaff;
  let other: TestStaff;
  const uploads = () => (existsSync(join(app.dir, 'uploads')) ? readdirSync(join(app.dir, 'uploads')) : []);

  beforeEach(async () => {
    app = await createTestApp();
    const admin = await setupSite(app);
    rec = await addStaff(app, admin, { username: 'rec', role: 'receptionist' });
    other = await addStaff(app, admin, { username: 'rec2', role: 'receptionist' });
  });
  afterEach(cleanup);

  it('an upload arrives in chunks, byte for byte, under <data folder>/uploads, and downloads back the same', async () => {
    const bytes = randomBytes(CHUNK_BYTES * 2 + 12345); // three chunks, the last one short
    const before = snapshotStore(app);
    const uploadId = await upload(app, rec.token, 'ledger.xlsx', bytes);
    expect(uploads()).toEqual([`${uploadId}.upload`]);
    expect(sha(readFileSync(join(app.dir, 'uploads', `${uploadId}.upload`)))).toBe(sha(bytes));
    expect(snapshotStore(app)).toEqual(before); // files never touch the store

    // a download made from it (as a job would) comes back in chunks, the same bytes
    const { id, path } = newDownloadPath(app.store, 'bin');
    copyFileSync(join(app.dir, 'uploads', `${uploadId}.upload`), path);
    const reg = await registerDownload(app.store, rec.token, { id, path, name: '台账.xlsx', type: 'application/octet-stream' });
    expect(reg.size).toBe(bytes.length);
    const back = await download(app, rec.token, reg.fileId);
    expect(back.name).toBe('台账.xlsx');
    expect(sha(back.bytes)).toBe(sha(bytes));
    const first = await ok(app, rec.token, 'files.downloadChunk', { fileId: reg.fileId, index: 0 });
    expect(first).toMatchObject({ chunks: 3, size: bytes.length, index: 0 });
    expect(Buffer.from(first.data, 'base64').length).toBe(CHUNK_BYTES);
  });

  it('a wrong SHA-256 discards the upload with a clear message', async () => {
    const bytes = randomBytes(1000);
    const { uploadId } = await ok(app, rec.token, 'files.beginUpload', { name: 'a.xlsx', size: bytes.length, type: '' });
    await ok(app, rec.token, 'files.uploadChunk', { uploadId, index: 0, data: bytes.toString('base64') });
    const e = await refused(app, rec.token, 'files.finishUpload', { uploadId, sha256: sha(Buffer.from('something else')) });
    expect(e.code).toBe('files.hash_mismatch');
    expect(e.message['zh-CN']).toContain('校验不一致');
    expect(e.message['en-US']).toContain('did not arrive intact');
    expect(uploads()).toEqual([]);
    expect((await refused(app, rec.token, 'files.finishUpload', { uploadId, sha256: sha(bytes) })).code).toBe('files.not_found');
  });

  it('a 50 MB file is refused before a byte is sent, saying how big it is and what the limit is', async () => {
    const e = await refused(app, rec.token, 'files.beginUpload', { name: '全部台账.xlsx', size: 50 * 1024 * 1024, type: '' });
    expect(e.code).toBe('files.too_large');
    expect(e.message['zh-CN']).toBe('文件“全部台账.xlsx”有 50 MB，超过了 20 MB 的上限，未上传。请拆分成几个文件分批导入。');
    expect(e.message['en-US']).toContain('is 50 MB, over the 20 MB limit');
    expect(uploads()).toEqual([]);
    expect((await refused(app, rec.token, 'files.beginUpload', { name: 'empty.csv', size: 0, type: '' })).code).toBe('files.empty');
  });

  it('chunks must come in order and add up to the declared size; a chunk over 512 KB is refused', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 10);
    const { uploadId } = await ok(app, rec.token, 'files.beginUpload', { name: 'a.csv', size: bytes.length, type: 'text/csv' });
    expect((await refused(app, rec.token, 'files.uploadChunk', { uploadId, index: 1, data: '' })).code).toBe('files.bad_chunk');
    const tooBig = randomBytes(CHUNK_BYTES + 3).toString('base64');
    expect((await refused(app, rec.token, 'files.uploadChunk', { uploadId, index: 0, data: tooBig })).code).toBe('api.invalid_input');
    expect((await refused(app, rec.token, 'files.uploadChunk', { uploadId, index: 0, data: 'not base64!' })).code).toBe('api.invalid_input');
    await ok(app, rec.token, 'files.uploadChunk', { uploadId, index: 0, data: bytes.subarray(0, CHUNK_BYTES).toString('base64') });
    expect((await refused(app, rec.token, 'files.uploadChunk', { uploadId, index: 0, data: 'AAAA' })).code).toBe('files.bad_chunk');
    const early = await refused(app, rec.token, 'files.finishUpload', { uploadId, sha256: sha(bytes) });
    expect(early.code).toBe('files.incomplete');
    // more than declared: the upload is dropped
    expect((await refused(app, rec.token, 'files.uploadChunk', { uploadId, index: 1, data: randomBytes(11).toString('base64') })).code).toBe('files.overflow');
    expect(uploads()).toEqual([]);
  });

  it('uploads and downloads belong to the session that made them', async () => {
    const uploadId = await upload(app, rec.token, 'mine.csv', Buffer.from('房屋编号,业主\n1-1-101,王伟\n'));
    expect((await refused(app, other.token, 'registry.import.inspect', { uploadId })).code).toBe('files.not_found');
    await ok(app, other.token, 'files.discard', { id: uploadId });
    expect(uploads()).toEqual([`${uploadId}.upload`]); // another session's discard did nothing
    expect((await refused(app, null, 'files.beginUpload', { name: 'x.csv', size: 10, type: '' })).code).toBe('auth.no_session');

    const { id, path } = newDownloadPath(app.store, 'bin');
    writeFileSync(path, 'report');
    const reg = await registerDownload(app.store, rec.token, { id, path, name: 'r.xlsx', type: '' });
    expect((await refused(app, other.token, 'files.downloadChunk', { fileId: reg.fileId, index: 0 })).code).toBe('files.not_found');
    await ok(app, rec.token, 'files.discard', { id: uploadId });
    expect(uploads()).toEqual([]);
  });

  it('files of a session that signed out, or left idle for hours, are removed; files from an earlier run are removed at start', async () => {
    const a = await upload(app, rec.token, 'a.csv', Buffer.from('x,y\n1,2\n'));
    const b = await upload(app, other.token, 'b.csv', Buffer.from('x,y\n1,2\n'));
    await ok(app, rec.token, 'auth.logout', {});
    await sweepFiles(app.store, app.sessions);
    expect(uploads()).toEqual([`${b}.upload`]);
    expect(a).not.toBe(b);
    await sweepFiles(app.store, app.sessions, Date.now() + 3 * 60 * 60_000);
    expect(uploads()).toEqual([]);

    // a leftover from a previous run (sessions do not survive a restart); not our files are left alone
    const file = app.file;
    await app.close();
    mkdirSync(join(app.dir, 'downloads'), { recursive: true });
    writeFileSync(join(app.dir, 'downloads', `${uuidv7()}.xlsx`), 'old report');
    writeFileSync(join(app.dir, 'downloads', 'keep-me.txt'), 'not ours');
    const again = await createTestApp({ file });
    const token = (await again.call(null, 'auth.login', { username: 'rec', password: rec.password })).token!;
    await upload(again, token, 'c.csv', Buffer.from('x,y\n1,2\n'));
    expect(readdirSync(join(app.dir, 'downloads'))).toEqual(['keep-me.txt']);
    expect(existsSync(join(app.dir, 'uploads'))).toBe(true);
  });
});
