import { sql, type Kysely } from 'kysely';
import { captureChanges } from './capture-v1.js';

/**
 * Archives (档案): the site's classification scheme (categories, classes, producing
 * departments) and the indexed items with their reference codes. Items are never
 * deleted: a destroyed item keeps its row and its code, which is never reused.
 * A site set up later gets its scheme at set-up; a site that already exists gets the
 * standard scheme of this moment, written out below (the set-up's list may change later;
 * what this migration wrote does not).
 */
const stamps = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;
const statements = [
  `CREATE TABLE archive_category (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code INTEGER NOT NULL CHECK (code BETWEEN 1 AND 99),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  ...captureChanges('archive_category', ['code', 'name', 'active']),

  `CREATE TABLE archive_class (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    category_code INTEGER NOT NULL,
    code INTEGER NOT NULL CHECK (code BETWEEN 1 AND 99),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    default_retention TEXT NOT NULL CHECK (default_retention IN ('permanent', '30', '25', '15', '10', '5')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, category_code, code),
    FOREIGN KEY (site_id, category_code) REFERENCES archive_category (site_id, code)
  ) STRICT`,
  ...captureChanges('archive_class', ['category_code', 'code', 'name', 'default_retention', 'active']),

  `CREATE TABLE archive_department (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    code TEXT NOT NULL CHECK (code GLOB '[0-9][0-9]'),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ${stamps},
    UNIQUE (site_id, code)
  ) STRICT`,
  ...captureChanges('archive_department', ['code', 'name', 'active']),

  `CREATE TABLE archive_item (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES site (id),
    category_code INTEGER NOT NULL,
    class_code INTEGER NOT NULL,
    department_code TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    ref_code TEXT NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    produced_on TEXT,
    retention TEXT NOT NULL CHECK (retention IN ('permanent', '30', '25', '15', '10', '5')),
    form TEXT NOT NULL CHECK (form IN ('paper', 'photo', 'audio', 'video', 'disc', 'object')),
    piece_count INTEGER NOT NULL DEFAULT 1 CHECK (piece_count >= 0),
    location_room TEXT NOT NULL DEFAULT '',
    cabinet TEXT NOT NULL DEFAULT '',
    shelf TEXT NOT NULL DEFAULT '',
    box TEXT NOT NULL DEFAULT '',
    confidentiality TEXT NOT NULL DEFAULT 'internal' CHECK (confidentiality IN ('public', 'internal', 'restricted')),
    remarks TEXT NOT NULL DEFAULT '',
    fonds_no TEXT NOT NULL DEFAULT '',
    library_no TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'in' CHECK (status IN ('in', 'out', 'destroyed')),
    ${stamps},
    UNIQUE (site_id, category_code, class_code, department_code, seq),
    UNIQUE (site_id, ref_code),
    FOREIGN KEY (site_id, category_code, class_code) REFERENCES archive_class (site_id, category_code, code),
    FOREIGN KEY (site_id, department_code) REFERENCES archive_department (site_id, code)
  ) STRICT`,
  `CREATE INDEX archive_item_department ON archive_item (site_id, department_code)`,
  `CREATE INDEX archive_item_year ON archive_item (site_id, year)`,
  `CREATE INDEX archive_item_status ON archive_item (site_id, status)`,
  ...captureChanges('archive_item', [
    'category_code', 'class_code', 'department_code', 'seq', 'ref_code', 'title', 'year', 'produced_on', 'retention', 'form', 'piece_count',
    'location_room', 'cabinet', 'shelf', 'box', 'confidentiality', 'remarks', 'fonds_no', 'library_no', 'status',
  ]),
  `CREATE TRIGGER archive_item_no_delete BEFORE DELETE ON archive_item BEGIN SELECT RAISE(ABORT, 'archive items are never deleted: a destroyed item keeps its code'); END`,
  // A reference code, once given, never changes: correcting a class means a new item.
  `CREATE TRIGGER archive_item_code_fixed BEFORE UPDATE OF category_code, class_code, department_code, seq, ref_code ON archive_item
    WHEN OLD.ref_code IS NOT NEW.ref_code OR OLD.seq IS NOT NEW.seq OR OLD.category_code IS NOT NEW.category_code
      OR OLD.class_code IS NOT NEW.class_code OR OLD.department_code IS NOT NEW.department_code
    BEGIN SELECT RAISE(ABORT, 'an archive reference code never changes'); END`,
  // Titles and remarks are searched by any Chinese substring.
  `CREATE VIRTUAL TABLE archive_item_fts USING fts5 (title, remarks, content = 'archive_item', content_rowid = 'rowid', tokenize = 'trigram')`,
  `CREATE TRIGGER archive_item_fts_insert AFTER INSERT ON archive_item BEGIN
    INSERT INTO archive_item_fts (rowid, title, remarks) VALUES (NEW.rowid, NEW.title, NEW.remarks);
  END`,
  `CREATE TRIGGER archive_item_fts_update AFTER UPDATE OF title, remarks ON archive_item BEGIN
    INSERT INTO archive_item_fts (archive_item_fts, rowid, title, remarks) VALUES ('delete', OLD.rowid, OLD.title, OLD.remarks);
    INSERT INTO archive_item_fts (rowid, title, remarks) VALUES (NEW.rowid, NEW.title, NEW.remarks);
  END`,
];

type Retention = 'permanent' | '30' | '25' | '15' | '10' | '5';

/** The standard scheme (档案资料管理制度) as it stood: categories, their classes with retention, departments. */
const CATEGORIES: [code: number, name: string, classes: [code: number, name: string, retention: Retention][]][] = [
  [1, '业务类', [[1, '物业管理资料', '30'], [2, '项目基础资料', 'permanent'], [3, '工程设备资料', 'permanent'], [4, '往来文书', '10'], [5, '其他', '10']]],
  [2, '设备仪器类', [[1, '办公设备', '30'], [2, '弱电', '30'], [3, '供配电', '30'], [4, '给排水', '30'], [5, '消防系统', '30'], [6, '空调', '30'], [7, '电梯', '30'], [8, '其他', '30']]],
  [3, '文书类', [
    [1, '公司证照资质', 'permanent'], [2, '董事会文件', 'permanent'], [3, '请示报告批复', '30'], [4, '各类收文发文', '30'],
    [5, '工作会议文件', '30'], [6, '经营决策文件', 'permanent'], [7, '财务工作文件', '30'], [8, '组织机构设置', 'permanent'],
    [9, '党群工作文件', '30'], [10, '其它事务管理', '10'], [11, '工程管理资料', '30'],
  ]],
  [4, '声像类', [[1, '照片', 'permanent'], [2, '音频', '30'], [3, '视频', '30'], [4, '光盘及其他', '30']]],
  [5, '会计类', [[1, '报表', 'permanent'], [2, '帐簿', '25'], [3, '凭证', '15'], [4, '其他', '10']]],
  [6, '荣誉实物类', [[1, '证书', 'permanent'], [2, '奖杯奖牌', 'permanent'], [3, '纪念品', 'permanent']]],
];
const DEPARTMENTS: [code: string, name: string][] = [
  ['01', '经营拓展部'], ['02', '品质管理部'], ['03', '工程管理部'], ['04', '安全管理部'], ['05', '计划财务部'], ['06', '人力资源部'], ['07', '综合行政部'],
  ['08', '服务中心A'], ['09', '服务中心B'], ['10', '服务中心C'], ['11', '服务中心D'], ['12', '服务中心E'], ['13', '服务中心F'], ['14', '服务中心G'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
  // Sites set up before this migration get the standard scheme now, each category followed by
  // its classes, then the departments. Ids and stamps come from the store's clock (fd_id,
  // fd_now), one moment for the whole scheme.
  const { rows: [clock] } = await sql<{ now: string }>`SELECT fd_now() AS now`.execute(db);
  const now = clock!.now;
  const sites = await sql<{ id: string }>`SELECT id FROM site`.execute(db);
  for (const { id: siteId } of sites.rows) {
    for (const [code, name, classes] of CATEGORIES) {
      await sql`INSERT INTO archive_category (id, site_id, code, name, active, created_at, updated_at)
        VALUES (fd_id(), ${siteId}, ${code}, ${name}, 1, ${now}, ${now})`.execute(db);
      for (const [clsCode, clsName, retention] of classes) {
        await sql`INSERT INTO archive_class (id, site_id, category_code, code, name, default_retention, active, created_at, updated_at)
          VALUES (fd_id(), ${siteId}, ${code}, ${clsCode}, ${clsName}, ${retention}, 1, ${now}, ${now})`.execute(db);
      }
    }
    for (const [code, name] of DEPARTMENTS) {
      await sql`INSERT INTO archive_department (id, site_id, code, name, active, created_at, updated_at)
        VALUES (fd_id(), ${siteId}, ${code}, ${name}, 1, ${now}, ${now})`.execute(db);
    }
  }
}
