import { arrearsOps } from './arrears.js';
import { billOps } from './bills.js';
import { cancelOps } from './cancel.js';
import { dayOps } from './day.js';
import { depositOps } from './deposits.js';
import { itemOps } from './items.js';
import { meterOps } from './meters.js';
import { meterImportOps } from './meter-import/ops.js';
import { payOps } from './pay.js';
import { receiptOps } from './receipts.js';
import { reportOps } from './report.js';

/** Fee collection's operations (issue 4), registered in db/api/operations.ts. */
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
};
