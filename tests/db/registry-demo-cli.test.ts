/**
 * `npm run demo`: the command-line generator on a temp data folder, as a new user runs it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../db/api/app.js';
import { STORE_FILE } from '../../electron/shared/data-dir.js';
import { cleanup, login, ok, tempDir } from '../helpers/app.js';

afterEach(cleanup);

describe('npm run demo', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = (args: string[]) => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/demo/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (code) => resolve({ code, out, err }));
  });

  it('creates the site in --data-dir, prints the passwords it made, and refuses a second run in both languages', async () => {
    const dir = tempDir();
    const first = await run(['--data-dir', dir, '--scale', 'small']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/房间与住户 \/ rooms & occupants: \d+ \/ \d+ \(100%\)/);
    const admin = /系统管理员 \/ Administrator\s+admin\s+(\S+)/.exec(first.out)?.[1];
    const staff = /李晓梅\s+前台接待 \/ Receptionist\s+li\.xiaomei\s+(\S+)/.exec(first.out)?.[1];
    expect(admin).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    expect(staff).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);

    const app = await createApp(join(dir, STORE_FILE));
    try {
      const token = await login(app, 'admin', admin!);
      expect((await ok(app, token, 'registry.tree', {})).length).toBeGreaterThanOrEqual(4);
      await login(app, 'li.xiaomei', staff!);
    } finally {
      await app.close();
    }

    const second = await run(['--data-dir', dir]);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/已有站点.*个房间/);
    expect(second.err).toMatch(/already has site .* rooms/);

    const bad = await run(['--data-dir', dir, '--scale', 'huge']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--scale 只能是 small 或 large');
    expect(bad.err).toContain('--scale must be small or large');
    // a year of demo history in three child processes: a minute on a quiet machine, several on a busy one
  }, 300_000);
});
