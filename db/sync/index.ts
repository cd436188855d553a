import { catalogueExportOps } from './catalogue-export.js';
import { consolidatedExportOps } from './consolidated-export.js';
import { consolidatedOps } from './consolidated-ops.js';
import { drillOps } from './drill-ops.js';
import { hqSyncOps } from './hq-ops.js';
import { referenceOps } from './reference-ops.js';
import { restoreOps } from './restore-ops.js';
import { siteSyncOps } from './site-ops.js';

/** Head-office sync: the site's side (folder, status, joining, export) and head office's (enrolment, import, dashboard, the consolidated reports). */
export const syncOps = {
  ...siteSyncOps, ...hqSyncOps, ...consolidatedOps, ...consolidatedExportOps, ...catalogueExportOps, ...drillOps, ...referenceOps, ...restoreOps,
};
