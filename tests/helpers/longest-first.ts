import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each long test file took in a full run (2 cores, a loaded machine): the files worth
 * starting first so that no worker is left alone with a long one at the end of the run.
 */
const MEASURED: Record<string, number> = {
  'e2e:tests/e2e/archives.test.ts': 150,
  'e2e:tests/e2e/handovers-transfer.test.ts': 132,
  'e2e:tests/e2e/complaints.test.ts': 120,
  'e2e:tests/e2e/sync.test.ts': 110,
  'e2e:tests/e2e/fees.test.ts': 88,
  'e2e:tests/e2e/fees-till.test.ts': 83,
  'e2e:tests/e2e/complaint-clocks.test.ts': 74,
  'e2e:tests/e2e/handovers.test.ts': 59,
  'e2e:tests/e2e/desk-foundation.test.ts': 55,
  'e2e:tests/e2e/fees-reversal.test.ts': 54,
  'e2e:tests/e2e/hqpg-screens.test.ts': 45,
  'e2e:tests/e2e/registry-screens.test.ts': 39,
  'unit:tests/db/import.test.ts': 88,
  'unit:tests/db/registry-demo-cli.test.ts': 72,
  'unit:tests/db/fees-meters-import.test.ts': 65,
  'unit:tests/db/sync-crash.test.ts': 51,
  'unit:tests/db/hqpg-import.test.ts': 39,
  'unit:tests/db/import-export.test.ts': 37,
  'unit:tests/db/hqpg-faults.test.ts': 36,
  'unit:tests/db/sync-faults.test.ts': 33,
  'unit:tests/db/hqpg-catalogue.test.ts': 32,
  'unit:tests/db/store.test.ts': 31,
  'unit:tests/db/import-xlsx-apart.test.ts': 29,
  'unit:tests/db/api-junk.test.ts': 28,
};

/**
 * Within each project (run in vitest's order: e2e, shell, unit), the longest files first: by
 * the durations vitest kept from the last run on this machine where it has them, else by the
 * seconds measured above. Vitest alone orders a fresh clone (CI's) by file size, which started
 * a one-test file of more than a minute (`npm run demo`) last, with one worker idle meanwhile.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (f: TestSpecification) => `${f.project.name}:${relative(root, f.moduleId).split('\\').join('/')}`;
    const seconds = (f: TestSpecification) => {
      const kept = this.ctx.cache.getFileTestResults(key(f));
      return kept ? kept.duration / 1000 : (MEASURED[key(f)] ?? 0);
    };
    const size = (f: TestSpecification) => this.ctx.cache.getFileStats(key(f))?.size ?? 0;
    return [...files].sort((a, b) => {
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
      return seconds(b) - seconds(a) || size(b) - size(a);
    });
  }
}
