/**
 * The demo site (npm run demo): built through the API as a receptionist, so every row passed
 * the registry's rules; realistic; the same for the same seed; never built over a site that
 * already has rooms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DemoRefused, generateDemo, type DemoOptions, type DemoResult } from '../../db/demo/generate.js';
import { isValidResidentId } from '../../db/registry/rules.js';
import { ADMIN, cleanup, createTestApp, login, ok, rows, setupSite, snapshotStore, type TestApp } from '../helpers/app.js';

const OPTIONS: DemoOptions = { scale: 'small', today: '2026-11-30', admin: { username: 'admin', password: ADMIN.password }, staffPassword: 'Demo2026pw', history: false };
const count = (app: TestApp, sql: string, ...p: unknown[]) => rows<{ n: number }>(app, sql, ...p)[0]!.n;
const content = (app: TestApp) => rows(app, `SELECT r.code, r.area_centi, r.usage, r.state, o.kind, o.name, o.phone, o.id_number, o.move_in, o.move_out
  FROM room r LEFT JOIN occupant o ON o.room_id = r.id ORDER BY r.code, o.move_in, o.name`);

// one small demo site, built once, that the first tests look at (and do not change)
let app: TestApp;
let result: DemoResult;
const phases = new Set<string>();
beforeAll(async () => {
  app = await createTestApp();
  result = await generateDemo(app, OPTIONS, (p) => phases.add(p.phase));
}, 120_000);
afterAll(cleanup);

describe('the small demo site', () => {
  it('is built through the API: a site, staff of every role, ~300 rooms, owners and tenants with history, all within the rules', async () => {
    expect([...phases]).toEqual(['site', 'staff', 'registry', 'parking', 'done']); // the year of history: demo-history.test.ts
    expect(result.createdSite).toBe(true);
    const c = result.counts;

    // what the API reports is what the store holds
    const tree = await ok(app, await login(app, 'li.xiaomei', OPTIONS.staffPassword), 'registry.tree', {});
    expect(tree.reduce((n, b) => n + b.rooms, 0)).toBe(c.rooms);
    expect(tree.length).toBe(c.buildings);
    expect(tree.filter((b) => b.units.length > 0)).toHaveLength(2); // two residential towers…
    expect(tree.map((b) => b.name)).toEqual(expect.arrayContaining(['商业街', '地下车库'])); // …shops and a garage
    expect(c.rooms).toBeGreaterThanOrEqual(250);
    expect(c.rooms).toBeLessThanOrEqual(350);
    expect(count(app, 'SELECT count(*) AS n FROM occupant')).toBe(c.occupants);
    expect(c.occupants).toBe(Math.round(c.rooms * 1.5));
    expect(count(app, 'SELECT count(*) AS n FROM occupant WHERE move_out IS NOT NULL')).toBe(c.movedOut);
    expect(c.movedOut).toBeGreaterThan(20);
    expect(count(app, "SELECT count(*) AS n FROM occupant WHERE kind = 'tenant' AND move_out IS NULL")).toBeGreaterThan(20);
    expect(count(app, 'SELECT count(*) AS n FROM household_member')).toBe(c.members);
    expect(count(app, 'SELECT count(*) AS n FROM vehicle')).toBe(c.vehicles);
    expect(count(app, 'SELECT count(*) AS n FROM parking_space')).toBe(c.parkingSpaces);
    expect(count(app, "SELECT count(*) AS n FROM room WHERE usage = 'shop'")).toBeGreaterThan(0);
    expect(count(app, "SELECT count(*) AS n FROM room WHERE usage = 'parking'")).toBeGreaterThan(0);

    // through the API: every registry row was written by an operation, as the system account (no real receptionist)
    const desk = rows<{ id: string }>(app, "SELECT id FROM staff WHERE username = 'system.demo'")[0]!.id;
    const writers = rows<{ operation: string; actor_id: string }>(app, "SELECT DISTINCT operation, actor_id FROM change_log WHERE table_name IN ('building', 'unit', 'room', 'occupant', 'household_member', 'vehicle', 'parking_space')");
    expect(new Set(writers.map((w) => w.actor_id))).toEqual(new Set([desk]));
    expect(new Set(writers.map((w) => w.operation))).toEqual(new Set(['registry.saveBuilding', 'registry.saveUnit', 'registry.saveRoom', 'registry.saveOccupant', 'registry.saveMember', 'registry.saveVehicle', 'registry.saveParking', 'registry.moveOut']));
    expect(app.store.raw.pragma('synchronous', { simple: true })).toBe(2); // FULL again after the bulk load

    // staff of every role, who can sign in
    expect(rows<{ role: string }>(app, 'SELECT DISTINCT role FROM staff WHERE active = 1 ORDER BY role').map((r) => r.role)).toEqual(['admin', 'archivist', 'cashier', 'manager', 'receptionist', 'supervisor']);
    for (const s of DEMO_STAFF) await login(app, s.username, OPTIONS.staffPassword);

    // realistic, and within the rules: names, phones, IDs, plates, dates
    const people = rows<{ name: string; phone: string; id_type: string; id_number: string; move_in: string; move_out: string | null }>(app, 'SELECT name, phone, id_type, id_number, move_in, move_out FROM occupant');
    for (const p of people) {
      expect(p.name, p.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(p.phone, p.name).toMatch(/^1[3-9]\d{9}$/);
      if (p.id_type === 'resident_id') expect(isValidResidentId(p.id_number), p.id_number).toBe(true);
      expect(p.move_in <= OPTIONS.today!, p.move_in).toBe(true);
      if (p.move_out) expect(p.move_out >= p.move_in && p.move_out <= OPTIONS.today!, `${p.move_in}–${p.move_out}`).toBe(true);
    }
    expect(people.filter((p) => p.id_type === 'resident_id').length / people.length).toBeGreaterThan(0.7);
    expect(new Set(people.map((p) => p.name[0])).size).toBeGreaterThan(30); // many surnames, not one
    for (const { plate } of rows<{ plate: string }>(app, 'SELECT plate FROM vehicle')) expect(plate).toMatch(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/);
    // moving out did what it does: no active car or parking space for anyone who left
    expect(count(app, 'SELECT count(*) AS n FROM vehicle v JOIN occupant o ON o.id = v.occupant_id WHERE o.move_out IS NOT NULL AND v.active = 1')).toBe(0);
    expect(count(app, 'SELECT count(*) AS n FROM parking_space p JOIN occupant o ON o.id = p.occupant_id WHERE o.move_out IS NOT NULL')).toBe(0);
    expect(count(app, 'SELECT count(*) AS n FROM vehicle WHERE active = 0')).toBeGreaterThan(0);
    expect(count(app, 'SELECT count(*) AS n FROM parking_space WHERE occupant_id IS NULL')).toBeGreaterThan(0);
  });

  it('can be searched like any site: a room by code, an occupant by name and by phone tail', async () => {
    const t = await login(app, 'zhou.ting', OPTIONS.staffPassword);
    const someone = rows<{ name: string; phone: string; code: string; room_id: string }>(app,
      "SELECT o.name, o.phone, r.code, o.room_id FROM occupant o JOIN room r ON r.id = o.room_id WHERE o.move_out IS NULL AND r.usage = 'residential' ORDER BY r.code LIMIT 1 OFFSET 40")[0]!;
    expect((await ok(app, t, 'registry.search', { q: someone.code }))[0]!.roomId).toBe(someone.room_id);
    expect((await ok(app, t, 'registry.search', { q: someone.code.replace(/-/g, '') }))[0]!.roomId).toBe(someone.room_id);
    expect((await ok(app, t, 'registry.search', { q: someone.name, limit: 50 })).map((h) => h.roomId)).toContain(someone.room_id);
    expect((await ok(app, t, 'registry.search', { q: [...someone.name].slice(-2).join(''), limit: 50 })).map((h) => h.roomId)).toContain(someone.room_id);
    expect((await ok(app, t, 'registry.search', { q: someone.phone.slice(-4), limit: 50 })).map((h) => h.roomId)).toContain(someone.room_id);
    const card = await ok(app, t, 'registry.room', { id: someone.room_id });
    expect(card.occupants.map((o) => o.name)).toContain(someone.name);
  });

  it('is the same site for the same seed', async () => {
    const again = await createTestApp();
    await generateDemo(again, OPTIONS);
    const a = content(app);
    expect(a.length).toBeGreaterThan(result.counts.rooms);
    expect(content(again)).toEqual(a);
  });
});

describe('where the demo is not built', () => {
  it('refuses, in both languages and without writing, a store whose site already has rooms', async () => {
    const before = snapshotStore(app);
    const e = await generateDemo(app, OPTIONS).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DemoRefused);
    expect((e as DemoRefused).zh).toMatch(/已有站点“深圳南山翠湖花园客户服务中心”，并已登记 \d+ 个房间/);
    expect((e as DemoRefused).en).toMatch(/already has site "深圳南山翠湖花园客户服务中心" with \d+ rooms/);
    expect(snapshotStore(app)).toEqual(before);
  });

  it('builds into an existing site with no rooms as its administrator, and refuses a wrong password', async () => {
    const other = await createTestApp();
    await setupSite(other);
    const wrong = await generateDemo(other, { ...OPTIONS, admin: { username: 'admin', password: 'Wrong2026x' } }).catch((x: unknown) => x);
    expect(wrong).toBeInstanceOf(DemoRefused);
    expect((wrong as DemoRefused).en).toContain('--user and --password');
    expect(count(other, 'SELECT count(*) AS n FROM staff')).toBe(1);
    const r = await generateDemo(other, OPTIONS);
    expect(r.createdSite).toBe(false);
    expect(r.siteName).toBe('杭州滨江服务中心'); // the site that was there
    expect(count(other, 'SELECT count(*) AS n FROM site')).toBe(1);
    expect(count(other, 'SELECT count(*) AS n FROM room')).toBe(r.counts.rooms);
  });
});
