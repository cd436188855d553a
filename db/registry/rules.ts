/**
 * The registry's pure rules: how people write room codes, areas and phone numbers, and
 * how much of an ID number a screen may show. No floats: areas are parsed as text into
 * integer hundredths of m².
 */

/** How this site writes a room: 3-2-501 (building-unit-room) or 3-501 (building-room). */
export type RoomCodePattern = 'building-unit-room' | 'building-room';

export interface RoomCodeParts {
  building: string;
  unit: string | null;
  roomNo: string;
  /** canonical form, e.g. 3-2-501 */
  code: string;
  /** without separators, e.g. 32501 */
  digits: string;
}

// What staff type between the parts: dashes of every width, slashes, dots, spaces, 栋/单元/室.
const SEPARATORS = /\s*(?:[-－—–_/\\.#·]|栋|幢|号楼|单元|座)\s*|\s+/g;

/** Parse what a user typed into the site's room code; null if it does not fit the pattern. */
export function parseRoomCode(input: string, pattern: RoomCodePattern): RoomCodeParts | null {
  const text = input.trim().replace(/[室房]$/, '').replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const parts = text.split(SEPARATORS).filter(Boolean).map((p) => p.toUpperCase());
  const want = pattern === 'building-unit-room' ? 3 : 2;
  if (parts.length !== want || !parts.every((p) => /^[0-9A-Z]{1,10}$/.test(p))) return null;
  const [building, a, b] = parts as [string, string, string?];
  const unit = want === 3 ? a : null;
  const roomNo = want === 3 ? b! : a;
  if (building.length > 8 || (unit && unit.length > 8)) return null;
  const code = [building, unit, roomNo].filter((p) => p !== null).join('-');
  return { building, unit, roomNo, code, digits: code.replace(/-/g, '') };
}

/** Canonical code from its parts (what the store keeps). */
export function roomCode(building: string, unit: string | null, roomNo: string): string {
  return [building, unit, roomNo].filter((p) => p !== null && p !== '').join('-');
}

/** The floor a room number implies: 501 → 5, 1203 → 12, B102 → null (basements are named, not numbered). */
export function floorOf(roomNo: string): number | null {
  return /^\d{3,4}$/.test(roomNo) ? Number(roomNo.slice(0, -2)) : null;
}

/**
 * An area as typed ("89.5", "89.50", "1,203.25", 89.5 from a spreadsheet cell) → integer
 * hundredths of m²; null if it is not a plain number with at most two decimals.
 */
export function parseAreaCenti(input: string | number): number | null {
  let text = typeof input === 'number' ? String(input) : input.trim().replace(/,/g, '').replace(/(m²|㎡|平方米|平米|m2)$/i, '').trim();
  if (typeof input === 'number' && /e/i.test(text)) return null;
  // at most 999,999.99 m²: the store refuses more than 1,000,000 m² (area_centi ≤ 100,000,000)
  const m = /^(\d{1,6})(?:\.(\d{1,2})0*)?$/.exec(text);
  if (!m) return null;
  text = m[2] ?? '';
  return Number(m[1]) * 100 + Number(text.padEnd(2, '0'));
}

/** 8950 → "89.50" */
export function formatArea(centi: number): string {
  return `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

/**
 * A phone number as staff write it (spaces, dashes, +86): a mainland mobile (11 digits),
 * or a landline with or without area code and extension. Returns the digits kept, or null.
 */
export function normalizePhone(input: string): string | null {
  const s = input.trim().replace(/[\s\-－()（）]/g, '').replace(/^(\+86|0086)/, '');
  if (s === '') return '';
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  // area codes are 0 + 2–3 digits not starting with 0; local numbers start with 2–9
  if (/^0[1-9]\d{1,2}[2-9]\d{6,7}(转\d{1,6}|ext\d{1,6})?$/i.test(s)) return s;
  if (/^[2-9]\d{6,7}$/.test(s)) return s;
  return null;
}

/** What a role that may not see ID numbers sees: the first three and last four characters. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return id.replace(/./g, '*');
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** Mainland resident ID: 18 characters with the ISO 7064 check digit. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

/** Plates as people write them: upper case, no spaces or dots (京A·12345 → 京A12345). */
export function normalizePlate(input: string): string {
  return input.trim().toUpperCase().replace(/[\s·.•-]/g, '');
}
