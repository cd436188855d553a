import { importOps } from './import/index.js';
import { roomsOps } from './rooms-ops.js';

/** The property registry's operations (rooms, occupants, and the Excel import): the area's one export to the registry (db/api/operations.ts). */
export const registryOps = {
  ...roomsOps,
  ...importOps,
};
