/**
 * What holds for every migration: each has its own N−1 → N test file beside this one, and
 * none reaches into the program's code (only its own folder and the capture generator), so
 * what it builds never changes when the program does. (Opening, backing up and refusing stores: tests/db/store.test.ts.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationNames, migrationTestFile } from '../../helpers/migrations.js';

const folder = join(import.meta.dirname, '../../../db/store/migrations');

describe('the migrations', () => {
  it('each has its own N−1 → N test file in tests/db/migrations/', () => {
    const missing = migrationNames.filter((n) => !existsSync(join(import.meta.dirname, migrationTestFile(n))));
    expect(missing, `add a test for each: ${missing.map(migrationTestFile).join(', ')}`).toEqual([]);
  });

  it('are every dated file of the folder, registered and numbered in the order they run', () => {
    const files = readdirSync(folder).filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_\w+\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(migrationNames).toEqual(files);
    // numbered in the order they run, each number once (a number agreed for another branch may land later)
    const numbers = migrationNames.map((n) => Number(n.slice(11, 15)));
    expect(numbers.every((n, i) => i === 0 ? n === 1 : n > numbers[i - 1]!), numbers.join(', ')).toBe(true);
  });

  // The live capture generator is allowed while it is what the newest migrations ran; when it
  // changes, the migrations that used it switch to a frozen copy in the folder (capture-v1.ts).
  it('import nothing from outside their folder but kysely and the live capture generator', () => {
    const allowed = (spec: string) => spec === 'kysely' || spec === '../capture.js' || (spec.startsWith('./') && !spec.includes('..'));
    const outside = readdirSync(folder).filter((f) => f.endsWith('.ts')).flatMap((f) => {
      const specs = [...readFileSync(join(folder, f), 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]!);
      return specs.filter((spec) => !allowed(spec)).map((spec) => `${f}: ${spec}`);
    });
    expect(outside).toEqual([]);
  });
});
