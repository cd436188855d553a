/**
 * The registry's operations through app.call on real SQLite files: creating and editing
 * buildings, units, rooms and occupants; every refusal leaves the store as it was; moving
 * out keeps history; the card masks ID numbers by role; who may write; tree counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, ok, refused, rows, snapshotStore, type TestApp } from '../helpers/app.js';
import { building, changeCount, occupant, registrySite, room, VALID_IDS } from '../helpers/registry.js';

afterEach(cleanup);

function roomRow(app: TestApp, id: string) {
  return rows<{ code: string; code_digits: string; floor: number | null; area_centi: number; usage: string; state: string }>(app,
    'SELECT code, code_digits, floor, area_centi, usage, state FROM room WHERE id = ?', id)[0];
}

describe('buildings, units and rooms', () => {
  it('creates a building, its units and rooms, with the code, digits, floor and exact area the store keeps', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['1', '2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '1501', area: '1,203.25' });
    expect(roomRow(app, r)).toEqual({ code: '3-2-1501', code_digits: '321501', floor: 15, area_centi: 120325, usage: 'residential', state: 'occupied' });
    const s = await room(app, desk.token, { buildingId: b.id, unitId: null, roomNo: 's01', area: 45.5, usage: 'shop', state: 'rented' });
    expect(roomRow(app, s)).toEqual({ code: '3-S01', code_digits: '3S01', floor: null, area_centi: 4550, usage: 'shop', state: 'rented' });

    const card = await ok(app, desk.token, 'registry.room', { id: r });
    expect(card.room).toMatchObject({ code: '3-2-1501', building_code: '3', building_name: '3栋', unit_code: '2', unit_name: '2单元', area_centi: 120325 });
    expect(card.occupants).toEqual([]);
    // every new row was captured with the operation and the receptionist who keyed it
    const logged = rows<{ table_name: string; operation: string; actor_id: string }>(app, "SELECT table_name, operation, actor_id FROM change_log WHERE table_name IN ('building', 'unit', 'room') ORDER BY seq");
    expect(logged.map((l) => [l.table_name, l.operation])).toEqual([
      ['building', 'registry.saveBuilding'], ['unit', 'registry.saveUnit'], ['unit', 'registry.saveUnit'], ['room', 'registry.saveRoom'], ['room', 'registry.saveRoom'],
    ]);
    expect(new Set(logged.map((l) => l.actor_id))).toEqual(new Set([desk.id]));
  });

  it('edits a building, and renaming its code re-codes every one of its rooms', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['1', '2']);
    const other = await building(app, desk.token, '4', ['1']);
    const r1 = await room(app, desk.token, { buildingId: b.id, unitId: b.units['1']!, roomNo: '501' });
    const r2 = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '502' });
    const r3 = await room(app, desk.token, { buildingId: other.id, unitId: other.units['1']!, roomNo: '501' });

    await ok(app, desk.token, 'registry.saveBuilding', { id: b.id, code: '3', name: '三号楼', remarks: '2014 年交付' });
    expect(rows(app, 'SELECT code, name, remarks FROM building WHERE id = ?', b.id)).toEqual([{ code: '3', name: '三号楼', remarks: '2014 年交付' }]);
    expect(roomRow(app, r1)!.code).toBe('3-1-501');

    await ok(app, desk.token, 'registry.saveBuilding', { id: b.id, code: 'c3', name: '三号楼', remarks: '2014 年交付' });
    expect([roomRow(app, r1), roomRow(app, r2)].map((r) => [r!.code, r!.code_digits])).toEqual([['C3-1-501', 'C31501'], ['C3-2-502', 'C32502']]);
    expect(roomRow(app, r3)!.code).toBe('4-1-501'); // another building's rooms stay
    const recoded = rows<{ row_id: string }>(app, "SELECT row_id FROM change_log WHERE table_name = 'room' AND kind = 'update' AND operation = 'registry.saveBuilding'");
    expect(recoded.map((r) => r.row_id).sort()).toEqual([r1, r2].sort());
    expect((await ok(app, desk.token, 'registry.search', { q: 'C3-2-5' })).map((h) => h.roomId)).toEqual([r2]);

    // a unit's new code follows into its rooms too
    await ok(app, desk.token, 'registry.saveUnit', { id: b.units['2']!, buildingId: b.id, code: '5', name: '5单元' });
    expect(roomRow(app, r2)!.code).toBe('C3-5-502');
    expect(roomRow(app, r1)!.code).toBe('C3-1-501');
  });

  it('refuses a second room with the same code, by create or by edit, and writes nothing', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501' });
    const r502 = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '502' });
    const before = snapshotStore(app);
    const again = await refused(app, desk.token, 'registry.saveRoom', { buildingId: b.id, unitId: b.units['2'], roomNo: '501', area: '90', usage: 'residential', state: 'vacant' });
    expect(again.code).toBe('registry.duplicate_room');
    expect(again.params).toEqual({ code: '3-2-501' });
    expect(again.message['zh-CN']).toContain('3-2-501');
    const edit = await refused(app, desk.token, 'registry.saveRoom', { id: r502, buildingId: b.id, unitId: b.units['2'], roomNo: '501', area: '90', usage: 'residential', state: 'vacant' });
    expect(edit.code).toBe('registry.duplicate_room');
    // building and unit codes are unique too
    expect((await refused(app, desk.token, 'registry.saveBuilding', { code: '3', name: '又一个3栋' })).code).toBe('registry.duplicate_building');
    expect((await refused(app, desk.token, 'registry.saveUnit', { buildingId: b.id, code: '2', name: '2单元' })).code).toBe('registry.duplicate_unit');
    expect(snapshotStore(app)).toEqual(before);
  });

  it('refuses an area that is not a number with at most two decimals (or is too large), and writes nothing', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    const before = snapshotStore(app);
    for (const area of ['89.567', 'abc', '', '-5', '2000000', 1e21, 89.567]) {
      const e = await refused(app, desk.token, 'registry.saveRoom', { buildingId: b.id, unitId: b.units['2'], roomNo: '501', area, usage: 'residential', state: 'vacant' });
      expect(e.code, String(area)).toBe('registry.bad_area');
      expect(e.params.value, String(area)).toBe(String(area));
    }
    expect(snapshotStore(app)).toEqual(before);
  });

  it('needs a unit for a home where codes include units, but not for a shop', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    expect((await refused(app, desk.token, 'registry.saveRoom', { buildingId: b.id, unitId: null, roomNo: '501', area: '89', usage: 'residential', state: 'vacant' })).code).toBe('registry.unit_required');
    await room(app, desk.token, { buildingId: b.id, unitId: null, roomNo: '101', usage: 'shop', state: 'vacant' });
    // a unit of another building is not this building's
    const other = await building(app, desk.token, '4', ['1']);
    expect((await refused(app, desk.token, 'registry.saveRoom', { buildingId: b.id, unitId: other.units['1'], roomNo: '502', area: '89', usage: 'residential', state: 'vacant' })).code).toBe('registry.not_found');
  });

  it('adds nothing to the change log when a save changes nothing', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    const input = { buildingId: b.id, unitId: b.units['2']!, roomNo: '501', area: '89.50', usage: 'residential', state: 'occupied', remarks: '南北通透' } as const;
    const r = await room(app, desk.token, input);
    const o = await occupant(app, desk.token, { roomId: r, name: '张建国', phone: '138 0013 8000', idType: 'resident_id', idNumber: VALID_IDS[1], moveIn: '2020-05-01' });
    const m = (await ok(app, desk.token, 'registry.saveMember', { occupantId: o, name: '李秀英', relation: '配偶', phone: '13900139000' })).id;
    const v = (await ok(app, desk.token, 'registry.saveVehicle', { occupantId: o, plate: '粤B12345', description: '白色 丰田' })).id;
    const p = (await ok(app, desk.token, 'registry.saveParking', { code: 'B1-001', occupantId: o, tenure: 'owned' })).id;
    const n = changeCount(app);
    const snap = snapshotStore(app);

    await ok(app, desk.token, 'registry.saveBuilding', { id: b.id, code: '3', name: '3栋' });
    await ok(app, desk.token, 'registry.saveUnit', { id: b.units['2']!, buildingId: b.id, code: '2', name: '2单元' });
    await ok(app, desk.token, 'registry.saveRoom', { id: r, ...input });
    await ok(app, desk.token, 'registry.saveRoom', { id: r, ...input, area: 89.5 }); // the same area, as a spreadsheet number
    await ok(app, desk.token, 'registry.saveOccupant', { id: o, roomId: r, kind: 'owner', name: '张建国', phone: '+86 13800138000', idType: 'resident_id', idNumber: VALID_IDS[1], moveIn: '2020-05-01' });
    await ok(app, desk.token, 'registry.saveMember', { id: m, occupantId: o, name: '李秀英', relation: '配偶', phone: '139-0013-9000' });
    await ok(app, desk.token, 'registry.saveVehicle', { id: v, occupantId: o, plate: '粤b 12345', description: '白色 丰田' });
    await ok(app, desk.token, 'registry.saveParking', { id: p, code: 'b1-001', occupantId: o, tenure: 'owned' });
    expect(changeCount(app)).toBe(n);
    expect(snapshotStore(app)).toEqual(snap);

    // a real change is one update row holding the before and after
    await ok(app, desk.token, 'registry.saveRoom', { id: r, ...input, state: 'rented' });
    const last = rows<{ kind: string; before: string; after: string }>(app, 'SELECT kind, before, after FROM change_log ORDER BY seq DESC LIMIT 1')[0]!;
    expect(changeCount(app)).toBe(n + 1);
    expect([last.kind, JSON.parse(last.before).state, JSON.parse(last.after).state]).toEqual(['update', 'occupied', 'rented']);
  });
});

describe('occupants', () => {
  it('stores phones normalised and ID numbers checked, and refuses malformed phones and bad resident IDs with nothing written', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501' });
    const o = await occupant(app, desk.token, { roomId: r, name: '欧阳晓梅', phone: '+86 138 0013 8000', phone2: '0755-8600 1234', idType: 'resident_id', idNumber: '11010519491231002x' });
    expect(rows(app, 'SELECT phone, phone2, id_type, id_number FROM occupant WHERE id = ?', o)).toEqual([
      { phone: '13800138000', phone2: '075586001234', id_type: 'resident_id', id_number: '11010519491231002X' },
    ]);

    const before = snapshotStore(app);
    const base = { roomId: r, kind: 'owner', name: '王芳' };
    for (const [field, value] of [['phone', '12345'], ['phone', '138-0013-800'], ['phone2', 'abc'], ['phone2', '0755-123']] as const) {
      const e = await refused(app, desk.token, 'registry.saveOccupant', { ...base, [field]: value });
      expect(e.code, `${field} ${value}`).toBe('registry.bad_phone');
      expect(e.params.value).toBe(value);
    }
    const badId = await refused(app, desk.token, 'registry.saveOccupant', { ...base, idType: 'resident_id', idNumber: '110105194912310021' });
    expect(badId.code).toBe('registry.bad_id_number');
    expect(badId.message['en-US']).toContain('110105194912310021');
    // a member's phone is checked the same way
    expect((await refused(app, desk.token, 'registry.saveMember', { occupantId: o, name: '欧阳明', phone: '999' })).code).toBe('registry.bad_phone');
    for (const plate of ['粤B1234', '粤B1234567', '粤12345', 'B12345粤']) {
      expect((await refused(app, desk.token, 'registry.saveVehicle', { occupantId: o, plate })).code, plate).toBe('registry.bad_plate');
    }
    expect(snapshotStore(app)).toEqual(before);

    // plates as they are issued: 5 characters, 6 for new-energy cars, 4 and a character for special ones
    for (const plate of ['粤B12345', '粤BD12345', '粤B1234学', '京A·F1234']) await ok(app, desk.token, 'registry.saveVehicle', { occupantId: o, plate });
    expect(rows<{ plate: string }>(app, 'SELECT plate FROM vehicle ORDER BY rowid').map((r) => r.plate)).toEqual(['粤B12345', '粤BD12345', '粤B1234学', '京AF1234']);

    // other documents are kept as given (no check digit to test)
    const p = await occupant(app, desk.token, { roomId: r, kind: 'tenant', name: 'John Smith', idType: 'passport', idNumber: 'e12345678' });
    expect(rows(app, 'SELECT id_type, id_number FROM occupant WHERE id = ?', p)).toEqual([{ id_type: 'passport', id_number: 'E12345678' }]);
  });

  it('a room’s state follows move-ins and move-outs; states set by hand stand while nobody lives there', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '502', state: 'decorating' });
    const state = () => rows<{ state: string }>(app, 'SELECT state FROM room WHERE id = ?', r)[0]!.state;

    // an owner on record who has not moved in leaves 装修中 as it is
    const owner = await occupant(app, desk.token, { roomId: r, name: '张建国', phone: '13800138000' });
    expect(state()).toBe('decorating');
    // the owner moves in: 入住
    expect(await ok(app, desk.token, 'registry.saveOccupant', { id: owner, roomId: r, kind: 'owner', name: '张建国', moveIn: '2026-10-01' })).toEqual({ id: owner, roomState: 'occupied' });
    // a tenant: 出租; the tenant leaves and the owner still lives there: 入住
    const tenant = await occupant(app, desk.token, { roomId: r, kind: 'tenant', name: '刘洋', phone: '13912345678', moveIn: '2026-11-01' });
    expect(state()).toBe('rented');
    expect(await ok(app, desk.token, 'registry.moveOut', { id: tenant, date: '2026-11-20' })).toEqual({ roomState: 'occupied' });
    // the owner leaves too: nobody lives there, 空置
    expect(await ok(app, desk.token, 'registry.moveOut', { id: owner, date: '2026-11-21' })).toEqual({ roomState: 'vacant' });
    // and the change is in the trail, made by the move-out
    expect(rows(app, "SELECT operation, json_extract(before, '$.state') AS was, json_extract(after, '$.state') AS now FROM change_log WHERE table_name = 'room' AND kind = 'update' ORDER BY seq"))
      .toEqual([
        { operation: 'registry.saveOccupant', was: 'decorating', now: 'occupied' },
        { operation: 'registry.saveOccupant', was: 'occupied', now: 'rented' },
        { operation: 'registry.moveOut', was: 'rented', now: 'occupied' },
        { operation: 'registry.moveOut', was: 'occupied', now: 'vacant' },
      ]);
  });

  it('moving out keeps the occupant as history, deactivates their vehicles and frees their parking; a moved-out occupant cannot be edited', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501', state: 'rented' });
    const owner = await occupant(app, desk.token, { roomId: r, name: '张建国', phone: '13800138000', moveIn: '2015-03-01' });
    const tenant = await occupant(app, desk.token, { roomId: r, kind: 'tenant', name: '刘洋', phone: '13912345678', moveIn: '2023-07-01' });
    const car = (await ok(app, desk.token, 'registry.saveVehicle', { occupantId: tenant, plate: '粤B·D12345' })).id;
    const space = (await ok(app, desk.token, 'registry.saveParking', { code: 'B1-018', occupantId: tenant, tenure: 'rented' })).id;
    await ok(app, desk.token, 'registry.saveMember', { occupantId: tenant, name: '刘小雨', relation: '子女' });

    expect((await refused(app, desk.token, 'registry.moveOut', { id: tenant, date: '2023-06-30' })).code).toBe('registry.move_out_before_in');
    await ok(app, desk.token, 'registry.moveOut', { id: tenant, date: '2026-11-30' });

    expect(rows(app, 'SELECT name, move_in, move_out FROM occupant WHERE id = ?', tenant)).toEqual([{ name: '刘洋', move_in: '2023-07-01', move_out: '2026-11-30' }]);
    expect(rows(app, 'SELECT plate, active FROM vehicle WHERE id = ?', car)).toEqual([{ plate: '粤BD12345', active: 0 }]);
    expect(rows(app, 'SELECT code, occupant_id FROM parking_space WHERE id = ?', space)).toEqual([{ code: 'B1-018', occupant_id: null }]);
    expect(rows<{ table_name: string }>(app, "SELECT table_name FROM change_log WHERE operation = 'registry.moveOut' ORDER BY seq").map((r) => r.table_name))
      .toEqual(['occupant', 'vehicle', 'parking_space', 'room']);
    // the owner still lives there: the room is 入住 now, no longer 出租
    expect(rows(app, 'SELECT state FROM room WHERE id = ?', r)).toEqual([{ state: 'occupied' }]);

    // the card lists who lives there now first, then the history
    const card = await ok(app, desk.token, 'registry.room', { id: r });
    expect(card.occupants.map((o) => [o.name, o.move_out])).toEqual([['张建国', null], ['刘洋', '2026-11-30']]);
    expect(card.occupants[1]!.vehicles).toEqual([expect.objectContaining({ plate: '粤BD12345', active: 0 })]);
    expect(card.occupants[1]!.parking).toEqual([]);
    // the list of rooms names current occupants only
    expect((await ok(app, desk.token, 'registry.rooms', { buildingId: b.id })).map((x) => x.occupants)).toEqual(['张建国']);

    const before = snapshotStore(app);
    const edit = await refused(app, desk.token, 'registry.saveOccupant', { id: tenant, roomId: r, kind: 'tenant', name: '刘洋洋' });
    expect(edit.code).toBe('registry.moved_out');
    expect(edit.params).toEqual({ date: '2026-11-30' });
    expect((await refused(app, desk.token, 'registry.moveOut', { id: tenant, date: '2026-12-01' })).code).toBe('registry.moved_out');
    expect((await refused(app, desk.token, 'registry.saveVehicle', { occupantId: tenant, plate: '粤B54321' })).code).toBe('registry.moved_out');
    expect((await refused(app, desk.token, 'registry.saveMember', { occupantId: tenant, name: '刘大雨' })).code).toBe('registry.moved_out');
    expect((await refused(app, desk.token, 'registry.saveParking', { id: space, code: 'B1-018', occupantId: tenant, tenure: 'rented' })).code).toBe('registry.moved_out');
    expect(snapshotStore(app)).toEqual(before);

    // the freed space goes to the owner
    await ok(app, desk.token, 'registry.saveParking', { id: space, code: 'B1-018', occupantId: owner, tenure: 'owned' });
    expect(rows(app, 'SELECT occupant_id, tenure FROM parking_space WHERE id = ?', space)).toEqual([{ occupant_id: owner, tenure: 'owned' }]);
  });

  it('cannot lose rooms or occupants: DELETE is refused by the store itself', async () => {
    const { app, desk } = await registrySite();
    const b = await building(app, desk.token, '3', ['2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501' });
    const o = await occupant(app, desk.token, { roomId: r, name: '张建国' });
    await ok(app, desk.token, 'registry.moveOut', { id: o, date: '2026-11-30' });
    const before = snapshotStore(app);
    expect(() => app.store.raw.prepare('DELETE FROM occupant WHERE id = ?').run(o)).toThrow(/occupants are never deleted/);
    expect(() => app.store.raw.exec('DELETE FROM occupant')).toThrow(/occupants are never deleted/);
    expect(() => app.store.raw.prepare('DELETE FROM room WHERE id = ?').run(r)).toThrow(/rooms are never deleted/);
    expect(() => app.store.raw.exec('DELETE FROM room')).toThrow(/rooms are never deleted/);
    expect(snapshotStore(app)).toEqual(before);
  });
});

describe('who sees and who writes', () => {
  it('masks ID numbers on the card for a receptionist, shows them to a supervisor, and follows the admin\'s setting', async () => {
    const { app, admin, desk } = await registrySite();
    const boss = await addStaff(app, admin, { username: 'liu.jianhua', role: 'supervisor' });
    const b = await building(app, desk.token, '3', ['2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501' });
    await occupant(app, desk.token, { roomId: r, name: '欧阳晓梅', idType: 'resident_id', idNumber: VALID_IDS[0] });
    await occupant(app, desk.token, { roomId: r, kind: 'tenant', name: 'John Smith', idType: 'passport', idNumber: 'E12345678' });
    const card = async (token: string) => {
      const { envelope } = await app.call(token, 'registry.room', { id: r });
      if (!envelope.ok) throw new Error(envelope.error.code);
      return { value: envelope.value as { idNumbersMasked: boolean; occupants: { id_number: string }[] }, json: JSON.stringify(envelope) };
    };

    const masked = await card(desk.token);
    expect(masked.value.idNumbersMasked).toBe(true);
    expect(masked.value.occupants.map((o) => o.id_number)).toEqual(['110***********002X', 'E12**5678']);
    expect(masked.json).not.toContain(VALID_IDS[0]); // the full number never leaves the store
    expect(masked.json).not.toContain('E12345678');

    const full = await card(boss.token);
    expect(full.value.idNumbersMasked).toBe(false);
    expect(full.value.occupants.map((o) => o.id_number)).toEqual([VALID_IDS[0], 'E12345678']);

    await ok(app, admin, 'settings.update', { settings: { idFullRoles: ['receptionist'] } });
    expect((await card(desk.token)).value.occupants[0]!.id_number).toBe(VALID_IDS[0]);
    expect((await card(boss.token)).value.occupants[0]!.id_number).toBe('110***********002X');
    await ok(app, admin, 'settings.update', { settings: { idFullRoles: [] } });
    expect((await card(desk.token)).value.idNumbersMasked).toBe(true);
  });

  it('lets receptionists and supervisors write; cashiers and archivists read but are forbidden every write', async () => {
    const { app, admin, desk } = await registrySite();
    const boss = await addStaff(app, admin, { username: 'liu.jianhua', role: 'supervisor' });
    const cashier = await addStaff(app, admin, { username: 'wang.xiulan', role: 'cashier' });
    const archivist = await addStaff(app, admin, { username: 'chen.jing', role: 'archivist' });

    // the supervisor writes as well as the receptionist
    const b = await building(app, boss.token, '3', ['2']);
    const r = await room(app, desk.token, { buildingId: b.id, unitId: b.units['2']!, roomNo: '501' });
    const o = await occupant(app, boss.token, { roomId: r, name: '张建国', phone: '13800138000' });
    const v = (await ok(app, desk.token, 'registry.saveVehicle', { occupantId: o, plate: '粤B12345' })).id;

    const writes: [string, unknown][] = [
      ['registry.saveBuilding', { code: '9', name: '9栋' }],
      ['registry.saveBuilding', { id: b.id, code: '3', name: '改名' }],
      ['registry.saveUnit', { buildingId: b.id, code: '7', name: '7单元' }],
      ['registry.saveRoom', { buildingId: b.id, unitId: b.units['2'], roomNo: '502', area: '89', usage: 'residential', state: 'vacant' }],
      ['registry.saveOccupant', { roomId: r, kind: 'tenant', name: '刘洋' }],
      ['registry.moveOut', { id: o, date: '2026-11-30' }],
      ['registry.saveMember', { occupantId: o, name: '李秀英' }],
      ['registry.saveVehicle', { id: v, occupantId: o, plate: '粤B54321' }],
      ['registry.saveParking', { code: 'B1-001', occupantId: o, tenure: 'owned' }],
    ];
    const registryTables = () => ['building', 'unit', 'room', 'occupant', 'household_member', 'vehicle', 'parking_space']
      .map((t) => rows(app, `SELECT * FROM ${t} ORDER BY id`));
    const before = registryTables();
    for (const who of [cashier, archivist]) {
      for (const [name, input] of writes) {
        const e = await refused(app, who.token, name, input);
        expect(e.code, `${who.username} ${name}`).toBe('auth.forbidden');
      }
      // …and they read
      expect((await ok(app, who.token, 'registry.tree', {})).map((x) => x.code)).toEqual(['3']);
      expect((await ok(app, who.token, 'registry.rooms', { buildingId: b.id })).map((x) => x.code)).toEqual(['3-2-501']);
      expect((await ok(app, who.token, 'registry.search', { q: '3-2-501' })).map((h) => h.roomId)).toEqual([r]);
      expect((await ok(app, who.token, 'registry.room', { id: r })).occupants.map((x) => x.name)).toEqual(['张建国']);
    }
    expect(registryTables()).toEqual(before);
    // each refusal is in the audit trail
    const denied = rows<{ n: number }>(app, "SELECT count(*) AS n FROM audit_event WHERE event = 'permission.denied'")[0]!.n;
    expect(denied).toBe(writes.length * 2);
  });
});

describe('the tree', () => {
  it('counts rooms and lived-in rooms (occupied or rented) per building and unit', async () => {
    const { app, desk } = await registrySite();
    const b3 = await building(app, desk.token, '3', ['1', '2']);
    const b12 = await building(app, desk.token, '12', ['1']);
    const s = await building(app, desk.token, 'S');
    const add = (b: { id: string; units: Record<string, string> }, unit: string | null, roomNo: string, state: 'vacant' | 'delivered' | 'decorating' | 'occupied' | 'rented', usage: 'residential' | 'shop' = 'residential') =>
      room(app, desk.token, { buildingId: b.id, unitId: unit ? b.units[unit]! : null, roomNo, state, usage });
    await add(b3, '1', '101', 'occupied');
    await add(b3, '1', '102', 'rented');
    await add(b3, '1', '201', 'vacant');
    await add(b3, '2', '101', 'decorating');
    await add(b3, '2', '102', 'occupied');
    await add(b3, null, '001', 'rented', 'shop');
    await add(b12, '1', '1201', 'delivered');
    await add(s, null, '101', 'rented', 'shop');
    await add(s, null, '102', 'vacant', 'shop');

    const tree = await ok(app, desk.token, 'registry.tree', {});
    // shorter codes first, so 3 comes before 12 (not after it, as text would sort)
    expect(tree.map((b) => ({ code: b.code, rooms: b.rooms, lived: b.lived, roomsWithoutUnit: b.roomsWithoutUnit, units: b.units.map((u) => [u.code, u.rooms, u.lived]) }))).toEqual([
      { code: '3', rooms: 6, lived: 4, roomsWithoutUnit: 1, units: [['1', 3, 2], ['2', 2, 1]] },
      { code: 'S', rooms: 2, lived: 1, roomsWithoutUnit: 2, units: [] },
      { code: '12', rooms: 1, lived: 0, roomsWithoutUnit: 0, units: [['1', 1, 0]] },
    ]);
    // and the rooms of a unit, in room-number order
    const unit1 = await ok(app, desk.token, 'registry.rooms', { buildingId: b3.id, unitId: b3.units['1']! });
    expect(unit1.map((r) => r.code)).toEqual(['3-1-101', '3-1-102', '3-1-201']);
    const noUnit = await ok(app, desk.token, 'registry.rooms', { buildingId: b3.id, unitId: null });
    expect(noUnit.map((r) => r.code)).toEqual(['3-001']);
  });
});
