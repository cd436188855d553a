/**
 * The sync crash test's victim (not a test file): opens a store as the desk does and runs a
 * whole export (a site) or a whole import (head office), printing "progress DONE TOTAL" after
 * every file, until the parent kills it with SIGKILL part-way.
 * Run with: node --import tsx tests/db/sync-crash-child.ts export|import <store> <folder> [<key.pem>]
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createApp } from '../../db/api/app.js';
import { exportChanges } from '../../db/sync/export.js';
import { importFolder } from '../../db/sync/import.js';
import { fingerprint } from '../../db/sync/rules.js';

const [mode, file, folder, keyFile] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'import') || !file || !folder) throw new Error('usage: sync-crash-child.ts export|import <store> <folder> [<key.pem>]');
const app = await createApp(file);
const onProgress = (done: number, total: number) => { process.stdout.write(`progress ${done} ${total}\n`); };
if (mode === 'export') {
  const privateKey = createPrivateKey(readFileSync(keyFile!));
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  await exportChanges(app.store, { folder, key: { privateKey, publicKey, fingerprint: fingerprint(publicKey) }, maxRows: 5, onProgress });
} else {
  await importFolder(app.store, folder, { onProgress });
}
process.stdout.write('finished\n');
await app.close();
