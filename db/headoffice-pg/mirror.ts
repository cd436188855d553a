/**
 * The site tables at head office's server (schema `sites`) follow the desk's own schema:
 * one table per captured table, the same columns (secrets and what never leaves a site
 * left out), keyed by (site_id, id). Found from the desk's SQLite store at start, so a
 * newer desk adds its new tables and columns before it imports (additive only: a table or
 * column is never dropped). Which desk schema the mirror follows is kept in hq.meta; a
 * server already following a newer desk is refused.
 */
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { SECRET_COLUMNS } from '../store/capture.js';
import { NOT_EXPORTED } from '../sync/rules.js';

export type SiteTables = Map<string, { name: string; type: string }[]>;

/** The captured tables of a desk store and their columns with PostgreSQL types. */
export function siteTablesOf(raw: Database.Database): SiteTables {
  const out: SiteTables = new Map();
  const names = raw.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_capture_insert' ORDER BY tbl_name").pluck().all() as string[];
  for (const t of names) {
    const skip = [...(SECRET_COLUMNS[t] ?? []), ...(NOT_EXPORTED[t] ?? [])];
    const cols = raw.prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid').all(t) as { name: string; type: string }[];
    out.set(t, cols.filter((c) => !skip.includes(c.name)).map((c) => ({ name: c.name, type: pgType(c.type) })));
  }
  return out;
}

function pgType(sqliteType: string): string {
  const t = sqliteType.toUpperCase();
  if (t.includes('INT')) return 'bigint';
  if (/REAL|FLOA|DOUB/.test(t)) return 'double precision';
  if (t.includes('BLOB')) return 'bytea';
  return 'text';
}

export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Create what is missing of the site tables, under a lock so two PCs starting at once do it once. */
export async function mirrorSiteTables(db: Kysely<unknown>, tables: SiteTables, deskSchema: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('front-desk mirror'))`.execute(trx);
    const got = await sql<{ value: string }>`SELECT value FROM hq.meta WHERE key = 'desk_schema'`.execute(trx);
    const follows = Number(got.rows[0]?.value ?? 0);
    if (follows > deskSchema) throw new AppError('hqpg.newer_schema', { found: `desk schema ${follows}` });
    if (follows === deskSchema) return;
    for (const [t, cols] of tables) {
      await sql.raw(`CREATE TABLE IF NOT EXISTS sites.${q(t)} (${cols.map((c) => `${q(c.name)} ${c.type}${c.name === 'id' || c.name === 'site_id' ? ' NOT NULL' : ''}`).join(', ')},
        PRIMARY KEY (site_id, id))`).execute(trx);
      for (const c of cols) await sql.raw(`ALTER TABLE sites.${q(t)} ADD COLUMN IF NOT EXISTS ${q(c.name)} ${c.type}`).execute(trx);
    }
    await sql`INSERT INTO hq.meta (key, value) VALUES ('desk_schema', ${String(deskSchema)})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(trx);
  });
}
