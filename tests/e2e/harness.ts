import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, onTestFailed } from 'vitest';

const ROOT = resolve(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-results', 'screens');

/**
 * Browser mode exactly as a user starts it (`npm run web -- --port 0 --data-dir D`, minus
 * the build step, which `npm test` has already done), and Debian's Chromium driving it.
 */
export interface Desk {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** clockFile: the desk's clock reads its time from this file (electron/web/test-clock.ts). */
export async function startDesk(dataDir = mkdtempSync(join(tmpdir(), 'fd-e2e-')), options: { clockFile?: string } = {}): Promise<Desk> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FRONTDESK_DATA_DIR: '', FRONTDESK_TEST_CLOCK_FILE: options.clockFile ?? '' },
  });
  let log = '';
  const url = await new Promise<string>((ok, fail) => {
    // loading the program through tsx and opening the store: seconds when quiet, a minute and more on a busy machine
    const timer = setTimeout(() => fail(new Error(`browser mode did not start:\n${log}`)), 100_000);
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`browser mode exited (${code}):\n${log}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Debian's Chromium, headless. --disable-print-preview: since Chromium 156, headless sends
 * window.print() to a print preview that has no window to open, so the print never ends
 * (no afterprint) and every later page.pdf is refused as "Page is already being printed".
 * Without the preview, print() goes the system-dialog way, which headless answers at once
 * with beforeprint and afterprint, as a person closing the dialog would.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-print-preview'],
  });
}

/**
 * A fresh browser profile (no cookies, no saved language), with the system's "reduce motion"
 * on: the desk then opens dialogs, drawers, lists and toasts without animating them (as for a
 * receptionist who turned Windows' animations off), so a test waits for screens, not for
 * zooms and fades. One test in desk-foundation.test.ts keeps the motion and checks both ways.
 */
export async function deskContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', reducedMotion: 'reduce', ...options });
  await context.addInitScript(UNTOUCHABLE_WHILE_OPENING);
  return context;
}

/**
 * In every page of the tests: an element in the first stages of opening (Ant Design's motion
 * class ending -enter-prepare or -enter-start, or the same of -appear) takes no pointer events.
 * A dialog or a list stands transparent at its full size for a frame or more before it zooms in:
 * a press there hit the button and its release, after the shrink, landed beside it, and no
 * click was made. Playwright now finds something else under the pointer and waits, as a
 * person would see nothing yet to click. (Kept out of the desk itself: a person's quick
 * second click would then go through to the mask behind and close the dialog.)
 */
function UNTOUCHABLE_WHILE_OPENING() {
  const add = () => {
    const style = document.createElement('style');
    style.textContent = ['enter', 'appear'].flatMap((m) => ['prepare', 'start'].map((s) => `[class*="-${m}-${s}"]`)).join(', ') + ' { pointer-events: none !important; }';
    document.head.append(style);
  };
  if (document.head) add();
  else document.addEventListener('DOMContentLoaded', add);
}

/** A fresh browser profile on the desk, its first page opened. */
export async function openPage(browser: Browser, desk: Desk): Promise<Page> {
  const context = await deskContext(browser);
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(desk.url);
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * In the page: nothing under `root` moves or is about to. Every finite animation has finished
 * (a progress bar's shimmer never ends and is not waited for), and no element is in the first
 * stages of an Ant Design motion (a class ending -enter, -appear or -leave, then -prepare or
 * -start): before its animation starts, a dialog stands for a frame or more at its full size
 * but transparent, then shrinks to nothing and zooms in. A press in that first frame hits the
 * button, and the release after the shrink lands beside it: no click is made. The last stage
 * (-active) is not looked at: its animation is, and a leaving toast can keep that class after
 * its animation ended (a wait on it once never ended).
 */
function still(selector: string | null): boolean {
  const root = selector === null ? document : document.querySelector(selector);
  if (!root) return false;
  const stage = /-(enter|appear|leave)-(prepare|start)$/;
  const moving = [...root.querySelectorAll('[class*="-prepare"],[class*="-start"]')].some((el) => [...el.classList].some((c) => stage.test(c)));
  const animations = root instanceof Document ? root.getAnimations() : root.getAnimations({ subtree: true });
  return !moving && animations.every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
}

/** The screen has stopped moving: a dialog zooming in, a drawer sliding, a tab fading have finished. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(still, null);
}

/** What is inside `selector` (a dialog, a drawer) has stopped moving; the page around it may still animate. */
export async function settledWithin(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(still, selector);
}

/**
 * The keyboard's focus is inside `selector` (a dialog's first field has taken its autofocus):
 * what a person types next lands there, however slowly the dialog opened.
 */
export async function focusedWithin(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), selector);
}

/** A modal over the page, as the person sees it: the window, once it has settled. */
export async function shotWindow(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Close the print preview with Escape, as a cashier does. Pressed while the dialog was still
 * opening, Escape reached the page instead and the preview stayed open: wait for it to
 * settle first.
 */
export async function closePrintPreview(page: Page): Promise<void> {
  const preview = page.getByTestId('print-preview');
  await preview.waitFor();
  await settled(page);
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'detached' });
}

/**
 * No toast left over what a screenshot should show. A toast stays while the pointer rests on
 * it (Ant Design pauses its timer on hover), and the pointer stays where the last click was:
 * a toast that opened under it would never go, so the pointer is moved off the top first.
 */
export async function noToasts(page: Page): Promise<void> {
  const height = page.viewportSize()?.height ?? 768;
  await page.mouse.move(2, height - 2);
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 20_000 }).toBe(0);
}

/**
 * Chooses an option of a (non-searchable) select and waits until `shows` (the select, or the
 * form item around it) shows it. On a loaded machine a click on an option while its list is
 * still opening can be lost (the list closes with nothing chosen): the list is opened and the
 * option clicked again until the choice holds, as a person would click again.
 */
export async function chooseOption(page: Page, select: Locator, option: string, shows: Locator = select): Promise<void> {
  await expect.poll(async () => {
    if ((await shows.innerText()).includes(option)) return true;
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    if (!(await open.count())) await select.click();
    await open.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 5_000 }).catch(() => undefined);
    return false;
  }, { timeout: 30_000, interval: 250 }).toBe(true);
}

/**
 * Types into a searchable select and takes the option it narrows to with Enter, as a receptionist
 * does, until the select shows it (`shows`, the typed text unless said). Enter is pressed only
 * once that option is listed: on a loaded machine the options can still be on their way, and
 * Enter then takes nothing.
 */
export async function typeToChoose(page: Page, select: Locator, text: string, shows = text): Promise<void> {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: shows }).first();
  await expect.poll(async () => {
    if ((await select.innerText()).includes(shows)) return true;
    await select.locator('input').fill(text);
    if (await option.waitFor({ timeout: 5_000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
    return false;
  }, { timeout: 30_000, interval: 250 }).toBe(true);
}

/** The form item around the field labelled `label` in `scope`: it shows a select's choice (its list is elsewhere, at the end of the page). */
export function formItem(page: Page, scope: Locator, label: string): Locator {
  // an inner locator of `has` is looked for inside the outer one: it starts from the page, not from scope
  return scope.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });
}

/** A button by its label; antd puts a space inside two-character CJK labels, so any may sit between characters. */
export const btn = (page: Page, label: string) => page.getByRole('button', { name: new RegExp(label.split('').join('\\s?')) });

/** Sign out and in as someone else (zh-CN screens), and wait for their home page. */
export async function switchUser(page: Page, who: { username: string; password: string }): Promise<void> {
  await btn(page, '退出登录').click();
  await signIn(page, who.username, who.password);
  await page.getByTestId('home-greeting').waitFor();
}

/**
 * Reload the desk and sign in as someone (zh-CN screens), signing out whoever was in: for
 * tests that move the desk's clock, so every screen is read afresh at the new time.
 */
export async function reloadAs(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  const out = page.getByTestId('current-user');
  await out.or(page.getByLabel('用户名')).first().waitFor();
  if (await out.count()) await btn(page, '退出登录').click();
  await signIn(page, who.username, who.password);
  await page.getByTestId('home-greeting').waitFor();
}

/** Call the API from the page as the signed-in person; a refusal fails the test with its code and message. */
export async function apiOk<T = { id: string }>(page: Page, name: string, input: unknown): Promise<T> {
  const r = await apiFromPage(page, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error?.code} ${r.error?.message['en-US']}`);
  return r.value as T;
}

