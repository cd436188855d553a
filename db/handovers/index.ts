import { documentOps } from './document-ops.js';
import { exportOps } from './export.js';
import { keysOps } from './keys-ops.js';
import { shiftOps } from './shift-ops.js';
import { signOps } from './sign-ops.js';
import { transferOps } from './transfer-ops.js';

/** The handover area's operations (交接), as the registry sees them. */
export const handoverOps = { ...documentOps, ...exportOps, ...keysOps, ...signOps, ...shiftOps, ...transferOps };
