import { trailOps } from './trail-ops.js';

/** The audit trail's operations: the area's one export to the registry (db/api/operations.ts). */
export const auditOps = {
  ...trailOps,
};
