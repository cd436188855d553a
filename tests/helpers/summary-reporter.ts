import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `tests: N passed, N failed, N skipped[, N files failed]`,
 * so a log reader (CI included) can tell a green run from one that ran nothing, and from one
 * where a whole file failed before its tests ran (its set-up threw: they count as skipped).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let filesFailed = 0;
    for (const m of modules) {
      if (m.state() === 'failed' || m.errors().length > 0) filesFailed++;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${filesFailed ? `, ${filesFailed} files failed` : ''}`);
  }
}
