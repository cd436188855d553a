import { sql, type Kysely } from 'kysely';

/**
 * Cheaper upkeep of occupant_gram (the 1- and 2-character name index of 0002). Its
 * triggers made a name's pieces from two json_each lists, parsing 80 positions × widths
 * for every occupant written: half the cost of importing a 20,000-row ledger. A table of
 * positions read by range (p ≤ length) makes only the pieces the name has. Same rows,
 * same keys; only how the triggers compute them changes.
 */
const pieces = (row: 'NEW' | 'OLD') =>
  `SELECT lower(substr(${row}.name, p, 1)) AS gram FROM name_position WHERE p <= length(${row}.name)
   UNION SELECT lower(substr(${row}.name, p, 2)) FROM name_position WHERE p < length(${row}.name)`;
const insertGrams = (row: 'NEW') =>
  `INSERT INTO occupant_gram (site_id, gram, moved_out, name, occupant_id) SELECT ${row}.site_id, g.gram, ${row}.move_out IS NOT NULL, ${row}.name, ${row}.id FROM (${pieces(row)}) AS g`;
const deleteGrams = (row: 'OLD') =>
  `DELETE FROM occupant_gram WHERE site_id = ${row}.site_id AND moved_out = (${row}.move_out IS NOT NULL) AND name = ${row}.name AND occupant_id = ${row}.id AND gram IN (${pieces(row)})`;

const statements = [
  // positions 1–40: a name's CHECK length (0002). Not site data: no site_id, no capture.
  `CREATE TABLE name_position (p INTEGER PRIMARY KEY CHECK (p BETWEEN 1 AND 40)) STRICT`,
  `INSERT INTO name_position (p) VALUES ${Array.from({ length: 40 }, (_, i) => `(${i + 1})`).join(', ')}`,
  `DROP TRIGGER occupant_gram_insert`,
  `DROP TRIGGER occupant_gram_update`,
  `DROP TRIGGER occupant_gram_delete`,
  `CREATE TRIGGER occupant_gram_insert AFTER INSERT ON occupant BEGIN ${insertGrams('NEW')}; END`,
  `CREATE TRIGGER occupant_gram_update AFTER UPDATE OF site_id, name, move_out ON occupant BEGIN ${deleteGrams('OLD')}; ${insertGrams('NEW')}; END`,
  `CREATE TRIGGER occupant_gram_delete AFTER DELETE ON occupant BEGIN ${deleteGrams('OLD')}; END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
