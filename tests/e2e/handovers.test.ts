import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiOk as api, btn, closePrintPreview, noToasts, settled, setUpSite, shot, shotWindow, switchUser, useDesk, chooseOption } from './harness';
import { printout } from './print';
import { deskToday } from '../../db/time/site-time';

/**
 * A move-in handover as the receptionist does it, in Chromium against browser mode: started
 * from the room card, keys, three base readings, a checklist with a defective window that
 * opens a repair case, the occupant's signature drawn with the mouse, the staff member
 * signing in on the spot; printed to PDF and read back. The next water bill counts from the
 * base; a correction is version 2; a move-out with a key missing and final readings billed;
 * a cashier's mid-day shift handover acknowledged by the incoming cashier signing in.
 */
const DESK = { username: 'lixm', displayName: '李晓梅', password: 'Desk2026a', role: 'receptionist' };
const CASHIER = { username: 'qianmin', displayName: '钱敏', password: 'Cash2026a', role: 'cashier' };
const SUPERVISOR = { username: 'zhouhong', displayName: '周红', password: 'Boss2026a', role: 'supervisor' };
const CASHIER2 = { username: 'sunli', displayName: '孙丽', password: 'Cash2026b', role: 'cashier' };

async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  for (const [dx, dy] of [[60, 40], [90, 110], [130, 50], [170, 120], [210, 60], [260, 100]] as const) await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await page.mouse.up();
}

async function signHere(page: Page) {
  await page.getByTestId('signature-pad').waitFor();
  // the dialog zooms in: a stroke drawn before it stands still would land beside the pad
  await settled(page);
  await drawSignature(page);
  await page.getByLabel('员工用户名').fill(DESK.username);
  await page.getByLabel('密码').fill(DESK.password);
  await shotWindow(page, 'handover-sign-zh');
  await btn(page, '确认签署').click();
  await page.getByTestId('ho-status').filter({ hasText: '已签署' }).waitFor();
}

