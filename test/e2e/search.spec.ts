import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { openSignedInBrowsers, type TestBrowser } from '../support/browser.js';
import { type EmbeddedDemoStore, startEmbeddedDemoServer, stopDemoServer } from '../support/demo-server.js';
import { DEMO_USERS, type RunningServer, signInToDemoCommittee } from '../support/server-process.js';

/** Search in the browser, on the embedded store with the demo data: the desk's box and the phone's screen. */
describe('Search in the browser', () => {
  let database: EmbeddedDemoStore | undefined;
  let server: RunningServer | undefined;
  let browser: TestBrowser | undefined;
  let base = '';

  beforeAll(async () => {
    ({ database, server } = await startEmbeddedDemoServer(150_000));
    base = `${server.url}/c/${(await signInToDemoCommittee(server.url, DEMO_USERS.chair)).committeeId}`;
    [browser] = await openSignedInBrowsers(server.url, [{ email: DEMO_USERS.chair }]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stopDemoServer(server, database);
  }, 60_000);

  it('should focus the top bar box with "/", list matches as one types, and open the chosen one with the keyboard', async () => {
    const page = browser?.page as Page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(base);
    const input = page.getByTestId('search-input-bar');
    await input.waitFor();
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    // Half of a word of a demo title ("… NdFeB magnet plant"), as it is being typed.
    await page.keyboard.type('magnet pla');
    const options = page.getByTestId('search-result');
    await options.first().waitFor();
    expect(await options.first().textContent()).toMatch(/magnet plant/i);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/c\/[^/]+\/(actions|meetings|registers\/[a-z]+)\/[0-9a-f-]{36}$/);
  }, 60_000);

  it('should search from the phone screen at 360 px in Malay, without horizontal overflow', async () => {
    const page = browser?.page as Page;
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(base);
      // The search icon joins the phone's top bar without making it wrap or overflow.
      await page.getByTestId('search-link').waitFor();
      const bar = await page.evaluate(() => ({
        height: Math.round(document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0),
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(bar.height).toBeLessThanOrEqual(56);
      expect(bar.scroll).toBeLessThanOrEqual(bar.inner);
      await page.getByTestId('search-link').click();
      await page.waitForURL(/\/search$/);
      const input = page.getByTestId('search-input-page');
      // "proses" reaches "Pemprosesan" in the working group's meeting through the Indonesian stemmer.
      await input.fill('proses');
      const options = page.getByTestId('search-result');
      await options.first().waitFor();
      expect((await options.allTextContents()).join('\n')).toMatch(/Pemprosesan/);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      await options.first().click();
      await page.waitForURL(/\/c\/[^/]+\/(actions|meetings|registers\/[a-z]+)\/[0-9a-f-]{36}$/);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 60_000);
});
