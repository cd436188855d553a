import { accessOps } from './access-ops.js';
import { appraisalOps } from './appraisal-ops.js';
import { catalogueOps } from './catalogue-ops.js';
import { correctionOps } from './correction-ops.js';
import { filingOps } from './filing-ops.js';

/** The archive's operations: the area's one export to the registry (db/api/operations.ts). */
export const archiveOps = {
  ...filingOps,
  ...accessOps,
  ...appraisalOps,
  ...catalogueOps,
  ...correctionOps,
};
