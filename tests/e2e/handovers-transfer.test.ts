import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiOk as api, btn, chooseOption, closePrintPreview, noToasts, setUpSite, settled, shot, shotWindow, switchUser, useDesk } from './harness';
import { printout } from './print';
import { deskToday } from '../../db/time/site-time';

/**
 * The archive transfer list in Chromium: the archivist picks a file that is due from the 交接
 * area's 档案移交 tab and adds a line of papers not yet indexed, counts both on the spot, four
 * people each draw their signature with the mouse (three of them staff signing in on the spot,
 * the company's archive head by name), and the list is printed on A4 with the four signature
 * images and names; the item then lies in the archive room, on its catalogue screen. A second
 * list is signed on paper: the four named in the dialog, one scanned sheet attached for all.
 */
const ARCHIVIST = { username: 'wufang', displayName: '吴芳', password: 'Arch2026a', role: 'archivist' };
const DESK = { username: 'lixm', displayName: '李晓梅', password: 'Desk2026a', role: 'receptionist' };
const HEAD1 = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };
/** the company archive room's head: no account in this store, signs by hand and name */
const OUTSIDER = { displayName: '赵建国' };

const SIGNERS = [['handing', DESK], ['receiving', ARCHIVIST], ['head_handing', HEAD1], ['head_receiving', OUTSIDER]] as const;

/** Each of the four draws on their own pad (a stroke each a little different); staff sign in, the outsider gives a name. */
async function signFour(page: Page) {
  await page.getByTestId('tr-pad-head_receiving').waitFor();
  await settled(page);
  for (const [n, [role]] of SIGNERS.entries()) {
    const pad = page.getByTestId(`tr-pad-${role}`);
    await pad.scrollIntoViewIfNeeded();
    const at = (await pad.boundingBox())!;
    await page.mouse.move(at.x + 20, at.y + 70);
    await page.mouse.down();
    for (const [dx, dy] of [[50, 25], [80, 85], [120, 30 + n * 10], [160, 90], [200, 40], [240 + n * 15, 75]] as const) await page.mouse.move(at.x + dx, at.y + dy, { steps: 5 });
    await page.mouse.up();
  }
  await nameFour(page);
}

/** The four named in the signing dialog: staff sign in on the spot, the outsider gives a name. */
async function nameFour(page: Page) {
  for (const [role, who] of SIGNERS) {
    const box = page.getByTestId(`tr-signer-${role}`);
    if ('username' in who) {
      await box.getByLabel('员工用户名').fill(who.username);
      await box.getByLabel('密码').fill(who.password);
    } else {
      await page.getByTestId(`tr-outsider-${role}`).check();
      await box.getByLabel('签字人姓名').fill(who.displayName);
    }
  }
}

