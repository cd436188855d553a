import { backupOps as makeOps } from './backup-ops.js';
import { restoreOps } from './restore-ops.js';

/** Backups and restore: the settings screen's tab, the home page's warning, and the recovery screen. */
export const backupOps = { ...makeOps, ...restoreOps };
