import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../db/api/app.js';
import { AppError } from '../../db/errors.js';
import { argValue, resolveDataDir, STORE_FILE } from '../shared/data-dir.js';
import { startWebHost } from './host.js';
import { fileClock } from './test-clock.js';

/**
 * `npm run web [-- --port N] [--data-dir D] [--pg URL]`: the whole desk in a browser on this PC, for
 * machines where Electron's binary cannot be had. Listens on 127.0.0.1 only. `--pg` points
 * head office at its PostgreSQL server for this run (as FD_PG_URL does), never kept in the store.
 */
const argv = process.argv.slice(2);
const pgUrl = argValue(argv, '--pg');
if (pgUrl) process.env.FD_PG_URL = pgUrl;
const dataDir = resolveDataDir(argv);
const port = Number(argValue(argv, '--port') ?? process.env.FRONTDESK_PORT ?? 5180);
const rendererDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../out/renderer');

mkdirSync(dataDir, { recursive: true });
try {
  // test seam (electron/web/test-clock.ts): read once here, never changeable through the API
  const clockFile = process.env.FRONTDESK_TEST_CLOCK_FILE;
  if (clockFile) console.log(`test clock: ${clockFile}`);
  // test seam: reports wait for this file to exist, so a test sees one still running
  const readerGate = process.env.FRONTDESK_TEST_READER_GATE || undefined;
  const app = await createApp(join(dataDir, STORE_FILE), { ...(clockFile ? { clock: fileClock(clockFile) } : {}), readerGate });
  const host = await startWebHost({ app, rendererDir, port });
  // Tests and scripts read this line to find the port when --port 0 is given.
  console.log(`Front Desk (browser mode) listening on ${host.url}  data: ${dataDir}`);
  const stop = async () => {
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  if (e instanceof AppError) {
    const m = e.toApiError().message;
    console.error(`${m['zh-CN']}\n${m['en-US']}`);
    process.exit(2);
  }
  throw e;
}
