import type { OpOutput } from '../../../../db/api/types';
import type { MoveInBody, MoveOutBody } from '../../../../db/handovers/rules';

export type HandoverView = OpOutput<'handovers.get'>;
export type ListRow = OpOutput<'handovers.list'>[number];
export type { MoveInBody, MoveOutBody };
export type MeterKind = 'water' | 'electricity' | 'gas';
export const COND_COLOR = { ok: 'green', defect: 'orange', missing: 'red' } as const;
export const STATUS_COLOR = { draft: 'gold', signed: 'green' } as const;

/** What the sign step left on a move-out (kept in the canonical body). */
export interface MoveOutEffects {
  finalReadings: { meter: MeterKind; reading: string; use: string; billed: number }[];
  owed: number;
  missingKeys: { kind: string; missing: number }[];
  checklistChanges: { item: string; before: string | null; after: string }[];
}
