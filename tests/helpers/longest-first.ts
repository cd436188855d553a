import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each test file of five seconds or more took in a full run (2 cores, three workers,
 * planned as below): what a fresh clone (CI's, with no durations kept) plans the run with. A
 * file not listed is taken to last FALLBACK seconds.
 */
const MEASURED: Record<string, number> = {
  'e2e:tests/e2e/complaints.test.ts': 81,
  'e2e:tests/e2e/archives.test.ts': 76,
  'e2e:tests/e2e/handovers-transfer.test.ts': 76,
  'e2e:tests/e2e/sync.test.ts': 70,
  'e2e:tests/e2e/fees.test.ts': 51,
  'e2e:tests/e2e/complaint-clocks.test.ts': 45,
  'e2e:tests/e2e/desk-foundation.test.ts': 43,
  'e2e:tests/e2e/handovers.test.ts': 41,
  'e2e:tests/e2e/fees-till.test.ts': 37,
  'unit:tests/db/api-junk.test.ts': 33,
  'e2e:tests/e2e/backup-receipts.test.ts': 31,
  'e2e:tests/e2e/registry-import.test.ts': 31,
  'unit:tests/db/fees-meters-import.test.ts': 31,
  'e2e:tests/e2e/backup.test.ts': 29,
  'e2e:tests/e2e/fees-reversal.test.ts': 29,
  'unit:tests/db/import.test.ts': 29,
  'unit:tests/db/registry-demo-cli.test.ts': 29,
  'e2e:tests/e2e/registry-screens.test.ts': 24,
  'unit:tests/db/migrations/pg_head_office.test.ts': 24,
  'unit:tests/db/store.test.ts': 23,
  'e2e:tests/e2e/fees-debit.test.ts': 22,
  'e2e:tests/e2e/fees-meters.test.ts': 22,
  'e2e:tests/e2e/newcomer.test.ts': 21,
  'unit:tests/db/hqpg-faults.test.ts': 21,
  'unit:tests/db/sync-crash.test.ts': 18,
  'unit:tests/db/demo-history.test.ts': 16,
  'unit:tests/db/fees-debit.test.ts': 16,
  'unit:tests/db/backup.test.ts': 15,
  'e2e:tests/e2e/fees-reports-apart.test.ts': 14,
  'unit:tests/db/hqpg-import.test.ts': 14,
  'shell:tests/electron/web-host.test.ts': 12,
  'unit:tests/db/import-export.test.ts': 12,
  'e2e:tests/e2e/fees-cancel.test.ts': 10,
  'e2e:tests/e2e/handovers-demo.test.ts': 10,
  'unit:tests/db/hqpg-catalogue.test.ts': 10,
  'unit:tests/db/sync-restore.test.ts': 10,
  'unit:tests/db/fees-crash.test.ts': 9,
  'unit:tests/db/sync-roundtrip.test.ts': 9,
  'unit:tests/db/sync-scans.test.ts': 9,
  'shell:tests/electron/main.test.ts': 8,
  'unit:tests/db/import-xlsx-apart.test.ts': 8,
  'unit:tests/db/registry-demo.test.ts': 5,
  'unit:tests/db/sync-faults.test.ts': 5,
};

/** What a file without a measure is taken to last: most unit files take two to five seconds. */
const FALLBACK = 3;

/**
 * The order the pool takes files in. An end-to-end file mostly waits for its screens (a third
 * of a core), a unit file keeps a core busy: run one after the other, the end-to-end files left
 * the machine two-thirds idle and the unit files came after them. So the run is planned as if
 * one of the workers takes the store's files (unit and shell), one at a time, while the others
 * take the end-to-end files, each list longest first; the order is that plan's, file by file,
 * so the pool (which starts the next file in the list whenever a worker frees) follows it.
 * The seconds are those vitest kept from the last run on this machine where it has them, else
 * those measured above. Vitest alone orders a fresh clone (CI's) by file size, which started a
 * one-test file of more than a minute (`npm run demo`) last, with one worker idle meanwhile.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (f: TestSpecification) => `${f.project.name}:${relative(root, f.moduleId).split('\\').join('/')}`;
    const seconds = (f: TestSpecification) => {
      const kept = this.ctx.cache.getFileTestResults(key(f));
      return kept ? kept.duration / 1000 : (MEASURED[key(f)] ?? FALLBACK);
    };
    const size = (f: TestSpecification) => this.ctx.cache.getFileStats(key(f))?.size ?? 0;
    const longestFirst = (list: TestSpecification[]) => list.sort((a, b) => seconds(b) - seconds(a) || size(b) - size(a));
    const screens = longestFirst(files.filter((f) => f.project.name === 'e2e'));
    const store = longestFirst(files.filter((f) => f.project.name !== 'e2e'));
    return plan(screens, store, files[0]?.project.config.maxWorkers ?? 1, seconds);
  }
}

/**
 * A worker-by-worker plan: whenever a worker frees (by the seconds expected), it takes the next
 * store file if no store file is running, else the next screen file; with one list empty, the
 * other. The files in the order they were taken.
 */
export function plan<T>(screens: T[], store: T[], workers: number, seconds: (f: T) => number): T[] {
  const freeAt = Array.from({ length: Math.max(1, workers) }, () => 0);
  let storeBusyUntil = 0;
  const order: T[] = [];
  let s = 0;
  let u = 0;
  while (s < screens.length || u < store.length) {
    const worker = freeAt.indexOf(Math.min(...freeAt));
    const now = freeAt[worker]!;
    const takeStore = u < store.length && (storeBusyUntil <= now || s >= screens.length || workers === 1);
    const file = takeStore ? store[u++]! : screens[s++]!;
    freeAt[worker] = now + Math.max(0.1, seconds(file));
    if (takeStore) storeBusyUntil = freeAt[worker];
    order.push(file);
  }
  return order;
}
