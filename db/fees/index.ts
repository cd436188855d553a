import { arrearsOps } from './arrears-ops.js';
import { billOps } from './bills-ops.js';
import { cancelOps } from './cancel-ops.js';
import { dayOps } from './day-ops.js';
import { debitOps } from './debit/index.js';
import { depositOps } from './deposits-ops.js';
import { itemOps } from './items-ops.js';
import { meterOps } from './meters-ops.js';
import { meterImportOps } from './meter-import/index.js';
import { payOps } from './pay-ops.js';
import { receiptOps } from './receipts-ops.js';
import { reportOps } from './report-ops.js';

/** Fee collection's operations: the area's one export to the registry (db/api/operations.ts). */
export const feeOps = {
  ...itemOps,
  ...billOps,
  ...cancelOps,
  ...payOps,
  ...receiptOps,
  ...dayOps,
  ...arrearsOps,
  ...meterOps,
  ...meterImportOps,
  ...reportOps,
  ...depositOps,
  ...debitOps,
};
