import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, type Desk, setUpSite, shot, signIn, useDesk, btn, focusedWithin, settledWithin } from './harness';
import { deskToday } from '../../db/time/site-time';

/**
 * The registry screens as the desk uses them, in Chromium against browser mode: a
 * receptionist builds 3栋 → 2单元 → 501 through the forms, registers the owner, finds the
 * room by the phone's last four digits and by 32501, moves the owner out and sees them
 * in the history; a cashier may look but not edit, and the store refuses a direct write.
 */
const RECEPTIONIST = { username: 'zhaoli', displayName: '赵丽', password: 'Desk2026a' };
const CASHIER = { username: 'wangfang', displayName: '王芳', password: 'Cash2026x' };
const OWNER = { name: '张伟', phone: '138 1234 5678', id: '11010519491231002X' };
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);

describe('the registry screens', () => {
  const suite = useDesk();
  let desk: Desk;
  let browser: Browser;
  let page: Page;
  let roomId = '';

  async function signOutAndIn(who: { username: string; password: string; displayName: string }) {
    await btn(page, '退出登录').click();
    await page.getByText('员工登录').waitFor();
    await signIn(page, who.username, who.password);
    await expect(page.getByTestId('current-user').textContent()).resolves.toBe(who.displayName);
  }

  /** Type into the search box and wait until the list shows the answer for exactly that text. */
  async function search(text: string) {
    const box = page.getByTestId('registry-search');
    await box.fill('');
    await box.pressSequentially(text, { delay: 30 });
    await page.locator(`[data-testid="registry-hits"][data-q="${text}"]`).waitFor();
    return page.getByTestId('registry-hit');
  }

  /** No spinner and no toast over what the screenshot should show. */
  async function calm() {
    await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur, .ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  }

  beforeAll(async () => {
    ({ desk, browser, page } = suite);
    await setUpSite(page);
    for (const [who, role] of [[RECEPTIONIST, 'receptionist'], [CASHIER, 'cashier']] as const) {
      const res = await apiFromPage(page, 'staff.create', { username: who.username, displayName: who.displayName, role, password: who.password });
      expect(res.ok).toBe(true);
    }
  });



  it('the admin of a new site is offered the first building and the import (newcomer.test.ts builds one)', async () => {
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByTestId('registry-empty').waitFor();
    await page.getByTestId('add-building').waitFor();
    await page.getByTestId('import-open').waitFor();
    expect(await page.getByTestId('registry-read-only').count()).toBe(0);
  });

  it('a receptionist creates building, unit and room through the forms, typing and pressing Enter', async () => {
    await signOutAndIn(RECEPTIONIST);
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByTestId('registry-empty').waitFor();
    expect(await focusedTestId(page)).toBe('registry-search'); // entering the area puts the cursor in the search box

    await page.getByTestId('add-building').click();
    await page.getByTestId('building-form').waitFor();
    expect(await focusedTestId(page)).toBe('code');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('rooms-heading').innerText()).toBe('3栋');

    await page.getByTestId('add-unit').click();
    await page.getByTestId('unit-form').waitFor();
    expect(await focusedTestId(page)).toBe('code');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('rooms-heading').innerText()).toBe('3栋 · 2单元');

    await page.getByTestId('add-room').click();
    const form = page.getByTestId('room-form');
    await form.waitFor();
    expect(await focusedTestId(page)).toBe('roomNo'); // building and unit come from the tree
    await page.keyboard.type('501');
    await expect.poll(() => form.innerText()).toContain('房号将为 3-2-501');
    await page.getByLabel('面积（m²）').fill('89.5.1');
    await page.keyboard.press('Enter');
    await form.getByText('不是有效数字（最多两位小数）').waitFor(); // checked before it reaches the store
    await page.getByLabel('面积（m²）').fill('89.5');
    await page.keyboard.press('Enter');
    const row = page.getByTestId('rooms-table').getByRole('row', { name: /3-2-501/ });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/3-2-501\s+5\s+89\.50\s+住宅\s+空置/);
    const tree = await page.getByTestId('registry-tree').innerText();
    expect(tree).toMatch(/3栋\s*1间 · 入住0/);

    // the store's own refusal, in Chinese, under the field it is about
    await page.getByTestId('add-room').click();
    await form.waitFor();
    await focusedWithin(page, '[data-testid="room-form"]');
    await page.keyboard.type('501');
    await page.getByLabel('面积（m²）').fill('90');
    await page.keyboard.press('Enter');
    await form.getByText('房号“3-2-501”已存在').waitFor();
    expect(await focusedTestId(page)).toBe('roomNo');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
  });

  it('opens the room card and registers the owner with a phone and an ID number', async () => {
    await page.getByTestId('rooms-table').getByRole('link', { name: '3-2-501' }).click();
    await page.getByTestId('room-card').waitFor();
    roomId = /#\/registry\/room\/([\w-]+)/.exec(page.url())![1]!;
    await expect(page.getByTestId('room-code').innerText()).resolves.toBe('3-2-501');
    await expect(page.getByTestId('room-area').innerText()).resolves.toBe('89.50');
    await expect(page.getByTestId('room-handovers').innerText()).resolves.toContain('交接记录');

    await page.getByTestId('add-occupant').click();
    await page.getByTestId('occupant-form').waitFor();
    expect(await focusedTestId(page)).toBe('name');
    await page.keyboard.type(OWNER.name);
    await page.getByLabel('电话', { exact: true }).fill('1381234567'); // one digit short
    await page.getByLabel('证件号码').fill(OWNER.id);
    await page.keyboard.press('Enter');
    await page.getByTestId('occupant-form').getByText('电话格式不对').waitFor();
    await page.getByLabel('电话', { exact: true }).fill(OWNER.phone);
    await page.keyboard.press('Enter');
    const owner = page.getByTestId('occupant-card');
    await owner.waitFor();
    await expect(owner.getByTestId('occupant-name').innerText()).resolves.toBe(OWNER.name);
    await expect(owner.getByTestId('occupant-phone').innerText()).resolves.toBe('13812345678');
    await expect(owner.innerText()).resolves.toContain('业主');
    // a receptionist sees the ID masked, and is told why
    await expect(owner.getByTestId('id-number').innerText()).resolves.toBe('110***********002X');
    await expect(page.getByTestId('id-visibility').innerText()).resolves.toContain('您的角色（前台接待）无权查看完整号码');

    // editing the phone leaves the masked ID on record untouched
    await btn(page, '编辑住户').click();
    await page.getByTestId('occupant-form').waitFor();
    await expect(page.getByTestId('occupant-form').innerText()).resolves.toContain('已登记 110***********002X');
    await page.getByLabel('备用电话').fill('0755-8888 1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('occupant-form').waitFor({ state: 'detached' });
    await expect(owner.innerText()).resolves.toContain('075588881234');
    await expect(owner.getByTestId('id-number').innerText()).resolves.toBe('110***********002X');

    // a vehicle, the way people write plates
    await btn(page, '添加车辆').click();
    await page.getByTestId('vehicle-form').waitFor();
    await focusedWithin(page, '[data-testid="vehicle-form"]');
    await page.keyboard.type('粤b·12345');
    await page.keyboard.press('Enter');
    await owner.getByText('粤B12345').waitFor();

    await btn(page, '添加家庭成员').click();
    await page.getByTestId('member-form').waitFor();
    expect(await focusedTestId(page)).toBe('name');
    await page.keyboard.type('张小明');
    await page.getByLabel('关系').fill('子女');
    await page.keyboard.press('Enter');
    await owner.getByText('张小明').waitFor();

    // the room itself: the area typed as text, kept exactly
    await page.getByTestId('edit-room').click();
    await page.getByTestId('room-form').waitFor();
    await expect(page.getByLabel('面积（m²）').inputValue()).resolves.toBe('89.50');
    await page.getByLabel('面积（m²）').fill('90.25');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('room-area').innerText()).toBe('90.25');

    // a room that does not exist says so, in the user's language
    await page.goto(`${desk.url}#/registry/room/00000000-0000-7000-8000-000000000000`);
    await expect(page.getByTestId('refused').innerText()).resolves.toContain('找不到该房间');
    await page.goto(`${desk.url}#/registry/room/${roomId}`);
    await page.getByTestId('occupant-card').waitFor();
  });

  it('finds the room as you type (phone tail, code digits, room number, pinyin initials); Enter or a click opens it', async () => {
    await page.getByTestId('room-back').click();
    await page.getByTestId('registry-tree').waitFor();
    expect(await focusedTestId(page)).toBe('registry-search');

    const byPhone = await search('5678');
    await expect(byPhone.count()).resolves.toBe(1);
    const hit = await byPhone.first().innerText();
    expect(hit).toContain('3-2-501');
    expect(hit).toContain(OWNER.name);
    expect(hit).toContain('电话尾号 5678');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-card').waitFor();
    expect(page.url()).toContain(`#/registry/room/${roomId}`);

    await page.getByTestId('room-back').click();
    const byDigits = await search('32501');
    await expect(byDigits.first().innerText()).resolves.toMatch(/3-2-501[\s\S]*张伟[\s\S]*房号数字/);
    await byDigits.first().click();
    await page.getByTestId('room-card').waitFor();

    await page.getByTestId('room-back').click();
    // the room number alone, and the owner's pinyin initials (张伟: zw)
    await expect((await search('501')).first().innerText()).resolves.toMatch(/3-2-501[\s\S]*张伟[\s\S]*房号/);
    await expect((await search('zw')).first().innerText()).resolves.toMatch(/3-2-501[\s\S]*张伟[\s\S]*姓名首字母/);
    await expect((await search('张')).first().innerText()).resolves.toContain('3-2-501');
    const none = await search('9999');
    await expect(none.count()).resolves.toBe(0);
    await page.getByTestId('registry-no-hits').waitFor();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('registry-search').inputValue()).resolves.toBe('');
  });

  it('moves the owner out: they leave the current occupants and appear in the history with both dates', async () => {
    await page.goto(`${desk.url}#/registry/room/${roomId}`);
    await page.getByTestId('occupant-card').waitFor();
    await page.getByTestId('move-out').click();
    const form = page.getByTestId('move-out-form');
    await form.waitFor();
    await expect.poll(() => focusedTestId(page)).toBe('date'); // today is filled in: Enter confirms it
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('occupant-card').count()).toBe(0);
    await expect(page.getByTestId('current-occupants').innerText()).resolves.toContain('目前没有登记住户');
    const history = await page.getByTestId('occupant-history').innerText();
    const today = deskToday(new Date()).day; // the desk's today at the site's offset, not the browser's zone
    expect(history).toContain(OWNER.name);
    expect(history).toMatch(new RegExp(`业主\\s*${OWNER.name}\\s+13812345678\\s+110\\*+002X\\s+${today}\\s+${today}`));
    // the history is kept: the moved-out owner is still found by phone, and says so
    await page.getByTestId('room-back').click();
    await expect((await search('5678')).first().innerText()).resolves.toContain('已迁出');
  });

  it('screenshots of the registry and the room card, in Chinese and in English', async () => {
    // a fuller site for the pictures: more rooms, a tenant, a second building
    const tree = (await apiFromPage(page, 'registry.tree')).value as { id: string; code: string; units: { id: string; code: string }[] }[];
    const b3 = tree.find((b) => b.code === '3')!;
    const u2 = b3.units[0]!;
    const names = ['李娜', '王强', '刘洋', '陈静', '杨磊', '黄敏', '周杰', '吴芳'];
    let n = 0;
    for (const floor of [1, 2, 3, 4, 5, 6]) {
      for (const no of [1, 2]) {
        if (floor === 5 && no === 1) continue;
        const saved = await apiFromPage(page, 'registry.saveRoom', {
          buildingId: b3.id, unitId: u2.id, roomNo: `${floor}0${no}`, area: no === 1 ? '89.5' : '126.38', usage: 'residential', state: n % 3 === 2 ? 'vacant' : n % 4 === 1 ? 'rented' : 'occupied',
        });
        expect(saved.ok).toBe(true);
        if (n % 3 !== 2) {
          const name = names[n % names.length]!;
          await apiFromPage(page, 'registry.saveOccupant', { roomId: (saved.value as { id: string }).id, kind: n % 4 === 1 ? 'tenant' : 'owner', name, phone: `1390000${String(1000 + n)}`, moveIn: '2024-05-01' });
        }
        n++;
      }
    }
    const b5 = (await apiFromPage(page, 'registry.saveBuilding', { code: '5', name: '5栋' })).value as { id: string };
    for (const c of ['1', '2']) await apiFromPage(page, 'registry.saveUnit', { buildingId: b5.id, code: c, name: `${c}单元` });
    await apiFromPage(page, 'registry.saveRoom', { buildingId: b5.id, unitId: null, roomNo: '101', area: '45', usage: 'shop', state: 'delivered' });
    const card501 = (await apiFromPage(page, 'registry.room', { id: roomId })).value as { room: { building_id: string; unit_id: string } };
    await apiFromPage(page, 'registry.saveRoom', { id: roomId, buildingId: card501.room.building_id, unitId: card501.room.unit_id, roomNo: '501', area: '89.5', usage: 'residential', state: 'rented' });
    const tenantOf501 = await apiFromPage(page, 'registry.saveOccupant', { roomId, kind: 'tenant', name: '孙悦', phone: '13922223333', moveIn: '2026-01-01' });
    await apiFromPage(page, 'registry.saveMember', { occupantId: (tenantOf501.value as { id: string }).id, name: '孙小宝', relation: '子女' });
    await apiFromPage(page, 'registry.saveParking', { occupantId: (tenantOf501.value as { id: string }).id, code: 'B1-023', tenure: 'rented' });

    await page.goto(`${desk.url}#/registry`);
    await page.reload();
    await page.getByTestId('rooms-table').getByRole('link', { name: '3-2-602' }).waitFor();
    await calm();
    await shot(page, 'registry-zh');
    await (await search('32501')).first().waitFor();
    await shot(page, 'registry-search-zh');
    await page.keyboard.press('Enter');
    await page.getByTestId('occupant-card').waitFor();
    await calm();
    await shot(page, 'room-card-zh');
    await btn(page, '编辑住户').click();
    await page.getByTestId('occupant-form').waitFor();
    await settledWithin(page, '.ant-modal-wrap'); // the opening animation
    await shot(page, 'occupant-form-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('occupant-form').waitFor({ state: 'detached' });

    await page.getByTestId('language-switch').click();
    await page.getByText('Current occupants').waitFor();
    await calm();
    await shot(page, 'room-card-en');
    await page.getByTestId('room-back').click();
    await page.getByText('Buildings / units').waitFor();
    await page.getByTestId('rooms-table').getByRole('link', { name: '3-2-602' }).waitFor();
    await calm();
    await shot(page, 'registry-en');
    await page.getByTestId('add-room').click();
    await page.getByTestId('room-form').waitFor();
    await focusedWithin(page, '[data-testid="room-form"]');
    await page.keyboard.type('701');
    // the room code line under the field redraws as it is typed: the area is filled by its label, not reached by Tab
    await page.getByLabel('Area (m²)').fill('12.345');
    await page.getByLabel('Area (m²)').press('Enter');
    await page.getByText('Not a number with at most two decimals').waitFor();
    await settledWithin(page, '.ant-modal-wrap');
    await shot(page, 'room-form-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('room-form').waitFor({ state: 'detached' });
    await (await search('5678')).first().waitFor();
    await shot(page, 'registry-search-en');
    await page.getByTestId('registry-search').fill('');
    await page.getByTestId('language-switch').click();
    await page.getByText('楼栋 / 单元').waitFor();
  });

  it('a cashier opens the card but is offered no editing, and the store refuses a direct write', async () => {
    await signOutAndIn(CASHIER);
    await page.goto(`${desk.url}#/registry/room/${roomId}`);
    await page.getByTestId('occupant-card').waitFor();
    await expect(page.getByTestId('room-code').innerText()).resolves.toBe('3-2-501');
    await expect(page.getByTestId('registry-read-only').innerText()).resolves.toContain('只能查看');
    for (const id of ['edit-room', 'add-occupant', 'move-out']) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await page.getByRole('button', { name: /编辑|添加|迁\s?出|释\s?放/ }).count()).toBe(0);
    await calm();
    await shot(page, 'room-card-cashier-zh');

    const card = (await apiFromPage(page, 'registry.room', { id: roomId })).value as { room: { building_id: string; unit_id: string } };
    const direct = await apiFromPage(page, 'registry.saveRoom', {
      id: roomId, buildingId: card.room.building_id, unitId: card.room.unit_id, roomNo: '501', area: '1', usage: 'residential', state: 'vacant',
    });
    expect(direct.ok).toBe(false);
    expect(direct.error?.code).toBe('auth.forbidden');
    await page.reload();
    await expect(page.getByTestId('room-area').innerText()).resolves.toBe('89.50');

    await page.getByTestId('room-back').click();
    await page.getByTestId('registry-tree').waitFor();
    expect(await page.getByTestId('add-building').count()).toBe(0);
    expect(await page.getByTestId('add-room').count()).toBe(0);
  });
});

