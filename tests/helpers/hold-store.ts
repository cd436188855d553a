/**
 * A second desk program, for cross-process lock tests: opens the store given as argv[2]
 * with openStore, prints "ready", and keeps it open until its stdin closes.
 * Run with: node --import tsx tests/helpers/hold-store.ts <file>
 */
import { openStore } from '../../db/store/open.js';

const file = process.argv[2];
if (!file) throw new Error('usage: hold-store.ts <file>');
const store = await openStore(file);
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void store.close().then(() => process.exit(0));
});
