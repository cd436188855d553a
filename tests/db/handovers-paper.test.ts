/**
 * "Signed on paper": the occupant signs the printed form and the sheet is scanned; the scan is
 * uploaded and attached by its content hash like archive scans, and read back. A file that is
 * not a PDF, PNG or JPEG is refused in both languages and nothing is signed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { handoverSite, moveInForm, upload } from './handovers-fixture.js';

afterEach(cleanup);

it('a move-in signed on paper keeps the scanned sheet by its hash; a sheet that is no scan is refused', async () => {
  const s = await handoverSite();
  const desk = s.receptionist;
  const started = await ok(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r201 });
  await ok(s.app, desk.token, 'handovers.save', { id: started.id, body: moveInForm() });
  const sign = (uploadId: string) => ({ id: started.id, occupantMethod: 'paper' as const, occupantName: '刘洋', occupantUploadId: uploadId, staffUsername: desk.username, staffPassword: desk.password });

  const before = snapshotStore(s.app);
  const notScan = await refused(s.app, desk.token, 'handovers.sign', sign(await upload(s.app, desk.token, 'sheet.txt', Buffer.from('not a scan at all'))));
  expect([notScan.code, notScan.message['zh-CN'], notScan.message['en-US']]).toEqual(['handovers.bad_scan', '纸质签字单的扫描件须为 PDF、PNG 或 JPEG 文件。', 'The scan of the paper sheet must be a PDF, PNG or JPEG file.']);
  expect(snapshotStore(s.app)).toEqual(before);

  const pdf = Buffer.from('%PDF-1.4\n% a scanned sheet\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  await ok(s.app, desk.token, 'handovers.sign', sign(await upload(s.app, desk.token, '入伙交接单签字页.pdf', pdf)));
  const hash = createHash('sha256').update(pdf).digest('hex');
  expect(rows(s.app, "SELECT role, method, image_sha256 FROM handover_signature WHERE handover_id = ? AND role = 'occupant'", started.id)).toEqual([{ role: 'occupant', method: 'paper', image_sha256: hash }]);
  expect(existsSync(join(dirname(s.app.file), 'signatures', hash.slice(0, 2), hash))).toBe(true);
  const back = await ok(s.app, desk.token, 'handovers.image', { sha256: hash });
  expect(back.dataUrl).toBe(`data:application/pdf;base64,${pdf.toString('base64')}`);
});
