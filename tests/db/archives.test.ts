import { afterEach, describe, expect, it } from 'vitest';
import { parseCode } from '../../db/archives/codes.js';
import { addStaff, cleanup, createTestApp, ok, refused, rows, setupSite, snapshotStore } from '../helpers/app.js';

afterEach(cleanup);

async function archiveDesk() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const archivist = await addStaff(app, admin, { username: 'zhao.dang', role: 'archivist', displayName: '赵档案' });
  const cashier = await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' });
  const manager = await addStaff(app, admin, { username: 'chen.zr', role: 'manager', displayName: '陈主任' });
  return { app, admin, archivist: archivist.token, cashier: cashier.token, manager: manager.token };
}

const item = (title: string, extra: Record<string, unknown> = {}) => ({ category: 3, cls: 4, department: '07', title, year: 2026, form: 'paper' as const, ...extra });

describe('archive reference codes', () => {
  it('parses full and partial codes however the dash and digits are typed', () => {
    expect(parseCode('3.4.07—12')).toEqual({ ok: true, parts: { category: 3, cls: 4, department: '07', seq: 12 } });
    expect(parseCode('3.4.7-12')).toEqual({ ok: true, parts: { category: 3, cls: 4, department: '07', seq: 12 } });
    expect(parseCode('３．４．０７－１２')).toEqual({ ok: true, parts: { category: 3, cls: 4, department: '07', seq: 12 } });
    expect(parseCode('3.4')).toEqual({ ok: true, parts: { category: 3, cls: 4, department: null, seq: null } });
    expect(parseCode('3')).toEqual({ ok: true, parts: { category: 3, cls: null, department: null, seq: null } });
  });

  it('names the part of a malformed code that is wrong', () => {
    expect(parseCode('3.4.x')).toEqual({ ok: false, problem: { part: 'department', text: 'x' } });
    expect(parseCode('a.4')).toEqual({ ok: false, problem: { part: 'category', text: 'a' } });
    expect(parseCode('3.4.07—0')).toEqual({ ok: false, problem: { part: 'seq', text: '0' } });
    expect(parseCode('3.4—12')).toMatchObject({ ok: false, problem: { part: 'shape' } });
    expect(parseCode('3..4')).toMatchObject({ ok: false, problem: { part: 'shape' } });
  });
});

