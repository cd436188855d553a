/**
 * npx tsx tests/bench/complaints-run.ts [name filter] — the complaint ledger's figures alone
 * (logging, queues, search, statistics, the home work list), without the million-row
 * change-log store run.ts builds first. BENCH_SCALE=small writes the 200,000 cases onto the
 * small demo's registry, which takes a minute or two instead of the large demo's build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaintMeasurements } from './complaints.js';
import { printResults, runBench } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'front-desk-bench-complaints-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const { measurements, app } = await complaintMeasurements(dir);
printResults(await runBench(measurements, process.argv[2] ?? ''));
await app.close();
