/**
 * The archive transfer list (档案移交清单): items from the catalogue and name-and-count lines,
 * four signatures each given by a person signing in on the spot; three, or one person
 * twice, is refused and changes nothing.
 */
import { afterEach, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore } from '../helpers/app.js';

afterEach(cleanup);

it('a transfer list needs four different people signing in; three is refused', async () => {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const handing = await addStaff(app, admin, { username: 'li.xiaomei', role: 'receptionist', displayName: '李晓梅' });
  const archivist = await addStaff(app, admin, { username: 'wu.fang', role: 'archivist', displayName: '吴芳' });
  const head1 = await addStaff(app, admin, { username: 'zhou.hong', role: 'supervisor', displayName: '周红' });
  const head2 = await addStaff(app, admin, { username: 'chen.gang', role: 'manager', displayName: '陈刚' });
  const item = await ok(app, archivist.token, 'archives.index', { category: 3, cls: 4, department: '07', title: '关于消防演练的通知', year: 2026, form: 'paper' });
  const itemId = rows<{ id: string }>(app, 'SELECT id FROM archive_item WHERE ref_code = ?', item.refCode)[0]!.id;

  const list = await ok(app, archivist.token, 'handovers.startTransfer', { fromDept: '客户服务中心', items: [{ itemId }, { itemId: null, name: '2026 年第三季度装修申请表', classCode: '3.6', count: 42 }] });
  expect(list).toMatchObject({ number: 'YJ-2026-0001', total: 43 });
  const signer = (role: 'handing' | 'receiving' | 'head_handing' | 'head_receiving', s: { username: string; password: string }) => ({ role, username: s.username, password: s.password });

  const before = snapshotStore(app);
  const three = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1)] });
  expect([three.code, three.message['zh-CN'], three.message['en-US']]).toEqual(['handovers.signatures_missing', '不能签署：还缺少 接收部门负责人 的签字（共需 4 人签字）。', 'Cannot sign: the signatures of the receiving department head are missing (4 are needed).']);
  const twice = await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1), signer('head_receiving', head1)] });
  expect(twice.code).toBe('handovers.not_signer');
  // the receiver must be someone who files archives
  expect((await refused(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', archivist), signer('receiving', handing), signer('head_handing', head1), signer('head_receiving', head2)] })).code).toBe('handovers.not_signer');
  expect(snapshotStore(app)).toEqual(before);

  const signed = await ok(app, archivist.token, 'handovers.signTransfer', { id: list.id, signers: [signer('handing', handing), signer('receiving', archivist), signer('head_handing', head1), signer('head_receiving', head2)] });
  expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(rows(app, 'SELECT role, signer_name FROM handover_signature WHERE handover_id = ? ORDER BY role', list.id)).toEqual([
    { role: 'handing', signer_name: '李晓梅' }, { role: 'head_handing', signer_name: '周红' }, { role: 'head_receiving', signer_name: '陈刚' }, { role: 'receiving', signer_name: '吴芳' }]);
  expect(() => app.store.raw.prepare("UPDATE handover SET body = '{}' WHERE id = ?").run(list.id)).toThrow(/signed handover is final/);
});