describe('the classification scheme', () => {
  it('starts with the six categories, their classes and the fourteen producing departments of the manual', async () => {
    const { app, archivist } = await archiveDesk();
    const scheme = await ok(app, archivist, 'archives.scheme', {});
    expect(scheme.categories.map((c) => [c.code, c.name, c.classes.length])).toEqual([
      [1, '业务类', 5], [2, '设备仪器类', 8], [3, '文书类', 11], [4, '声像类', 4], [5, '会计类', 4], [6, '荣誉实物类', 3],
    ]);
    expect(scheme.categories[2]!.classes[3]).toMatchObject({ code: 4, name: '各类收文、发文' });
    expect(scheme.departments.map((d) => d.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14']);
    expect(scheme.departments.find((d) => d.code === '07')?.name).toBe('综合行政部');
    expect(scheme.departments.find((d) => d.code === '14')?.name).toBe('服务中心G');
  });

  it('lets the admin add a class and retire one, and a retired class takes no new items', async () => {
    const { app, admin, archivist } = await archiveDesk();
    await ok(app, admin, 'archives.saveClass', { category: 1, code: 6, name: '社区文化活动资料', defaultRetention: '10' });
    await ok(app, archivist, 'archives.index', item('社区中秋游园会照片', { category: 1, cls: 6 }));
    await ok(app, admin, 'archives.saveClass', { category: 1, code: 6, name: '社区文化活动资料', defaultRetention: '10', active: false });
    const e = await refused(app, archivist, 'archives.index', item('又一份', { category: 1, cls: 6 }));
    expect(e.code).toBe('archives.retired');
    expect((await refused(app, archivist, 'archives.saveClass', { category: 1, code: 7, name: 'x', defaultRetention: '10' })).code).toBe('auth.forbidden');
  });
});

describe('indexing items', () => {
  it('assigns 1, 2, 3 in a class and never reuses a code', async () => {
    const { app, archivist } = await archiveDesk();
    const codes = [];
    for (const title of ['关于消防演练的通知', '业主大会会议纪要', '电梯维保合同']) codes.push((await ok(app, archivist, 'archives.index', item(title))).refCode);
    expect(codes).toEqual(['3.4.07—1', '3.4.07—2', '3.4.07—3']);
    // another department or class has its own sequence
    expect((await ok(app, archivist, 'archives.index', item('人事任免通知', { department: '06' }))).refCode).toBe('3.4.06—1');
    // a destroyed item keeps its code: the next one is still 4
    app.store.raw.prepare("UPDATE archive_item SET status = 'destroyed' WHERE ref_code = '3.4.07—3'").run();
    expect((await ok(app, archivist, 'archives.nextCode', { category: 3, cls: 4, department: '7' })).refCode).toBe('3.4.07—4');
    expect(() => app.store.raw.prepare("DELETE FROM archive_item WHERE ref_code = '3.4.07—3'").run()).toThrow(/never deleted/);
    expect(() => app.store.raw.prepare("UPDATE archive_item SET seq = 9, ref_code = '3.4.07—9' WHERE ref_code = '3.4.07—1'").run()).toThrow(/never changes/);
  });

  it('takes the class\'s default retention unless one is given', async () => {
    const { app, archivist } = await archiveDesk();
    const a = await ok(app, archivist, 'archives.index', item('2025年度财务报表', { category: 5, cls: 1, department: '05' }));
    const b = await ok(app, archivist, 'archives.index', item('2025年记账凭证', { category: 5, cls: 3, department: '05' }));
    const c = await ok(app, archivist, 'archives.index', item('临时通知', { retention: '5' }));
    const got = rows<{ ref_code: string; retention: string }>(app, 'SELECT ref_code, retention FROM archive_item ORDER BY created_at');
    expect(got).toEqual([{ ref_code: a.refCode, retention: 'permanent' }, { ref_code: b.refCode, retention: '15' }, { ref_code: c.refCode, retention: '5' }]);
  });

  it('refuses a class, category or department that does not exist, explaining which, and writes nothing', async () => {
    const { app, archivist } = await archiveDesk();
    await ok(app, archivist, 'archives.scheme', {});
    const before = snapshotStore(app);
    const unknownClass = await refused(app, archivist, 'archives.index', item('x', { cls: 12 }));
    expect(unknownClass.code).toBe('archives.unknown_class');
    expect(unknownClass.message['zh-CN']).toContain('文书类下没有二级属类 12');
    expect((await refused(app, archivist, 'archives.index', item('x', { category: 9 }))).code).toBe('archives.unknown_category');
    expect((await refused(app, archivist, 'archives.index', item('x', { department: '15' }))).code).toBe('archives.unknown_department');
    expect(snapshotStore(app)).toEqual(before);
  });

  it('explains a typed code part by part, and explains a malformed one', async () => {
    const { app, cashier } = await archiveDesk();
    expect(await ok(app, cashier, 'archives.explainCode', { code: '3.4.07—12' })).toEqual({
      category: 3, categoryName: '文书类', cls: 4, className: '各类收文、发文', department: '07', departmentName: '综合行政部', seq: 12,
    });
    const bad = await refused(app, cashier, 'archives.explainCode', { code: '3.4.x' });
    expect(bad.code).toBe('archives.bad_code');
    expect(bad.message['zh-CN']).toContain('三级属类（产生部门）应为两位数字');
    expect(bad.message['en-US']).toContain('the department must be two digits');
  });

  it('lets only the archive\'s staff file items', async () => {
    const { app, cashier } = await archiveDesk();
    expect((await refused(app, cashier, 'archives.index', item('x'))).code).toBe('auth.forbidden');
  });
});

describe('searching the catalogue', () => {
  it('finds items by code prefix, by department and year, and by any Chinese substring of title or remarks', async () => {
    const { app, archivist, cashier } = await archiveDesk();
    await ok(app, archivist, 'archives.index', item('关于2026年消防演练的通知'));
    await ok(app, archivist, 'archives.index', item('业主大会会议纪要', { remarks: '第三届业委会' }));
    await ok(app, archivist, 'archives.index', item('电梯年检报告', { category: 2, cls: 7, department: '03', year: 2025, form: 'paper' }));
    const codes = async (f: Record<string, unknown>) => (await ok(app, cashier, 'archives.search', f)).map((r) => r.ref_code);
    expect(await codes({ codePrefix: '3.4' })).toEqual(['3.4.07—1', '3.4.07—2']);
    expect(await codes({ codePrefix: '3' })).toEqual(['3.4.07—1', '3.4.07—2']);
    expect(await codes({ codePrefix: '2.7.03' })).toEqual(['2.7.03—1']);
    expect(await codes({ department: '3' })).toEqual(['2.7.03—1']);
    expect(await codes({ year: 2025 })).toEqual(['2.7.03—1']);
    expect(await codes({ text: '消防演练' })).toEqual(['3.4.07—1']);
    expect(await codes({ text: '纪要' })).toEqual(['3.4.07—2']);
    expect(await codes({ text: '业委会' })).toEqual(['3.4.07—2']); // in the remarks
    expect(await codes({ text: '不存在的词' })).toEqual([]);
    expect((await refused(app, cashier, 'archives.search', { codePrefix: '3.x' })).code).toBe('archives.bad_code');
  });

  it('counts items per class for the browse tree', async () => {
    const { app, archivist } = await archiveDesk();
    await ok(app, archivist, 'archives.index', item('a'));
    await ok(app, archivist, 'archives.index', item('b'));
    await ok(app, archivist, 'archives.index', item('c', { cls: 3 }));
    const scheme = await ok(app, archivist, 'archives.scheme', {});
    const docs = scheme.categories.find((c) => c.code === 3)!;
    expect(docs.items).toBe(3);
    expect(docs.classes.find((c) => c.code === 4)?.items).toBe(2);
    expect(docs.classes.find((c) => c.code === 3)?.items).toBe(1);
  });

  it('opens a restricted item only for the archive\'s staff and approvers', async () => {
    const { app, archivist, cashier, manager } = await archiveDesk();
    const { id } = await ok(app, archivist, 'archives.index', item('人事档案', { confidentiality: 'restricted' }));
    expect((await refused(app, cashier, 'archives.item', { id })).code).toBe('archives.restricted');
    expect((await ok(app, manager, 'archives.item', { id })).title).toBe('人事档案');
    expect((await ok(app, archivist, 'archives.item', { id })).title).toBe('人事档案');
  });
});
