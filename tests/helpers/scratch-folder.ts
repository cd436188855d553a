import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One scratch folder for a whole test run (vitest's global setup, in every project): every
 * temporary store, data folder, clock file and Chromium profile the tests make goes under it
 * (TMPDIR, which node's tmpdir() and Chromium read, is pointed there before the workers
 * start), and it is removed when the run ends. A test process that is stopped (vitest ends
 * its workers rather than letting them exit) left its folders behind otherwise, a few hundred
 * a day on a developer's machine.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.FRONT_DESK_TEST_SCRATCH) return undefined; // the first project's run made it
  const root = mkdtempSync(join(tmpdir(), 'front-desk-run-'));
  chmodSync(root, 0o755); // the throwaway PostgreSQL cluster's own user makes its folder in here
  process.env.FRONT_DESK_TEST_SCRATCH = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
