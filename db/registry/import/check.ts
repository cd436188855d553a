import { AppError, type ApiError, type ErrorParams } from '../../errors.js';
import type { ErrorCode } from '../../i18n/errors.js';
import type { IdType, RoomState, RoomUsage } from '../../registry/tables.js';
import { badRoomCode } from '../refusals.js';
import { isValidResidentId, normalizePhone, parseAreaCenti, parseRoomCode, type RoomCodeParts, type RoomCodePattern } from '../rules.js';
import { FIELD_LABELS, IMPORT_FIELDS, parseIdType, parseState, parseUsage, type ImportField } from './fields.js';
import { columnLetter, isProblem, type Cell, type ParsedSheet } from './read.js';

/**
 * Checking every row of a ledger against the registry's rules, without touching the store:
 * each non-empty row below the header becomes either a value ready to write or a list of
 * reasons (row number, what is wrong, in both languages). Empty rows are skipped.
 * A blank cell means "no information", never "erase": on a room or person already in the
 * registry it keeps what is there.
 */
export type Mapping = Partial<Record<ImportField, number>>;

export interface PersonValue {
  name: string;
  phone: string | null;
  phone2: string | null;
  idType: IdType | null;
  idNumber: string | null;
  moveIn: string | null;
}

export interface RowValue {
  code: RoomCodeParts;
  areaCenti: number | null;
  usage: RoomUsage | null;
  state: RoomState | null;
  remarks: string | null;
  owner: PersonValue | null;
  tenant: PersonValue | null;
}

export interface CheckedRow {
  /** the row number as Excel shows it */
  row: number;
  reasons: ApiError[];
  value: RowValue | null;
}

export interface CheckResult {
  rows: CheckedRow[];
  /** empty rows below the header, skipped */
  empty: number;
}

export interface Progress {
  progress(done: number, total?: number, phase?: string): void;
  checkpoint(): Promise<void>;
}

const reason = (code: ErrorCode, params: ErrorParams = {}): ApiError => new AppError(code, params).toApiError();
const WHO = { owner: ['业主', 'owner'], tenant: ['租户', 'tenant'] } as const;

/** The room can be found: a full code column, or building + room number (+ unit where the site has units). */
export function checkMapping(mapping: Mapping, pattern: RoomCodePattern): void {
  const used = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const col = mapping[f];
    if (col === undefined) continue;
    const other = used.get(col);
    if (other) {
      throw new AppError('import.column_twice', {
        column: columnLetter(col), aZh: FIELD_LABELS[other].zh, bZh: FIELD_LABELS[f].zh, aEn: FIELD_LABELS[other].en, bEn: FIELD_LABELS[f].en,
      });
    }
    used.set(col, f);
  }
  const parts = mapping.building !== undefined && mapping.roomNo !== undefined && (pattern === 'building-room' || mapping.unit !== undefined);
  if (mapping.code === undefined && !parts) {
    throw new AppError('import.no_room_column', pattern === 'building-unit-room'
      ? { unitZh: '、“单元”', unitEn: ', "Unit"' }
      : { unitZh: '', unitEn: '' });
  }
}

/** Display text of a cell, as the person sees it in Excel. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(Number(c.toPrecision(12)));
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (c instanceof Date) return formatDate(c, true);
  return c.problem === 'formula' ? `=${c.text}` : c.text;
}

function formatDate(d: Date, withTime = false): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  if (!withTime || (d.getUTCHours() === 0 && d.getUTCMinutes() === 0)) return day;
  return `${day} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return formatDate(date);
}

/** A date as ledgers hold it: a date cell, an Excel serial number, or text in the usual Chinese forms. */
export function parseDay(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : validDay(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 19000101 && c <= 21001231) return validDay(Math.floor(c / 10000), Math.floor(c / 100) % 100, c % 100);
    if (c >= 1 && c < 73051) return formatDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(c) * 86_400_000)); // up to 2099
    return null;
  }
  if (typeof c !== 'string') return null;
  const t = c.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** Area from a number cell (rounded if it is a float a hair off two decimals) or text. */
