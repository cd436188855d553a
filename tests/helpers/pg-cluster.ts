/**
 * A throwaway PostgreSQL cluster for tests and the bench: initdb into a temporary folder
 * as an unprivileged user (initdb refuses root), pg_ctl start on a free port of 127.0.0.1
 * with password sign-in over TCP, stopped and removed after. The binaries are found on
 * PATH or under /usr/lib/postgresql/<version>/bin (Debian's packages put them there).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export function pgBinary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  throw new Error(`PostgreSQL's ${name} was found neither on PATH nor under ${root}/*/bin: install Debian's postgresql package`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const UNPRIVILEGED = 'nobody';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a PostgreSQL program as the unprivileged user when we are root. */
function runPg(bin: string, args: string[]): string {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', UNPRIVILEGED, '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface PgCluster {
  port: number;
  password: string;
  /** a connection string for `database` as the cluster's superuser */
  url(database?: string, password?: string): string;
  /** a new, empty database; returns its connection string */
  createDatabase(name: string): Promise<string>;
  stop(): void;
  start(): void;
  /** stop the server and remove its folder */
  destroy(): void;
}

/**
 * `fast`: no fsync (tests; the default). `settings`: further server settings (`name=value`),
 * e.g. the memory and checkpoint spacing an administrator gives a server that loads sites' years.
 */
export async function startCluster(options: { fast?: boolean; settings?: readonly string[] } = {}): Promise<PgCluster> {
  const root = mkdtempSync(join(tmpdir(), 'front-desk-pg-'));
  const data = join(root, 'data');
  const password = 'fd-test-secret';
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', UNPRIVILEGED], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', UNPRIVILEGED], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(root, 0o700);
  runPg(pgBinary('initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-host=scram-sha-256', '--auth-local=trust',
    '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const settings = ['-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=40'];
  if (options.fast !== false) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  for (const s of options.settings ?? []) settings.push('-c', s);
  const log = join(root, 'server.log');
  const start = () => { runPg(pgBinary('pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings.join(' '), 'start']); };
  const stop = () => {
    try {
      runPg(pgBinary('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch { /* already stopped */ }
  };
  start();
  const url = (database = 'postgres', pw = password) => `postgresql://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  const destroy = () => {
    if (stopped) return;
    stopped = true;
    stop();
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', destroy);
  return {
    port, password, url, start, stop, destroy,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
      } finally {
        await c.end();
      }
      return url(name);
    },
  };
}
