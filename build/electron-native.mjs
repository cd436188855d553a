// Builds better-sqlite3 for Electron's ABI into .electron-native/ (gitignored), leaving the
// Node build in node_modules alone: vitest and browser mode load that one, the desktop app
// loads this one through openStore's `nativeBinding` (see electron/main/native.ts).
//
// Run by `npm start` and `npm run dist`. Skips all work when the stamp says the Electron and
// better-sqlite3 versions (and platform/arch) are unchanged. Needs the network once: a
// prebuilt binary from GitHub, or the Electron headers plus a C++ toolchain.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.electron-native');
const stampFile = join(out, 'stamp.json');
const addon = join(out, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
// better-sqlite3 and what it requires at run time; prebuild-install is only for installing.
const MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const wanted = {
  electron: versionOf('electron'),
  betterSqlite3: versionOf('better-sqlite3'),
  platform: process.platform,
  arch: process.arch,
};

function stampMatches() {
  if (!existsSync(stampFile) || !existsSync(addon)) return false;
  try {
    const have = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(wanted).every(([k, v]) => have[k] === v);
  } catch {
    return false;
  }
}

/** A fresh copy of the sources, without node_modules' Node build (so it cannot pass for ours). */
function stage() {
  rmSync(join(out, 'node_modules'), { recursive: true, force: true });
  rmSync(stampFile, { force: true });
  const from = join(root, 'node_modules', 'better-sqlite3');
  cpSync(from, join(out, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (src) => { const rel = relative(from, src); return rel !== 'build' && !rel.startsWith(`build${sep}`); },
  });
  for (const name of MODULES.slice(1)) cpSync(join(root, 'node_modules', name), join(out, 'node_modules', name), { recursive: true });
  const dependencies = Object.fromEntries(MODULES.map((m) => [m, versionOf(m)]));
  writeFileSync(join(out, 'package.json'), JSON.stringify({ name: 'front-desk-electron-native', private: true, dependencies }, null, 2));
}

async function main() {
  if (stampMatches()) {
    console.log(`[electron-native] better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} is up to date.`);
    return;
  }
  console.log(`[electron-native] building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch}) into .electron-native/ …`);
  mkdirSync(out, { recursive: true });
  stage();
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: out,
      // Stop the module search at .electron-native: without this, @electron/rebuild walks up
      // to the project's node_modules and rebuilds the Node copy the tests depend on.
      projectRootPath: out,
      electronVersion: wanted.electron,
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });
    if (!existsSync(addon)) throw new Error(`the rebuild finished but ${relative(root, addon)} is missing`);
  } catch (e) {
    console.error([
      '',
      `[electron-native] Could not build better-sqlite3 for Electron ${wanted.electron}.`,
      `  Cause: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
      '  This step needs the network once (a prebuilt binary from GitHub, or the Electron headers',
      '  from electronjs.org plus a C++ toolchain). If you are offline, connect and run',
      '  `node build/electron-native.mjs` again. The tests (npm test) do not need this build.',
      '',
    ].join('\n'));
    process.exitCode = 1;
    return;
  }
  writeFileSync(stampFile, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2) + '\n');
  console.log(`[electron-native] done: ${relative(root, addon)}`);
}

await main();
