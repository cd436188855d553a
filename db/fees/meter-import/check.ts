import type Database from 'better-sqlite3';
import { AppError, type ApiError, type ErrorParams } from '../../errors.js';
import type { ErrorCode } from '../../i18n/errors.js';
import { cellText, parseDay } from '../../registry/import/check.js';
import { badRoomCode } from '../../registry/refusals.js';
import { columnLetter, isProblem, type Cell, type ParsedSheet } from '../../registry/import/read.js';
import { parseRoomCode, type RoomCodePattern } from '../../registry/rules.js';
import { prepareQuery } from '../../store/prepared.js';
import type { RoomUsage } from '../../registry/tables.js';
import { centiText, HISTORY, WITHDRAWN, judgeReading, priceReading, READING_RE, readingCenti, type MeterItem, type PastReading, type ReadingToWrite } from '../meter-rules.js';
import { PERIOD_RE } from '../rules.js';
import type { MeterKind } from '../tables.js';
import { METER_NAME, parseMeter, type MeterField, type MeterMapping } from './fields.js';

/**
 * Checking a reader's sheet row by row, without writing: first each row on its own (room
 * code, meter, reading, period, date), then rows against each other (one reading per room
 * and meter in a file), then each against the store through meter-rules.ts, the very rules
 * the desk's one-room form obeys. Every non-empty row ends as one outcome:
 *   bill      — a reading that bills its use (or a use of 0, billing nothing);
 *   baseline  — the meter's first reading: recorded, nothing billed;
 *   jump      — a use far above the usual: imported only if the person confirms it;
 *   already   — the same reading for that room, meter and period is in the store (a re-import);
 *   blank     — no reading written in (the sheet lists every meter; not every one gets read);
 *   error     — refused, with its reasons.
 */
export type Outcome = 'bill' | 'baseline' | 'jump' | 'already' | 'blank' | 'error';

export interface MeterRow {
  /** the row number as Excel shows it */
  row: number;
  outcome: Outcome;
  /** the refusals (error), or the note (already, jump) */
  reasons: ApiError[];
  code: string | null;
  meter: MeterKind | null;
  period: string | null;
  readOn: string | null;
  value: number | null;
  /** judged and priced: what apply writes (bill, baseline, jump) */
  write: ReadingToWrite | null;
  /** the code did not fit the site's pattern: refused unless a room has exactly that code */
  codeRefusal?: ApiError;
}

export interface MeterDefaults {
  /** the period chosen in the dialog, for rows whose sheet has no period */
  period: string | null;
  /** the read-on date chosen in the dialog, for rows with none */
  readOn: string | null;
  /** the meter chosen in the dialog, for a sheet with no meter column */
  meter: MeterKind | null;
}

export interface Facts {
  /** the desk's day and month: no reading may be dated after them */
  today: { day: string; month: string };
  conn: Database.Database;
  rooms: Map<string, { id: string; usage: RoomUsage }>;
  items: MeterItem[];
}

const reason = (code: ErrorCode, params: ErrorParams = {}): ApiError => new AppError(code, params).toApiError();
const p2 = (n: number) => String(n).padStart(2, '0');

/** A period as sheets write it: 2026-11, 2026/11, 2026年11月, 202611, or a date cell (its month). */
export function parsePeriod(c: Cell): string | null {
  let y: number;
  let m: number;
  if (c instanceof Date) [y, m] = [c.getUTCFullYear(), c.getUTCMonth() + 1];
  else if (typeof c === 'number' && Number.isInteger(c) && c >= 190001 && c <= 210012) [y, m] = [Math.floor(c / 100), c % 100];
  else if (typeof c === 'string') {
    const t = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(c.trim());
    if (!t) return null;
    [y, m] = [Number(t[1]), Number(t[2] ?? t[3])];
  } else return null;
  const out = `${y}-${p2(m)}`;
  return PERIOD_RE.test(out) ? out : null;
}

/** A reading from a number cell (a float a hair off two decimals is rounded) or text; hundredths. */
export function parseReading(c: Cell): number | null {
  if (typeof c === 'number') {
    const centi = c * 100;
    if (c < 0 || Math.abs(centi - Math.round(centi)) > 1e-6 || centi >= 1e10) return null;
    return Math.round(centi);
  }
  const t = typeof c === 'string' ? c.trim().replace(/[,，]/g, '') : '';
  return READING_RE.test(t) ? readingCenti(t) : null;
}

