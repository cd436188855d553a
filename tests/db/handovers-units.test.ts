/**
 * Move-in and move-out handovers against a real store: numbered drafts, base readings that
 * the next meter bill counts from, a defect that opens a repair case, signing (occupant's
 * drawn signature, staff signing in on the spot), the signed row frozen by the store, a
 * correction as version 2, and a move-out with a missing key and billed final readings.
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cleanup, login, ok, refused, rows, snapshotStore } from '../helpers/app.js';
import { handoverSite, moveInForm, PNG_1PX, signAs } from './handovers-fixture.js';

afterEach(cleanup);

it('a move-in is numbered, signed with its base readings, frees nothing to change, and the next water bill counts from the base', async () => {
  const s = await handoverSite();
  const desk = s.receptionist;
  // the previous reading in force for the room's water meter
  await ok(s.app, s.cashier.token, 'fees.reading', { roomId: s.rooms.r201, meter: 'water', period: '2026-11', readOn: '2026-11-28', reading: '100' });

  const started = await ok(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r201 });
  expect(started).toMatchObject({ number: 'RH-2026-0001', version: 1 });
  const draft = await ok(s.app, desk.token, 'handovers.get', { id: started.id });
  expect(draft.body).toMatchObject({ checklist: expect.arrayContaining([{ item: '热水器', condition: 'ok', remark: '', caseId: null, caseNo: '' }]) });
  await ok(s.app, desk.token, 'handovers.save', { id: started.id, body: moveInForm() });

  // the defective window opens a repair case in the complaint ledger, linked to its line
  const repair = await ok(s.app, desk.token, 'handovers.openRepair', { id: started.id, index: 1 });
  expect(rows(s.app, 'SELECT kind, room_id, category, matter FROM complaint_case WHERE id = ?', repair.caseId)).toEqual([
    { kind: 'repair', room_id: s.rooms.r201, category: 'inunit', matter: 'RH-2026-0001 交接：窗户有缺陷（主卧窗框渗水）' }]);
  expect((await refused(s.app, desk.token, 'handovers.openRepair', { id: started.id, index: 0 })).code).toBe('handovers.not_defect');
  const withCase = await ok(s.app, desk.token, 'handovers.get', { id: started.id });
  const form = withCase.body as { checklist: { caseNo: string }[] };

  const signed = await signAs(s.app, desk.token, started.id, desk);
  expect(signed.effects).toMatchObject({ roomState: 'occupied' });
  const h = rows<{ status: string; canonical: string; body_sha256: string; occupant_id: string }>(s.app, 'SELECT status, canonical, body_sha256, occupant_id FROM handover WHERE id = ?', started.id)[0]!;
  expect(h.status).toBe('signed');
  expect(h.body_sha256).toBe(createHash('sha256').update(h.canonical).digest('hex'));
  expect(JSON.parse(h.canonical)).toMatchObject({ number: 'RH-2026-0001', body: { checklist: [{}, { caseNo: form.checklist[1]!.caseNo }, {}] } });
  // the occupant registered by the registry's rules, moved in on the planned day
  expect(rows(s.app, 'SELECT name, kind, move_in, id_number FROM occupant WHERE id = ?', h.occupant_id)).toEqual([{ name: '刘洋', kind: 'owner', move_in: '2026-12-06', id_number: '11010519491231002X' }]);
  expect(rows(s.app, 'SELECT meter, kind, period, previous_centi, reading_centi FROM meter_reading WHERE room_id = ? AND kind = ? ORDER BY meter', s.rooms.r201, 'base')).toEqual([
    { meter: 'electricity', kind: 'base', period: '2026-12', previous_centi: 50000, reading_centi: 50000 },
    { meter: 'gas', kind: 'base', period: '2026-12', previous_centi: 3050, reading_centi: 3050 },
    { meter: 'water', kind: 'base', period: '2026-12', previous_centi: 12000, reading_centi: 12000 },
  ]);
  const sigs = rows<{ role: string; method: string; image_sha256: string | null; signer_name: string }>(s.app, 'SELECT role, method, image_sha256, signer_name FROM handover_signature WHERE handover_id = ? ORDER BY role', started.id);
  expect(sigs.map((g) => [g.role, g.method, g.signer_name])).toEqual([['occupant', 'drawn', '刘洋'], ['staff', 'attest', '李晓梅']]);
  const png = Buffer.from(PNG_1PX.split(',')[1]!, 'base64');
  const sha = createHash('sha256').update(png).digest('hex');
  expect(sigs[0]!.image_sha256).toBe(sha);
  expect(existsSync(join(s.app.dir, 'signatures', sha.slice(0, 2), sha))).toBe(true);
  expect((await ok(s.app, desk.token, 'handovers.image', { sha256: sha })).dataUrl).toBe(PNG_1PX);

  // the periodic reading of the same month counts from the base (120 → 125: 5 t × 3.45)
  const next = await ok(s.app, s.cashier.token, 'fees.reading', { roomId: s.rooms.r201, meter: 'water', period: '2026-12', readOn: '2026-12-01', reading: '125' });
  expect(next).toMatchObject({ use: 500, baseline: false, bill: { amount: 1725 } });
  expect(rows(s.app, 'SELECT count(*) AS n FROM complaint_case WHERE room_id = ?', s.rooms.r201)).toEqual([{ n: 1 }]);
});

it('refuses a signed form changed through the API or straight in the store, a second move-in, and bad forms, changing nothing', async () => {
  const s = await handoverSite();
  const desk = s.receptionist;
  await ok(s.app, s.cashier.token, 'fees.reading', { roomId: s.rooms.r201, meter: 'water', period: '2026-11', readOn: '2026-11-28', reading: '100' });
  const { id } = await ok(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r201 });

  // a negative key count is refused on saving
  let before = snapshotStore(s.app);
  const neg = await refused(s.app, desk.token, 'handovers.save', { id, body: moveInForm({ keyCount: -1 }) });
  expect(neg.code).toBe('handovers.key_count');
  expect(neg.message['zh-CN']).toContain('入户门');
  expect(neg.message['en-US']).toContain('negative');
  expect(snapshotStore(s.app)).toEqual(before);

  // signing with a required section empty: no ID check, no meter readings, no occupant signature
  await ok(s.app, desk.token, 'handovers.save', { id, body: moveInForm({ idChecked: false }) });
  before = snapshotStore(s.app);
  const sign = { id, occupantMethod: 'drawn', occupantName: '刘洋', occupantPng: PNG_1PX, staffUsername: desk.username, staffPassword: desk.password };
  expect((await refused(s.app, desk.token, 'handovers.sign', sign)).params).toMatchObject({ sectionEn: 'ID checked' });
  expect(snapshotStore(s.app)).toEqual(before);
  const noMeters = { ...moveInForm(), meters: [{ meter: 'water', meterNo: 'W-1', reading: '' }] };
  await ok(s.app, desk.token, 'handovers.save', { id, body: noMeters });
  before = snapshotStore(s.app);
  const empty = await refused(s.app, desk.token, 'handovers.sign', sign);
  expect([empty.code, empty.message['zh-CN'], empty.message['en-US']]).toEqual(['handovers.section_empty', '不能签署：“能源表底”一栏未填写。', 'Cannot sign: the "meter readings" section is empty.']);
  expect(snapshotStore(s.app)).toEqual(before);
  await ok(s.app, desk.token, 'handovers.save', { id, body: moveInForm() });
  before = snapshotStore(s.app);
  expect((await refused(s.app, desk.token, 'handovers.sign', { ...sign, occupantMethod: null })).params).toMatchObject({ sectionEn: 'occupant signature' });
  expect(snapshotStore(s.app)).toEqual(before);

  // a base reading lower than the last in force (100.00)
  await ok(s.app, desk.token, 'handovers.save', { id, body: moveInForm({ water: '99.50' }) });
  before = snapshotStore(s.app);
  const lower = await refused(s.app, desk.token, 'handovers.sign', sign);
  expect(lower.code).toBe('handovers.base_lower');
  expect(lower.message['zh-CN']).toContain('99.50');
  expect(lower.message['en-US']).toContain('100.00');
  expect(snapshotStore(s.app)).toEqual(before);

  // a cashier holds no handovers.write: they cannot sign as the staff member
  await ok(s.app, desk.token, 'handovers.save', { id, body: moveInForm() });
  expect((await refused(s.app, desk.token, 'handovers.sign', { ...sign, staffUsername: s.cashier.username, staffPassword: s.cashier.password })).code).toBe('handovers.not_signer');

  await signAs(s.app, desk.token, id, desk);
  before = snapshotStore(s.app);
  const edit = await refused(s.app, desk.token, 'handovers.save', { id, body: moveInForm({ name: '改名' }) });
  expect(edit.code).toBe('handovers.signed_final');
  expect(edit.message['zh-CN']).toContain('RH-2026-0001');
  expect((await refused(s.app, desk.token, 'handovers.sign', sign)).code).toBe('handovers.signed_final');
  expect((await refused(s.app, desk.token, 'handovers.openRepair', { id, index: 1 })).code).toBe('handovers.signed_final');
  // straight in the store
  expect(() => s.app.store.raw.prepare("UPDATE handover SET body = '{}' WHERE id = ?").run(id)).toThrow(/signed handover is final/);
  expect(() => s.app.store.raw.prepare('DELETE FROM handover WHERE id = ?').run(id)).toThrow(/never deleted/);
  expect(() => s.app.store.raw.prepare('DELETE FROM handover_signature WHERE handover_id = ?').run(id)).toThrow(/append-only/);
  expect(() => s.app.store.raw.prepare("UPDATE meter_reading SET reading_centi = 1 WHERE kind = 'base'").run()).toThrow(/append-only/);
  // a second move-in while the occupant has not moved out
  const again = await refused(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r201 });
  expect([again.code, again.message['en-US']]).toEqual(['handovers.room_occupied', 'Room 2-1-201 already has a move-in handover (RH-2026-0001) and its occupant has not moved out; a second move-in is refused.']);
  expect(snapshotStore(s.app)).toEqual(before);
  // a draft takes its number at once; the store refuses a gap
  expect(() => s.app.store.raw.prepare(`INSERT INTO handover (id, site_id, kind, year, seq, number, version, status, body, created_by, created_at, updated_at)
    SELECT 'x', site_id, 'move_in', 2026, 5, 'RH-2026-0005', 1, 'draft', '{}', created_by, created_at, updated_at FROM handover LIMIT 1`).run()).toThrow(/gapless/);
});

it('a correction is version 2 under the same number; a move-out lists the missing key, bills the final readings and empties the room', async () => {
  const s = await handoverSite();
  const desk = s.receptionist;
  const { id } = await ok(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r201 });
  await ok(s.app, desk.token, 'handovers.save', { id, body: moveInForm() });
  await signAs(s.app, desk.token, id, desk);

  expect((await refused(s.app, desk.token, 'handovers.correct', { id: (await ok(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r102 })).id, reason: '写错' })).code).toBe('handovers.not_signed');
  const v2 = await ok(s.app, desk.token, 'handovers.correct', { id, reason: '信报箱钥匙数量写错' });
  expect(v2).toMatchObject({ number: 'RH-2026-0001', version: 2 });
  const fixed = { ...moveInForm(), keys: [{ kind: '入户门', count: 2, numbers: 'A1 A2' }, { kind: '信报箱', count: 2, numbers: '' }] };
  await ok(s.app, desk.token, 'handovers.save', { id: v2.id, body: fixed });
  const signed2 = await signAs(s.app, desk.token, v2.id, desk);
  expect(signed2.version).toBe(2);
  expect((await refused(s.app, desk.token, 'handovers.correct', { id, reason: '再改' })).code).toBe('handovers.already_corrected');
  // the correction moved nobody and wrote no second set of base readings
  expect(rows(s.app, "SELECT count(*) AS n FROM meter_reading WHERE kind = 'base'")).toEqual([{ n: 3 }]);
  expect(rows(s.app, 'SELECT count(*) AS n FROM occupant WHERE room_id = ?', s.rooms.r201)).toEqual([{ n: 1 }]);
  const history = await ok(s.app, desk.token, 'handovers.roomHistory', { roomId: s.rooms.r201 });
  expect(history.map((h) => [h.number, h.version, h.status, h.superseded])).toEqual([['RH-2026-0001', 2, 'signed', false], ['RH-2026-0001', 1, 'signed', true]]);
  const view = await ok(s.app, desk.token, 'handovers.get', { id: v2.id });
  expect(view.versions.map((v) => v.version)).toEqual([1, 2]);

  // move-out: keys handed over come from the latest version (信报箱 2), one not returned
  s.app.clock.set('2026-12-20T02:00:00.000Z');
  desk.token = await login(s.app, desk.username, desk.password);
  const out = await ok(s.app, desk.token, 'handovers.start', { kind: 'move_out', roomId: s.rooms.r201 });
  expect(out.number).toBe('QC-2026-0001');
  const outView = await ok(s.app, desk.token, 'handovers.get', { id: out.id });
  const body = outView.body as { keys: { kind: string; handed: number; count: number; numbers: string }[]; meters: { meter: string; meterNo: string; reading: string }[]; checklist: { item: string; condition: string }[] };
  expect(body.keys.map((k) => [k.kind, k.handed])).toEqual([['入户门', 2], ['信报箱', 2]]);
  body.keys[1]!.count = 1;
  body.meters = body.meters.map((m) => ({ ...m, reading: m.meter === 'water' ? '130' : m.meter === 'electricity' ? '600' : '' }));
  body.checklist[2]!.condition = 'defect';
  await ok(s.app, desk.token, 'handovers.save', { id: out.id, body });
  const compared = await ok(s.app, desk.token, 'handovers.get', { id: out.id });
  expect(compared.compare).toEqual({ moveInNumber: 'RH-2026-0001', missingKeys: [{ kind: '信报箱', missing: 1 }], changes: [{ item: '墙面', before: 'ok', after: 'defect' }] });
  const done = await signAs(s.app, desk.token, out.id, desk);
  // 10 t × 3.45 = 34.50; 100 kWh × 0.538 = 53.80
  expect(done.effects).toMatchObject({ missingKeys: [{ kind: '信报箱', missing: 1 }], roomState: 'vacant', owed: 3450 + 5380 });
  expect(rows(s.app, "SELECT m.meter, m.kind, b.amount FROM meter_reading m JOIN bill b ON b.reading_id = m.id WHERE m.kind = 'final' ORDER BY m.meter")).toEqual([
    { meter: 'electricity', kind: 'final', amount: 5380 }, { meter: 'water', kind: 'final', amount: 3450 }]);
  expect(rows(s.app, 'SELECT move_out FROM occupant WHERE room_id = ?', s.rooms.r201)).toEqual([{ move_out: '2026-12-20' }]);
  // now a new move-in may start, numbered next
  expect((await ok(s.app, desk.token, 'handovers.start', { kind: 'move_in', roomId: s.rooms.r201 })).number).toBe('RH-2026-0003');
  const listed = await ok(s.app, desk.token, 'handovers.list', { kind: 'move_in', status: 'draft' });
  expect(listed.map((h) => h.number)).toEqual(['RH-2026-0003', 'RH-2026-0002']);
});
