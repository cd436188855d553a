import { sql, type Kysely, type Transaction } from 'kysely';
import { newRow } from '../api/rows.js';
import { AppError } from '../errors.js';
import type { Schema } from '../store/schema.js';
import type { ArchiveForm, ArchiveItemTable, ArchiveRetention } from '../archives/tables.js';
import { formatCode, parseCode, type CodeProblem } from './codes.js';
import { ftsPhrase, likeContaining } from '../store/text-match.js';

type Db = Kysely<Schema> | Transaction<Schema>;

const PROBLEM_WORDS: Record<CodeProblem['part'], [string, string]> = {
  category: ['一级类目应为 1–2 位数字', 'the first-level category must be 1–2 digits'],
  class: ['二级属类应为 1–2 位数字', 'the second-level class must be 1–2 digits'],
  department: ['三级属类（产生部门）应为两位数字，如 07', 'the department must be two digits, e.g. 07'],
  seq: ['案卷顺序号应为正整数', 'the sequence number must be a positive whole number'],
  shape: ['应由点分隔的三级类目和破折号后的顺序号组成', 'it must be three dot-separated levels, a dash and a sequence number'],
};

export function badCode(text: string, part: CodeProblem['part']): AppError {
  const [zh, en] = PROBLEM_WORDS[part];
  return new AppError('archives.bad_code', { text, reasonZh: zh, reasonEn: en });
}

/** What each part of a typed code means on this site (for the screen that explains a code as it is typed). */
export async function explainCode(db: Db, siteId: string, text: string) {
  const parsed = parseCode(text);
  if (!parsed.ok) throw badCode(text, parsed.problem.part);
  const { category, cls, department, seq } = parsed.parts;
  const cat = await db.selectFrom('archive_category').select(['name', 'active']).where('site_id', '=', siteId).where('code', '=', category).executeTakeFirst();
  if (!cat) throw new AppError('archives.unknown_category', { code: category });
  let className: string | null = null;
  if (cls !== null) {
    const c = await db.selectFrom('archive_class').select(['name']).where('site_id', '=', siteId).where('category_code', '=', category).where('code', '=', cls).executeTakeFirst();
    if (!c) throw new AppError('archives.unknown_class', { code: `${category}.${cls}`, categoryName: cat.name, cls });
    className = c.name;
  }
  let departmentName: string | null = null;
  if (department !== null) {
    const d = await db.selectFrom('archive_department').select(['name']).where('site_id', '=', siteId).where('code', '=', department).executeTakeFirst();
    if (!d) throw new AppError('archives.unknown_department', { code: department });
    departmentName = d.name;
  }
  return { category, categoryName: cat.name, cls, className, department, departmentName, seq };
}

/** The next sequence number in category.class.department: one more than any ever given (destroyed items included). */
export async function nextSeq(db: Db, siteId: string, category: number, cls: number, department: string): Promise<number> {
  const r = await db.selectFrom('archive_item').select((eb) => eb.fn.max('seq').as('max'))
    .where('site_id', '=', siteId).where('category_code', '=', category).where('class_code', '=', cls).where('department_code', '=', department)
    .executeTakeFirst();
  return Number(r?.max ?? 0) + 1;
}

/** Refuse a class or department that does not exist or is retired, with a message naming it. */
export async function checkFilingTarget(db: Db, siteId: string, category: number, cls: number, department: string): Promise<{ defaultRetention: ArchiveRetention }> {
  const cat = await db.selectFrom('archive_category').select(['name', 'active']).where('site_id', '=', siteId).where('code', '=', category).executeTakeFirst();
  if (!cat) throw new AppError('archives.unknown_category', { code: category });
  const c = await db.selectFrom('archive_class').select(['active', 'default_retention']).where('site_id', '=', siteId)
    .where('category_code', '=', category).where('code', '=', cls).executeTakeFirst();
  if (!c) throw new AppError('archives.unknown_class', { code: `${category}.${cls}`, categoryName: cat.name, cls });
  const d = await db.selectFrom('archive_department').select(['active']).where('site_id', '=', siteId).where('code', '=', department).executeTakeFirst();
  if (!d) throw new AppError('archives.unknown_department', { code: department });
  if (!cat.active) throw new AppError('archives.retired', { code: String(category) });
  if (!c.active) throw new AppError('archives.retired', { code: `${category}.${cls}` });
  if (!d.active) throw new AppError('archives.retired', { code: department });
  return { defaultRetention: c.default_retention };
}

export interface IndexInput {
  category: number;
  cls: number;
  department: string;
  title: string;
  year: number;
  producedOn?: string | null;
  retention?: ArchiveRetention;
  form: ArchiveForm;
  pieceCount?: number;
  locationRoom?: string;
  cabinet?: string;
  shelf?: string;
  box?: string;
  confidentiality?: ArchiveItemTable['confidentiality'];
  remarks?: string;
  fondsNo?: string;
  libraryNo?: string;
  /** a major-event paper (重大事件) */
  majorEvent?: boolean;
  /** an existing catalogue's own number (Excel import); the desk always takes the next one */
  seq?: number;
}

