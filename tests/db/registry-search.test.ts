/**
 * Room search as the receptionist types: by code (and its prefix, spoken or full-width),
 * by the code's digits, by any part of a name, by the last four digits of a phone, by a plate;
 * current occupants before moved-out ones; the limit respected; names kept searchable
 * through renames and move-outs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, ok, type TestApp } from '../helpers/app.js';
import { building, occupant, registrySite, room } from '../helpers/registry.js';

let app: TestApp;
let token: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const site = await registrySite();
  app = site.app;
  token = site.desk.token;
  const b3 = await building(app, token, '3', ['1', '2']);
  const b13 = await building(app, token, '13', ['2']);
  const add = async (code: string, b: { id: string; units: Record<string, string> }, unit: string, roomNo: string) => {
    ids[code] = await room(app, token, { buildingId: b.id, unitId: b.units[unit]!, roomNo });
  };
  await add('3-1-501', b3, '1', '501');
  await add('3-2-501', b3, '2', '501');
  await add('3-2-502', b3, '2', '502');
  await add('3-2-1501', b3, '2', '1501');
  await add('13-2-501', b13, '2', '501');
  await add('13-2-502', b13, '2', '502');

  // 3-1-501: a moved-out 张建华 (sorts before 张建国 by name and by room code) and a current tenant
  const gone = await occupant(app, token, { roomId: ids['3-1-501']!, name: '张建华', phone: '13700008000', moveIn: '2016-01-01' });
  await ok(app, token, 'registry.moveOut', { id: gone, date: '2020-12-31' });
  await occupant(app, token, { roomId: ids['3-1-501']!, kind: 'tenant', name: '刘洋', phone: '13912345678', moveIn: '2021-02-01' });
  // 3-2-501: the owner and her tenant
  await occupant(app, token, { roomId: ids['3-2-501']!, name: '欧阳晓梅', phone: '138 0013 8000', moveIn: '2015-06-01' });
  await occupant(app, token, { roomId: ids['3-2-501']!, kind: 'tenant', name: '王芳', phone: '15900001111', phone2: '0755-8600 1234' });
  await occupant(app, token, { roomId: ids['3-2-502']!, name: '张建国', phone: '13612340000' });
  const liWei = await occupant(app, token, { roomId: ids['13-2-501']!, name: '李伟', phone: '18688887777' });
  await ok(app, token, 'registry.saveVehicle', { occupantId: liWei, plate: '粤B12345' });
  await ok(app, token, 'registry.saveVehicle', { occupantId: liWei, plate: '粤BD29520', active: false });
  await occupant(app, token, { roomId: ids['13-2-502']!, name: '赵建国', phone: '13511112222' });
});
afterAll(cleanup);

const search = (q: string, limit?: number) => ok(app, token, 'registry.search', limit ? { q, limit } : { q });
const codes = async (q: string) => (await search(q)).map((h) => h.code);

describe('registry.search by room code', () => {
  it('finds a room by its full code, however it is written', async () => {
    for (const q of ['3-2-501', '3 2 501', '3栋2单元501', '3栋2单元501室', '３－２－５０１', '3/2/501']) {
      const hits = await search(q);
      expect(hits.map((h) => h.code), q).toEqual(['3-2-501']);
      expect(hits[0], q).toMatchObject({ roomId: ids['3-2-501'], matchedBy: 'code', occupantName: '欧阳晓梅', occupantKind: 'owner', movedOut: false });
    }
  });

  it('finds rooms by a code prefix as it is typed, without catching building 13 for 3', async () => {
    expect(await codes('3-2-5')).toEqual(['3-2-501', '3-2-502']);
    expect(await codes('3-2-')).toEqual(['3-2-501', '3-2-502', '3-2-1501']);
    expect(await codes('3栋2单元')).toEqual(['3-2-501', '3-2-502', '3-2-1501']);
    expect(await codes('3-')).toEqual(['3-1-501', '3-2-501', '3-2-502', '3-2-1501']);
    expect(await codes('13-2-5')).toEqual(['13-2-501', '13-2-502']);
    expect(await codes('3-9-')).toEqual([]);
  });

  it('finds a room by the digits of its code: 32501 for 3-2-501, 325 for all of 3-2-5xx', async () => {
    const hits = await search('32501');
    expect(hits.map((h) => [h.code, h.matchedBy])).toEqual([['3-2-501', 'digits']]);
    expect(await codes('325')).toEqual(['3-2-501', '3-2-502']);
    expect(await codes('132')).toEqual(['13-2-501', '13-2-502']);
    expect(await codes('３２５０１')).toEqual(['3-2-501']);
  });
});

describe('registry.search by name', () => {
  it('finds an occupant by one character of the name: a surname or a character of the given name', async () => {
    expect((await search('梅')).map((h) => [h.occupantName, h.code, h.matchedBy])).toEqual([['欧阳晓梅', '3-2-501', 'name']]);
    expect((await search('伟')).map((h) => h.occupantName)).toEqual(['李伟']);
    expect((await search('欧')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
  });

  it('finds by two characters anywhere in the name: a compound surname, a given name', async () => {
    expect((await search('欧阳')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
    expect((await search('晓梅')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
    expect((await search('阳晓')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
    expect((await search('建国')).map((h) => [h.occupantName, h.code])).toEqual([['张建国', '3-2-502'], ['赵建国', '13-2-502']]);
    expect(await search('建设')).toEqual([]);
  });

  it('finds by three characters or more anywhere in the name', async () => {
    expect((await search('阳晓梅')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
    expect((await search('欧阳晓梅')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
    expect((await search('张建国')).map((h) => [h.occupantName, h.code])).toEqual([['张建国', '3-2-502']]);
    expect(await search('张建军')).toEqual([]);
    // spaces typed between Chinese characters are ignored
    expect((await search('欧阳 晓梅')).map((h) => h.occupantName)).toEqual(['欧阳晓梅']);
    expect((await search('张 建')).map((h) => h.occupantName)).toEqual(['张建国', '张建华']);
  });

  it('lists current occupants before moved-out ones, and says which moved out', async () => {
    // 张建华 moved out: by name (华 < 国) and by room (3-1 < 3-2) alone he would come first
    for (const q of ['张', '张建', '建']) {
      const hits = (await search(q)).filter((h) => h.occupantName?.startsWith('张'));
      expect(hits.map((h) => [h.occupantName, h.movedOut]), q).toEqual([['张建国', false], ['张建华', true]]);
    }
    expect((await search('张建华')).map((h) => [h.code, h.movedOut])).toEqual([['3-1-501', true]]);
  });
});

describe('registry.search by phone', () => {
  it('finds by the last four digits of either phone number, current occupants first', async () => {
    const hits = await search('8000');
    expect(hits.map((h) => [h.occupantName, h.code, h.matchedBy, h.phoneTail, h.movedOut])).toEqual([
      ['欧阳晓梅', '3-2-501', 'phone', '8000', false],
      ['张建华', '3-1-501', 'phone', '8000', true],
    ]);
    // the second number (a landline, typed with a dash and a space) counts too
    expect((await search('1234')).filter((h) => h.matchedBy === 'phone').map((h) => h.occupantName)).toEqual(['王芳']);
    expect((await search('7777')).map((h) => [h.occupantName, h.matchedBy])).toEqual([['李伟', 'phone']]);
    expect(await search('0000')).toEqual([expect.objectContaining({ occupantName: '张建国', matchedBy: 'phone' })]);
  });

  it('also reads four digits as a code: phone hits first, then rooms whose digits start so', async () => {
    const hits = await search('3250');
    expect(hits.map((h) => [h.code, h.matchedBy])).toEqual([['3-2-501', 'digits'], ['3-2-502', 'digits']]);
  });
});

describe('registry.search by plate', () => {
  it('finds the room of a car by its plate, its start, or the plate without the province', async () => {
    for (const q of ['粤B12345', '粤b 12345', '粤B1', 'B12345', 'b12345']) {
      const hits = await search(q);
      expect(hits.map((h) => [h.code, h.matchedBy, h.plate]), q).toEqual([['13-2-501', 'plate', '粤B12345']]);
    }
  });

  it('lists cars in use before retired ones, and says which is retired', async () => {
    const hits = await search('粤B');
    expect(hits.map((h) => [h.plate, h.movedOut])).toEqual([['粤B12345', false], ['粤BD29520', true]]);
  });

  it('still reads a room code, a name and four phone digits as before', async () => {
    expect((await search('13-2-501'))[0]?.matchedBy).toBe('code');
    expect((await search('李伟'))[0]?.matchedBy).toBe('name');
    expect((await search('7777'))[0]?.matchedBy).toBe('phone');
    expect(await search('粤Z99999')).toEqual([]);
  });
});

describe('registry.search limits and odd input', () => {
  it('returns no more than the limit, and at most 20 by default', async () => {
    const extra = await building(app, token, '8', ['1']);
    for (let i = 1; i <= 25; i++) {
      const r = await room(app, token, { buildingId: extra.id, unitId: extra.units['1']!, roomNo: `${100 + i}` });
      await occupant(app, token, { roomId: r, name: `周${'子文梓浩家宇俊明永海'[i % 10]}${'轩豪然涵'[i % 4]}` });
    }
    expect(await search('8-1-', 5)).toHaveLength(5);
    expect(await search('8-1-')).toHaveLength(20);
    expect(await search('周', 7)).toHaveLength(7);
    expect(await search('周')).toHaveLength(20);
    expect(await search('81', 3)).toHaveLength(3);
    const all = await search('周', 50);
    expect(all).toHaveLength(25);
    // the limit cuts the list in order: the first five of all are the five
    expect((await search('周', 5)).map((h) => h.occupantName)).toEqual(all.slice(0, 5).map((h) => h.occupantName));
  });

  it('treats blank, quotes and SQL-looking text as text', async () => {
    expect(await search('   ')).toEqual([]);
    for (const q of ['"', '王"芳', "'; DROP TABLE room; --", '*', 'NEAR(王 芳)', '%', '_']) expect(Array.isArray(await search(q)), q).toBe(true);
    expect(await codes('3-2-501')).toEqual(['3-2-501']);
  });

  it('keeps names searchable through a rename and a move-out', async () => {
    const r = ids['13-2-501']!;
    const card = await ok(app, token, 'registry.room', { id: r });
    const li = card.occupants.find((o) => o.name === '李伟')!;
    await ok(app, token, 'registry.saveOccupant', { id: li.id, roomId: r, kind: 'owner', name: '李伟强', phone: '18688887777' });
    expect((await search('伟强')).map((h) => h.occupantName)).toEqual(['李伟强']);
    expect((await search('李伟强')).map((h) => h.occupantName)).toEqual(['李伟强']);
    expect((await search('强')).map((h) => h.occupantName)).toEqual(['李伟强']);
    await ok(app, token, 'registry.saveOccupant', { id: li.id, roomId: r, kind: 'owner', name: '李卫', phone: '18688887777' });
    expect(await search('伟')).toEqual([]);
    expect(await search('李伟强')).toEqual([]);
    expect((await search('卫')).map((h) => h.occupantName)).toEqual(['李卫']);
    await ok(app, token, 'registry.moveOut', { id: li.id, date: '2026-11-30' });
    expect((await search('卫')).map((h) => [h.occupantName, h.movedOut])).toEqual([['李卫', true]]);
    // the gram index holds exactly the pieces of the names there are now
    const grams = app.store.raw.prepare('SELECT gram, moved_out FROM occupant_gram WHERE occupant_id = ? ORDER BY gram').all(li.id);
    expect(grams).toEqual([{ gram: '卫', moved_out: 1 }, { gram: '李', moved_out: 1 }, { gram: '李卫', moved_out: 1 }]);
    const total = app.store.raw.prepare('SELECT count(*) AS n FROM occupant_gram').get() as { n: number };
    const expected = app.store.raw.prepare('SELECT name FROM occupant').all() as { name: string }[];
    const pieces = (n: string) => new Set([...n].flatMap((c, i, a) => (i + 1 < a.length ? [c, c + a[i + 1]] : [c]))).size;
    expect(total.n).toBe(expected.reduce((s, o) => s + pieces(o.name), 0));
  });
});

describe('the name indexes survive VACUUM', () => {
  it('finds the same occupants by name after the store is vacuumed (rowids kept)', async () => {
    const before = await Promise.all(['晓梅', '阳晓梅', '张建国', '周'].map((q) => search(q, 50)));
    app.store.raw.exec('VACUUM');
    // FTS5's own check, with rank 1: the index matches the occupant rows its rowids point at (throws if not)
    expect(() => app.store.raw.exec("INSERT INTO occupant_fts (occupant_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    const after = await Promise.all(['晓梅', '阳晓梅', '张建国', '周'].map((q) => search(q, 50)));
    expect(after).toEqual(before);
  });
});

describe('registry.search by the trailing parts of a code, in natural order', () => {
  let app2: TestApp;
  let token2: string;
  const search2 = async (q: string, limit?: number) => ok(app2, token2, 'registry.search', limit ? { q, limit } : { q });
  const codes2 = async (q: string, limit?: number) => (await search2(q, limit)).map((h) => h.code);

  beforeAll(async () => {
    const site = await registrySite();
    app2 = site.app;
    token2 = site.desk.token;
    const b1 = await building(app2, token2, '1', ['1', '2', '10']);
    const b2 = await building(app2, token2, '2', ['1']);
    const b12 = await building(app2, token2, '12', ['1']);
    const shops = await building(app2, token2, '9');
    for (const [b, unit, no] of [[b1, '1', '1001'], [b1, '1', '102'], [b1, '1', '101'], [b1, '1', '201'], [b1, '10', '101'], [b1, '2', '501'],
      [b2, '1', '501'], [b2, '1', '502'], [b12, '1', '501']] as const) {
      await room(app2, token2, { buildingId: b.id, unitId: b.units[unit]!, roomNo: no });
    }
    await room(app2, token2, { buildingId: shops.id, unitId: null, roomNo: '501', usage: 'shop' });
  });

  it('finds every room of that number by the room number alone: "501" finds 1-2-501, 2-1-501…', async () => {
    const hits = await search2('501');
    expect(hits.map((h) => [h.code, h.matchedBy])).toEqual([['1-2-501', 'code'], ['2-1-501', 'code'], ['9-501', 'code'], ['12-1-501', 'code']]);
    expect(await codes2('５０１')).toEqual(['1-2-501', '2-1-501', '9-501', '12-1-501']);
    expect(await codes2('502')).toEqual(['2-1-502']);
    expect(await codes2('503')).toEqual([]);
  });

  it('finds a unit\'s room by unit and room: "2-501" finds 1-2-501; "1-501" finds room 501 of every unit 1', async () => {
    expect(await codes2('2-501')).toEqual(['1-2-501']);
    expect(await codes2('2单元501')).toEqual(['1-2-501']);
    expect(await codes2('1-501')).toEqual(['2-1-501', '12-1-501']);
    // the full code still finds only that room
    expect(await codes2('2-1-501')).toEqual(['2-1-501']);
  });

  it('lists a building\'s or unit\'s rooms in natural order: 1-1-101 before 1-1-1001, unit 2 before unit 10', async () => {
    expect(await codes2('1栋')).toEqual(['1-1-101', '1-1-102', '1-1-201', '1-1-1001', '1-2-501', '1-10-101']);
    expect(await codes2('1-1-')).toEqual(['1-1-101', '1-1-102', '1-1-201', '1-1-1001']);
    expect(await codes2('1-1-1')).toEqual(['1-1-101', '1-1-102', '1-1-1001']);
    expect(await codes2('1-1')).toEqual(['1-1-101', '1-1-102', '1-1-201', '1-1-1001', '1-10-101']);
    // the limit cuts the natural order, not the text order
    expect(await codes2('1栋', 4)).toEqual(['1-1-101', '1-1-102', '1-1-201', '1-1-1001']);
    expect(await codes2('1-', 5)).toEqual(['1-1-101', '1-1-102', '1-1-201', '1-1-1001', '1-2-501']);
  });

  it('finds a room numbered after the first search, and forgets a renumbered one (the room numbers stay current)', async () => {
    expect(await codes2('503')).toEqual([]);
    const b2 = (await ok(app2, token2, 'registry.tree', {})).find((b) => b.code === '2')!;
    const id = await room(app2, token2, { buildingId: b2.id, unitId: b2.units[0]!.id, roomNo: '503' });
    expect(await codes2('503')).toEqual(['2-1-503']);
    await ok(app2, token2, 'registry.saveRoom', {
      id, buildingId: b2.id, unitId: b2.units[0]!.id, roomNo: '504', area: '89.50', usage: 'residential', state: 'occupied',
    });
    expect(await codes2('503')).toEqual([]);
    expect(await codes2('504')).toEqual(['2-1-504']);
  });
});

describe('registry.search by pinyin initials', () => {
  let app3: TestApp;
  let token3: string;
  const search3 = async (q: string) => (await ok(app3, token3, 'registry.search', { q })).map((h) => [h.occupantName, h.code, h.matchedBy, h.movedOut]);

  beforeAll(async () => {
    const site = await registrySite();
    app3 = site.app;
    token3 = site.desk.token;
    const b = await building(app3, token3, '1', ['1']);
    const r101 = await room(app3, token3, { buildingId: b.id, unitId: b.units['1']!, roomNo: '101' });
    const r102 = await room(app3, token3, { buildingId: b.id, unitId: b.units['1']!, roomNo: '102' });
    await occupant(app3, token3, { roomId: r101, name: '张建涛', phone: '13800001111' });
    await occupant(app3, token3, { roomId: r102, name: '欧阳晓梅', phone: '13800002222' });
    await occupant(app3, token3, { roomId: r102, kind: 'tenant', name: '曾小贤', phone: '13800003333' });
    const gone = await occupant(app3, token3, { roomId: r101, name: '赵俊', phone: '13800004444', moveIn: '2015-01-01' });
    await ok(app3, token3, 'registry.moveOut', { id: gone, date: '2020-01-01' });
  });

  it('finds 张建涛 by "zjt", in either case, and by the start of the initials', async () => {
    expect(await search3('zjt')).toEqual([['张建涛', '1-1-101', 'initials', false]]);
    expect(await search3('ZJT')).toEqual([['张建涛', '1-1-101', 'initials', false]]);
    expect(await search3('oyxm')).toEqual([['欧阳晓梅', '1-1-102', 'initials', false]]);
    // 曾 as a surname is zeng
    expect(await search3('zxx')).toEqual([['曾小贤', '1-1-102', 'initials', false]]);
    expect(await search3('zjx')).toEqual([]);
  });

  it('lists current occupants before moved-out ones', async () => {
    expect(await search3('zj')).toEqual([['张建涛', '1-1-101', 'initials', false], ['赵俊', '1-1-101', 'initials', true]]);
  });

  it('follows renames without a restart', async () => {
    const card = await ok(app3, token3, 'registry.room', { id: (await ok(app3, token3, 'registry.search', { q: 'zjt' }))[0]!.roomId });
    const zhang = card.occupants.find((o) => o.name === '张建涛')!;
    await ok(app3, token3, 'registry.saveOccupant', { id: zhang.id, roomId: zhang.room_id, kind: 'owner', name: '李建涛', phone: '13800001111' });
    expect(await search3('zjt')).toEqual([]);
    expect(await search3('ljt')).toEqual([['李建涛', '1-1-101', 'initials', false]]);
  });
});
