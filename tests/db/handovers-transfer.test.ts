/**
 * The archive transfer list (档案移交清单): items from the catalogue and name-and-count lines,
 * four signatures each drawn on the pad, staff signing in on the spot as well; three, or one
 * person twice, is refused and changes nothing. Signed, the items lie in the archive room.
 */
import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { dueRule, transferDueOn } from '../../db/handovers/transfer.js';
import { PNG_1PX, transferSite } from './handovers-fixture.js';
import { addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore } from '../helpers/app.js';

afterEach(cleanup);

it('a transfer list needs four different people, each drawing a signature; three is refused; signed, its items are in the archive room', async () => {
  const { app, handing, archivist, head1, head2 } = await transferSite();
  const item = await ok(app, archivist.token, 'archives.index', { category: 3, cls: 4, department: '07', title: '关于消防演练的通知', year: 2026, form: 'paper', locationRoom: '客服中心资料室', cabinet: 'A2' });
  const itemId = rows<{ id: string }>(app, 'SELECT id FROM archive_item WHERE ref_code = ?', item.refCode)[0]!.id;

  const list = await ok(app, archivist.token, 'handovers.startTransfer', { fromDept: '客户服务中心', items: [{ itemId }, { itemId: null, name: '2026 年第三季度装修申请表', classCode: '3.6', count: 42 }] });
  expect(list).toMatchObject({ number: 'YJ-2026-0001', total: 43 });
  const signer = (role: 'handing' | 'receiving' | 'head_handing' | 'head_receiving', s: { username: string; password: string }) => ({ role, png: PNG_1PX, username: s.username, password: s.password });

  // counted on the spot first: an uncounted line is refused, naming the line
  const unsaved = snapshotStore(app);
  const uncounted = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1), signer('head_receiving', head2)] });
  expect([uncounted.code, uncounted.message['en-US']]).toEqual(['handovers.not_counted', 'Cannot sign: line 1 of the transfer list has not been counted on the spot (enter the count found).']);
  expect(snapshotStore(app)).toEqual(unsaved);
  await ok(app, archivist.token, 'handovers.saveTransfer', { id: list.id, fromDept: '客户服务中心', toDept: '公司档案室', counted: [1, 41], notes: '装修申请表少 1 份，已注明' });
  const before = snapshotStore(app);
  const three = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1)] });
  expect([three.code, three.message['zh-CN'], three.message['en-US']]).toEqual(['handovers.signatures_missing', '不能签署：还缺少 接收部门负责人 的签字（共需 4 人签字）。', 'Cannot sign: the signatures of the receiving department head are missing (4 are needed).']);
  // a signer who did not draw is missing, named in both languages
  const undrawn = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1), { ...signer('head_receiving', head2), png: undefined }] });
  expect([undrawn.code, undrawn.message['en-US']]).toEqual(['handovers.signatures_missing', 'Cannot sign: the signatures of the receiving department head are missing (4 are needed).']);
  // the receiver is always someone who signs in; a name alone will not do for them
  expect((await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), { role: 'receiving', png: PNG_1PX, name: '吴芳' }, signer('head_handing', head1), signer('head_receiving', head2)] })).code).toBe('handovers.signatures_missing');
  const twice = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1), signer('head_receiving', head1)] });
  expect(twice.code).toBe('handovers.not_signer');
  // the receiver must be someone who files archives
  expect((await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', archivist), signer('receiving', handing), signer('head_handing', head1), signer('head_receiving', head2)] })).code).toBe('handovers.not_signer');
  expect(snapshotStore(app)).toEqual(before);

  const due = await ok(app, archivist.token, 'handovers.transferDue', {});
  expect(due.map((d) => d.refCode)).toEqual([item.refCode]);

  expect(rows(app, 'SELECT location_room FROM archive_item WHERE id = ?', itemId)).toEqual([{ location_room: '客服中心资料室' }]);
  // the company's head has no account here: a drawn signature and a name
  const signed = await ok(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1), { role: 'head_receiving', png: PNG_1PX, name: '赵建国' }] });
  expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);
  const sha = createHash('sha256').update(Buffer.from(PNG_1PX.split(',')[1]!, 'base64')).digest('hex');
  expect(rows(app, 'SELECT role, signer_name, method, staff_id IS NOT NULL AS staff, image_sha256 FROM handover_signature WHERE handover_id = ? ORDER BY role', list.id)).toEqual([
    { role: 'handing', signer_name: '李晓梅', method: 'drawn', staff: 1, image_sha256: sha }, { role: 'head_handing', signer_name: '周红', method: 'drawn', staff: 1, image_sha256: sha },
    { role: 'head_receiving', signer_name: '赵建国', method: 'drawn', staff: 0, image_sha256: sha }, { role: 'receiving', signer_name: '吴芳', method: 'drawn', staff: 1, image_sha256: sha }]);
  expect((await ok(app, archivist.token, 'handovers.image', { sha256: sha })).dataUrl).toBe(PNG_1PX);
  // the catalogue item now lies in the archive room; its old shelf place is cleared
  expect(rows(app, 'SELECT location_room, cabinet FROM archive_item WHERE id = ?', itemId)).toEqual([{ location_room: '公司档案室', cabinet: '' }]);
  expect(() => app.store.raw.prepare("UPDATE handover SET body = '{}' WHERE id = ?").run(list.id)).toThrow(/signed handover is final/);
  expect(await ok(app, archivist.token, 'handovers.saveTransfer', { id: list.id, fromDept: 'x', toDept: 'y', counted: [], notes: '' }).catch(() => 'refused')).toBe('refused');
  // the item now shows the archive room's custody and is no longer due
  expect(await ok(app, archivist.token, 'handovers.custody', { itemId })).toEqual([expect.objectContaining({ number: 'YJ-2026-0001', toDept: '公司档案室', fromDept: '客户服务中心' })]);
  expect(await ok(app, archivist.token, 'handovers.transferDue', {})).toEqual([]);
});

