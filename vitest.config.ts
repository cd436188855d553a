import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/helpers/longest-first';

/**
 * unit: the store and its rules against real SQLite files. shell: the Electron shell with
 * `electron` mocked. e2e: the built renderer in Debian's Chromium against browser mode;
 * it needs `npm run build` first (npm test does that). Each end-to-end file starts its own
 * browser-mode host (its own port and data folder) and its own Chromium, and spends most of its
 * time waiting for a screen (a third of a core), while a store file keeps a core busy: the three
 * projects share three workers, planned as two end-to-end files beside one store file at a time
 * (tests/helpers/longest-first.ts), which keeps the machine's two cores busy.
 */
export default defineConfig({
  test: {
    // end-to-end files beside store files, the longest first (tests/helpers/longest-first.ts)
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/scratch-folder.ts'],
          // The store's files share one process per worker instead of a fresh one each: loading
          // the store's code again for each of a hundred files was a quarter of the unit time.
          // They mock nothing and change no globals; each makes its own stores and folders.
          isolate: false,
          // generous: a test that passes in a second on a quiet machine may take thirty on a busy
          // one, and a timeout is then a false alarm, not a finding (speed is the bench's business)
          testTimeout: 90_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // the projects share one group of three workers (vitest asks projects run together to agree)
          maxWorkers: 3,
        },
      },
      {
        // the Electron shell with `electron` mocked: each file in its own process, so one
        // file's mock never meets another's
        test: {
          name: 'shell',
          include: ['tests/electron/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/scratch-folder.ts'],
          testTimeout: 90_000,
          pool: 'forks',
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/scratch-folder.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // a screen answers a click within a second on a quiet machine and in several on a busy
          // one: a poll gives up only when the state it waits for has plainly not come
          expect: { poll: { timeout: 20_000, interval: 100 } },
          maxWorkers: 3,
        },
      },
    ],
  },
});
