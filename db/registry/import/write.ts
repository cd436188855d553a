import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { newRow } from '../../api/rows.js';
import { AppError, type ApiError } from '../../errors.js';
import { prepareInsert } from '../../store/prepared.js';
import type { Schema } from '../../store/schema.js';
import type { OccupantKind, OccupantTable, RoomState, RoomTable } from '../../registry/tables.js';
import { occupantValues, roomValues, saveBuilding, saveOccupant, saveRoom, saveUnit, type OccupantInput, type RoomInput } from '../writes.js';
import type { CheckedRow, PersonValue, RowValue } from './check.js';

/**
 * Turning checked rows into registry writes. The same walk serves validation (a dry run
 * that only counts what would happen) and the import (which writes, through writes.ts, so
 * the import obeys exactly the rules the screens do). Buildings and units are created as
 * needed; rooms are found by code; people by room + owner/tenant + name among those living
 * there now. A row that says nothing new writes nothing: re-importing a file changes nothing.
 */
type Db = Kysely<Schema> | Transaction<Schema>;
type RoomRow = Pick<RoomTable, 'id' | 'building_id' | 'unit_id' | 'room_no' | 'area_centi' | 'usage' | 'state' | 'remarks'>;
type OccupantRow = Pick<OccupantTable, 'id' | 'room_id' | 'kind' | 'name' | 'phone' | 'phone2' | 'id_type' | 'id_number' | 'move_in' | 'remarks'>;

export interface Existing {
  buildings: Map<string, string>;
  units: Map<string, string>;
  rooms: Map<string, RoomRow>;
  /** current occupants by room, kind and name */
  occupants: Map<string, OccupantRow>;
  /** names of current occupants by room and kind */
  names: Map<string, string[]>;
}

const K = '\u0000';

/** What the registry holds now, in maps the walk can consult row by row (a few queries, not one per row). */
export async function loadExisting(db: Db, siteId: string): Promise<Existing> {
  const [buildings, units, rooms, occupants] = await Promise.all([
    db.selectFrom('building').select(['id', 'code']).where('site_id', '=', siteId).execute(),
    db.selectFrom('unit').select(['id', 'building_id', 'code']).where('site_id', '=', siteId).execute(),
    db.selectFrom('room').select(['id', 'code', 'building_id', 'unit_id', 'room_no', 'area_centi', 'usage', 'state', 'remarks']).where('site_id', '=', siteId).execute(),
    db.selectFrom('occupant').select(['id', 'room_id', 'kind', 'name', 'phone', 'phone2', 'id_type', 'id_number', 'move_in', 'remarks'])
      .where('site_id', '=', siteId).where('move_out', 'is', null).orderBy('created_at').orderBy('id').execute(),
  ]);
  const ex: Existing = {
    buildings: new Map(buildings.map((b) => [b.code, b.id])),
    units: new Map(units.map((u) => [u.building_id + K + u.code, u.id])),
    rooms: new Map(rooms.map(({ code, ...r }) => [code, r])),
    occupants: new Map(),
    names: new Map(),
  };
  for (const o of occupants) {
    const key = o.room_id + K + o.kind;
    if (!ex.occupants.has(key + K + o.name)) ex.occupants.set(key + K + o.name, o);
    ex.names.set(key, [...(ex.names.get(key) ?? []), o.name]);
  }
  return ex;
}

export interface ImportCounts {
  /** rows that are valid (the ones that would be or were imported) */
  rows: number;
  buildingsNew: number;
  unitsNew: number;
  roomsNew: number;
  roomsChanged: number;
  roomsUnchanged: number;
  occupantsNew: number;
  occupantsChanged: number;
  occupantsUnchanged: number;
}

export interface ImportNote {
  row: number;
  note: ApiError;
}

/** Where the walk writes: the open transaction (and its connection), or nowhere (a dry run). */
export interface WriteTarget {
  db: Db;
  conn: Database.Database;
  siteId: string;
  now: Date;
}

