import { archiveOps } from '../archives/index.js';
import { auditOps } from '../audit/index.js';
import { backupOps } from '../backup/index.js';
import { complaintOps } from '../complaints/index.js';
import { authOps } from '../auth/index.js';
import { feeOps } from '../fees/index.js';
import { fileOps } from '../files/index.js';
import { handoverOps } from '../handovers/index.js';
import { homeOps } from '../home/index.js';
import { jobOps } from '../jobs/index.js';
import { registryOps } from '../registry/index.js';
import { settingsOps } from '../settings/index.js';
import { setupOps } from '../setup/index.js';
import { staffOps } from '../staff/index.js';
import { syncOps } from '../sync/index.js';
import { hqPgOps } from '../headoffice-pg/ops.js';
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
  ...archiveOps,
  ...feeOps,
  ...complaintOps,
  ...handoverOps,
  ...syncOps,
  ...backupOps,
  ...hqPgOps,
};
