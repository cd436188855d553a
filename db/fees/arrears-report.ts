import type { Reader } from '../store/reader.js';

/**
 * The whole-site (or one building's) arrears report: what is owed by building and by age,
 * and the rooms owing most with whom to call. Age is months from a line's period to this
 * month: ≤1, 1–3, 3–6, 6–12, >12. It reads a whole site's open lines, so it runs on the
 * report reader (store/reader.ts), never on the desk's own connection.
 */
const AGE = (periodCol: string) => `((CAST(substr(@now, 1, 4) AS INTEGER) - CAST(substr(${periodCol}, 1, 4) AS INTEGER)) * 12
  + CAST(substr(@now, 6, 2) AS INTEGER) - CAST(substr(${periodCol}, 6, 2) AS INTEGER))`;
const OWED_LINES = `
  SELECT r.building_id, o.room_id, o.period, o.owed, ${AGE('o.period')} AS age
  FROM bill_open o JOIN room r ON r.id = o.room_id
  WHERE o.site_id = @site AND (@building IS NULL OR r.building_id = @building)`;

const BY_BUILDING = `WITH o AS (${OWED_LINES}) SELECT bd.id AS buildingId, bd.code, bd.name,
    count(DISTINCT o.room_id) AS rooms, sum(o.owed) AS total,
    sum(CASE WHEN o.age <= 1 THEN o.owed ELSE 0 END) AS m1, sum(CASE WHEN o.age > 1 AND o.age <= 3 THEN o.owed ELSE 0 END) AS m3,
    sum(CASE WHEN o.age > 3 AND o.age <= 6 THEN o.owed ELSE 0 END) AS m6, sum(CASE WHEN o.age > 6 AND o.age <= 12 THEN o.owed ELSE 0 END) AS m12,
    sum(CASE WHEN o.age > 12 THEN o.owed ELSE 0 END) AS older
  FROM o JOIN building bd ON bd.id = o.building_id WHERE o.owed > 0 GROUP BY bd.id ORDER BY bd.code`;

// whom to call: the first owner still living there, else the first tenant, with their phone
const ROOMS = `WITH o AS (${OWED_LINES}), t AS (SELECT o.room_id AS roomId, r.code, sum(o.owed) AS total, min(o.period) AS since,
    count(*) AS lines, max(o.age) AS age,
    (SELECT d.created_at || ' ' || d.method FROM dunning_log d WHERE d.room_id = o.room_id ORDER BY d.created_at DESC LIMIT 1) AS lastDunning
  FROM o JOIN room r ON r.id = o.room_id WHERE o.owed > 0 GROUP BY o.room_id ORDER BY total DESC, r.code LIMIT @limit)
  SELECT t.*, p.name AS occupant, p.kind AS occupantKind, p.phone AS phone FROM t
    LEFT JOIN occupant p ON p.id = (SELECT x.id FROM occupant x WHERE x.room_id = t.roomId AND x.move_out IS NULL ORDER BY x.kind, x.created_at LIMIT 1)
  ORDER BY t.total DESC, t.code`;

export interface ArrearsScope {
  site: string;
  /** one building, or null for the whole site */
  building: string | null;
  /** this month, YYYY-MM, in the site's time */
  now: string;
  /** how many rooms to list, those owing most first */
  limit: number;
}

export type BuildingArrears = {
  buildingId: string; code: string; name: string; rooms: number; total: number; m1: number; m3: number; m6: number; m12: number; older: number;
};
export type RoomArrears = {
  roomId: string; code: string; total: number; since: string; lines: number; age: number; lastDunning: string | null;
  occupant: string | null; occupantKind: string | null; phone: string | null;
};

/** The report, both parts read in one snapshot. */
export async function arrearsReport(reader: Reader, s: ArrearsScope): Promise<{ asOf: string; byBuilding: BuildingArrears[]; rooms: RoomArrears[] }> {
  const scope = { site: s.site, building: s.building, now: s.now };
  const [byBuilding, rooms] = await reader.read([{ sql: BY_BUILDING, params: scope }, { sql: ROOMS, params: { ...scope, limit: s.limit } }]);
  return { asOf: s.now, byBuilding: byBuilding as BuildingArrears[], rooms: rooms as RoomArrears[] };
}

/** The rooms (of a building, or the site) that owe anything, by room code. */
export async function owingRooms(reader: Reader, s: Omit<ArrearsScope, 'limit'>): Promise<string[]> {
  const [ids] = await reader.read([{
    sql: `WITH o AS (${OWED_LINES}) SELECT o.room_id AS id FROM o JOIN room r ON r.id = o.room_id WHERE o.owed > 0 GROUP BY o.room_id ORDER BY r.code`,
    params: { site: s.site, building: s.building, now: s.now },
  }]);
  return (ids as { id: string }[]).map((r) => r.id);
}