/**
 * New rooms and people go in through prepared INSERTs: the walk has already found the
 * building and unit and checked the code is free (the maps), so saveRoom's lookups would
 * only repeat it, at 20–40 µs a statement on 20,000 rows. The values are made by the same
 * functions the screens' saves use, and the store's unique indexes still stand behind it.
 */
const STAMPS = ['id', 'site_id', 'created_at', 'updated_at'] as const;
const INSERT_ROOM = prepareInsert('room', [...STAMPS, 'building_id', 'unit_id', 'room_no', 'code', 'code_digits', 'floor', 'area_centi', 'usage', 'state', 'remarks']);
const INSERT_OCCUPANT = prepareInsert('occupant', [...STAMPS, 'room_id', 'kind', 'name', 'phone', 'phone2', 'id_type', 'id_number', 'move_in', 'move_out', 'remarks']);

function insertRoom(t: WriteTarget, buildingCode: string, unitCode: string | null, r: RoomInput): string {
  const row = { ...newRow(t.siteId, t.now), ...roomValues(buildingCode, unitCode, r) };
  INSERT_ROOM.run(t.conn, row);
  return row.id;
}

function insertOccupant(t: WriteTarget, o: OccupantInput): string {
  const row = { ...newRow(t.siteId, t.now), ...occupantValues(o), move_out: null };
  INSERT_OCCUPANT.run(t.conn, row);
  return row.id;
}

function defaultState(v: RowValue): RoomState {
  if (v.tenant) return 'rented';
  if (v.owner?.moveIn) return 'occupied';
  if (v.owner) return 'delivered';
  return 'vacant';
}

const KIND_WORDS: Record<OccupantKind, [string, string]> = { owner: ['业主', 'owner'], tenant: ['租户', 'tenant'] };

/**
 * Walk the valid rows. With a target, write; without, count only. `tick` is called after
 * each row (progress and yielding). A write refused by a registry rule names its row.
 */
export async function walkRows(target: WriteTarget | null, rows: readonly CheckedRow[], ex: Existing, tick: (done: number) => Promise<void>): Promise<{ counts: ImportCounts; notes: ImportNote[] }> {
  const counts: ImportCounts = {
    rows: 0, buildingsNew: 0, unitsNew: 0, roomsNew: 0, roomsChanged: 0, roomsUnchanged: 0, occupantsNew: 0, occupantsChanged: 0, occupantsUnchanged: 0,
  };
  const notes: ImportNote[] = [];
  let fake = 0;
  const newId = (kind: string) => `new:${kind}:${++fake}`;
  let done = 0;

  for (const row of rows) {
    const v = row.value;
    if (!v) continue;
    counts.rows++;
    try {
      const { code } = v;
      let buildingId = ex.buildings.get(code.building);
      if (!buildingId) {
        buildingId = target ? await saveBuilding(target.db, target.siteId, target.now, { code: code.building, name: `${code.building}栋` }) : newId('b');
        ex.buildings.set(code.building, buildingId);
        counts.buildingsNew++;
      }
      let unitId: string | null = null;
      if (code.unit !== null) {
        const key = buildingId + K + code.unit;
        unitId = ex.units.get(key) ?? null;
        if (!unitId) {
          unitId = target ? await saveUnit(target.db, target.siteId, target.now, { buildingId, code: code.unit, name: `${code.unit}单元` }) : newId('u');
          ex.units.set(key, unitId);
          counts.unitsNew++;
        }
      }

      const before = ex.rooms.get(code.code);
      const values = {
        area_centi: v.areaCenti ?? before?.area_centi ?? 0,
        usage: v.usage ?? before?.usage ?? 'residential',
        state: v.state ?? before?.state ?? defaultState(v),
        remarks: v.remarks ?? before?.remarks ?? '',
      };
      let roomId: string;
      if (!before) {
        roomId = target
          ? insertRoom(target, code.building, code.unit, { buildingId, unitId, roomNo: code.roomNo, areaCenti: values.area_centi, usage: values.usage, state: values.state, remarks: values.remarks })
          : newId('r');
        ex.rooms.set(code.code, { id: roomId, building_id: buildingId, unit_id: unitId, room_no: code.roomNo, ...values });
        counts.roomsNew++;
      } else {
        roomId = before.id;
        const same = before.area_centi === values.area_centi && before.usage === values.usage && before.state === values.state && before.remarks === values.remarks;
        if (same) {
          counts.roomsUnchanged++;
        } else {
          if (target) {
            await saveRoom(target.db, target.siteId, target.now, {
              id: before.id, buildingId: before.building_id, unitId: before.unit_id, roomNo: before.room_no,
              areaCenti: values.area_centi, usage: values.usage, state: values.state, remarks: values.remarks,
            });
          }
          Object.assign(before, values);
          counts.roomsChanged++;
        }
      }

      for (const [kind, p] of [['owner', v.owner], ['tenant', v.tenant]] as [OccupantKind, PersonValue | null][]) {
        if (!p) continue;
        await person(target, ex, counts, notes, row.row, code.code, roomId, kind, p, newId);
      }
    } catch (e) {
      if (e instanceof AppError) {
        const m = e.toApiError().message;
        throw new AppError('import.row_failed', { row: row.row, reasonZh: m['zh-CN'], reasonEn: m['en-US'] });
      }
      throw e;
    }
    await tick(++done);
  }
  return { counts, notes };
}

