import type { AppError } from '../errors.js';

/**
 * The desk program around the store, as operations see it: where its data folder is, and
 * the one way to put a restored store in place. Damage found at start, at runtime or by the
 * idle check puts the desk in recovery: only the recovery screen's operations answer.
 */
export interface DeskControl {
  readonly dataDir: string;
  readonly storeFile: string;
  readonly nativeBinding?: string;
  /** how many migrations this program has (the newest store version it can open) */
  readonly latestVersion: number;
  /** the damage that put the desk in recovery, or null */
  damage(): AppError | null;
  /**
   * Close the store, let `swap` replace its files, open it again (if it cannot be opened,
   * `undo` puts the old files back and it is opened again). Every session ends.
   */
  replaceStore(swap: () => Promise<{ undo(): Promise<void> }>): Promise<void>;
}
