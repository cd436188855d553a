/** npx tsx tests/bench/handovers-run.ts — the handover figures alone, without the million-row change-log store run.ts builds first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../db/api/app.js';
import { BENCH_PASSWORD, DEMO_RECEPTIONIST, demoStore, workingCopy } from './fixtures.js';
import { handoverMeasurements } from './handovers.js';
import { printResults, runBench } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'front-desk-bench-handovers-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const desk = await createApp(workingCopy(await demoStore(process.env.BENCH_SCALE === 'small' ? 'small' : 'large'), dir, 'handovers.db'));
const r = await desk.call(null, 'auth.login', { username: DEMO_RECEPTIONIST, password: BENCH_PASSWORD });
if (!r.envelope.ok || !r.token) throw new Error(`bench sign-in failed: ${JSON.stringify(r.envelope)}`);
printResults(await runBench(await handoverMeasurements(desk, r.token), process.argv[2] ?? ''));
await desk.close();