it('files are due at the archive room: 文书、声像、荣誉实物 by quarter end, 请示 and major events within a month, the rest by next June', () => {
  expect([dueRule(3, 4, false), dueRule(4, 1, false), dueRule(6, 2, false)]).toEqual(['quarter', 'quarter', 'quarter']);
  expect([dueRule(3, 3, false), dueRule(1, 4, true), dueRule(4, 1, true)]).toEqual(['month', 'month', 'month']);
  expect(dueRule(5, 3, false)).toBe('june');
  expect(transferDueOn('quarter', '2026-02-10')).toBe('2026-03-31');
  expect(transferDueOn('quarter', '2026-12-01')).toBe('2026-12-31');
  expect(transferDueOn('month', '2026-01-31')).toBe('2026-02-28');
  expect(transferDueOn('month', '2026-12-15')).toBe('2027-01-15');
  expect(transferDueOn('june', '2026-09-01')).toBe('2027-06-30');
});

it('a major-event paper is one the archivist marks, when filing it or later, not one whose title says 重大; marked, it is due within a month', async () => {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const archivist = await addStaff(app, admin, { username: 'wu.fang', role: 'archivist', displayName: '吴芳' });
  const desk = await addStaff(app, admin, { username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' });
  const filed = await ok(app, archivist.token, 'archives.index', { category: 1, cls: 4, department: '07', title: '台风“山竹”抢险处置记录', year: 2026, form: 'paper', producedOn: '2026-09-16', majorEvent: true });
  const titled = await ok(app, archivist.token, 'archives.index', { category: 1, cls: 4, department: '07', title: '重大节日安全巡查记录', year: 2026, form: 'paper', producedOn: '2026-09-20' });
  const due = async () => Object.fromEntries((await ok(app, archivist.token, 'handovers.transferDue', {})).map((d) => [d.refCode, [d.rule, d.dueOn]]));
  expect(await due()).toEqual({ [filed.refCode]: ['month', '2026-10-16'], [titled.refCode]: ['june', '2027-06-30'] });

  // marked later from the item's screen; unmarked again; a receptionist may not
  const titledId = rows<{ id: string }>(app, 'SELECT id FROM archive_item WHERE ref_code = ?', titled.refCode)[0]!.id;
  await ok(app, archivist.token, 'handovers.markMajorEvent', { itemId: titledId, majorEvent: true });
  expect((await due())[titled.refCode]).toEqual(['month', '2026-10-20']);
  expect((await refused(app, desk.token, 'handovers.markMajorEvent', { itemId: titledId, majorEvent: false })).code).toBe('auth.forbidden');
  expect(rows(app, 'SELECT major_event FROM archive_item WHERE id = ?', titledId)).toEqual([{ major_event: 1 }]);
  await ok(app, archivist.token, 'handovers.markMajorEvent', { itemId: titledId, majorEvent: false });
  expect((await due())[titled.refCode]).toEqual(['june', '2027-06-30']);
  expect(rows(app, "SELECT json_extract(after, '$.major_event') AS m FROM change_log WHERE table_name = 'archive_item' AND row_id = ? ORDER BY seq", titledId)).toEqual([{ m: 0 }, { m: 1 }, { m: 0 }]);
});
