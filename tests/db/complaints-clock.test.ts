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
    const first = clock.now().getTime();
    expect(first - Date.parse('2026-12-01T01:00:00.000Z')).toBeLessThan(50);
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now().getTime()).toBeGreaterThan(first);
    writeFileSync(file, '2026-12-02T00:30:00.000Z\n');
    expect(clock.now().getTime() - Date.parse('2026-12-02T00:30:00.000Z')).toBeLessThan(50);
    writeFileSync(file, ''); // caught mid-write: the last good time runs on
    expect(clock.now().getTime() - Date.parse('2026-12-02T00:30:00.000Z')).toBeLessThan(100);
  });

  it('refuses a file that does not hold a time, loudly', () => {
    const file = join(tempDir(), 'clock');
    writeFileSync(file, 'tomorrow');
    expect(() => fileClock(file).now()).toThrow(/ISO time/);
  });
});
