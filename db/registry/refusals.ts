import { AppError } from '../errors.js';
import type { RoomCodePattern } from './rules.js';

/** Registry refusals that need words for their params, kept in one place. */
const THINGS = {
  building: ['楼栋', 'building'],
  unit: ['单元', 'unit'],
  room: ['房间', 'room'],
  occupant: ['住户', 'occupant'],
  member: ['家庭成员', 'household member'],
  vehicle: ['车辆', 'vehicle'],
  parking: ['车位', 'parking space'],
} as const;

export function notFound(what: keyof typeof THINGS): AppError {
  const [zh, en] = THINGS[what];
  return new AppError('registry.not_found', { whatZh: zh, whatEn: en });
}

const PATTERNS: Record<RoomCodePattern, [string, string]> = {
  'building-unit-room': ['楼栋-单元-房号，如 3-2-501', 'building-unit-room, e.g. 3-2-501'],
  'building-room': ['楼栋-房号，如 3-501', 'building-room, e.g. 3-501'],
};

export function badRoomCode(code: string, pattern: RoomCodePattern): AppError {
  const [zh, en] = PATTERNS[pattern];
  return new AppError('registry.bad_room_code', { code, patternZh: zh, patternEn: en });
}
