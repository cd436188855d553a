import { sql, type Kysely } from 'kysely';
import { appendOnly, captureChanges } from './capture-v1.js';

/**
 * The complaint and repair ledger (投诉/报修台账, 业主投诉处理暂行规定).
 * - complaint_case: one row per case, its current stage and deadlines. The store itself
 *   refuses deleting a case, rewriting what was received (number, matter, receiver,
 *   received-at), skipping a stage, and any change to a closed case except reopening it.
 * - complaint_event: the case's timeline; append-only.
 * - complaint_category: the site's own category list (empty = the standard list in code).
 * Escalation is not stored: it is derived at read time from due_at / manager_at and the clock.
 * This migration assumes nothing about the one before it: it only creates its own objects.
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;
const caseColumns = [
  'case_no', 'year', 'seq', 'kind', 'channel', 'room_id', 'room_code', 'building_id', 'complainant', 'phone', 'category', 'severity',
  'matter', 'wanted', 'received_at', 'receiver_id', 'stage', 'department', 'department_name', 'assignee', 'repair_size', 'transferred',
  'due_at', 'onsite_due_at', 'onsite_at', 'manager_at', 'valid', 'invalid_reason', 'reply_method', 'reply_text', 'replied_at',
  'satisfaction', 'followup_remarks', 'followed_at', 'closed_at', 'reopen_count',
];
const statements = [
  `CREATE TABLE complaint_category (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code TEXT NOT NULL CHECK (code GLOB '[a-z]*' AND length(code) BETWEEN 1 AND 30),
    name_zh TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 30),
    name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
    sort INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  ...captureChanges('complaint_category', ['code', 'name_zh', 'name_en', 'sort', 'active']),
  `CREATE TRIGGER complaint_category_no_delete BEFORE DELETE ON complaint_category BEGIN SELECT RAISE(ABORT, 'categories are retired, never deleted'); END`,

  `CREATE TABLE complaint_case (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    case_no TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('complaint', 'repair', 'suggestion', 'enquiry')),
    channel TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'letter', 'other')),
    room_id TEXT REFERENCES room (id),
    room_code TEXT NOT NULL DEFAULT '',
    building_id TEXT REFERENCES building (id),
    complainant TEXT NOT NULL CHECK (length(complainant) BETWEEN 1 AND 40),
    phone TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('ordinary', 'urgent')),
    matter TEXT NOT NULL CHECK (length(matter) BETWEEN 1 AND 2000),
    wanted TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL,
    receiver_id TEXT NOT NULL REFERENCES staff (id),
    stage TEXT NOT NULL DEFAULT 'received' CHECK (stage IN ('received', 'handling', 'replied', 'followed_up', 'closed')),
    department TEXT CHECK (department IN ('customer_service', 'engineering', 'security', 'cleaning', 'landscaping', 'other')),
    department_name TEXT NOT NULL DEFAULT '',
    assignee TEXT NOT NULL DEFAULT '',
    repair_size TEXT CHECK (repair_size IN ('small', 'large')),
    transferred INTEGER NOT NULL DEFAULT 0 CHECK (transferred IN (0, 1)),
    due_at TEXT NOT NULL,
    onsite_due_at TEXT,
    onsite_at TEXT,
    manager_at TEXT NOT NULL,
    valid INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),
    invalid_reason TEXT NOT NULL DEFAULT '',
    reply_method TEXT CHECK (reply_method IN ('visit', 'letter', 'phone')),
    reply_text TEXT NOT NULL DEFAULT '',
    replied_at TEXT,
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    followup_remarks TEXT NOT NULL DEFAULT '',
    followed_at TEXT,
    closed_at TEXT,
    reopen_count INTEGER NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
    ${stamps},
    UNIQUE (site_id, year, seq),
    UNIQUE (site_id, case_no),
    CHECK (stage IN ('received', 'handling') OR (replied_at IS NOT NULL AND reply_method IS NOT NULL)),
    CHECK (stage NOT IN ('followed_up', 'closed') OR satisfaction IS NOT NULL)
  ) STRICT`,
  // The queues. Open cases (about 1% of a ledger) get partial indexes ordered by deadline, so
  // a page of "open / overdue / mine / by building / by department" reads 50 entries, not the
  // year; "all" and reports walk the received-at order. Queries spell the stage test exactly
  // as below (literals, not parameters) so SQLite can prove the partial index applies.
  ...[['due', ''], ['receiver', 'receiver_id, '], ['building', 'building_id, '], ['department', 'department, ']].map(([n, c]) =>
    `CREATE INDEX complaint_case_open_${n} ON complaint_case (site_id, ${c}due_at) WHERE stage IN ('received', 'handling')`),
  `CREATE INDEX complaint_case_receiver ON complaint_case (site_id, receiver_id, received_at)`,
  `CREATE INDEX complaint_case_building ON complaint_case (site_id, building_id, received_at)`,
  `CREATE INDEX complaint_case_department ON complaint_case (site_id, department, received_at)`,
  `CREATE INDEX complaint_case_room ON complaint_case (room_id, received_at)`,
  `CREATE INDEX complaint_case_received ON complaint_case (site_id, received_at)`,
  ...captureChanges('complaint_case', caseColumns),
  `CREATE TRIGGER complaint_case_no_delete BEFORE DELETE ON complaint_case BEGIN SELECT RAISE(ABORT, 'complaint cases are never deleted: close them, or mark them invalid with a reason'); END`,
  `CREATE TRIGGER complaint_case_intake_fixed BEFORE UPDATE ON complaint_case
    WHEN OLD.case_no IS NOT NEW.case_no OR OLD.year IS NOT NEW.year OR OLD.seq IS NOT NEW.seq OR OLD.kind IS NOT NEW.kind
      OR OLD.matter IS NOT NEW.matter OR OLD.received_at IS NOT NEW.received_at OR OLD.receiver_id IS NOT NEW.receiver_id
      OR OLD.channel IS NOT NEW.channel OR OLD.created_at IS NOT NEW.created_at OR OLD.site_id IS NOT NEW.site_id
    BEGIN SELECT RAISE(ABORT, 'what was received is never rewritten'); END`,
  // the workflow, enforced by the store whatever the program does
  `CREATE TRIGGER complaint_case_stage_order BEFORE UPDATE OF stage ON complaint_case
    WHEN NOT ((OLD.stage = NEW.stage AND OLD.stage <> 'closed')
      OR (OLD.stage = 'received' AND NEW.stage = 'handling')
      OR (OLD.stage = 'handling' AND NEW.stage = 'replied')
      OR (OLD.stage = 'replied' AND NEW.stage = 'followed_up')
      OR (OLD.stage = 'followed_up' AND NEW.stage = 'closed')
      OR (OLD.stage IN ('followed_up', 'closed') AND NEW.stage = 'handling' AND NEW.reopen_count = OLD.reopen_count + 1))
    BEGIN SELECT RAISE(ABORT, 'complaint stages go in order: received, handling, replied, followed up, closed'); END`,
  `CREATE TRIGGER complaint_case_closed_fixed BEFORE UPDATE ON complaint_case
    WHEN OLD.stage = 'closed' AND NEW.stage = 'closed'
    BEGIN SELECT RAISE(ABORT, 'a closed case cannot be changed: reopen it'); END`,

  `CREATE TABLE complaint_event (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    case_id TEXT NOT NULL REFERENCES complaint_case (id),
    at TEXT NOT NULL,
    actor_id TEXT REFERENCES staff (id),
    event TEXT NOT NULL CHECK (event IN ('received', 'dispatched', 'onsite', 'replied', 'followed_up', 'closed', 'reopened', 'validity', 'note', 'escalated')),
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    ${stamps}
  ) STRICT`,
  `CREATE INDEX complaint_event_case ON complaint_event (case_id, at)`,
  ...captureChanges('complaint_event', ['case_id', 'at', 'actor_id', 'event', 'detail']),
  ...appendOnly('complaint_event', 'the case timeline'),

  // full text over the matter, what is wanted and the reply: Chinese substrings (trigram)
  `CREATE VIRTUAL TABLE complaint_case_fts USING fts5 (matter, wanted, reply_text, content = 'complaint_case', content_rowid = 'rowid', tokenize = 'trigram')`,
  `CREATE TRIGGER complaint_case_fts_insert AFTER INSERT ON complaint_case BEGIN
    INSERT INTO complaint_case_fts (rowid, matter, wanted, reply_text) VALUES (NEW.rowid, NEW.matter, NEW.wanted, NEW.reply_text);
  END`,
  `CREATE TRIGGER complaint_case_fts_update AFTER UPDATE OF matter, wanted, reply_text ON complaint_case BEGIN
    INSERT INTO complaint_case_fts (complaint_case_fts, rowid, matter, wanted, reply_text) VALUES ('delete', OLD.rowid, OLD.matter, OLD.wanted, OLD.reply_text);
    INSERT INTO complaint_case_fts (rowid, matter, wanted, reply_text) VALUES (NEW.rowid, NEW.matter, NEW.wanted, NEW.reply_text);
  END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