/** File a new item: the next code in its class is assigned in the same transaction. */
export async function indexItem(db: Db, siteId: string, now: Date, i: IndexInput): Promise<{ id: string; refCode: string; seq: number }> {
  const department = i.department.padStart(2, '0');
  const { defaultRetention } = await checkFilingTarget(db, siteId, i.category, i.cls, department);
  const seq = i.seq ?? await nextSeq(db, siteId, i.category, i.cls, department);
  const refCode = formatCode(i.category, i.cls, department, seq);
  if (i.seq !== undefined) {
    const taken = await db.selectFrom('archive_item').select('id').where('site_id', '=', siteId).where('ref_code', '=', refCode).executeTakeFirst();
    if (taken) throw new AppError('archives.duplicate_code', { code: refCode });
  }
  const row = {
    ...newRow(siteId, now),
    category_code: i.category,
    class_code: i.cls,
    department_code: department,
    seq,
    ref_code: refCode,
    title: i.title,
    year: i.year,
    produced_on: i.producedOn ?? null,
    retention: i.retention ?? defaultRetention,
    form: i.form,
    piece_count: i.pieceCount ?? 1,
    location_room: i.locationRoom ?? '',
    cabinet: i.cabinet ?? '',
    shelf: i.shelf ?? '',
    box: i.box ?? '',
    confidentiality: i.confidentiality ?? 'internal',
    remarks: i.remarks ?? '',
    fonds_no: i.fondsNo ?? '',
    library_no: i.libraryNo ?? '',
    status: 'in' as const,
    major_event: i.majorEvent ? 1 : 0,
  };
  await db.insertInto('archive_item').values(row).execute();
  return { id: row.id, refCode, seq };
}

export interface SearchFilters {
  codePrefix?: string;
  department?: string;
  year?: number;
  retention?: ArchiveRetention;
  form?: ArchiveForm;
  location?: string;
  status?: 'in' | 'out' | 'destroyed';
  text?: string;
  limit: number;
  offset: number;
  /** the caller may not open restricted items: they are never found by what they hide */
  hideRestricted?: boolean;
}

export const LIST_COLUMNS = ['i.id', 'i.ref_code', 'i.title', 'i.year', 'i.retention', 'i.form', 'i.department_code', 'i.location_room', 'i.cabinet',
  'i.shelf', 'i.box', 'i.status', 'i.confidentiality',
  'i.produced_on', 'i.fonds_no', 'i.library_no', 'i.piece_count', 'l.borrower', 'l.due_on'] as const;

/**
 * Items (aliased i) whose code starts with a typed prefix: "3" a category, "3.4" a class,
 * "3.4.07" a department's boxes, "3.4.07—12" one item. A malformed prefix is explained.
 */
export function codePrefixWhere(prefix: string) {
  const parsed = parseCode(prefix);
  if (!parsed.ok) throw badCode(prefix, parsed.problem.part);
  const p = parsed.parts;
  const terms = [sql`i.category_code = ${p.category}`];
  if (p.cls !== null) terms.push(sql`i.class_code = ${p.cls}`);
  if (p.department !== null) terms.push(sql`i.department_code = ${p.department}`);
  if (p.seq !== null) terms.push(sql`i.seq = ${p.seq}`);
  return sql<boolean>`${sql.join(terms, sql` AND `)}`;
}

/**
 * The catalogue search: a code prefix ("3.4" = everything in 文书类/收文发文; "3.4.07" one
 * department's boxes), the filters, and any Chinese substring of title or remarks.
 */
export async function searchItems(db: Db, siteId: string, f: SearchFilters) {
  // an item out on loan says who has it (one open loan per item, by a partial unique index)
  const text = f.text?.trim() ?? '';
  const fts = [...text].length >= 3;
  const from = db.selectFrom('archive_item as i');
  // Full text drives the query from the trigram index, newest match first: FTS5 walks its
  // rowids in order and stops at the limit, instead of gathering every match to sort by code.
  const base = fts
    ? (from.innerJoin(sql`archive_item_fts`.as('archive_item_fts'), (j) => j.on(sql<boolean>`archive_item_fts.rowid = i.rowid`)) as unknown as typeof from)
    : from;
  let q = base.leftJoin('archive_loan as l', (j) => j.onRef('l.item_id', '=', 'i.id').on('l.returned_at', 'is', null))
    .select(LIST_COLUMNS).where('i.site_id', '=', siteId);
  if (f.codePrefix) q = q.where(codePrefixWhere(f.codePrefix));
  if (f.department) q = q.where('i.department_code', '=', f.department.padStart(2, '0'));
  if (f.year) q = q.where('i.year', '=', f.year);
  if (f.retention) q = q.where('i.retention', '=', f.retention);
  if (f.form) q = q.where('i.form', '=', f.form);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.location) {
    const like = likeContaining(f.location);
    q = q.where(sql<boolean>`(i.location_room || ' ' || i.cabinet || ' ' || i.shelf || ' ' || i.box) LIKE ${like} ESCAPE '\\'`);
  }
  if (f.hideRestricted && (f.location || text)) q = q.where('i.confidentiality', '<>', 'restricted');
  if (fts) {
    q = q.where(sql<boolean>`archive_item_fts MATCH ${ftsPhrase(text)}`);
    return q.orderBy(sql`archive_item_fts.rowid`, 'desc').limit(f.limit).offset(f.offset).execute();
  }
  if (text) {
    // trigrams need three characters; one or two (a common two-character word) scan, bounded by the limit
    q = q.where(sql<boolean>`(instr(i.title, ${text}) > 0 OR instr(i.remarks, ${text}) > 0)`);
  }
  return q.orderBy('i.category_code').orderBy('i.class_code').orderBy('i.department_code').orderBy('i.seq').limit(f.limit).offset(f.offset).execute();
}