/**
 * The desk's clock for a test file (FRONTDESK_TEST_CLOCK_FILE): a file holding the time,
 * moved by `set` to a Beijing wall-clock time. Written atomically: the desk never reads a
 * half-written time.
 */
export function testClock(startBj: string): { file: string; set(bj: string): void } {
  const file = join(mkdtempSync(join(tmpdir(), 'fd-clock-')), 'now');
  const set = (bj: string) => {
    writeFileSync(`${file}.tmp`, new Date(`${bj}+08:00`).toISOString());
    renameSync(`${file}.tmp`, file);
  };
  set(startBj);
  return { file, set };
}

/** Call the API the way the renderer does, from inside the page (same cookie, same origin). */
export function apiFromPage(page: Page, name: string, input: unknown = {}) {
  return page.evaluate(
    async ([n, i]) => {
      const res = await fetch('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: n, input: i }) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: Record<string, string> } };
    },
    [name, input] as const,
  );
}

export const ADMIN = { username: 'admin', displayName: '李建国', password: 'Admin2026' };

/** The first-run screen, filled as a new site's administrator would (zh-CN labels); head office's set-up picks that mode. */
export async function setUpSite(page: Page, site: { code: string; name: string; headOffice?: boolean } = { code: 'SZ-A01', name: '阳光花园物业服务中心' }): Promise<void> {
  if (site.headOffice) await page.getByText('公司总部（接收各服务中心数据）').click();
  await page.getByLabel('站点编码').fill(site.code);
  await page.getByLabel('站点名称').fill(site.name);
  await page.getByLabel('管理员姓名').fill(ADMIN.displayName);
  await page.getByLabel('管理员用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('再次输入密码').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('home-greeting').waitFor();
}

/** Sign in with Enter, and wait for the store's answer (so a refusal on screen is this attempt's). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call') && r.request().postData()?.includes('auth.login') === true);
  await page.keyboard.press('Enter');
  await answered;
}

/**
 * Reload the page where it is, in the default language, and wait for the app to answer: no
 * dialog, no preview, no toast left, and no English left over from a test that failed midway.
 */
export async function freshScreen(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('frontdesk.locale'));
  await page.reload();
  await page.getByTestId('current-user').or(page.getByLabel('用户名')).or(page.getByLabel('Username')).first().waitFor();
}

/** What every end-to-end file works with; the fields are set before its first test runs. */
export interface DeskSuite {
  desk: Desk;
  browser: Browser;
  page: Page;
}

/**
 * The hooks every end-to-end file needs: browser mode on a fresh data folder, Chromium
 * with a fresh profile, a screenshot of the page when a test fails, and tidying up.
 * Call it first in a describe; the file's own beforeAll runs after it.
 */
/** The dialogs open, the form errors and the toasts on the screen, the focused element: what a failure's log shows. */
async function screenState(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const text = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.offsetParent !== null).map((e) => e.innerText.slice(0, 300));
    const f = document.activeElement;
    return {
      url: location.hash,
      dialogs: text('.ant-modal, .ant-drawer-content'),
      formErrors: text('.ant-form-item-explain-error'),
      toasts: text('.ant-message-notice, .ant-notification-notice'),
      focus: f ? `${f.tagName} ${f.getAttribute('data-testid') ?? f.id ?? ''} ${(f as HTMLInputElement).value ?? ''}`.slice(0, 120) : null,
    };
  }).catch((e: unknown) => String(e));
}

