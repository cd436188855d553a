/**
 * The desk key register (lending and return, feeding the shift handover) and the admin's
 * handover lists per room type: a bad key or a key lent twice is refused in both languages
 * and changes nothing; a room type's own checklist is what its move-in starts from.
 */
import { afterEach, expect, it } from 'vitest';
import { cleanup, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { feeSite } from './fees-fixture.js';

afterEach(cleanup);

it('keys are lent and returned once at a time, and what is out is on the shift handover', async () => {
  const s = await feeSite();
  const roof = await ok(s.app, s.receptionist.token, 'handovers.saveKey', { label: '天台门', kind: 'public', count: 2 });
  await ok(s.app, s.receptionist.token, 'handovers.saveKey', { label: '1-101 备用钥匙', kind: 'spare', roomId: s.rooms.r101, count: 1, note: '业主出差寄存' });
  const before = snapshotStore(s.app);
  const noRoom = await refused(s.app, s.receptionist.token, 'handovers.saveKey', { label: '备用', kind: 'spare', count: 1 });
  expect([noRoom.code, noRoom.message['zh-CN']]).toEqual(['handovers.key_room', '业主寄存的钥匙须注明房号。']);
  expect((await refused(s.app, s.receptionist.token, 'handovers.saveKey', { label: '天台门', kind: 'public', count: 1 })).code).toBe('handovers.key_label_taken');
  expect((await refused(s.app, s.receptionist.token, 'handovers.saveKey', { label: '机房', kind: 'public', count: -1 })).code).toBe('api.invalid_input');
  expect((await refused(s.app, s.cashier.token, 'handovers.returnKey', { keyId: roof.id })).message['en-US']).toBe('Key "天台门" is at the desk; there is no loan to return.');
  expect(snapshotStore(s.app)).toEqual(before);

  await ok(s.app, s.cashier.token, 'handovers.lendKey', { keyId: roof.id, borrower: '维修班王师傅', purpose: '检修水箱' });
  const twice = await refused(s.app, s.receptionist.token, 'handovers.lendKey', { keyId: roof.id, borrower: '保洁' });
  expect([twice.code, twice.message['zh-CN']]).toEqual(['handovers.key_out', '钥匙“天台门”已借出，尚未归还。']);
  const shift = await ok(s.app, s.cashier.token, 'handovers.startShift', { incomingId: null });
  expect(shift.prefill.keys).toEqual({ held: 1, out: [expect.objectContaining({ label: '天台门', borrower: '维修班王师傅' })] });

  await ok(s.app, s.receptionist.token, 'handovers.returnKey', { keyId: roof.id });
  const history = await ok(s.app, s.receptionist.token, 'handovers.keyHistory', { keyId: roof.id });
  expect(history.map((h) => [h.borrower, h.lentBy, h.returnedBy])).toEqual([['维修班王师傅', '钱敏', '李晓梅']]);
  expect((await ok(s.app, s.receptionist.token, 'handovers.keys', {})).map((k) => [k.label, k.borrower])).toEqual([['天台门', null], ['1-101 备用钥匙', null]]);
});

it('a room type\'s own checklist is what its move-in starts from; other types keep the site\'s list', async () => {
  const s = await feeSite();
  await ok(s.app, s.admin, 'handovers.saveList', { list: 'facility', names: ['入户门', '窗户', '地面'] });
  await ok(s.app, s.admin, 'handovers.saveList', { list: 'facility', usage: 'residential', names: ['入户门', '阳台', '燃气灶'] });
  expect((await ok(s.app, s.admin, 'handovers.lists', { usage: 'shop' })).facility).toEqual(['入户门', '窗户', '地面']);
  const usage = rows<{ usage: string }>(s.app, 'SELECT usage FROM room WHERE id = ?', s.rooms.r101)[0]!.usage;
  const started = await ok(s.app, s.receptionist.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r101 });
  const body = (await ok(s.app, s.receptionist.token, 'handovers.get', { id: started.id })).body as { checklist: { item: string }[] };
  expect(body.checklist.map((c) => c.item)).toEqual(usage === 'residential' ? ['入户门', '阳台', '燃气灶'] : ['入户门', '窗户', '地面']);
  expect((await refused(s.app, s.receptionist.token, 'handovers.saveList', { list: 'key', names: ['x'] })).code).toBe('auth.forbidden');
});
