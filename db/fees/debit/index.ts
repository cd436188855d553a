import { agreementOps } from './agreements-ops.js';
import { batchOps } from './batch-ops.js';
import { resultOps } from './results-ops.js';

/** Bank direct debit (银行托收): agreements, the month's batch for the bank, and its results. */
export const debitOps = {
  ...agreementOps,
  ...batchOps,
  ...resultOps,
};