function areaOf(c: Cell): number | null {
  if (typeof c === 'number') {
    const centi = c * 100;
    if (c >= 0 && Math.abs(centi - Math.round(centi)) < 1e-6 && centi <= 100_000_000) return Math.round(centi);
    return null;
  }
  return parseAreaCenti(cellText(c));
}

/**
 * Check the rows below `headerRow` (1-based) with `mapping` (field → 1-based column).
 * Yields to the event loop every so often (status calls answer; a cancel is noticed).
 */
export async function checkRows(sheet: ParsedSheet, headerRow: number, mapping: Mapping, pattern: RoomCodePattern, job?: Progress): Promise<CheckResult> {
  checkMapping(mapping, pattern);
  const out: CheckedRow[] = [];
  let empty = 0;
  const firstRow = new Map<string, number>();
  const total = Math.max(0, sheet.rows.length - headerRow);
  job?.progress(0, total, 'checking');

  for (let r = headerRow + 1; r <= sheet.rows.length; r++) {
    if ((r - headerRow) % 1000 === 0 && job) {
      job.progress(r - headerRow, total, 'checking');
      await job.checkpoint();
    }
    const cells = sheet.rows[r - 1] ?? [];
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) {
      empty++;
      continue;
    }
    const reasons: ApiError[] = [];
    /** fields whose cell was refused: not also reported as missing */
    const refused = new Set<ImportField>();
    /** the cell of a field, with formula and error cells reported once, by address */
    const get = (f: ImportField): Cell => {
      const col = mapping[f];
      if (col === undefined) return null;
      const c = cells[col - 1] ?? null;
      if (isProblem(c)) {
        refused.add(f);
        const cell = `${columnLetter(col)}${r}`;
        reasons.push(c.problem === 'formula' ? reason('import.row.formula_no_value', { cell, formula: c.text }) : reason('import.row.formula_error', { cell, value: c.text }));
        return null;
      }
      return typeof c === 'string' ? (c.trim() === '' ? null : c.trim()) : c;
    };
    const text = (f: ImportField): string | null => {
      const c = get(f);
      return c === null ? null : cellText(c).trim() || null;
    };
    const limited = (f: ImportField, max: number): string | null => {
      const t = text(f);
      if (t !== null && [...t].length > max) {
        refused.add(f);
        reasons.push(reason('import.row.too_long', { fieldZh: FIELD_LABELS[f].zh, fieldEn: FIELD_LABELS[f].en, max }));
        return null;
      }
      return t;
    };

    // The room
    let code: RoomCodeParts | null = null;
    const full = text('code');
    const b = text('building');
    const u = text('unit');
    const n = text('roomNo');
    const typed = full ?? ([b, u, n].some((x) => x !== null) ? [b, u, n].filter((x) => x !== null).join('-') : null);
    if (typed === null || (!full && (b === null || n === null || (pattern === 'building-unit-room' && u === null)))) {
      reasons.push(reason('import.row.missing_room'));
    } else {
      code = parseRoomCode(typed, pattern);
      if (!code) {
        const e = badRoomCode(typed, pattern);
        reasons.push(reason('import.row.bad_room_code', e.params));
      } else {
        const first = firstRow.get(code.code);
        if (first !== undefined) reasons.push(reason('import.row.duplicate_room', { code: code.code, row: first }));
        else firstRow.set(code.code, r);
      }
    }

    let areaCenti: number | null = null;
    const areaCell = get('area');
    if (areaCell !== null) {
      areaCenti = areaOf(areaCell);
      if (areaCenti === null) reasons.push(reason('import.row.bad_area', { value: cellText(areaCell) }));
    }
    let usage: RoomUsage | null = null;
    const usageText = text('usage');
    if (usageText !== null) {
      usage = parseUsage(usageText);
      if (!usage) reasons.push(reason('import.row.bad_usage', { value: usageText }));
    }
    let state: RoomState | null = null;
    const stateText = text('state');
    if (stateText !== null) {
      state = parseState(stateText);
      if (!state) reasons.push(reason('import.row.bad_state', { value: stateText }));
    }
    const remarks = limited('remarks', 200);

    // The people
    const phones = (f: 'ownerPhone' | 'tenantPhone', who: keyof typeof WHO): [string | null, string | null] => {
      const t = text(f);
      if (t === null) return [null, null];
      const parts = t.split(/[/,，;；、|]+/).map((s) => s.trim()).filter(Boolean);
      if (parts.length > 2) {
        reasons.push(reason('import.row.too_many_phones', { whoZh: WHO[who][0], whoEn: WHO[who][1], value: t }));
        return [null, null];
      }
      const norm = parts.map((p) => normalizePhone(p));
      norm.forEach((v, i) => {
        if (v === null) reasons.push(reason('import.row.bad_phone', { whoZh: WHO[who][0], whoEn: WHO[who][1], value: parts[i]! }));
      });
      return [norm[0] ?? null, norm[1] ?? null];
    };

    let owner: PersonValue | null = null;
    const ownerName = limited('ownerName', 40);
    const [p1, p2] = phones('ownerPhone', 'owner');
    let idType: IdType | null = null;
    const idTypeText = text('idType');
    if (idTypeText !== null) {
      idType = parseIdType(idTypeText);
      if (!idType) reasons.push(reason('import.row.bad_id_type', { value: idTypeText }));
    }
    let idNumber: string | null = null;
    const idCell = get('idNumber');
    if (idCell !== null) {
      const t = cellText(idCell).replace(/\s+/g, '').toUpperCase();
      if (t.includes('*')) {
        // masked, as exported for a role that may not see ID numbers: keeps what the registry has
      } else if ((typeof idCell === 'number' && Math.abs(idCell) >= 1e15) || /^\d(\.\d+)?E\+?\d+$/.test(t)) {
        reasons.push(reason('import.row.id_as_number', { value: t }));
      } else if (t.length > 30) {
        reasons.push(reason('import.row.too_long', { fieldZh: FIELD_LABELS.idNumber.zh, fieldEn: FIELD_LABELS.idNumber.en, max: 30 }));
      } else {
        idNumber = t;
        if (!idType || idType === 'none') idType = /^\d{17}[\dX]$/.test(t) ? 'resident_id' : 'other';
        if (idType === 'resident_id' && !isValidResidentId(t)) reasons.push(reason('import.row.bad_id_number', { value: t }));
      }
    }
    let moveIn: string | null = null;
    const moveInCell = get('moveIn');
    if (moveInCell !== null) {
      moveIn = parseDay(moveInCell);
      if (!moveIn) reasons.push(reason('import.row.bad_date', { fieldZh: FIELD_LABELS.moveIn.zh, fieldEn: FIELD_LABELS.moveIn.en, value: cellText(moveInCell) }));
    }
    if (ownerName) {
      owner = { name: ownerName, phone: p1, phone2: p2, idType: idNumber ? idType : null, idNumber, moveIn };
    } else if (!refused.has('ownerName') && (p1 !== null || idNumber !== null || moveIn !== null)) {
      reasons.push(reason('import.row.info_without_name', { whoZh: WHO.owner[0], whoEn: WHO.owner[1] }));
    }

    let tenant: PersonValue | null = null;
    const tenantName = limited('tenantName', 40);
    const [t1, t2] = phones('tenantPhone', 'tenant');
    if (tenantName) tenant = { name: tenantName, phone: t1, phone2: t2, idType: null, idNumber: null, moveIn: null };
    else if (!refused.has('tenantName') && t1 !== null) reasons.push(reason('import.row.info_without_name', { whoZh: WHO.tenant[0], whoEn: WHO.tenant[1] }));

    out.push({
      row: r,
      reasons,
      value: reasons.length === 0 && code ? { code, areaCenti, usage, state, remarks, owner, tenant } : null,
    });
  }
  job?.progress(total, total, 'checking');
  return { rows: out, empty };
}
