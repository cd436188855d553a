/**
 * A fee-collection site written in the SQL of the tables of 0001, 0002 and 0004 (the shape
 * the fee migrations after them start from): admin, cashier, supervisor; building 1 with
 * rooms 1-1-101 (89.50 m²) and 1-1-102 (120.00 m², a shop), building 2 with 2-1-201 (60.00 m²);
 * a property fee of 2.35 元/m²/month and a refuse charge of 15.00 元/month for homes, both
 * from 2026-01. Not a test file: the 0008 and 0009 tests seed their older stores with it.
 */
import type Database from 'better-sqlite3';
import { T0 } from '../../helpers/app.js';
import { insertFoundation } from '../../helpers/migrations.js';

export const SITE_ID = '019a0000-0000-7000-8000-000000000001';
export const STAFF = {
  admin: '019a0000-0000-7000-8000-0000000000a1',
  cashier: '019a0000-0000-7000-8000-0000000000a2',
  supervisor: '019a0000-0000-7000-8000-0000000000a3',
} as const;
export const ROOMS = { r101: 'room-1-101', r102: 'room-1-102', r201: 'room-2-201' } as const;
export const ITEMS = { property: 'item-wyf', refuse: 'item-ljf' } as const;

/** rooms with their area (hundredths of m²) and usage */
const ROOM_ROWS: [id: string, building: string, unit: string, roomNo: string, code: string, digits: string, area: number, usage: string][] = [
  [ROOMS.r101, 'bld-1', 'unit-1-1', '101', '1-1-101', '11101', 8950, 'residential'],
  [ROOMS.r102, 'bld-1', 'unit-1-1', '102', '1-1-102', '11102', 12000, 'shop'],
  [ROOMS.r201, 'bld-2', 'unit-2-1', '201', '2-1-201', '21201', 6000, 'residential'],
];

export function insertFeeSite(raw: Database.Database): void {
  insertFoundation(raw, SITE_ID, [
    { id: STAFF.admin, username: 'admin', role: 'admin', displayName: '王管理' },
    { id: STAFF.cashier, username: 'qian.min', role: 'cashier', displayName: '钱敏' },
    { id: STAFF.supervisor, username: 'zhou.hong', role: 'supervisor', displayName: '周红' },
  ]);
  const s = SITE_ID;
  raw.exec(`
    INSERT INTO building (id, site_id, code, name, created_at, updated_at)
      VALUES ('bld-1', '${s}', '1', '1栋', '${T0}', '${T0}'), ('bld-2', '${s}', '2', '2栋', '${T0}', '${T0}');
    INSERT INTO unit (id, site_id, building_id, code, name, created_at, updated_at) VALUES
      ('unit-1-1', '${s}', 'bld-1', '1', '1单元', '${T0}', '${T0}'), ('unit-2-1', '${s}', 'bld-2', '1', '1单元', '${T0}', '${T0}');
    INSERT INTO fee_item (id, site_id, code, name, kind, unit, applies_to, created_at, updated_at) VALUES
      ('${ITEMS.property}', '${s}', 'WYF', '物业管理费', 'area', 'm²', 'all', '${T0}', '${T0}'),
      ('${ITEMS.refuse}', '${s}', 'LJF', '垃圾清运费', 'fixed', '月', 'residential', '${T0}', '${T0}');
    INSERT INTO fee_rate (id, site_id, item_id, valid_from, price_e4, created_by, created_at, updated_at) VALUES
      ('rate-wyf', '${s}', '${ITEMS.property}', '2026-01', 23500, '${STAFF.admin}', '${T0}', '${T0}'),
      ('rate-ljf', '${s}', '${ITEMS.refuse}', '2026-01', 150000, '${STAFF.admin}', '${T0}', '${T0}');`);
  const room = raw.prepare(`INSERT INTO room (id, site_id, building_id, unit_id, room_no, code, code_digits, floor, area_centi, usage, state,
      created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'occupied', ?, ?)`);
  for (const [id, b, u, no, code, digits, area, usage] of ROOM_ROWS) room.run(id, s, b, u, no, code, digits, area, usage, T0, T0);
  raw.prepare(`INSERT INTO occupant (id, site_id, room_id, kind, name, phone, created_at, updated_at)
    VALUES ('occ-1', ?, ?, 'owner', '张伟', '13800138000', ?, ?)`)
    .run(s, ROOMS.r101, T0, T0);
}

/**
 * A month's generated bill lines as the generator writes them: the property fee for every
 * room (area × rate, to the nearest fen), the refuse charge for homes. Ids `bill-<period>-<room>-<item>`.
 */
export function insertGeneratedBills(raw: Database.Database, period: string, dueOn: string, at = T0): number {
  const bill = raw.prepare(`INSERT INTO bill (id, site_id, room_id, item_id, period, source, quantity_centi, price_e4, amount, due_on, created_by,
      created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'generated', ?, ?, ?, ?, ?, ?, ?)`);
  let lines = 0;
  for (const [roomId, , , , , , area, usage] of ROOM_ROWS) {
    const amount = Math.round((area * 23500) / 10000);
    bill.run(`bill-${period}-${roomId}-wyf`, SITE_ID, roomId, ITEMS.property, period, area, 23500, amount, dueOn, STAFF.cashier, at, at);
    lines++;
    if (usage === 'residential') {
      bill.run(`bill-${period}-${roomId}-ljf`, SITE_ID, roomId, ITEMS.refuse, period, 100, 150000, 1500, dueOn, STAFF.cashier, at, at);
      lines++;
    }
  }
  return lines;
}

/** What each open line still owes, kept by triggers (bill_open) and computed from scratch: they must agree. */
export function openLinesFromScratch(raw: Database.Database) {
  const derived = raw.prepare('SELECT bill_id, room_id, period, owed FROM bill_open ORDER BY bill_id').all();
  const scratch = raw.prepare(`SELECT b.id AS bill_id, b.room_id, b.period, b.amount - COALESCE((SELECT sum(l.amount) FROM receipt_line l WHERE l.bill_id = b.id
      AND NOT EXISTS (SELECT 1 FROM receipt_void v WHERE v.receipt_id = l.receipt_id)), 0) AS owed FROM bill b ORDER BY b.id`).all()
    .filter((r) => ((r as { owed: number }).owed) > 0);
  return { derived, scratch };
}
