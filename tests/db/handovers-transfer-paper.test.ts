/**
 * An archive transfer list signed on paper: the four sign the printed list by hand, the signed
 * sheet is scanned and attached once, and every one of the four signatures is kept with method
 * 'paper' and the scan's hash; staff still sign in on the spot, a head without an account gives
 * a name. No scan, a file that is no scan, or three signers is refused in both languages and
 * nothing changes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { transferSite, upload } from './handovers-fixture.js';

afterEach(cleanup);

it('a transfer list signed on paper keeps one scanned sheet for all four signatures; no scan, no scan file, or three signers is refused', async () => {
  const { app, handing, archivist, head1: head } = await transferSite();
  const list = await ok(app, archivist.token, 'handovers.startTransfer', {
    fromDept: '客户服务中心', items: [{ itemId: null, name: '2026 年装修申请表', classCode: '3.6', count: 12 }],
  });
  await ok(app, archivist.token, 'handovers.saveTransfer', { id: list.id, fromDept: '客户服务中心', toDept: '公司档案室', counted: [12], notes: '' });
  type Role = 'handing' | 'receiving' | 'head_handing';
  const staff = (role: Role, s: { username: string; password: string }) => ({ role, username: s.username, password: s.password });
  // no pads: the names and sign-ins as on screen, the company's archive head by name
  const four = [staff('handing', handing), staff('receiving', archivist), staff('head_handing', head), { role: 'head_receiving' as const, name: '赵建国' }];
  // a sheet scanned to JPEG
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF a scanned list, four signatures'), Buffer.from([0xff, 0xd9])]);
  const paper = async (name: string, signers: readonly unknown[]) => ({
    id: list.id, method: 'paper' as const, uploadId: await upload(app, archivist.token, name, jpeg), signers: signers as typeof four,
  });
  const signatures = join(dirname(app.file), 'signatures');

  const before = snapshotStore(app);
  const three = await refused(app, archivist.token, 'handovers.signTransfer', await paper('list.jpg', four.slice(0, 3)));
  expect([three.code, three.message['zh-CN'], three.message['en-US']]).toEqual(['handovers.signatures_missing',
    '不能签署：还缺少 接收部门负责人 的签字（共需 4 人签字）。', 'Cannot sign: the signatures of the receiving department head are missing (4 are needed).']);
  const noScan = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, method: 'paper', signers: four });
  expect([noScan.code, noScan.message['zh-CN'], noScan.message['en-US']]).toEqual(['handovers.scan_missing',
    '不能签署：选择了纸质签字，但未附上签字单的扫描件（PDF、PNG 或 JPEG）。', 'Cannot sign: signed on paper, but the scan of the signed sheet (PDF, PNG or JPEG) is not attached.']);
  const text = await upload(app, archivist.token, 'list.txt', Buffer.from('four names typed, nothing signed'));
  const notScan = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, method: 'paper', uploadId: text, signers: four });
  expect([notScan.code, notScan.message['zh-CN'], notScan.message['en-US']]).toEqual(['handovers.bad_scan',
    '纸质签字单的扫描件须为 PDF、PNG 或 JPEG 文件。', 'The scan of the paper sheet must be a PDF, PNG or JPEG file.']);
  // drawn on screen, the same four without their pads are missing
  expect((await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: four })).code).toBe('handovers.signatures_missing');
  // on paper too, the receiver is staff who signs in, and nobody signs twice
  const receiverByName = await paper('a.jpg', [four[0], { role: 'receiving', name: '吴芳' }, four[2], four[3]]);
  expect((await refused(app, archivist.token, 'handovers.signTransfer', receiverByName)).code).toBe('handovers.signatures_missing');
  const headTwice = await paper('b.jpg', [four[0], four[1], four[2], { ...staff('head_handing', head), role: 'head_receiving' }]);
  expect((await refused(app, archivist.token, 'handovers.signTransfer', headTwice)).code).toBe('handovers.not_signer');
  expect(snapshotStore(app)).toEqual(before);
  expect(existsSync(signatures)).toBe(false);

  const signed = await ok(app, archivist.token, 'handovers.signTransfer', await paper('移交清单签字页.jpg', four));
  const hash = createHash('sha256').update(jpeg).digest('hex');
  const kept = 'SELECT role, signer_name, staff_id IS NOT NULL AS staff, method, image_sha256 FROM handover_signature WHERE handover_id = ? ORDER BY role';
  expect(rows(app, kept, list.id).map((r) => Object.values(r))).toEqual([
    ['handing', '李晓梅', 1, 'paper', hash], ['head_handing', '周红', 1, 'paper', hash],
    ['head_receiving', '赵建国', 0, 'paper', hash], ['receiving', '吴芳', 1, 'paper', hash]]);
  // what was signed names the method and the scan, and its hash is the hash kept
  type Row = { status: string; canonical: string; body_sha256: string };
  const h = rows<Row>(app, 'SELECT status, canonical, body_sha256 FROM handover WHERE id = ?', list.id)[0]!;
  expect(h.status).toBe('signed');
  expect(h.body_sha256).toBe(signed.sha256);
  expect(createHash('sha256').update(h.canonical).digest('hex')).toBe(h.body_sha256);
  const signedOver = (JSON.parse(h.canonical) as { signatures: { method: string; image: string }[] }).signatures;
  expect(signedOver.map((x) => [x.method, x.image])).toEqual(Array(4).fill(['paper', hash]));
  // the scan is kept once, by its hash, and read back as it was attached
  expect(existsSync(join(signatures, hash.slice(0, 2), hash))).toBe(true);
  expect((await ok(app, archivist.token, 'handovers.image', { sha256: hash })).dataUrl).toBe(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
});
