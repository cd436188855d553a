import { accessOps } from './access-ops.js';
import { filingOps } from './filing-ops.js';

/** The archive's operations: the area's one export to the registry (db/api/operations.ts). */
export const archiveOps = {
  ...filingOps,
  ...accessOps,
};
