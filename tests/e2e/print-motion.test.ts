import { describe, expect, it } from 'vitest';
import { setUpSite, useDesk } from './harness';

/**
 * Printing must not cancel what is moving on screen. Print media hides the app around the
 * document (renderer/src/print/print.css); hidden with display:none, every running CSS
 * transition was cancelled, and antd's toasts, which finish leaving on transitionend, stayed
 * on screen for good when a print (or an e2e test's page.pdf) fell inside their fade-out —
 * the archives e2e flake. The same happens to a toast fading out as a cashier prints a receipt.
 */
describe('printing while something on screen is moving', () => {
  const suite = useDesk();

  it('lets a transition running on the screen finish (transitionend, not transitioncancel) across a print', async () => {
    const page = suite.page;
    await setUpSite(page);
    await page.evaluate(() => {
      // a body-level element moving the way a leaving toast does (antd portals sit under body)
      const el = document.createElement('div');
      el.id = 'mover';
      el.textContent = 'moving';
      el.style.cssText = 'position:fixed;top:10px;left:10px;opacity:1;transition:opacity 1.5s linear';
      document.body.append(el);
      const w = window as unknown as { moverEvents: string[] };
      w.moverEvents = [];
      for (const e of ['transitionend', 'transitioncancel']) el.addEventListener(e, () => w.moverEvents.push(e));
      void el.offsetWidth; // start from opacity 1
      el.style.opacity = '0';
    });
    // print once the fade is under way, in the middle of it
    await page.waitForFunction(() => {
      const o = Number(getComputedStyle(document.getElementById('mover')!).opacity);
      return o < 0.9 && o > 0.1;
    });
    await page.pdf({ preferCSSPageSize: true }); // print in the middle of it
    await expect.poll(() => page.evaluate(() => (window as unknown as { moverEvents: string[] }).moverEvents), { timeout: 5_000 }).toEqual(['transitionend']);
  });
});
