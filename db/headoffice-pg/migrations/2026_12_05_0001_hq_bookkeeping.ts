import { sql, type Kysely } from 'kysely';

/**
 * Head office's PostgreSQL database, what the import needs first (schema `hq`):
 * - `hq.cursor`: per writer (a site's id), the highest sequence applied and the hash of the
 *   last batch; its row is locked (FOR UPDATE) while a batch is judged and applied, so two
 *   head-office PCs importing at once never apply a batch twice or skip one;
 * - `hq.batch`: every batch applied, unique per writer and range start/end;
 * - `hq.change_log`: every site's change rows verbatim, unique per (site, sequence);
 * - `hq.refusal`: files refused, for every head-office PC's screens;
 * - `hq.meta`: which desk schema the mirrored site tables follow.
 * The site tables themselves (schema `sites`) follow the desk's own schema (mirror.ts),
 * and the documented views for analysts live in `report` (later migration).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
    sql`CREATE SCHEMA IF NOT EXISTS sites`,
    sql`CREATE SCHEMA IF NOT EXISTS report`,
    sql`CREATE TABLE hq.meta (key text PRIMARY KEY, value text NOT NULL)`,
    sql`CREATE TABLE hq.cursor (
      site_id text PRIMARY KEY,
      code text NOT NULL,
      seq bigint NOT NULL DEFAULT 0 CHECK (seq >= 0),
      hash text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE TABLE hq.batch (
      site_id text NOT NULL,
      seq_from bigint NOT NULL,
      seq_to bigint NOT NULL,
      rows integer NOT NULL,
      hash text NOT NULL,
      file_sha256 text NOT NULL,
      file text NOT NULL,
      schema_version integer NOT NULL,
      at text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (site_id, seq_from),
      UNIQUE (site_id, seq_to)
    )`,
    sql`CREATE TABLE hq.change_log (
      site_id text NOT NULL,
      seq bigint NOT NULL,
      at text NOT NULL,
      actor_id text,
      operation text,
      table_name text NOT NULL,
      row_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
      before text,
      after text,
      tx text,
      PRIMARY KEY (site_id, seq)
    )`,
    sql`CREATE TABLE hq.refusal (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      writer_code text,
      file text NOT NULL,
      moved_to text,
      reason text NOT NULL,
      detail text NOT NULL,
      at text NOT NULL
    )`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