describe('the archive transfer list on screen', () => {
  const suite = useDesk();
  let page: Page;
  let itemRef = '';
  const year = deskToday(new Date()).year; // the desk's year at the site's offset

  beforeAll(async () => {
    page = suite.page;
    await setUpSite(page);
    for (const s of [ARCHIVIST, DESK, HEAD1]) await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    await switchUser(page, ARCHIVIST);
    itemRef = (await api<{ refCode: string }>(page, 'archives.index', {
      category: 3, cls: 3, department: '08', title: '关于更换消防水泵的请示', year, form: 'paper', producedOn: `${year}-01-05`, locationRoom: '服务中心资料室', cabinet: 'B1',
    })).refCode;
  });

  it('picks a due file and an unindexed line, counts them, is signed by four people and printed', async () => {
    await page.goto(`${suite.desk.url}#/handovers/transfer`);
    const due = page.getByTestId('transfer-due');
    await due.getByText(itemRef).waitFor();
    expect(await due.textContent()).toContain('一个月内');
    await due.locator('tr', { hasText: itemRef }).locator('input[type=checkbox]').check();
    await page.getByTestId('tr-add-line').click();
    await page.getByTestId('tr-free-name-0').fill(`${year} 年装修申请表`);
    await page.getByTestId('tr-free-class-0').fill('1.1');
    await page.getByTestId('tr-free-count-0').fill('42');
    await page.getByTestId('tr-from').fill('服务中心A');
    await shot(page, 'transfer-pick-zh');
    await page.getByTestId('tr-create').click();
    await page.getByTestId('transfer-view').waitFor();
    await expect.poll(() => page.getByTestId('ho-number').textContent()).toBe(`YJ-${year}-0001`);

    // a pad left empty is named before anything is sent; signing before counting is refused, naming the line
    await page.getByTestId('tr-sign').click();
    await page.getByTestId('tr-pad-head_receiving').waitFor();
    // the dialog zooms in: a press while it still grows can end (mouse up) beside the button, and no click is made
    await settled(page);
    await btn(page, '确认签署').click();
    await page.getByTestId('tr-undrawn-head_receiving').waitFor();
    await signFour(page);
    await btn(page, '确认签署').click();
    await page.getByText('不能签署：移交清单第 1 行尚未当场清点（请填写清点数量）。').waitFor();
    await page.locator('.ant-modal').getByRole('button', { name: /取\s?消/ }).click();

    await page.getByTestId('tr-counted-0').fill('1');
    await page.getByTestId('tr-counted-1').fill('41');
    await page.getByTestId('tr-notes').fill('装修申请表实点 41 份，缺 1 份待补交');
    await page.getByTestId('tr-sign').click();
    await signFour(page);
    await shotWindow(page, 'transfer-sign-zh');
    await btn(page, '确认签署').click();
    await page.getByTestId('ho-status').filter({ hasText: '已签署' }).waitFor();
    await noToasts(page);
    // the four drawn signatures stand on the screen, each with its signer's name
    for (const role of ['handing', 'receiving', 'head_handing', 'head_receiving']) await page.getByTestId(`sign-line-${role}`).locator('img[src^="data:image/png"]').waitFor();
    await shot(page, 'transfer-signed-zh');

    await page.getByTestId('ho-print').click();
    const pdf = await printout(page, 'transfer-list-zh');
    expect(pdf.pages).toBe(1);
    expect(pdf.size).toContain('(A4)');
    for (const text of ['档案移交清单', `YJ-${year}-0001`, '服务中心A', '公司档案室', itemRef, '关于更换消防水泵的请示', `${year} 年装修申请表`, '42', '41',
      '移交人', '李晓梅', '接收人', '吴芳', '移交部门负责人', '周红', '接收部门负责人', '赵建国', '缺 1 份待补交']) expect(pdf.text).toContain(text);
    // the four signatures are printed as images, not names typed on a line
    // (a drawn PNG is an image and its transparency mask)
    const images = execFileSync('pdfimages', ['-list', pdf.pdf], { encoding: 'utf8' }).trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/)[2]);
    expect(images.filter((kind) => kind === 'image').length).toBe(4);
    await closePrintPreview(page);

    // the file is no longer due and the catalogue shows where it went
    await page.goto(`${suite.desk.url}#/handovers/transfer`);
    await page.getByTestId('transfer-tab').waitFor();
    await expect.poll(() => page.getByTestId('transfer-due').getByText(itemRef).count()).toBe(0);
    await page.goto(`${suite.desk.url}#/archives`);
    await page.getByTestId('archive-table').getByText('关于更换消防水泵的请示').click();
    await page.getByTestId('item-custody').filter({ hasText: `保管：公司档案室（移交清单 YJ-${year}-0001` }).waitFor();
    // its location is now the archive room: the department's shelf place is gone
    const drawer = page.getByTestId('item-drawer');
    expect(await drawer.textContent()).not.toContain('服务中心资料室');
    await drawer.locator('.ant-descriptions-item-content', { hasText: /^公司档案室$/ }).waitFor();
    await settled(page);
    await shot(page, 'transfer-custody-zh');
    await page.keyboard.press('Escape');
  });

  it('reads and prints in English', async () => {
    const list = await api<{ id: string }[]>(page, 'handovers.list', { kind: 'transfer' });
    await page.getByTestId('language-switch').click();
    await page.goto(`${suite.desk.url}#/handovers/doc/${list[0]!.id}`);
    await page.getByTestId('transfer-view').getByText('Archive transfer').first().waitFor();
    await noToasts(page);
    await shot(page, 'transfer-signed-en');
    await page.getByTestId('ho-print').click();
    const pdf = await printout(page, 'transfer-list-en');
    for (const text of ['Archive Transfer List', `YJ-${year}-0001`, 'Handed over by', 'Received by', 'Head of handing department', 'Head of receiving department', '赵建国', '2 items in all'.replace('2', '43')]) expect(pdf.text).toContain(text);
    await closePrintPreview(page);
    // the signing dialog of a second list, in English: a pad, and a sign-in or a name, for each of the four
    const second = await api<{ id: string }>(page, 'handovers.startTransfer', { fromDept: '工程部', items: [{ itemId: null, name: '设备巡检记录', classCode: '2.1', count: 12 }] });
    await page.goto(`${suite.desk.url}#/handovers/doc/${second.id}`);
    await page.getByTestId('tr-sign').click();
    await page.getByTestId('tr-pad-head_receiving').waitFor();
    await page.getByTestId('tr-outsider-head_receiving').check();
    await page.getByTestId('tr-signer-head_receiving').getByText("Signer's name").waitFor();
    await shotWindow(page, 'transfer-sign-en');
    await page.locator('.ant-modal').getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${suite.desk.url}#/handovers/transfer`);
    await page.getByTestId('transfer-tab').getByText('Files due at the archive room').waitFor();
    await shot(page, 'transfer-due-en');
    await page.getByTestId('language-switch').click();
  });

  it('a transfer list signed on paper: one scan for the four, no pads; no scan or a non-scan refused; shown and printed as signed on paper', async () => {
    await switchUser(page, ARCHIVIST);
    const list = await api<{ id: string; number: string }>(page, 'handovers.startTransfer', {
      fromDept: '秩序维护部', items: [{ itemId: null, name: '门岗值班记录', classCode: '1.4', count: 6 }],
    });
    await page.goto(`${suite.desk.url}#/handovers/doc/${list.id}`);
    await page.getByTestId('tr-counted-0').fill('6');
    await page.getByTestId('tr-sign').click();
    await page.getByTestId('tr-pad-head_receiving').waitFor();
    await settled(page); // a click while the dialog still opens can miss the choice
    await page.getByTestId('tr-sign-method').getByText('纸质签字（扫描件）').click();
    // on paper there are no pads: the four are named as on screen
    await page.getByTestId('tr-sign-scan').waitFor();
    expect(await page.getByTestId('transfer-sign-modal').locator('canvas').count()).toBe(0);
    await nameFour(page);
    await btn(page, '确认签署').click();
    await page.getByTestId('tr-no-scan').filter({ hasText: '请先选择纸质签字单的扫描件。' }).waitFor();
    // a file that is no scan is refused by the store, in words, and the list stays a draft
    await page.getByTestId('tr-sign-scan').setInputFiles({ name: '签字人名单.txt', mimeType: 'text/plain', buffer: Buffer.from('李晓梅 吴芳 周红 赵建国') });
    await btn(page, '确认签署').click();
    await page.getByText('纸质签字单的扫描件须为 PDF、PNG 或 JPEG 文件。').first().waitFor();
    expect((await api<{ status: string }>(page, 'handovers.get', { id: list.id })).status).toBe('draft');
    // the printed list the four signed by hand, scanned to PNG
    const scan = await page.screenshot();
    await page.getByTestId('tr-sign-scan').setInputFiles({ name: '档案移交清单-签字页.png', mimeType: 'image/png', buffer: scan });
    await nameFour(page); // a refusal cleared the passwords
    await shotWindow(page, 'transfer-paper-sign-zh');
    await btn(page, '确认签署').click();
    await page.getByTestId('ho-status').filter({ hasText: '已签署' }).waitFor();
    for (const [role] of SIGNERS) await page.getByTestId(`sign-line-${role}`).getByText('纸质签字，扫描件见附件').waitFor();
    expect(await page.getByTestId('transfer-view').locator('.ho-sign img').count()).toBe(0);
    await noToasts(page);
    await shot(page, 'transfer-paper-signed-zh');
    const sha = createHash('sha256').update(scan).digest('hex');
    type Sig = { role: string; signer_name: string; method: string; image_sha256: string | null };
    const view = await api<{ signatures: Sig[] }>(page, 'handovers.get', { id: list.id });
    expect(view.signatures.map((x) => [x.role, x.signer_name, x.method, x.image_sha256]))
      .toEqual(SIGNERS.map(([role, who]) => [role, who.displayName, 'paper', sha]));
    // the scan as attached is the scan as kept
    expect(await page.getByTestId('ho-paper-scan').getAttribute('href')).toBe(`data:image/png;base64,${scan.toString('base64')}`);

    await page.getByTestId('ho-print').click();
    const pdf = await printout(page, 'transfer-paper-zh');
    for (const text of ['档案移交清单', list.number, '秩序维护部', '门岗值班记录', '移交人', '李晓梅', '接收人', '吴芳', '周红', '赵建国']) expect(pdf.text).toContain(text);
    expect(pdf.text.split('纸质签字，扫描件见附件').length - 1).toBe(4);
    // no signature images on the sheet: the scan is attached, not printed on the lines
    expect(execFileSync('pdfimages', ['-list', pdf.pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)).toEqual([]);
    await closePrintPreview(page);

    // read afresh from the store: the four paper signatures and the scan are kept
    await page.reload();
    await page.getByTestId('sign-line-head_receiving').getByText('纸质签字，扫描件见附件').waitFor();
    await page.getByTestId('ho-paper-scan').waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('sign-line-handing').getByText('Signed on paper; scan attached').waitFor();
    await shot(page, 'transfer-paper-signed-en');
    await page.getByTestId('ho-print').click();
    const en = await printout(page, 'transfer-paper-en');
    for (const text of ['Archive Transfer List', list.number, 'Handed over by', 'Signed on paper; scan attached', '赵建国']) expect(en.text).toContain(text);
    await closePrintPreview(page);
    // the signing dialog's choice, in English, on a list not yet signed
    const other = await api<{ id: string }>(page, 'handovers.startTransfer', {
      fromDept: '工程部', items: [{ itemId: null, name: '电梯维保记录', classCode: '2.1', count: 3 }],
    });
    await page.goto(`${suite.desk.url}#/handovers/doc/${other.id}`);
    await page.getByTestId('tr-sign').click();
    await page.getByTestId('tr-sign-method').waitFor();
    await settled(page);
    await page.getByTestId('tr-sign-method').getByText('Signed on paper (scanned)').click();
    await page.getByText('Choose the scan of the signed sheet (PDF, PNG, JPEG)').waitFor();
    await shotWindow(page, 'transfer-paper-sign-en');
    await page.locator('.ant-modal').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('language-switch').click();
  });

  it('the archivist marks a file a major-event paper on its screen, and it is then due within a month', async () => {
    await switchUser(page, ARCHIVIST);
    const ref = (await api<{ refCode: string }>(page, 'archives.index', { category: 1, cls: 4, department: '08', title: '地下车库水浸处置记录', year, form: 'paper', producedOn: `${year}-02-10` })).refCode;
    await page.goto(`${suite.desk.url}#/handovers/transfer`);
    const row = page.getByTestId('transfer-due').locator('tr', { hasText: ref });
    await row.getByText('次年 6 月底前').waitFor();
    await page.goto(`${suite.desk.url}#/archives`);
    await page.getByTestId('archive-table').getByText('地下车库水浸处置记录').click();
    await page.getByTestId('item-major-event').getByText('重大事件文件').click();
    await expect.poll(() => page.getByTestId('item-major-event').locator('input').isChecked()).toBe(true);
    await settled(page);
    await shot(page, 'archive-item-major-event-zh');
    await page.keyboard.press('Escape');
    // kept in the store: after a reload the due list reads a month from when it was formed
    await page.reload();
    await page.goto(`${suite.desk.url}#/handovers/transfer`);
    await page.getByTestId('transfer-due').locator('tr', { hasText: ref }).getByText('一个月内').waitFor();
    expect(await page.getByTestId('transfer-due').locator('tr', { hasText: ref }).textContent()).toContain(`${year}-03-10`);
  });

  it('a move-in signed on paper: the scanned sheet attached in the signing dialog, kept by its hash, shown and printed as signed on paper', async () => {
    await switchUser(page, HEAD1);
    const b = await api(page, 'registry.saveBuilding', { code: '5', name: '5栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '1', name: '1单元' });
    const roomId = (await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '1202', area: '88.00', usage: 'residential', state: 'vacant' })).id;
    await switchUser(page, DESK);
    const draft = await api<{ id: string; number: string }>(page, 'handovers.start', { kind: 'move_in', roomId });
    await api(page, 'handovers.save', { id: draft.id, body: {
      occupant: { id: null, kind: 'owner', name: '孙志强', phone: '13812345678', idType: 'resident_id', idNumber: '11010519491231002X', idChecked: true },
      cards: '', keys: [{ kind: '入户门', count: 2, numbers: '' }],
      meters: [{ meter: 'water', meterNo: 'W-5', reading: '12' }, { meter: 'electricity', meterNo: 'E-5', reading: '300' }, { meter: 'gas', meterNo: 'G-5', reading: '8' }],
      checklist: [{ item: '入户门', condition: 'ok', remark: '' }], documents: ['住户手册'], moveInDate: null, remarks: '',
    } });
    await page.goto(`${suite.desk.url}#/handovers/doc/${draft.id}`);
    await page.getByTestId('handover-form').waitFor();
    // the sheet the occupant signed by hand, scanned to PDF
    const scan = await page.pdf({ width: '210mm', height: '297mm' });
    await page.getByTestId('ho-sign').click();
    // a click while the signing dialog still zooms in can miss 纸质签字, and the dialog asks for a drawn signature instead
    await page.getByTestId('sign-method').waitFor();
    await settled(page);
    await page.getByTestId('sign-method').getByText('纸质签字（扫描件）').click();
    // signing without the scan is stopped in the dialog, naming what is missing
    await page.getByLabel('员工用户名').fill(DESK.username);
    await page.getByLabel('密码').fill(DESK.password);
    await btn(page, '确认签署').click();
    await page.getByText('请先选择纸质签字单的扫描件。').waitFor();
    await page.getByTestId('sign-scan').setInputFiles({ name: '入伙交接单-签字页.pdf', mimeType: 'application/pdf', buffer: scan });
    await shotWindow(page, 'handover-paper-sign-zh');
    await btn(page, '确认签署').click();
    await page.getByTestId('ho-status').filter({ hasText: '已签署' }).waitFor();
    await noToasts(page);
    await page.getByTestId('ho-paper-scan').waitFor();
    await shot(page, 'handover-paper-signed-zh');
    const view = await api<{ signatures: { role: string; method: string; image_sha256: string | null }[] }>(page, 'handovers.get', { id: draft.id });
    const sha = createHash('sha256').update(scan).digest('hex');
    expect(view.signatures.map((x) => [x.role, x.method, x.image_sha256])).toEqual([['occupant', 'paper', sha], ['staff', 'attest', null]]);
    // the scan as attached is the scan as kept
    expect(await page.getByTestId('ho-paper-scan').getAttribute('href')).toBe(`data:application/pdf;base64,${scan.toString('base64')}`);

    await page.getByTestId('ho-print').click();
    const pdf = await printout(page, 'handover-paper-zh');
    for (const text of ['入伙交接单', draft.number, '纸质签字，扫描件见附件', '孙志强', '李晓梅']) expect(pdf.text).toContain(text);
    await closePrintPreview(page);

    await page.getByTestId('language-switch').click();
    await page.getByTestId('ho-paper-scan').filter({ hasText: 'Open the scan' }).waitFor();
    await shot(page, 'handover-paper-signed-en');
    await page.getByTestId('ho-print').click();
    const en = await printout(page, 'handover-paper-en');
    for (const text of [draft.number, 'Signed on paper; scan attached', '孙志强']) expect(en.text).toContain(text);
    await closePrintPreview(page);
    await page.getByTestId('language-switch').click();
  });

  it('the admin edits a shop\'s facilities checklist, and a shop\'s move-in starts from it', async () => {
    await switchUser(page, ADMIN);
    await page.goto(`${suite.desk.url}#/handovers/admin`);
    await page.getByTestId('lists-admin').waitFor();
    await chooseOption(page, page.getByTestId('lists-usage'), '商铺');
    await page.getByTestId('lists-facility').fill('卷帘门\n玻璃门\n消防喷淋\n配电箱');
    await page.getByTestId('lists-save-facility').click();
    await page.getByText('已保存').first().waitFor();
    await shot(page, 'handover-lists-admin-zh');
    const shop = await api<{ facility: string[] }>(page, 'handovers.lists', { usage: 'shop' });
    expect(shop.facility).toEqual(['卷帘门', '玻璃门', '消防喷淋', '配电箱']);
    expect((await api<{ facility: string[] }>(page, 'handovers.lists', { usage: 'residential' })).facility).toContain('热水器');
  });
});
