import { sql, type Kysely } from 'kysely';

/**
 * The month's collection figures kept as batches arrive, not worked out at each read. Worked
 * out at a read, a month across fourteen large sites is half a million bills, each summing
 * its receipt lines (seconds); kept per site and month in `hq.month_figures`, the month
 * report reads fourteen rows.
 *
 * `hq.refresh_month_figures(site, months)` works out a site's figures for some months as the
 * views did: billed and unpaid per billing month (cancelled lines and deposits left out, a
 * voided receipt's lines unpaid again), collected per calendar month of the receipts (fees
 * and prepayments taken in, less reversals made that month). A row holds null where the view
 * had no row (no bills that month, or no receipts).
 *
 * The import works it out, in each batch's own transaction and under the site's cursor lock,
 * for the months the batch touched (months.ts names them), so the figures never lag the rows
 * and two importers never race.
 *
 * It walks one site's month by its indexes, row by row: during a first load the server has
 * no statistics yet for tables growing by a million rows, and a plan chosen from them (a scan
 * of every bill for each of a month's lines) takes minutes where the walk takes a fraction of
 * a second. So it runs with scans of whole tables, hash and merge joins, and JIT compiling off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE INDEX receipt_month ON sites.receipt (site_id, substr(day, 1, 7))`,
    sql`CREATE INDEX receipt_void_month ON sites.receipt_void (site_id, substr(day, 1, 7))`,
    sql`CREATE TABLE hq.month_figures (
      site_id text NOT NULL,
      period text NOT NULL,
      billed bigint,
      unpaid bigint,
      collected bigint,
      PRIMARY KEY (site_id, period)
    )`,

    sql`CREATE FUNCTION hq.refresh_month_figures(p_site text, p_months text[]) RETURNS void LANGUAGE plpgsql
      SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off AS $$
    BEGIN
      DELETE FROM hq.month_figures WHERE site_id = p_site AND period = ANY (p_months);
      INSERT INTO hq.month_figures (site_id, period, billed, unpaid, collected)
      SELECT p_site, m.period, b.billed, b.unpaid, c.collected
      FROM (SELECT DISTINCT unnest(p_months) AS period) m
        LEFT JOIN LATERAL (
          SELECT sum(o.amount)::bigint AS billed, sum(GREATEST(o.owed, 0))::bigint AS unpaid
          FROM report.bill_open o JOIN sites.fee_item f ON f.site_id = o.site_id AND f.id = o.item_id
          WHERE o.site_id = p_site AND o.period = m.period AND f.kind <> 'deposit'
          HAVING count(*) > 0) b ON true
        LEFT JOIN LATERAL (
          SELECT sum(x.amount)::bigint AS collected FROM (
            SELECT l.amount
            FROM sites.receipt r
              JOIN sites.receipt_line l ON l.site_id = r.site_id AND l.receipt_id = r.id
              LEFT JOIN sites.bill bl ON bl.site_id = l.site_id AND bl.id = l.bill_id
              LEFT JOIN sites.fee_item f ON f.site_id = bl.site_id AND f.id = bl.item_id
            WHERE r.site_id = p_site AND substr(r.day, 1, 7) = m.period
              AND r.kind = 'payment' AND ((l.kind = 'bill' AND f.kind <> 'deposit') OR l.kind = 'prepay')
              AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = r.site_id AND v.receipt_id = r.id AND v.kind = 'void')
            UNION ALL
            SELECT -l.amount
            FROM sites.receipt_void v
              JOIN sites.receipt r ON r.site_id = v.site_id AND r.id = v.receipt_id
              JOIN sites.receipt_line l ON l.site_id = r.site_id AND l.receipt_id = r.id
              LEFT JOIN sites.bill bl ON bl.site_id = l.site_id AND bl.id = l.bill_id
              LEFT JOIN sites.fee_item f ON f.site_id = bl.site_id AND f.id = bl.item_id
            WHERE v.site_id = p_site AND substr(v.day, 1, 7) = m.period
              AND v.kind = 'reversal' AND r.kind = 'payment' AND (f.kind IS NULL OR f.kind <> 'deposit')
          ) x HAVING count(*) > 0) c ON true
      WHERE b.billed IS NOT NULL OR c.collected IS NOT NULL;
    END $$`,

    // the figures of what is already on the server
    sql`SELECT hq.refresh_month_figures(a.site_id, array_agg(a.m)) FROM (
        SELECT site_id, period FROM sites.bill
        UNION SELECT site_id, substr(day, 1, 7) FROM sites.receipt
        UNION SELECT site_id, substr(day, 1, 7) FROM sites.receipt_void) a(site_id, m)
      WHERE a.m IS NOT NULL GROUP BY a.site_id`,

    // the views keep their columns (and an analyst's grant on them), now read from the kept figures
    sql`CREATE OR REPLACE VIEW report.collection_month AS
      SELECT s.id AS site_id, s.code AS site_code, s.name AS site_name, m.period,
        m.billed, m.billed - m.unpaid AS paid,
        CASE WHEN m.billed > 0 THEN floor((m.billed - m.unpaid)::numeric * 10000 / m.billed)::integer ELSE 0 END AS rate_bp
      FROM hq.month_figures m JOIN sites.site s ON s.site_id = m.site_id AND s.id = m.site_id
      WHERE m.billed IS NOT NULL`,
    sql`CREATE OR REPLACE VIEW report.collected_month AS
      SELECT m.site_id, m.period, m.collected FROM hq.month_figures m WHERE m.collected IS NOT NULL`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
