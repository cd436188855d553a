/** The e2e clock seam: browser mode's clock read from a file the test writes (electron/web/test-clock.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileClock } from '../../electron/web/test-clock.js';
import { cleanup, tempDir } from '../helpers/app.js';

afterEach(cleanup);

describe('the test clock file', () => {
  it('starts at the written time, runs on in real time, and jumps when the file is rewritten', async () => {
    const file = join(tempDir(), 'clock');
    writeFileSync(file, '2026-12-01T01:00:00.000Z');
    const clock = fileClock(file);
    // The clock runs on from the written time by exactly the real time that has passed:
    // bounded by what this test measures around each read, never by a fixed allowance.
    let before = Date.now();
    const first = clock.now().getTime();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-12-01T01:00:00.000Z'));
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now().getTime()).toBeGreaterThan(first);
    writeFileSync(file, '2026-12-02T00:30:00.000Z\n');
    before = Date.now();
    const jumped = clock.now().getTime();
    expect(jumped - Date.parse('2026-12-02T00:30:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(jumped - Date.parse('2026-12-02T00:30:00.000Z')).toBeLessThanOrEqual(Date.now() - before);
    writeFileSync(file, ''); // caught mid-write: the last good time runs on
    const after = clock.now().getTime();
    expect(after).toBeGreaterThanOrEqual(jumped);
    expect(after - jumped).toBeLessThanOrEqual(Date.now() - before);
  });

  it('refuses a file that does not hold a time, loudly', () => {
    const file = join(tempDir(), 'clock');
    writeFileSync(file, 'tomorrow');
    expect(() => fileClock(file).now()).toThrow(/ISO time/);
  });
});
