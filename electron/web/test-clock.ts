import { readFileSync } from 'node:fs';
import type { Clock } from '../../db/clock.js';

/**
 * The end-to-end tests' clock seam. When browser mode is started with
 * FRONTDESK_TEST_CLOCK_FILE=<path> (read once, at start-up, by cli.ts), the desk's clock
 * reads an ISO instant from that file and runs on from it in real time: the test writes
 * "Tuesday 09:00" and the desk lives from there, then writes "Wednesday 08:30" and the desk
 * jumps (as if it had been switched off overnight). Without the variable the system clock
 * is used. No operation of the API can write the file or move the clock; the only way in
 * is the environment of the process, which the person who starts it already controls.
 */
export function fileClock(path: string): Clock {
  let text = '';
  let base = 0;
  let since = 0;
  return {
    now() {
      const current = readFileSync(path, 'utf8').trim();
      if (current !== text) {
        const t = Date.parse(current);
        // a file caught mid-write keeps the last good time; one that never held a time is a broken test
        if (Number.isNaN(t) && text) return new Date(base + (Date.now() - since));
        if (Number.isNaN(t)) throw new Error(`test clock file ${path} does not hold an ISO time: ${current.slice(0, 40)}`);
        text = current;
        base = t;
        since = Date.now();
      }
      return new Date(base + (Date.now() - since));
    },
  };
}
