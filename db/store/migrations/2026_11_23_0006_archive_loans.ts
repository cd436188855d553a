import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from './capture-v1.js';

/**
 * Archives, second part: scans kept beside the paper (双档制), requests to read, borrow or
 * copy (档案查阅/借阅/复印审批表) and their approval, loans with due dates and the condition
 * on return, the register (登记表) of every event, and the retention appraisal (keep /
 * destroy). Nothing here is deleted: a decided request, a returned loan or a decided
 * appraisal is final, and the register and scans are append-only.
 *
 * It only adds tables that refer to archive_item and staff, so it does not care which
 * migrations ran between 0003 and it.
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;
const siteRef = `site_id TEXT NOT NULL REFERENCES site (id)`;
const statements = [
  // A scan is a file in <data folder>/scans named by its SHA-256; the row says which item and what it is.
  `CREATE TABLE archive_scan (
    id TEXT PRIMARY KEY,
    ${siteRef},
    item_id TEXT NOT NULL REFERENCES archive_item (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    mime TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/png', 'image/jpeg')),
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    added_by TEXT NOT NULL REFERENCES staff (id),
    ${stamps}
  ) STRICT`,
  `CREATE INDEX archive_scan_item ON archive_scan (item_id)`,
  ...captureChanges('archive_scan', ['item_id', 'name', 'mime', 'size', 'sha256', 'added_by']),
  ...appendOnly('archive_scan', 'archive scans'),

  `CREATE TABLE archive_request (
    id TEXT PRIMARY KEY,
    ${siteRef},
    kind TEXT NOT NULL CHECK (kind IN ('read', 'borrow', 'copy')),
    requester TEXT NOT NULL CHECK (length(requester) BETWEEN 1 AND 40),
    requester_unit TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    entered_by TEXT NOT NULL REFERENCES staff (id),
    decided_by TEXT REFERENCES staff (id),
    decided_at TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    ${stamps},
    CHECK (kind <> 'borrow' OR due_on IS NOT NULL)
  ) STRICT`,
  `CREATE INDEX archive_request_status ON archive_request (site_id, status)`,
  ...captureChanges('archive_request', ['kind', 'requester', 'requester_unit', 'purpose', 'due_on', 'status', 'entered_by', 'decided_by', 'decided_at', 'decision_note']),
  `CREATE TRIGGER archive_request_no_delete BEFORE DELETE ON archive_request BEGIN SELECT RAISE(ABORT, 'archive requests are never deleted'); END`,
  `CREATE TRIGGER archive_request_decided_once BEFORE UPDATE ON archive_request WHEN OLD.status <> 'pending'
    BEGIN SELECT RAISE(ABORT, 'a decided archive request is final'); END`,

  `CREATE TABLE archive_request_item (
    id TEXT PRIMARY KEY,
    ${siteRef},
    request_id TEXT NOT NULL REFERENCES archive_request (id),
    item_id TEXT NOT NULL REFERENCES archive_item (id),
    ${stamps},
    UNIQUE (request_id, item_id)
  ) STRICT`,
  `CREATE INDEX archive_request_item_item ON archive_request_item (item_id)`,
  ...captureChanges('archive_request_item', ['request_id', 'item_id']),
  ...appendOnly('archive_request_item', 'archive request items'),

  `CREATE TABLE archive_loan (
    id TEXT PRIMARY KEY,
    ${siteRef},
    item_id TEXT NOT NULL REFERENCES archive_item (id),
    request_id TEXT NOT NULL REFERENCES archive_request (id),
    borrower TEXT NOT NULL,
    lent_by TEXT NOT NULL REFERENCES staff (id),
    lent_at TEXT NOT NULL,
    due_on TEXT NOT NULL,
    returned_at TEXT,
    returned_by TEXT REFERENCES staff (id),
    return_condition TEXT CHECK (return_condition IN ('good', 'damaged', 'incomplete')),
    return_note TEXT NOT NULL DEFAULT '',
    ${stamps}
  ) STRICT`,
  // One open loan per item, in the store itself: two desks lending the same box at once cannot both win.
  `CREATE UNIQUE INDEX archive_loan_open ON archive_loan (item_id) WHERE returned_at IS NULL`,
  `CREATE INDEX archive_loan_due ON archive_loan (site_id, due_on) WHERE returned_at IS NULL`,
  ...captureChanges('archive_loan', ['item_id', 'request_id', 'borrower', 'lent_by', 'lent_at', 'due_on', 'returned_at', 'returned_by', 'return_condition', 'return_note']),
  `CREATE TRIGGER archive_loan_no_delete BEFORE DELETE ON archive_loan BEGIN SELECT RAISE(ABORT, 'archive loans are never deleted'); END`,
  `CREATE TRIGGER archive_loan_returned_once BEFORE UPDATE ON archive_loan WHEN OLD.returned_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a returned archive loan is final'); END`,

  // The register (登记表): every event on every item, in order, never changed.
  `CREATE TABLE archive_register (
    id TEXT PRIMARY KEY,
    ${siteRef},
    item_id TEXT NOT NULL REFERENCES archive_item (id),
    ref_code TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('requested', 'approved', 'rejected', 'read', 'copied', 'lent', 'returned', 'scanned', 'kept', 'destroy_proposed', 'destroy_rejected', 'destroyed')),
    request_id TEXT REFERENCES archive_request (id),
    person TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    staff_id TEXT NOT NULL REFERENCES staff (id),
    at TEXT NOT NULL,
    ${stamps}
  ) STRICT`,
  `CREATE INDEX archive_register_item ON archive_register (item_id, at)`,
  `CREATE INDEX archive_register_at ON archive_register (site_id, at)`,
  ...captureChanges('archive_register', ['item_id', 'ref_code', 'event', 'request_id', 'person', 'note', 'staff_id', 'at']),
  ...appendOnly('archive_register', 'the archive register'),

  // Retention appraisal: keep (look again in review_year) or destroy (needs approval).
  `CREATE TABLE archive_appraisal (
    id TEXT PRIMARY KEY,
    ${siteRef},
    item_id TEXT NOT NULL REFERENCES archive_item (id),
    decision TEXT NOT NULL CHECK (decision IN ('keep', 'destroy')),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    review_year INTEGER,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    proposed_by TEXT NOT NULL REFERENCES staff (id),
    decided_by TEXT REFERENCES staff (id),
    decided_at TEXT,
    ${stamps},
    CHECK (decision <> 'keep' OR review_year IS NOT NULL)
  ) STRICT`,
  `CREATE INDEX archive_appraisal_item ON archive_appraisal (item_id)`,
  `CREATE UNIQUE INDEX archive_appraisal_pending ON archive_appraisal (item_id) WHERE status = 'pending'`,
  ...captureChanges('archive_appraisal', ['item_id', 'decision', 'reason', 'review_year', 'status', 'proposed_by', 'decided_by', 'decided_at']),
  `CREATE TRIGGER archive_appraisal_no_delete BEFORE DELETE ON archive_appraisal BEGIN SELECT RAISE(ABORT, 'archive appraisals are never deleted'); END`,
  `CREATE TRIGGER archive_appraisal_decided_once BEFORE UPDATE ON archive_appraisal WHEN OLD.status <> 'pending'
    BEGIN SELECT RAISE(ABORT, 'a decided appraisal is final'); END`,
  // Items per class for the browse tree, kept by a trigger: counting 500,000 items on every
  // look at the tree costs ~150 ms. Derived data like the FTS index, so not change-captured;
  // items are never deleted and their class never changes, so counting inserts is enough.
  `CREATE TABLE archive_class_count (
    site_id TEXT NOT NULL,
    category_code INTEGER NOT NULL,
    class_code INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (site_id, category_code, class_code)
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO archive_class_count (site_id, category_code, class_code, n)
    SELECT site_id, category_code, class_code, count(*) FROM archive_item GROUP BY site_id, category_code, class_code`,
  `CREATE TRIGGER archive_item_count AFTER INSERT ON archive_item BEGIN
    INSERT INTO archive_class_count (site_id, category_code, class_code, n) VALUES (NEW.site_id, NEW.category_code, NEW.class_code, 1)
      ON CONFLICT (site_id, category_code, class_code) DO UPDATE SET n = n + 1;
  END`,
  // A destroyed item stays destroyed: its row and code are the record that it existed.
  `CREATE TRIGGER archive_item_destroyed_final BEFORE UPDATE OF status ON archive_item WHEN OLD.status = 'destroyed' AND NEW.status <> 'destroyed'
    BEGIN SELECT RAISE(ABORT, 'a destroyed archive item stays destroyed'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
