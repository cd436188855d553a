/** `npm run schema`: rewrite db/store/schema.sql from a freshly migrated store. */
import { writeFileSync } from 'node:fs';
import { buildSchemaSql, SCHEMA_SQL_FILE } from './schema-sql.js';

const text = await buildSchemaSql();
writeFileSync(SCHEMA_SQL_FILE, text);
console.log(`wrote ${SCHEMA_SQL_FILE} (${text.split('\n').length} lines)`);
