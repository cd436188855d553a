import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { AppError } from '../errors.js';
import { localDate } from '../api/schemas.js';
import { correctItems, type ItemCorrection } from './corrections.js';

const text = (max: number) => z.string().trim().max(max);
const reason = z.string().trim().min(2).max(200);
const place = {
  locationRoom: text(40).optional(),
  cabinet: text(20).optional(),
  shelf: text(20).optional(),
  box: text(20).optional(),
};
const placeOf = (i: { locationRoom?: string; cabinet?: string; shelf?: string; box?: string }): ItemCorrection => ({
  location_room: i.locationRoom, cabinet: i.cabinet, shelf: i.shelf, box: i.box,
});

/** Correcting what was filed, and moving items on the shelves: the code never changes, every step is kept. */
export const correctionOps = {
  /** Corrects one item's description or place; only the fields given are changed. */
  'archives.correct': defineOp({
    input: z.object({
      id: z.string().uuid(),
      title: text(200).min(1).optional(),
      year: z.number().int().min(1900).max(2200).optional(),
      producedOn: localDate.nullable().optional(),
      retention: z.enum(['permanent', '30', '25', '15', '10', '5']).optional(),
      pieceCount: z.number().int().min(0).max(100000).optional(),
      remarks: text(500).optional(),
      ...place,
      reason,
    }),
    access: 'archives.write',
    run: async (ctx, i) => correctItems(ctx, 'correct', [i.id], {
      title: i.title, year: i.year, produced_on: i.producedOn, retention: i.retention, piece_count: i.pieceCount, remarks: i.remarks, ...placeOf(i),
    }, i.reason),
  }),

  /** Moves items together to another room, cabinet, shelf or box (the fields left out stay as each item has them). */
  'archives.move': defineOp({
    input: z.object({ itemIds: z.array(z.string().uuid()).min(1).max(500), ...place, reason }),
    access: 'archives.write',
    run: async (ctx, i) => {
      const to = placeOf(i);
      if (Object.values(to).every((v) => v === undefined)) throw new AppError('archives.move_where');
      return correctItems(ctx, 'move', i.itemIds, to, i.reason);
    },
  }),
};