async function person(
  target: WriteTarget | null, ex: Existing, counts: ImportCounts, notes: ImportNote[], rowNo: number, code: string,
  roomId: string, kind: OccupantKind, p: PersonValue, newId: (k: string) => string,
): Promise<void> {
  const key = roomId + K + kind;
  const before = ex.occupants.get(key + K + p.name);
  if (before) {
    const next = {
      phone: p.phone ?? before.phone,
      phone2: p.phone2 ?? before.phone2,
      id_type: p.idNumber ? (p.idType ?? 'other') : before.id_type,
      id_number: p.idNumber ?? before.id_number,
      move_in: p.moveIn ?? before.move_in,
    };
    if (next.phone === before.phone && next.phone2 === before.phone2 && next.id_type === before.id_type && next.id_number === before.id_number && next.move_in === before.move_in) {
      counts.occupantsUnchanged++;
      return;
    }
    if (target) {
      await saveOccupant(target.db, target.siteId, target.now, {
        id: before.id, roomId, kind, name: before.name, phone: next.phone, phone2: next.phone2,
        idType: next.id_type, idNumber: next.id_number, moveIn: next.move_in, remarks: before.remarks,
      });
    }
    Object.assign(before, next);
    counts.occupantsChanged++;
    return;
  }
  const others = ex.names.get(key) ?? [];
  if (others.length) {
    const [zh, en] = KIND_WORDS[kind];
    notes.push({ row: rowNo, note: new AppError('import.note.another_occupant', { code, kindZh: zh, kindEn: en, name: p.name, existing: others.join('、') }).toApiError() });
  }
  const id = target
    ? insertOccupant(target, {
      roomId, kind, name: p.name, phone: p.phone ?? '', phone2: p.phone2 ?? '',
      idType: p.idNumber ? (p.idType ?? 'other') : 'none', idNumber: p.idNumber ?? '', moveIn: p.moveIn, remarks: '',
    })
    : newId('o');
  const row: OccupantRow = {
    id, room_id: roomId, kind, name: p.name, phone: p.phone ?? '', phone2: p.phone2 ?? '',
    id_type: p.idNumber ? (p.idType ?? 'other') : 'none', id_number: p.idNumber ?? '', move_in: p.moveIn, remarks: '',
  };
  ex.occupants.set(key + K + p.name, row);
  ex.names.set(key, [...others, p.name]);
  counts.occupantsNew++;
}
