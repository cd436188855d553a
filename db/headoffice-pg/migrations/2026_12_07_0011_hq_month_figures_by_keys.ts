import { sql, type Kysely } from 'kysely';

/**
 * A site's month figures worked out from the month's own rows alone. Each batch an import
 * applies has the months it touched worked out again (hq.refresh_month_figures). The figures
 * joined the month's bills and receipts to the site's every receipt line, and the month's
 * lines to the site's every bill: with nested loops off (see 0005) each join read the whole of
 * the site's table, so a site's twelfth month read its whole year of lines twice and of bills
 * once, and a first load read each site's year about six times over.
 *
 * Now each step names the keys it needs (the month's bills, its receipts, their lines' bills)
 * and reads those rows alone through the indexes led by the site: `= ANY (ARRAY(…))` is one
 * index scan for a list of keys, with no join to plan row by row. The figures are the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION hq.refresh_month_figures(p_site text, p_months text[]) RETURNS void LANGUAGE plpgsql
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
            SELECT l.bill_id, sum(l.amount) AS paid FROM sites.receipt_line l
            WHERE l.site_id = p_site AND l.bill_id = ANY (ARRAY(SELECT id FROM b))
              AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = p_site AND v.receipt_id = l.receipt_id)
            GROUP BY l.bill_id)
        SELECT count(*), sum(b.amount), sum(GREATEST(b.amount - COALESCE(paid.paid, 0), 0))
          INTO bills, billed, unpaid
          FROM b LEFT JOIN paid ON paid.bill_id = b.id;

        -- fees and prepayments taken in on the month's receipts not voided, less the month's reversals
        -- (a receipt is voided or reversed at most once: receipt_void's receipt is unique)
        WITH r AS MATERIALIZED (
            SELECT r.id FROM sites.receipt r
            WHERE r.site_id = p_site AND substr(r.day, 1, 7) = m AND r.kind = 'payment'
              AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = p_site AND v.receipt_id = r.id AND v.kind = 'void')),
          reversed AS MATERIALIZED (
            SELECT v.receipt_id FROM sites.receipt_void v WHERE v.site_id = p_site AND substr(v.day, 1, 7) = m AND v.kind = 'reversal'),
          rv AS MATERIALIZED (
            SELECT r.id AS receipt_id FROM sites.receipt r
            WHERE r.site_id = p_site AND r.id = ANY (ARRAY(SELECT receipt_id FROM reversed)) AND r.kind = 'payment'),
          x AS MATERIALIZED (
            SELECT true AS taken, l.kind, l.bill_id, l.amount FROM sites.receipt_line l
            WHERE l.site_id = p_site AND l.receipt_id = ANY (ARRAY(SELECT id FROM r))
            UNION ALL
            SELECT false, l.kind, l.bill_id, -l.amount FROM sites.receipt_line l
            WHERE l.site_id = p_site AND l.receipt_id = ANY (ARRAY(SELECT receipt_id FROM rv))),
          k AS (
            SELECT b.id, f.kind FROM sites.bill b JOIN sites.fee_item f ON f.site_id = b.site_id AND f.id = b.item_id
            WHERE b.site_id = p_site AND b.id = ANY (ARRAY(SELECT DISTINCT bill_id FROM x WHERE bill_id IS NOT NULL)))
        SELECT count(*), sum(x.amount) INTO lines, collected
          FROM x LEFT JOIN k ON k.id = x.bill_id
          WHERE CASE WHEN x.taken THEN (x.kind = 'bill' AND k.kind <> 'deposit') OR x.kind = 'prepay' ELSE k.kind IS NULL OR k.kind <> 'deposit' END;

        IF bills > 0 OR lines > 0 THEN
          INSERT INTO hq.month_figures (site_id, period, billed, unpaid, collected)
          VALUES (p_site, m, CASE WHEN bills > 0 THEN billed END, CASE WHEN bills > 0 THEN unpaid END, CASE WHEN lines > 0 THEN collected END);
        END IF;
      END LOOP;
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
