import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, cleanup, createTestApp, login, ok, refused, rows, setupSite, snapshotStore, STAFF_PASSWORD } from '../helpers/app.js';
import { download, upload } from '../helpers/ledger.js';

/**
 * The archive's second part through the operation registry, on real SQLite files and a
 * real data folder: scans checked by their bytes and stored by hash, requests approved by
 * a manager, loans out and back with the register recording each step, and refusals that
 * change nothing.
 */
afterEach(cleanup);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);
const PDF = Buffer.from('%PDF-1.4\n% a scanned letter\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const item = (title: string, extra: Record<string, unknown> = {}) => ({ category: 3, cls: 4, department: '07', title, year: 2026, form: 'paper' as const, ...extra });

async function desk() {
  const app = await createTestApp();
  const admin = await setupSite(app);
  const archivist = (await addStaff(app, admin, { username: 'zhao.dang', role: 'archivist', displayName: '赵档案' })).token;
  const cashier = (await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' })).token;
  const manager = (await addStaff(app, admin, { username: 'chen.zr', role: 'manager', displayName: '陈主任' })).token;
  const a = await ok(app, archivist, 'archives.index', item('关于消防演练的通知'));
  const b = await ok(app, archivist, 'archives.index', item('业主大会会议纪要'));
  return { app, admin, archivist, cashier, manager, a: a.id, b: b.id };
}

describe('scans (双档制)', () => {
  it('stores a scan once by its hash in the data folder, shows it on the item, and streams it back byte for byte', async () => {
    const { app, archivist, cashier, a, b } = await desk();
    const up = await upload(app, archivist, '通知扫描件.pdf', PDF);
    const scan = await ok(app, archivist, 'archives.attachScan', { itemId: a, uploadId: up });
    expect(scan).toMatchObject({ name: '通知扫描件.pdf', mime: 'application/pdf', size: PDF.length });
    const stored = join(app.dir, 'scans', sha(PDF).slice(0, 2), sha(PDF));
    expect(readFileSync(stored)).toEqual(PDF);
    // the upload is gone from uploads/ once attached
    expect(readdirSync(join(app.dir, 'uploads')).filter((f) => f.startsWith(up))).toEqual([]);
    // the same bytes attached to another item are stored once
    await ok(app, archivist, 'archives.attachScan', { itemId: b, uploadId: await upload(app, archivist, 'copy.pdf', PDF) });
    expect(readdirSync(join(app.dir, 'scans', sha(PDF).slice(0, 2)))).toEqual([sha(PDF)]);

    const seen = await ok(app, cashier, 'archives.item', { id: a });
    expect(seen.scans.map((s) => [s.name, s.mime, s.added_by_name])).toEqual([['通知扫描件.pdf', 'application/pdf', '赵档案']]);
    expect(seen.register.map((r) => r.event)).toEqual(['scanned']);
    const opened = await ok(app, cashier, 'archives.openScan', { scanId: scan.id });
    const back = await download(app, cashier, opened.fileId);
    expect(back.name).toBe('通知扫描件.pdf');
    expect(back.bytes).toEqual(PDF);
    // closing the view removes the link, never the stored scan
    await ok(app, cashier, 'files.discard', { id: opened.fileId });
    expect(existsSync(stored)).toBe(true);
  });

  it('refuses a file that is not what its extension says, or not a scan at all, and changes nothing', async () => {
    const { app, archivist, a } = await desk();
    const fake = await upload(app, archivist, '合同.pdf', PNG); // a PNG called .pdf
    const before = snapshotStore(app);
    const e = await refused(app, archivist, 'archives.attachScan', { itemId: a, uploadId: fake });
    expect(e.code).toBe('archives.scan_mismatch');
    expect(e.message['zh-CN']).toContain('“合同.pdf”的内容不是 PDF 文件');
    const exe = await upload(app, archivist, 'setup.exe', Buffer.from('MZ....'));
    expect((await refused(app, archivist, 'archives.attachScan', { itemId: a, uploadId: exe })).code).toBe('archives.scan_type');
    const jpgAsPng = await upload(app, archivist, 'photo.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
    expect((await refused(app, archivist, 'archives.attachScan', { itemId: a, uploadId: jpgAsPng })).code).toBe('archives.scan_mismatch');
    expect(snapshotStore(app)).toEqual(before);
    expect(existsSync(join(app.dir, 'scans'))).toBe(false);
  });

  it('lets only the archive\'s staff attach scans', async () => {
    const { app, cashier, a } = await desk();
    const up = await upload(app, cashier, 'x.png', PNG);
    expect((await refused(app, cashier, 'archives.attachScan', { itemId: a, uploadId: up })).code).toBe('auth.forbidden');
  });
});

describe('requests, approval, loans and the register', () => {
  it('runs a loan from request to return: approved by the manager, out with who has it, back with its condition, every step registered', async () => {
    const d = await desk();
    const { app, manager, a, b } = d;
    let archivist = d.archivist;
    const req = await ok(app, archivist, 'archives.request', { kind: 'borrow', requester: '王工', requesterUnit: '工程管理部', purpose: '消防验收备查', dueOn: '2026-12-08', itemIds: [a, b] });
    const pending = await ok(app, manager, 'archives.requests', { status: 'pending' });
    expect(pending.map((r) => [r.requester, r.items.map((i) => i.ref_code)])).toEqual([['王工', ['3.4.07—1', '3.4.07—2']]]);
    // not yet approved: nothing can be lent
    expect((await refused(app, archivist, 'archives.lend', { requestId: req.id, itemIds: [a] })).code).toBe('archives.request_not_approved');
    // an archivist cannot approve
    expect((await refused(app, archivist, 'archives.decide', { requestId: req.id, approve: true })).code).toBe('auth.forbidden');
    await ok(app, manager, 'archives.decide', { requestId: req.id, approve: true, note: '同意' });
    expect((await refused(app, manager, 'archives.decide', { requestId: req.id, approve: false })).code).toBe('archives.request_decided');

    await ok(app, archivist, 'archives.lend', { requestId: req.id, itemIds: [a] });
    const out = await ok(app, archivist, 'archives.item', { id: a });
    expect(out.status).toBe('out');
    expect(out.loan).toMatchObject({ borrower: '王工', dueOn: '2026-12-08', overdue: false });
    expect((await ok(app, archivist, 'archives.search', { status: 'out' })).map((r) => [r.ref_code, r.borrower, r.due_on])).toEqual([['3.4.07—1', '王工', '2026-12-08']]);

    // nine days later it is overdue (the idle session has locked meanwhile: sign in again)
    app.clock.advance(9 * 86_400_000);
    archivist = await login(app, 'zhao.dang', STAFF_PASSWORD);
    expect((await ok(app, archivist, 'archives.loans', { overdueOnly: true })).map((l) => [l.ref_code, l.borrower, l.overdue])).toEqual([['3.4.07—1', '王工', true]]);

    const back = await ok(app, archivist, 'archives.return', { itemIds: [a], condition: 'damaged', note: '封面有水渍' });
    expect(back.overdue).toBe(true);
    expect((await ok(app, archivist, 'archives.item', { id: a })).status).toBe('in');
    expect(await ok(app, archivist, 'archives.loans', {})).toEqual([]);
    const reg = await ok(app, archivist, 'archives.register', { itemId: a, limit: 50 });
    expect(reg.map((r) => [r.event, r.person, r.staff_name]).reverse()).toEqual([
      ['requested', '王工', '赵档案'], ['approved', '王工', '陈主任'], ['lent', '王工', '赵档案'], ['returned', '王工', '赵档案'],
    ]);
    expect(reg[0]!.note).toBe('damaged：封面有水渍');
    // the request is spent for that item: lending it again needs a new request
    expect((await refused(app, archivist, 'archives.lend', { requestId: req.id, itemIds: [a] })).code).toBe('archives.request_used');
    expect((await ok(app, archivist, 'archives.requests', {}))[0]!.items.map((i) => [i.ref_code, Boolean(i.lent)])).toEqual([['3.4.07—1', true], ['3.4.07—2', false]]);
  });

  it('refuses a loan of an item already out and a return of an item never lent, changing nothing', async () => {
    const { app, archivist, manager, a, b } = await desk();
    const r1 = await ok(app, archivist, 'archives.request', { kind: 'borrow', requester: '王工', purpose: '查验', dueOn: '2026-12-08', itemIds: [a] });
    const r2 = await ok(app, archivist, 'archives.request', { kind: 'borrow', requester: '刘会计', purpose: '审计', dueOn: '2026-12-09', itemIds: [a] });
    await ok(app, manager, 'archives.decide', { requestId: r1.id, approve: true });
    await ok(app, manager, 'archives.decide', { requestId: r2.id, approve: true });
    await ok(app, archivist, 'archives.lend', { requestId: r1.id, itemIds: [a] });
    const before = snapshotStore(app);
    const e = await refused(app, archivist, 'archives.lend', { requestId: r2.id, itemIds: [a] });
    expect(e.code).toBe('archives.already_out');
    expect(e.message['zh-CN']).toBe('档案 3.4.07—1 已借出（借阅人：王工，应还日期 2026-12-08），不能再借。');
    const never = await refused(app, archivist, 'archives.return', { itemIds: [b], condition: 'good' });
    expect(never.code).toBe('archives.not_lent');
    expect(never.message['en-US']).toContain('3.4.07—2 is not out on loan');
    // an item not on the request
    expect((await refused(app, archivist, 'archives.lend', { requestId: r2.id, itemIds: [b] })).code).toBe('archives.not_in_request');
    expect(snapshotStore(app)).toEqual(before);
  });

  it('lends a request\'s items together and takes them back together; if one cannot go, none goes', async () => {
    const { app, archivist, manager, a, b } = await desk();
    const c = (await ok(app, archivist, 'archives.index', item('物业服务合同'))).id;
    const first = await ok(app, archivist, 'archives.request', { kind: 'borrow', requester: '刘会计', purpose: '审计', dueOn: '2026-12-09', itemIds: [c] });
    const req = await ok(app, archivist, 'archives.request', { kind: 'borrow', requester: '王工', purpose: '消防验收备查', dueOn: '2026-12-08', itemIds: [a, b, c] });
    for (const r of [first, req]) await ok(app, manager, 'archives.decide', { requestId: r.id, approve: true });
    await ok(app, archivist, 'archives.lend', { requestId: first.id, itemIds: [c] });
    // 3.4.07—3 is out with 刘会计: lending all three is refused whole, naming it, and nothing changes
    const before = snapshotStore(app);
    const e = await refused(app, archivist, 'archives.lend', { requestId: req.id, itemIds: [a, b, c] });
    expect(e.code).toBe('archives.already_out');
    expect(e.message['zh-CN']).toContain('3.4.07—3');
    expect(snapshotStore(app)).toEqual(before);

    await ok(app, archivist, 'archives.lend', { requestId: req.id, itemIds: [a, b] });
    expect((await ok(app, archivist, 'archives.loans', {})).map((l) => [l.ref_code, l.borrower]).sort()).toEqual([['3.4.07—1', '王工'], ['3.4.07—2', '王工'], ['3.4.07—3', '刘会计']]);
    // a return of several where one was never lent on loan is refused whole as well
    const never = (await ok(app, archivist, 'archives.index', item('未借出的档案'))).id;
    const mid = snapshotStore(app);
    expect((await refused(app, archivist, 'archives.return', { itemIds: [a, never], condition: 'good' })).code).toBe('archives.not_lent');
    expect(snapshotStore(app)).toEqual(mid);
    await ok(app, archivist, 'archives.return', { itemIds: [a, b], condition: 'good', note: '完好' });
    expect((await ok(app, archivist, 'archives.loans', {})).map((l) => l.ref_code)).toEqual(['3.4.07—3']);
    const reg = await ok(app, archivist, 'archives.register', { limit: 50 });
    expect(reg.filter((r) => r.event === 'returned').map((r) => [r.ref_code, r.note]).sort()).toEqual([['3.4.07—1', 'good：完好'], ['3.4.07—2', 'good：完好']]);
  });

  it('needs an approved request to register reading or copying, except the centre head reading in person', async () => {
    const { app, archivist, manager, cashier, a } = await desk();
    expect((await refused(app, cashier, 'archives.recordUse', { itemIds: [a], event: 'read' })).code).toBe('archives.needs_request');
    await ok(app, manager, 'archives.recordUse', { itemIds: [a], event: 'read' });
    const copy = await ok(app, cashier, 'archives.request', { kind: 'copy', requester: '李娜', purpose: '收费依据复印', itemIds: [a] });
    expect((await refused(app, archivist, 'archives.recordUse', { itemIds: [a], event: 'copied', requestId: copy.id })).code).toBe('archives.request_not_approved');
    await ok(app, manager, 'archives.decide', { requestId: copy.id, approve: true });
    expect((await refused(app, archivist, 'archives.recordUse', { itemIds: [a], event: 'read', requestId: copy.id })).code).toBe('archives.request_wrong_kind');
    await ok(app, archivist, 'archives.recordUse', { itemIds: [a], event: 'copied', requestId: copy.id });
    const events = (await ok(app, archivist, 'archives.register', { itemId: a, limit: 50 })).map((r) => [r.event, r.person]).reverse();
    expect(events).toEqual([['read', '陈主任'], ['requested', '李娜'], ['approved', '李娜'], ['copied', '李娜']]);
    // a restricted item cannot be opened by a cashier, but can be asked for
    const secret = await ok(app, archivist, 'archives.index', item('人事档案', { confidentiality: 'restricted' }));
    expect((await refused(app, cashier, 'archives.item', { id: secret.id })).code).toBe('archives.restricted');
    await ok(app, cashier, 'archives.request', { kind: 'read', requester: '李娜', purpose: '核对入职信息', itemIds: [secret.id] });
    // a borrow request needs a due date, not in the past
    expect((await refused(app, cashier, 'archives.request', { kind: 'borrow', requester: 'x', purpose: 'y', itemIds: [a] })).code).toBe('archives.due_required');
    expect((await refused(app, cashier, 'archives.request', { kind: 'borrow', requester: 'x', purpose: 'y', dueOn: '2026-11-30', itemIds: [a] })).code).toBe('archives.bad_due');
  });
});

describe('retention appraisal', () => {
  it('lists items past their period; keeping one defers it, destroying one needs approval and keeps its code for ever', async () => {
    const { app, archivist, manager } = await desk();
    const old1 = await ok(app, archivist, 'archives.index', item('2010年巡查记录', { category: 1, cls: 4, year: 2010, retention: '10' }));
    const old2 = await ok(app, archivist, 'archives.index', item('2015年值班记录', { category: 1, cls: 4, year: 2015, retention: '5' }));
    await ok(app, archivist, 'archives.index', item('2020年值班记录', { category: 1, cls: 4, year: 2020, retention: '10' })); // runs to 2030
    expect((await ok(app, archivist, 'archives.appraisalDue', {})).map((d) => [d.ref_code, d.until])).toEqual([['1.4.07—1', 2020], ['1.4.07—2', 2020]]);
    const notDue = await refused(app, archivist, 'archives.appraise', { itemId: (await ok(app, archivist, 'archives.search', { text: '2020年值班' }))[0]!.id, decision: 'destroy', reason: 'x' });
    expect(notDue.code).toBe('archives.not_due');

    await ok(app, archivist, 'archives.appraise', { itemId: old1.id, decision: 'keep', reason: '仍有参考价值', keepYears: 5 });
    const proposal = await ok(app, archivist, 'archives.appraise', { itemId: old2.id, decision: 'destroy', reason: '已无保存价值' });
    expect(proposal.status).toBe('pending');
    expect((await ok(app, archivist, 'archives.appraisalDue', {})).map((d) => [d.ref_code, d.pending_reason])).toEqual([['1.4.07—2', '已无保存价值']]);
    expect((await refused(app, archivist, 'archives.decideDestruction', { appraisalId: proposal.id, approve: true })).code).toBe('auth.forbidden');
    await ok(app, manager, 'archives.decideDestruction', { appraisalId: proposal.id, approve: true });
    expect(rows(app, 'SELECT ref_code, status FROM archive_item WHERE id = ?', old2.id)).toEqual([{ ref_code: '1.4.07—2', status: 'destroyed' }]);
    expect(await ok(app, archivist, 'archives.appraisalDue', {})).toEqual([]);
    // the code is never given again
    expect((await ok(app, archivist, 'archives.index', item('新记录', { category: 1, cls: 4 }))).refCode).toBe('1.4.07—4');
    const reg = (await ok(app, archivist, 'archives.register', { itemId: old2.id, limit: 10 })).map((r) => r.event).reverse();
    expect(reg).toEqual(['destroy_proposed', 'destroyed']);
    // a destroyed item can be neither requested nor decided again
    expect((await refused(app, archivist, 'archives.request', { kind: 'read', requester: 'x', purpose: 'y', itemIds: [old2.id] })).code).toBe('archives.destroyed');
    expect((await refused(app, manager, 'archives.decideDestruction', { appraisalId: proposal.id, approve: true })).code).toBe('archives.appraisal_not_found');
  });
});

describe('the printed catalogue', () => {
  it('lists a class or a year in code order with department names', async () => {
    const { app, cashier, archivist } = await desk();
    await ok(app, archivist, 'archives.index', item('电梯年检报告', { category: 2, cls: 7, department: '03', year: 2025 }));
    const cls = await ok(app, cashier, 'archives.catalogue', { codePrefix: '3.4' });
    expect(cls.map((r) => [r.ref_code, r.department_name])).toEqual([['3.4.07—1', '综合行政部'], ['3.4.07—2', '综合行政部']]);
    expect((await ok(app, cashier, 'archives.catalogue', { year: 2025 })).map((r) => r.ref_code)).toEqual(['2.7.03—1']);
  });
});

describe('the register of a month', () => {
  it('lists the lines of one month in the site\'s calendar: a reading at 01:00 Beijing on the 1st belongs to that month, not the one before', async () => {
    const { app, manager, a } = await desk();
    app.clock.set('2026-11-30T15:00:00.000Z'); // 23:00 on 30 November in Beijing
    await ok(app, manager, 'archives.recordUse', { itemIds: [a], event: 'read', note: '十一月' });
    app.clock.set('2026-11-30T17:00:00.000Z'); // 01:00 on 1 December in Beijing
    await ok(app, manager, 'archives.recordUse', { itemIds: [a], event: 'read', note: '十二月' });
    const notes = async (month: string) => (await ok(app, manager, 'archives.register', { month })).map((l) => l.note);
    expect(await notes('2026-11')).toEqual(['十一月']);
    expect(await notes('2026-12')).toEqual(['十二月']);
    expect(await notes('2026-10')).toEqual([]);
    expect((await refused(app, manager, 'archives.register', { month: '2026-13' })).code).toBe('api.invalid_input');
  });
});
