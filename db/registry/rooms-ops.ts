import { z } from 'zod';
import { defineOp, requireSession, requireSite } from '../api/op.js';
import { AppError } from '../errors.js';
import { registryTree, roomCard, roomsIn } from './queries.js';
import { parseAreaCenti } from './rules.js';
import { searchRooms } from './search.js';
import { localDate } from '../api/schemas.js';
import { followOccupancy, moveOut, saveBuilding, saveMember, saveOccupant, saveParking, saveRoom, saveUnit, saveVehicle } from './writes.js';

/**
 * The registry's operations. Receptionists and supervisors edit; everyone with
 * registry.read (cashiers, archivists…) looks things up.
 */
const id = z.string().uuid();
const code = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{1,8}$/, 'letters or digits (1–8)');
const text = (max: number) => z.string().trim().max(max);
const date = localDate;
const phone = text(30).optional();

export const roomsOps = {
  'registry.tree': defineOp({
    input: z.object({}).optional(),
    access: 'registry.read',
    run: async (ctx) => registryTree(ctx.trx, requireSite(ctx)),
  }),

  'registry.rooms': defineOp({
    input: z.object({ buildingId: id, unitId: id.nullable().optional() }),
    access: 'registry.read',
    run: async (ctx, i) => roomsIn(ctx.trx, requireSite(ctx), i.buildingId, i.unitId),
  }),

  'registry.search': defineOp({
    input: z.object({ q: text(40), limit: z.number().int().min(1).max(50).default(20) }),
    access: 'registry.read',
    run: async (ctx, i) => searchRooms(ctx.store.raw, requireSite(ctx), i.q, i.limit),
  }),

  'registry.room': defineOp({
    input: z.object({ id }),
    access: 'registry.read',
    run: async (ctx, i) => roomCard(ctx.store.raw, requireSite(ctx), i.id, requireSession(ctx).role, ctx.settings.idFullRoles),
  }),

  'registry.saveBuilding': defineOp({
    input: z.object({ id: id.optional(), code, name: text(40).min(1), remarks: text(200).optional() }),
    access: 'registry.write',
    run: async (ctx, i) => ({ id: await saveBuilding(ctx.trx, requireSite(ctx), ctx.now, i) }),
  }),

  'registry.saveUnit': defineOp({
    input: z.object({ id: id.optional(), buildingId: id, code, name: text(40).min(1) }),
    access: 'registry.write',
    run: async (ctx, i) => ({ id: await saveUnit(ctx.trx, requireSite(ctx), ctx.now, i) }),
  }),

  'registry.saveRoom': defineOp({
    input: z.object({
      id: id.optional(),
      buildingId: id,
      unitId: id.nullable(),
      roomNo: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{1,10}$/, 'letters or digits (1–10)'),
      /** as typed, e.g. "89.5": parsed exactly into hundredths of m² */
      area: z.union([z.string().max(20), z.number()]),
      usage: z.enum(['residential', 'shop', 'office', 'parking', 'other']),
      state: z.enum(['vacant', 'delivered', 'decorating', 'occupied', 'rented']),
      remarks: text(200).optional(),
    }),
    access: 'registry.write',
    run: async (ctx, i) => {
      const areaCenti = parseAreaCenti(i.area);
      if (areaCenti === null) throw new AppError('registry.bad_area', { value: String(i.area) });
      if (!i.unitId && ctx.settings.roomCodePattern === 'building-unit-room' && i.usage === 'residential') throw new AppError('registry.unit_required');
      return { id: await saveRoom(ctx.trx, requireSite(ctx), ctx.now, { ...i, areaCenti }) };
    },
  }),

  'registry.saveOccupant': defineOp({
    input: z.object({
      id: id.optional(),
      roomId: id,
      kind: z.enum(['owner', 'tenant']),
      name: text(40).min(1),
      phone,
      phone2: phone,
      idType: z.enum(['none', 'resident_id', 'passport', 'hk_macau', 'taiwan', 'other']).optional(),
      idNumber: text(30).optional(),
      moveIn: date.nullable().optional(),
      remarks: text(200).optional(),
    }),
    access: 'registry.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const id = await saveOccupant(ctx.trx, siteId, ctx.now, i);
      return { id, roomState: await followOccupancy(ctx.trx, siteId, ctx.now, i.roomId) };
    },
  }),

  'registry.moveOut': defineOp({
    input: z.object({ id, date }),
    access: 'registry.write',
    run: async (ctx, i) => {
      const siteId = requireSite(ctx);
      const roomId = await moveOut(ctx.trx, siteId, ctx.now, i.id, i.date);
      return { roomState: await followOccupancy(ctx.trx, siteId, ctx.now, roomId) };
    },
  }),

  'registry.saveMember': defineOp({
    input: z.object({ id: id.optional(), occupantId: id, name: text(40).min(1), relation: text(20).optional(), phone, active: z.boolean().optional() }),
    access: 'registry.write',
    run: async (ctx, i) => ({ id: await saveMember(ctx.trx, requireSite(ctx), ctx.now, i) }),
  }),

  'registry.saveVehicle': defineOp({
    input: z.object({ id: id.optional(), occupantId: id, plate: text(12).min(5), description: text(60).optional(), active: z.boolean().optional() }),
    access: 'registry.write',
    run: async (ctx, i) => ({ id: await saveVehicle(ctx.trx, requireSite(ctx), ctx.now, i) }),
  }),

  'registry.saveParking': defineOp({
    input: z.object({ id: id.optional(), code: text(16).min(1), occupantId: id.nullable(), tenure: z.enum(['owned', 'rented']), remarks: text(200).optional() }),
    access: 'registry.write',
    run: async (ctx, i) => ({ id: await saveParking(ctx.trx, requireSite(ctx), ctx.now, i) }),
  }),
};
