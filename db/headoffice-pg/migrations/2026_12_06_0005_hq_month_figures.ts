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
 * It never joins row by row (nested loops are off): every join is of two sets, the month's
 * bills or receipts and one site's rows of a table, each read by an index led by the site. Its
 * cost is at worst a reading of a site's rows, whatever the server's statistics say. During a
 * first load they lag tables growing by a million rows, and say a site whose first batches
 * are arriving has none: a row-by-row plan chosen from them (a scan of the site's every line
 * for each of a month's bills) took minutes a batch at fourteen sites.
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
      SET enable_nestloop = off SET enable_seqscan = off SET jit = off AS $$
    DECLARE
      m text;
      bills bigint; billed bigint; unpaid bigint;
      lines bigint; collected bigint;
    BEGIN
      DELETE FROM hq.month_figures WHERE site_id = p_site AND period = ANY (p_months);
      FOR m IN SELECT DISTINCT x FROM unnest(p_months) AS x LOOP
        -- the month's fee bills not cancelled, and what of each is paid on receipts not voided or reversed
        WITH b AS MATERIALIZED (
            SELECT b.id, b.amount FROM sites.bill b JOIN sites.fee_item f ON f.site_id = b.site_id AND f.id = b.item_id
            WHERE b.site_id = p_site AND b.period = m AND f.kind <> 'deposit'
              AND NOT EXISTS (SELECT 1 FROM sites.bill_cancel c WHERE c.site_id = p_site AND c.bill_id = b.id)),
          paid AS (
            SELECT l.bill_id, sum(l.amount) AS paid FROM sites.receipt_line l JOIN b ON b.id = l.bill_id
            WHERE l.site_id = p_site
              AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = p_site AND v.receipt_id = l.receipt_id)
            GROUP BY l.bill_id)
        SELECT count(*), sum(b.amount), sum(GREATEST(b.amount - COALESCE(paid.paid, 0), 0))
          INTO bills, billed, unpaid
          FROM b LEFT JOIN paid ON paid.bill_id = b.id;

        -- fees and prepayments taken in on the month's receipts not voided, less the month's reversals
        WITH r AS MATERIALIZED (
            SELECT r.id FROM sites.receipt r
            WHERE r.site_id = p_site AND substr(r.day, 1, 7) = m AND r.kind = 'payment'
              AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = p_site AND v.receipt_id = r.id AND v.kind = 'void')),
          rv AS MATERIALIZED (
            SELECT v.receipt_id FROM sites.receipt_void v JOIN sites.receipt r ON r.site_id = p_site AND r.id = v.receipt_id AND r.kind = 'payment'
            WHERE v.site_id = p_site AND substr(v.day, 1, 7) = m AND v.kind = 'reversal'),
          x AS MATERIALIZED (
            SELECT true AS taken, l.kind, l.bill_id, l.amount FROM sites.receipt_line l JOIN r ON r.id = l.receipt_id
            WHERE l.site_id = p_site
            UNION ALL
            SELECT false, l.kind, l.bill_id, -l.amount FROM sites.receipt_line l JOIN rv ON rv.receipt_id = l.receipt_id
            WHERE l.site_id = p_site),
          k AS (
            SELECT b.id, f.kind FROM sites.bill b JOIN sites.fee_item f ON f.site_id = b.site_id AND f.id = b.item_id
            WHERE b.site_id = p_site AND b.id IN (SELECT bill_id FROM x))
        SELECT count(*), sum(x.amount) INTO lines, collected
          FROM x LEFT JOIN k ON k.id = x.bill_id
          WHERE CASE WHEN x.taken THEN (x.kind = 'bill' AND k.kind <> 'deposit') OR x.kind = 'prepay' ELSE k.kind IS NULL OR k.kind <> 'deposit' END;

        IF bills > 0 OR lines > 0 THEN
          INSERT INTO hq.month_figures (site_id, period, billed, unpaid, collected)
          VALUES (p_site, m, CASE WHEN bills > 0 THEN billed END, CASE WHEN bills > 0 THEN unpaid END, CASE WHEN lines > 0 THEN collected END);
        END IF;
      END LOOP;
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
