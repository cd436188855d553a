/** db/store/schema.sql is the sum of the migrations, and stays so. */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/store/open.js';
import { buildSchemaSql, SCHEMA_SQL_FILE } from '../../../db/store/schema-sql.js';
import { cleanup, tempDir, tempStoreFile } from '../../helpers/app.js';

afterEach(cleanup);

const objects = (db: Database.Database) =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'kysely_%' ORDER BY type, name").all();

describe('db/store/schema.sql', () => {
  it('matches the schema the migrations build (run `npm run schema` after changing a migration)', async () => {
    const current = await buildSchemaSql();
    const stored = readFileSync(SCHEMA_SQL_FILE, 'utf8');
    expect(stored === current, 'db/store/schema.sql is out of date: run `npm run schema` and commit the result').toBe(true);
  });

  it('run into an empty database, builds exactly the tables, indexes, triggers and views the migrations do', async () => {
    const store = await openStore(tempStoreFile());
    const migrated = objects(store.raw);
    await store.close();
    const db = new Database(join(tempDir(), 'from-schema-sql.sqlite'));
    try {
      db.exec(readFileSync(SCHEMA_SQL_FILE, 'utf8'));
      expect(objects(db)).toEqual(migrated);
    } finally {
      db.close();
    }
  });
});
