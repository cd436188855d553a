import { sql, type Kysely } from 'kysely';

/**
 * The consolidated views (schema `report`), the only objects an analyst's role may read,
 * and the indexes they run on. Money is integer fen throughout; a rate is in basis points
 * (1/10,000), rounded down. They read the mirrored site tables (schema `sites`), whose key
 * is (site_id, id). What a bill still owes is what the desk's own bill_open keeps: its
 * amount less the lines of receipts not voided or reversed, none once cancelled, and only
 * while more than zero.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    sql`CREATE INDEX bill_period ON sites.bill (site_id, period)`,
    sql`CREATE INDEX receipt_line_bill ON sites.receipt_line (site_id, bill_id) WHERE bill_id IS NOT NULL`,
    sql`CREATE INDEX receipt_line_receipt ON sites.receipt_line (site_id, receipt_id)`,
    sql`CREATE INDEX receipt_void_receipt ON sites.receipt_void (site_id, receipt_id)`,
    sql`CREATE INDEX bill_cancel_bill ON sites.bill_cancel (site_id, bill_id)`,
    sql`CREATE INDEX receipt_day ON sites.receipt (site_id, day)`,
    sql`CREATE INDEX archive_item_title_trgm ON sites.archive_item USING gin (title gin_trgm_ops)`,
    sql`CREATE INDEX complaint_case_received ON sites.complaint_case (site_id, received_at)`,

    sql`CREATE VIEW report.bill_open AS
      SELECT b.site_id, b.id AS bill_id, b.room_id, b.item_id, b.period, b.amount,
        b.amount - COALESCE((SELECT sum(l.amount) FROM sites.receipt_line l
          WHERE l.site_id = b.site_id AND l.bill_id = b.id
            AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = l.site_id AND v.receipt_id = l.receipt_id)), 0)::bigint AS owed
      FROM sites.bill b
      WHERE NOT EXISTS (SELECT 1 FROM sites.bill_cancel c WHERE c.site_id = b.site_id AND c.bill_id = b.id)`,

    sql`CREATE VIEW report.collection_month AS
      SELECT s.id AS site_id, s.code AS site_code, s.name AS site_name, o.period,
        sum(o.amount)::bigint AS billed,
        (sum(o.amount) - sum(GREATEST(o.owed, 0)))::bigint AS paid,
        CASE WHEN sum(o.amount) > 0 THEN floor((sum(o.amount) - sum(GREATEST(o.owed, 0))) * 10000 / sum(o.amount))::integer ELSE 0 END AS rate_bp
      FROM report.bill_open o
        JOIN sites.fee_item f ON f.site_id = o.site_id AND f.id = o.item_id
        JOIN sites.site s ON s.site_id = o.site_id AND s.id = o.site_id
      WHERE f.kind <> 'deposit'
      GROUP BY s.id, s.code, s.name, o.period`,

    sql`CREATE VIEW report.collected_month AS
      SELECT x.site_id, x.period, sum(x.amount)::bigint AS collected FROM (
        SELECT r.site_id, substr(r.day, 1, 7) AS period, l.amount
        FROM sites.receipt r
          JOIN sites.receipt_line l ON l.site_id = r.site_id AND l.receipt_id = r.id
          LEFT JOIN sites.bill b ON b.site_id = l.site_id AND b.id = l.bill_id
          LEFT JOIN sites.fee_item f ON f.site_id = b.site_id AND f.id = b.item_id
        WHERE r.kind = 'payment' AND ((l.kind = 'bill' AND f.kind <> 'deposit') OR l.kind = 'prepay')
          AND NOT EXISTS (SELECT 1 FROM sites.receipt_void v WHERE v.site_id = r.site_id AND v.receipt_id = r.id AND v.kind = 'void')
        UNION ALL
        SELECT v.site_id, substr(v.day, 1, 7), -l.amount
        FROM sites.receipt_void v
          JOIN sites.receipt r ON r.site_id = v.site_id AND r.id = v.receipt_id
          JOIN sites.receipt_line l ON l.site_id = r.site_id AND l.receipt_id = r.id
          LEFT JOIN sites.bill b ON b.site_id = l.site_id AND b.id = l.bill_id
          LEFT JOIN sites.fee_item f ON f.site_id = b.site_id AND f.id = b.item_id
        WHERE v.kind = 'reversal' AND r.kind = 'payment' AND (f.kind IS NULL OR f.kind <> 'deposit')
      ) x GROUP BY x.site_id, x.period`,

    sql`CREATE VIEW report.arrears AS
      SELECT s.id AS site_id, s.code AS site_code, s.name AS site_name, o.room_id, r.code AS room_code,
        o.period, f.code AS item_code, f.name AS item_name, GREATEST(o.owed, 0) AS owed
      FROM report.bill_open o
        JOIN sites.fee_item f ON f.site_id = o.site_id AND f.id = o.item_id
        JOIN sites.room r ON r.site_id = o.site_id AND r.id = o.room_id
        JOIN sites.site s ON s.site_id = o.site_id AND s.id = o.site_id
      WHERE f.kind <> 'deposit' AND o.owed > 0`,

    sql`CREATE VIEW report.complaints AS
      SELECT c.site_id, s.code AS site_code, s.name AS site_name, c.id AS case_id, c.case_no, c.kind, c.channel, c.category, c.severity,
        c.room_code, c.received_at, c.due_at, c.stage, c.department, c.replied_at, c.closed_at, c.satisfaction,
        c.valid = 1 AS valid, c.reopen_count, substr(c.received_at, 1, 7) AS month
      FROM sites.complaint_case c JOIN sites.site s ON s.site_id = c.site_id AND s.id = c.site_id`,

    // restricted items are listed with their title veiled (null): never found by their title
    sql`CREATE VIEW report.catalogue AS
      SELECT a.site_id, s.code AS site_code, s.name AS site_name, a.id AS item_id, a.ref_code, a.title,
        a.confidentiality, a.category_code, a.class_code, a.year, a.retention, a.form, a.piece_count, a.status
      FROM sites.archive_item a JOIN sites.site s ON s.site_id = a.site_id AND s.id = a.site_id
      WHERE a.confidentiality <> 'restricted'
      UNION ALL
      SELECT a.site_id, s.code, s.name, a.id, a.ref_code, NULL,
        a.confidentiality, a.category_code, a.class_code, a.year, a.retention, a.form, a.piece_count, a.status
      FROM sites.archive_item a JOIN sites.site s ON s.site_id = a.site_id AND s.id = a.site_id
      WHERE a.confidentiality = 'restricted'`,
  ]) await s.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('head office migrations are not reversed');
}
