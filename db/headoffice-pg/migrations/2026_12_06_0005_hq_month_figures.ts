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
 * `hq.batch_months(site, from, to)` names the months a batch (its change rows, already applied)
 * can have changed: a bill's period; a receipt's month; a line's bill's period and receipt's
 * month; a cancellation's bill's period; a void's month, its receipt's month and its lines'
 * bills' periods; and every month of the site when a fee item changed (whether its bills
 * count as fees may have changed). The import calls both in each batch's transaction, under
 * the site's cursor lock, so the figures never lag the rows and two importers never race.
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

    sql`CREATE FUNCTION hq.refresh_month_figures(p_site text, p_months text[]) RETURNS void LANGUAGE plpgsql AS $$
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

    sql`CREATE FUNCTION hq.batch_months(p_site text, p_from bigint, p_to bigint) RETURNS text[] LANGUAGE sql STABLE AS $$
      WITH c AS MATERIALIZED (
        SELECT table_name, kind, v::json AS v FROM hq.change_log, LATERAL (VALUES (before), (after)) AS x(v)
        WHERE site_id = p_site AND seq BETWEEN p_from AND p_to AND v IS NOT NULL
          AND table_name IN ('bill', 'bill_cancel', 'receipt', 'receipt_line', 'receipt_void', 'fee_item'))
      SELECT coalesce(array_agg(DISTINCT m) FILTER (WHERE m IS NOT NULL), '{}') FROM (
        SELECT v ->> 'period' FROM c WHERE table_name = 'bill'
        UNION ALL SELECT substr(v ->> 'day', 1, 7) FROM c WHERE table_name IN ('receipt', 'receipt_void')
        UNION ALL SELECT b.period FROM c JOIN sites.bill b ON b.site_id = p_site AND b.id = c.v ->> 'bill_id'
          WHERE c.table_name IN ('bill_cancel', 'receipt_line')
        UNION ALL SELECT substr(r.day, 1, 7) FROM c JOIN sites.receipt r ON r.site_id = p_site AND r.id = c.v ->> 'receipt_id'
          WHERE c.table_name IN ('receipt_line', 'receipt_void')
        UNION ALL SELECT b.period FROM c
          JOIN sites.receipt_line l ON l.site_id = p_site AND l.receipt_id = c.v ->> 'receipt_id'
          JOIN sites.bill b ON b.site_id = p_site AND b.id = l.bill_id
          WHERE c.table_name = 'receipt_void'
        UNION ALL SELECT a.m FROM (
            SELECT period FROM sites.bill WHERE site_id = p_site
            UNION SELECT substr(day, 1, 7) FROM sites.receipt WHERE site_id = p_site
            UNION SELECT substr(day, 1, 7) FROM sites.receipt_void WHERE site_id = p_site) a(m)
          WHERE EXISTS (SELECT 1 FROM c WHERE c.table_name = 'fee_item' AND c.kind <> 'insert')
      ) t(m)
    $$`,

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
