import { createHash } from 'node:crypto';
import { z } from 'zod';
import { localDate } from '../api/schemas.js';
import { AppError } from '../errors.js';
import type { HandoverKind, HandoverListName } from './tables.js';

/**
 * The pure rules of a handover document: its number, what it holds (the form's body),
 * what must be filled in before it can be signed, and the stable form that is signed.
 */
export const KIND_PREFIX: Record<HandoverKind, string> = { move_in: 'RH', move_out: 'QC', shift: 'JB', transfer: 'YJ' };

/** RH-2026-0001: per site, kind and year; every version of a document keeps it. */
export function handoverNumber(kind: HandoverKind, year: number, seq: number): string {
  return `${KIND_PREFIX[kind]}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The standard lists a site starts from (the admin may edit them). */
export const DEFAULT_LISTS: Record<HandoverListName, readonly string[]> = {
  key: ['入户门', '单元门', '信报箱', '车库', '门禁卡'],
  facility: ['入户门', '窗户', '墙面', '地面', '插座开关', '水龙头', '洁具', '热水器', '对讲机'],
  document: ['住户手册', '临时管理规约', '装修管理规定', '质量保证书', '使用说明书'],
};

export const METER_KINDS = ['water', 'electricity', 'gas'] as const;
export const METER_NAMES = { water: { zh: '水', en: 'water' }, electricity: { zh: '电', en: 'electricity' }, gas: { zh: '燃气', en: 'gas' } } as const;
export const CONDITIONS = ['ok', 'defect', 'missing'] as const;
export type Condition = (typeof CONDITIONS)[number];

const text = (max: number) => z.string().trim().max(max);
const reading = z.string().trim().regex(/^\d{1,8}(\.\d{1,2})?$/, 'a meter reading with at most two decimals');

export const keyLine = z.object({ kind: text(30).min(1), count: z.number().int().min(-1000).max(1000), numbers: text(200).default('') });
export const meterLine = z.object({ meter: z.enum(METER_KINDS), meterNo: text(30).default(''), reading: reading.or(z.literal('')) });
export const checkLine = z.object({ item: text(30).min(1), condition: z.enum(CONDITIONS), remark: text(200).default(''), caseId: z.string().uuid().nullable().default(null), caseNo: text(20).default('') });

/** A move-in form (入伙交接): what a draft holds, every field optional until signing. */
export const moveInBody = z.object({
  occupant: z.object({
    id: z.string().uuid().nullable().default(null),
    kind: z.enum(['owner', 'tenant']).default('owner'),
    name: text(40).default(''),
    phone: text(20).default(''),
    idType: z.enum(['none', 'resident_id', 'passport', 'hk_macau', 'taiwan', 'other']).default('resident_id'),
    idNumber: text(30).default(''),
    idChecked: z.boolean().default(false),
  }).default({ id: null, kind: 'owner', name: '', phone: '', idType: 'resident_id', idNumber: '', idChecked: false }),
  cards: text(200).default(''),
  keys: z.array(keyLine).max(30).default([]),
  meters: z.array(meterLine).max(3).default([]),
  checklist: z.array(checkLine).max(60).default([]),
  documents: z.array(text(30).min(1)).max(30).default([]),
  moveInDate: localDate.nullable().default(null),
  remarks: text(1000).default(''),
});
export type MoveInBody = z.output<typeof moveInBody>;

/** A move-out form (迁出交接): keys returned against those handed over, final readings, the checklist again. */
export const moveOutBody = z.object({
  occupantId: z.string().uuid().nullable().default(null),
  occupantName: text(40).default(''),
  keys: z.array(keyLine.extend({ handed: z.number().int().min(0).max(1000).default(0) })).max(30).default([]),
  meters: z.array(meterLine).max(3).default([]),
  checklist: z.array(checkLine).max(60).default([]),
  moveOutDate: localDate.nullable().default(null),
  remarks: text(1000).default(''),
});
export type MoveOutBody = z.output<typeof moveOutBody>;

export function bodySchema(kind: HandoverKind) {
  if (kind === 'move_in') return moveInBody;
  if (kind === 'move_out') return moveOutBody;
  throw new AppError('handovers.wrong_kind');
}

/** A key count below zero is refused whenever a form is saved. */
export function checkKeys(keys: readonly { kind: string; count: number }[]): void {
  const bad = keys.find((k) => k.count < 0);
  if (bad) throw new AppError('handovers.key_count', { kind: bad.kind });
}

const SECTIONS = {
  occupant: { zh: '住户', en: 'occupant' },
  idChecked: { zh: '身份核验', en: 'ID checked' },
  meters: { zh: '能源表底', en: 'meter readings' },
  checklist: { zh: '单元设施交接单', en: 'facilities checklist' },
  occupantSignature: { zh: '住户签字', en: 'occupant signature' },
} as const;

export function sectionEmpty(section: keyof typeof SECTIONS): AppError {
  return new AppError('handovers.section_empty', { sectionZh: SECTIONS[section].zh, sectionEn: SECTIONS[section].en });
}

/** What a move-in needs before it can be signed (the signatures are checked by the signing). */
export function requireMoveIn(b: MoveInBody): void {
  if (!b.occupant.id && !b.occupant.name) throw sectionEmpty('occupant');
  if (!b.occupant.idChecked) throw sectionEmpty('idChecked');
  if (!b.meters.some((m) => m.reading !== '')) throw sectionEmpty('meters');
  if (!b.checklist.length) throw sectionEmpty('checklist');
}

export function requireMoveOut(b: MoveOutBody): void {
  if (!b.occupantId) throw sectionEmpty('occupant');
  if (!b.meters.some((m) => m.reading !== '')) throw sectionEmpty('meters');
  if (!b.checklist.length) throw sectionEmpty('checklist');
}

/** Keys not returned: per kind, handed over less returned (only shortfalls). */
export function missingKeys(keys: readonly { kind: string; count: number; handed: number }[]): { kind: string; missing: number }[] {
  return keys.filter((k) => k.handed > k.count).map((k) => ({ kind: k.kind, missing: k.handed - k.count }));
}

/** Checklist items whose condition differs from the move-in's (or that the move-in did not list). */
export function checklistChanges(moveIn: readonly { item: string; condition: Condition }[], moveOut: readonly { item: string; condition: Condition }[]) {
  const before = new Map(moveIn.map((c) => [c.item, c.condition]));
  return moveOut.filter((c) => before.get(c.item) !== c.condition).map((c) => ({ item: c.item, before: before.get(c.item) ?? null, after: c.condition }));
}

/** JSON with object keys sorted at every depth: the same content always gives the same text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
