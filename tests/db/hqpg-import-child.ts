/**
 * One head-office PC importing the shared folder into PostgreSQL, in its own process (for
 * the race test): argv = its desk store file, the folder, the connection string. Prints the
 * outcome as JSON on its last line.
 */
import { openStore } from '../../db/store/open.js';
import { openHqPg } from '../../db/headoffice-pg/connect.js';
import { pgTarget } from '../../db/headoffice-pg/target.js';
import { importInto } from '../../db/sync/import.js';

const [file, folder, url] = process.argv.slice(2) as [string, string, string];
const store = await openStore(file);
const hq = await openHqPg(url, store);
try {
  const outcome = await importInto(pgTarget(hq, store), store, folder);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
} finally {
  await hq.close();
  await store.close();
}
