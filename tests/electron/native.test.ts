import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingBindingMessage, nativeBindingPath } from '../../electron/main/native';

describe('which better-sqlite3 build the desktop app loads', () => {
  it('uses the Electron build in .electron-native during development and resources/native when packaged', () => {
    const where = { appPath: join('/', 'proj'), resourcesPath: join('/', 'opt', 'Front Desk', 'resources') };
    expect(nativeBindingPath({ ...where, isPackaged: false })).toBe(join('/', 'proj', '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    expect(nativeBindingPath({ ...where, isPackaged: true })).toBe(join('/', 'opt', 'Front Desk', 'resources', 'native', 'better_sqlite3.node'));
  });

  it('explains a missing addon in both languages, and says nothing when it is there', () => {
    const msg = missingBindingMessage('/nowhere/better_sqlite3.node');
    expect(msg?.['zh-CN']).toContain('/nowhere/better_sqlite3.node');
    expect(msg?.['en-US']).toContain('npm start');
    expect(missingBindingMessage(fileURLToPath(import.meta.url))).toBeNull();
  });

  it('ships the Electron build as resources/native/better_sqlite3.node and never rebuilds node_modules', () => {
    const yml = readFileSync(fileURLToPath(new URL('../../build/electron-builder.yml', import.meta.url)), 'utf8');
    expect(yml).toMatch(/from: \.electron-native\/node_modules\/better-sqlite3\/build\/Release\/better_sqlite3\.node\s+to: native\/better_sqlite3\.node/);
    expect(yml).toMatch(/^npmRebuild: false$/m);
  });
});

/**
 * build/electron-native.mjs, run in a throw-away project: fake package.json files for
 * electron and better-sqlite3, no @electron/rebuild. Nothing here builds anything.
 */
describe('build/electron-native.mjs', () => {
  let root: string;
  const out = () => join(root, '.electron-native');
  const addon = () => join(out(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const run = () => spawnSync(process.execPath, [join(root, 'build/electron-native.mjs')], { encoding: 'utf8', cwd: root });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fd-native-'));
    mkdirSync(join(root, 'build'));
    copyFileSync(fileURLToPath(new URL('../../build/electron-native.mjs', import.meta.url)), join(root, 'build/electron-native.mjs'));
    write('node_modules/electron/package.json', '{"version":"39.0.0"}');
    write('node_modules/better-sqlite3/package.json', '{"name":"better-sqlite3","version":"12.0.0"}');
    write('node_modules/better-sqlite3/lib/index.js', 'module.exports = 1;');
    write('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'NODE-ABI BUILD');
    write('node_modules/bindings/package.json', '{"version":"1.5.0"}');
    write('node_modules/file-uri-to-path/package.json', '{"version":"1.0.0"}');
    write('.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'ELECTRON BUILD');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const stamp = (electron: string) =>
    write('.electron-native/stamp.json', JSON.stringify({ electron, betterSqlite3: '12.0.0', platform: process.platform, arch: process.arch }));

  it('does nothing when the stamp matches the Electron and better-sqlite3 versions', () => {
    stamp('39.0.0');
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('up to date');
    expect(readFileSync(addon(), 'utf8')).toBe('ELECTRON BUILD');
  });

  it('rebuilds from a clean copy when Electron changed, and on failure says why, leaving no stamp', () => {
    stamp('38.0.0');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Could not build better-sqlite3 for Electron 39.0.0');
    expect(r.stderr).toContain('node build/electron-native.mjs');
    expect(r.stderr).toContain('do not need this build');
    expect(existsSync(join(out(), 'stamp.json'))).toBe(false);
    // The stale Electron build is gone and the Node build was not copied in to pass for it.
    expect(existsSync(addon())).toBe(false);
    expect(readFileSync(join(out(), 'node_modules/better-sqlite3/lib/index.js'), 'utf8')).toBe('module.exports = 1;');
    expect(existsSync(join(out(), 'node_modules/bindings/package.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out(), 'package.json'), 'utf8')).dependencies).toEqual({ 'better-sqlite3': '12.0.0', bindings: '1.5.0', 'file-uri-to-path': '1.0.0' });
    // node_modules' own (Node) build is untouched.
    expect(readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('NODE-ABI BUILD');
  });
});
