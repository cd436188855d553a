import { calendarOps } from './calendar-ops.js';
import { caseOps } from './case-ops.js';

/** The complaint and repair ledger's operations: the area's one export to the registry (db/api/operations.ts). */
export const complaintOps = {
  ...caseOps,
  ...calendarOps,
};