const isBlank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Each non-empty row on its own, then duplicates across rows. No store. */
export function parseRows(sheet: ParsedSheet, headerRow: number, mapping: MeterMapping, pattern: RoomCodePattern, defaults: MeterDefaults): { rows: MeterRow[]; empty: number } {
  const rows: MeterRow[] = [];
  let empty = 0;
  for (let r = headerRow + 1; r <= sheet.rows.length; r++) {
    const cells = sheet.rows[r - 1] ?? [];
    if (cells.every(isBlank)) {
      empty++;
      continue;
    }
    const reasons: ApiError[] = [];
    const get = (f: MeterField): Cell => {
      const col = mapping[f];
      if (col === undefined) return null;
      const c = cells[col - 1] ?? null;
      if (isProblem(c)) {
        const cell = `${columnLetter(col)}${r}`;
        reasons.push(c.problem === 'formula' ? reason('import.row.formula_no_value', { cell, formula: c.text }) : reason('import.row.formula_error', { cell, value: c.text }));
        return null;
      }
      return isBlank(c) ? null : c;
    };
    const text = (f: MeterField) => {
      const c = get(f);
      return c === null ? null : cellText(c).trim() || null;
    };
    const out: MeterRow = { row: r, outcome: 'error', reasons, code: null, meter: null, period: null, readOn: null, value: null, write: null };
    rows.push(out);

    // The room, as the registry's import reads it: a full code, or building (+ unit) + room.
    const full = text('code');
    const [b, u, n] = [text('building'), text('unit'), text('roomNo')];
    const typed = full ?? ([b, u, n].some((x) => x !== null) ? [b, u, n].filter((x) => x !== null).join('-') : null);
    if (typed === null) reasons.push(reason('import.row.missing_room'));
    else {
      const code = parseRoomCode(typed, pattern);
      if (code) out.code = code.code;
      else {
        // a room registered outside the pattern (a parking space, CK-B1001) is still found by its exact code
        out.code = typed.trim().toUpperCase();
        out.codeRefusal = reason('import.row.bad_room_code', badRoomCode(typed, pattern).params);
      }
    }

    const meterText = text('meter');
    if (meterText !== null) {
      out.meter = parseMeter(meterText);
      if (!out.meter) reasons.push(reason('fees.meters.row.bad_meter', { value: meterText }));
    } else if (defaults.meter) out.meter = defaults.meter;
    else reasons.push(reason('fees.meters.row.missing_meter'));

    const readingCell = get('reading');
    if (readingCell === null && !reasons.some((x) => x.code.startsWith('import.row.formula'))) {
      // not read this time: the row says nothing, whatever else it holds
      reasons.length = 0;
      out.outcome = 'blank';
      continue;
    }
    if (readingCell !== null) {
      out.value = parseReading(readingCell);
      if (out.value === null) reasons.push(reason('fees.meters.row.bad_reading', { value: cellText(readingCell) }));
    }

    const periodCell = get('period');
    if (periodCell !== null) {
      out.period = parsePeriod(periodCell);
      if (!out.period) reasons.push(reason('fees.meters.row.bad_period', { value: cellText(periodCell) }));
    } else if (defaults.period) out.period = defaults.period;
    else reasons.push(reason('fees.meters.row.bad_period', { value: '—' }));

    const dayCell = get('readOn');
    if (dayCell !== null) {
      out.readOn = parseDay(dayCell);
      if (!out.readOn) reasons.push(reason('fees.meters.row.bad_date', { value: cellText(dayCell) }));
    } else if (defaults.readOn) out.readOn = defaults.readOn;
    else reasons.push(reason('fees.meters.row.missing_date'));
  }

  // One reading per room and meter in a file: with two, neither can be trusted over the other.
  const seen = new Map<string, MeterRow[]>();
  for (const r of rows) {
    if (r.outcome === 'blank' || !r.code || !r.meter) continue;
    const k = `${r.code}\u0000${r.meter}`;
    seen.set(k, [...(seen.get(k) ?? []), r]);
  }
  for (const same of seen.values()) {
    if (same.length < 2) continue;
    const m = METER_NAME[same[0]!.meter!];
    for (const r of same) r.reasons.push(reason('fees.meters.row.duplicate', { code: r.code!, meterZh: m.zh, meterEn: m.en, rows: same.map((x) => x.row).join(', ') }));
  }
  return { rows, empty };
}

const HISTORY_OF = prepareQuery<{ room: string; meter: MeterKind }, PastReading>((db, p) => db.selectFrom('meter_reading')
  .select(['period', 'previous_centi', 'reading_centi']).select(WITHDRAWN.as('withdrawn')).where('room_id', '=', p('room')).where('meter', '=', p('meter')).orderBy('period', 'desc').limit(HISTORY));

const READING_OF = prepareQuery<{ room: string; meter: MeterKind; period: string }, { reading_centi: number }>((db, p) => db.selectFrom('meter_reading')
  .select('reading_centi').where('room_id', '=', p('room')).where('meter', '=', p('meter')).where('period', '=', p('period')));

/** Judge each parsed row against the store, by the rules fees.reading obeys. */
export async function judgeRows(rows: MeterRow[], facts: Facts, tick?: (done: number) => Promise<void>): Promise<void> {
  let done = 0;
  for (const r of rows) {
    if (tick && ++done % 500 === 0) await tick(done);
    if (r.outcome === 'blank' || r.reasons.length) continue;
    const room = facts.rooms.get(r.code!);
    if (!room) {
      r.reasons.push(r.codeRefusal ?? reason('fees.meters.row.unknown_room', { code: r.code! }));
      continue;
    }
    const history = HISTORY_OF.all(facts.conn, { room: room.id, meter: r.meter! });
    try {
      const judged = judgeReading(facts.today, history, { period: r.period!, readOn: r.readOn!, value: r.value! });
      r.write = priceReading(facts.items, room.usage, { roomId: room.id, meter: r.meter!, period: r.period!, readOn: r.readOn!, judged });
      if (judged.jump) {
        r.outcome = 'jump';
        r.reasons.push(reason('fees.meters.row.jump', { use: centiText(judged.jump.use), usual: centiText(judged.jump.usual) }));
      } else r.outcome = judged.baseline ? 'baseline' : 'bill';
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // the same reading already stored for that period (the latest, or an older file imported again)
      const stored = e.code === 'fees.reading_exists' || e.code === 'fees.reading_order'
        ? READING_OF.first(facts.conn, { room: room.id, meter: r.meter!, period: r.period! })?.reading_centi : undefined;
      if (stored === r.value) {
        const m = METER_NAME[r.meter!];
        r.outcome = 'already';
        r.reasons.push(reason('fees.meters.row.already', { code: r.code!, meterZh: m.zh, meterEn: m.en, period: r.period!, reading: centiText(r.value!) }));
      } else r.reasons.push(e.toApiError());
    }
  }
}
