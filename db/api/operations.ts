import { archiveOps } from '../archives/ops.js';
import { auditOps } from '../audit/ops.js';
import { complaintOps } from '../complaints/ops.js';
import { authOps } from '../auth/ops.js';
import { feeOps } from '../fees/ops.js';
import { fileOps } from '../files/ops.js';
import { homeOps } from '../home/ops.js';
import { jobOps } from '../jobs/ops.js';
import { importOps } from '../registry/import/ops.js';
import { registryOps } from '../registry/ops.js';
import { settingsOps } from '../settings/ops.js';
import { setupOps } from '../setup/ops.js';
import { staffOps } from '../staff/ops.js';
import { syncOps } from '../sync/index.js';
import { timeOps } from '../time/index.js';

/** The one registry of named operations. Both hosts (Electron IPC, browser mode) and the tests call through it. */
export const operations = {
  ...authOps,
  ...setupOps,
  ...staffOps,
  ...settingsOps,
  ...auditOps,
  ...homeOps,
  ...timeOps,
  ...registryOps,
  ...fileOps,
  ...jobOps,
  ...importOps,
  ...archiveOps,
  ...feeOps,
  ...complaintOps,
  ...syncOps,
};