export function useDesk(options: { clockFile?: string } = {}): DeskSuite {
  const suite = {} as DeskSuite;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // the host and Chromium start side by side (each is seconds of mostly one process's work);
    // whichever started is kept for afterAll to stop even when the other failed
    const [desk, browser] = await Promise.allSettled([startDesk(undefined, options), launchChromium()]);
    if (desk.status === 'fulfilled') suite.desk = desk.value;
    if (browser.status === 'fulfilled') suite.browser = browser.value;
    if (desk.status === 'rejected') throw desk.reason;
    if (browser.status === 'rejected') throw browser.reason;
    suite.page = await openPage(suite.browser, suite.desk);
  });
  let failed = false;
  beforeEach(async (ctx) => {
    // A failed test may have left a dialog or a print preview open over the screen: the next
    // one starts from the page as freshly loaded (same person signed in, same area).
    if (failed) {
      failed = false;
      await freshScreen(suite.page);
    }
    onTestFailed(async () => {
      failed = true;
      await shot(suite.page, `FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
      // the CI log is all that is kept of a failed run: say what the screen was showing
      console.error(`[e2e] screen at the failure of "${ctx.task.name}":`, JSON.stringify(await screenState(suite.page)));
    });
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.desk?.stop();
    if (suite.desk) removeDir(suite.desk.dataDir);
  });
  return suite;
}