describe('move-in and move-out handovers in browser mode', () => {
  const suite = useDesk();
  let page: Page;
  let roomId = '';
  let moveInId = '';
  const year = deskToday(new Date()).year; // the desk's year at the site's offset

  beforeAll(async () => {
    page = suite.page;
    await setUpSite(page);
    for (const s of [DESK, CASHIER, SUPERVISOR, CASHIER2]) await api(page, 'staff.create', { username: s.username, displayName: s.displayName, role: s.role, password: s.password });
    for (const [code, name, meter, unit, price] of [['SF', '水费', 'water', '吨', '3.45'], ['DF', '电费', 'electricity', '度', '0.538'], ['RQF', '燃气费', 'gas', 'm³', '3']] as const) {
      const item = await api(page, 'fees.saveItem', { code, name, kind: 'metered', meter, unit });
      await api(page, 'fees.addRate', { itemId: item.id, validFrom: '2026-01', price });
    }
    await switchUser(page, SUPERVISOR);
    const b = await api(page, 'registry.saveBuilding', { code: '3', name: '3栋' });
    const u = await api(page, 'registry.saveUnit', { buildingId: b.id, code: '2', name: '2单元' });
    roomId = (await api(page, 'registry.saveRoom', { buildingId: b.id, unitId: u.id, roomNo: '801', area: '96.00', usage: 'residential', state: 'vacant' })).id;
    await switchUser(page, DESK);
  });

  it('runs a move-in from the room card: keys, base readings, a defect that opens a repair case, a drawn signature; prints it', async () => {
    await page.goto(`${suite.desk.url}#/registry/room/${roomId}`);
    await page.getByTestId('room-handovers').waitFor();
    await page.getByTestId('start-move-in').click();
    await page.getByTestId('handover-form').waitFor();
    await expect.poll(() => page.getByTestId('ho-number').textContent()).toBe(`RH-${year}-0001`);

    await page.getByTestId('ho-occ-name').fill('刘洋');
    await page.getByTestId('ho-occ-phone').fill('13912345678');
    await page.getByTestId('ho-occ-id').fill('11010519491231002X');
    await page.getByTestId('ho-id-checked').check();
    await page.getByTestId('ho-cards').fill('MJ-0081, MJ-0082');
    await page.getByTestId('ho-key-count-0').fill('2');
    await page.getByTestId('ho-key-numbers-0').fill('A1 A2');
    await page.getByTestId('ho-key-count-2').fill('1');
    await page.getByTestId('ho-meterno-water').fill('W-2019-331');
    await page.getByTestId('ho-reading-water').fill('120.00');
    await page.getByTestId('ho-reading-electricity').fill('500');
    await page.getByTestId('ho-reading-gas').fill('30.5');
    await page.getByTestId('ho-cond-1').getByText('有缺陷').click();
    await page.getByTestId('ho-remark-1').fill('主卧窗框渗水');
    await page.getByTestId('ho-repair-1').click();
    await page.getByTestId('ho-case-1').waitFor();
    const caseNo = (await page.getByTestId('ho-case-1').textContent())!.replace('报修单 ', '');
    await expect.poll(() => page.getByTestId('ho-occ-name').inputValue()).toBe('刘洋');
    await shot(page, 'handover-move-in-draft-zh');

    await page.getByTestId('ho-sign').click();
    await signHere(page);
    moveInId = decodeURIComponent(page.url().split('/handovers/doc/')[1]!);
    const view = await api<{ signatures: { role: string; method: string; image_sha256: string | null }[]; bodySha256: string; room: { state: string } }>(page, 'handovers.get', { id: moveInId });
    expect(view.signatures.map((s) => [s.role, s.method, !!s.image_sha256])).toEqual([['occupant', 'drawn', true], ['staff', 'attest', false]]);
    expect(view.room.state).toBe('occupied');
    const cases = await api<{ rows: { case_no: string; kind: string }[] }>(page, 'complaints.queue', { state: 'all', roomId, limit: 5 });
    expect(cases.rows.map((r) => [r.case_no, r.kind])).toEqual([[caseNo, 'repair']]);
    await shot(page, 'handover-move-in-signed-zh');

    await page.getByTestId('ho-print').click();
    const pdf = await printout(page, 'handover-move-in-zh');
    expect(pdf.pages).toBe(1);
    expect(pdf.size).toContain('(A4)');
    for (const text of ['入伙交接单', `RH-${year}-0001`, '3-2-801', '刘洋', '入户门', 'A1 A2', 'W-2019-331', '120.00', '30.5', '窗户', '有缺陷', '主卧窗框渗水', caseNo, '住户签字', '经办人签字', '李晓梅']) expect(pdf.text).toContain(text);
    // the hash of what was signed, printed (wrapped at will by the layout: compared without spaces)
    expect(pdf.text.replace(/\s+/g, '')).toContain(view.bodySha256);
    await closePrintPreview(page);
  });

  it('the next water bill counts from the base reading', async () => {
    await switchUser(page, CASHIER);
    const period = (await api<{ month: string; day: string }>(page, 'time.today', {}));
    const r = await api<{ use: number; bill: { amount: number } | null }>(page, 'fees.reading', { roomId, meter: 'water', period: period.month, readOn: period.day, reading: '125' });
    expect(r).toMatchObject({ use: 500, bill: { amount: 1725 } });
    await switchUser(page, DESK);
  });

  it('corrects the signed move-in as version 2 under the same number', async () => {
    await page.goto(`${suite.desk.url}#/handovers/doc/${moveInId}`);
    await page.getByTestId('ho-correct').click();
    await page.getByTestId('ho-correct-reason').fill('信报箱钥匙应为 2 把');
    await page.keyboard.press('Enter');
    await page.getByText('第 2 版').first().waitFor();
    await expect.poll(() => page.getByTestId('ho-status').textContent()).toBe('草稿');
    await page.getByTestId('ho-key-count-2').fill('2');
    await page.getByTestId('ho-sign').click();
    await signHere(page);
    expect(await page.getByTestId('ho-number').textContent()).toBe(`RH-${year}-0001`);
    await page.goto(`${suite.desk.url}#/registry/room/${roomId}`);
    const rows = page.getByTestId('room-handover-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('第 2 版');
    expect(await rows.nth(1).textContent()).toContain('已更正');
    await shot(page, 'handover-room-card-zh');
  });

  it('moves out with a key missing and final readings billed; the room is vacant; in English too', async () => {
    await page.getByTestId('start-move-out').click();
    await page.getByTestId('handover-form').waitFor();
    await expect.poll(() => page.getByTestId('ho-number').textContent()).toBe(`QC-${year}-0001`);
    await page.getByTestId('ho-key-count-2').fill('1');
    await page.getByTestId('ho-reading-water').fill('130');
    await page.getByTestId('ho-reading-electricity').fill('600');
    await page.getByTestId('ho-cond-2').getByText('有缺陷').click();
    await page.getByTestId('ho-save').click();
    await page.getByTestId('ho-missing-keys').filter({ hasText: '信报箱 ×1' }).waitFor();
    await shot(page, 'handover-move-out-draft-zh');
    await page.getByTestId('ho-sign').click();
    await signHere(page);
    // 130 − 125 = 5 t × 3.45 = ¥17.25 (the periodic bill of ¥17.25 before it is owed too); 100 kWh × 0.538 = ¥53.80
    await expect.poll(() => page.getByTestId('ho-owed').textContent()).toBe('¥88.30');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Move-out', { exact: true }).first().waitFor();
    await shot(page, 'handover-move-out-signed-en');
    await page.getByTestId('ho-print').click();
    const pdf = await printout(page, 'handover-move-out-en');
    for (const text of ['Move-out Handover Form', `QC-${year}-0001`, 'Keys not returned', '信报箱 ×1', 'Final readings billed', 'Water: use 5.00, billed ¥17.25', 'Electricity: use 100.00, billed ¥53.80', 'The room still owes 88.30 yuan', 'Defective (At move-in: Good)']) expect(pdf.text).toContain(text);
    await closePrintPreview(page);
    await page.goto(`${suite.desk.url}#/registry/room/${roomId}`);
    await page.getByTestId('room-state').filter({ hasText: 'Vacant' }).waitFor();
    await page.goto(`${suite.desk.url}#/handovers`);
    await page.getByTestId('handovers-page').getByText(`QC-${year}-0001`).waitFor();
    await shot(page, 'handovers-list-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByTestId('handovers-page').getByText('迁出交接').first().waitFor();
    await shot(page, 'handovers-list-zh');
  });

  it('a cashier hands over mid-day: the cash since then is listed, the incoming cashier acknowledges by signing in', async () => {
    // the desk's key register: a public-area key registered, then lent by the cashier
    await page.goto(`${suite.desk.url}#/handovers/keys`);
    await page.getByTestId('key-add').click();
    await page.getByTestId('key-label').fill('天台门');
    await page.getByTestId('key-count').fill('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('key-lend-天台门').waitFor();
    await switchUser(page, CASHIER);
    await page.goto(`${suite.desk.url}#/handovers/keys`);
    await page.getByTestId('key-lend-天台门').click();
    await page.getByTestId('key-borrower').fill('维修班王师傅');
    await page.getByTestId('key-purpose').fill('检修水箱');
    await page.keyboard.press('Enter');
    await page.getByTestId('key-return-天台门').waitFor();
    await shot(page, 'handover-keys-zh');
    const account = await api<{ lines: { id: string; owed: number }[] }>(page, 'fees.roomAccount', { roomId });
    const line = account.lines[0]!;
    const paid = await api<{ number: string }>(page, 'fees.pay', { roomId, lines: [{ billId: line.id, amount: line.owed }], methods: [{ method: 'cash', amount: line.owed }] });
    await page.goto(`${suite.desk.url}#/handovers/shift`);
    await chooseOption(page, page.getByTestId('shift-incoming'), '孙丽');
    await page.getByTestId('shift-notes').fill('备用金 500 元在左侧抽屉');
    await page.getByTestId('shift-start-button').click();
    await page.getByTestId('shift-view').waitFor();
    await expect.poll(() => page.getByTestId('shift-cash').textContent()).toContain(`${paid.number} 至 ${paid.number}`);
    expect(await page.getByTestId('shift-cash').textContent()).toContain(`现金：¥${(line.owed / 100).toFixed(2)}`);
    expect(await page.getByTestId('shift-keys').textContent()).toContain('天台门');
    expect(await page.getByTestId('shift-view').textContent()).toContain('孙丽');
    expect(await page.getByTestId('shift-ack').count()).toBe(0); // not offered to the outgoing cashier
    await shot(page, 'handover-shift-zh');

    await switchUser(page, CASHIER2);
    await page.getByTestId('pending-shifts').getByText(`JB-${year}-0001`).click();
    await page.getByTestId('shift-view').waitFor();
    await page.getByTestId('shift-ack').click();
    // the outgoing cashier's own sign-in is refused
    await page.getByLabel('员工用户名').fill(CASHIER.username);
    await page.getByLabel('密码').fill(CASHIER.password);
    await page.keyboard.press('Enter');
    await page.getByText('钱敏 是交班人，不能自己确认接班。').waitFor();
    await page.getByLabel('员工用户名').fill(CASHIER2.username);
    await page.getByLabel('密码').fill(CASHIER2.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('ho-status').filter({ hasText: '已签署' }).waitFor();
    await page.goto(`${suite.desk.url}#/home`);
    await page.getByTestId('home-greeting').waitFor();
    expect(await page.getByTestId('pending-shifts').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${suite.desk.url}#/handovers/doc/${decodeURIComponent((await api<{ id: string }[]>(page, 'handovers.list', { kind: 'shift' }))[0]!.id)}`);
    await page.getByTestId('shift-view').getByText('Shift handover').first().waitFor();
    await noToasts(page);
    await shot(page, 'handover-shift-en');
    await page.getByTestId('ho-print').click();
    const en = await printout(page, 'handover-shift-en');
    for (const text of ['Shift Handover Record', `JB-${year}-0001`, 'Keys the desk holds', '天台门', '维修班王师傅', '钱敏', '孙丽', 'Outgoing', 'Incoming']) expect(en.text).toContain(text);
    await closePrintPreview(page);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByTestId('shift-view').getByText('交接班').first().waitFor();
    await page.getByTestId('ho-print').click();
    const zh = await printout(page, 'handover-shift-zh');
    for (const text of ['交接班记录', '前台保管的钥匙', '借出未还：1 把', '天台门', '交班人', '接班人', '钱敏', '孙丽', '备用金 500 元在左侧抽屉']) expect(zh.text).toContain(text);
    await closePrintPreview(page);
  });
});
