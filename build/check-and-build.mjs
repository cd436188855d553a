// Before the tests: the type check and the renderer/main build side by side. Each is mostly one
// core's work, and the machine has two, so together they take the time of the longer one. Either
// failing fails the run, with its own output shown.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (script) =>
  new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code) => resolve({ script, code: code ?? 1 }));
  });

const results = await Promise.all([run('typecheck'), run('build')]);
const failed = results.filter((r) => r.code !== 0);
for (const f of failed) console.error(`check-and-build: npm run ${f.script} failed (exit ${f.code})`);
process.exit(failed.length ? 1 : 0);
