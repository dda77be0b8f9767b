import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { openBrowser, openSignedInBrowsers, type TestBrowser } from '../support/browser.js';
import { type EmbeddedDemoStore, startEmbeddedDemoServer, stopDemoServer } from '../support/demo-server.js';
import { api, DEMO_PASSWORD, DEMO_USERS, login, type RunningServer, signInToDemoCommittee } from '../support/server-process.js';

/** Where the rows sit on screen, and how much of the screen the chrome around them takes. */
function measure(page: Page) {
  return page.evaluate(() => {
    const bottomBar = document.querySelector('.bottomnav');
    const visibleBottom =
      window.innerHeight - (bottomBar && getComputedStyle(bottomBar).display !== 'none' ? bottomBar.getBoundingClientRect().height : 0);
    const rows = Array.from(document.querySelectorAll('[data-testid="action-item-row"]')).map((row) => row.getBoundingClientRect());
    const topbar = document.querySelector('.topbar')?.getBoundingClientRect();
    return {
      rowHeights: rows.map((row) => Math.round(row.height)),
      fullyVisible: rows.filter((row) => row.top >= 0 && row.bottom <= visibleBottom).length,
      topbarHeight: Math.round(topbar?.height ?? 0),
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

describe('The action list, dense on a desk and readable on a phone', () => {
  let database: EmbeddedDemoStore | undefined;
  let server: RunningServer | undefined;
  let browser: TestBrowser | undefined;
  let listUrl = '';

  beforeAll(async () => {
    // The embedded store with the demo data: the committee has more than a dozen actions.
    ({ database, server } = await startEmbeddedDemoServer(180_000));
    listUrl = `${server.url}/c/${(await signInToDemoCommittee(server.url, DEMO_USERS.chair)).committeeId}/actions`;
    [browser] = await openSignedInBrowsers(server.url, [{ email: DEMO_USERS.chair }]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stopDemoServer(server, database);
  }, 60_000);

  it('should show at least ten one-line rows at 1280×800, with the filters folded into a bar', async () => {
    const page = browser?.page as Page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(listUrl);
    await page.getByTestId('action-item-row').first().waitFor();
    const layout = await measure(page);
    expect(layout.fullyVisible).toBeGreaterThanOrEqual(10);
    expect(Math.max(...layout.rowHeights)).toBeLessThanOrEqual(44);
    expect(await page.getByTestId('filters-toggle').getAttribute('aria-expanded')).toBe('false');
  }, 60_000);

  it('should show at least four actions on a 360×740 phone, under a one-row header with a committee switcher', async () => {
    const page = browser?.page as Page;
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(listUrl);
      await page.getByTestId('action-item-row').first().waitFor();
      const layout = await measure(page);
      expect(layout.fullyVisible).toBeGreaterThanOrEqual(4);
      expect(layout.topbarHeight).toBeLessThanOrEqual(56);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(await page.getByTestId('committee-switcher').isVisible()).toBe(true);
      // Language and sign-out are one tap away, in the account menu.
      await page.getByTestId('account-menu-toggle').click();
      expect(await page.getByTestId('language-switch').isVisible()).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 60_000);

  it('should keep Bahasa Malaysia chosen on the sign-in page after signing in, with no demo accounts shown', async () => {
    // A first visit: a browser of its own, nothing stored. The observer's profile says English.
    const fresh = await openBrowser();
    try {
      const page = fresh.page;
      await page.goto(`${server?.url}/login`);
      await page.getByTestId('login-submit').waitFor();
      expect(await page.locator('main').textContent()).not.toMatch(/demo\.sidang\.my|sidang-demo/);
      await page.getByTestId('language-switch').selectOption('ms');
      await page.locator('html[lang="ms"]').waitFor();
      expect(await page.getByTestId('language-switch').locator('option:checked').textContent()).toBe('Bahasa Malaysia');

      await page.getByTestId('login-email').fill(DEMO_USERS.observer);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/c\/[0-9a-f-]{36}(\/|$|\?)/);
      expect(await page.locator('html').getAttribute('lang')).toBe('ms');

      // The profile follows the choice, so a reload (and another device) keeps it too.
      const token = (await login(server?.url ?? '', DEMO_USERS.observer)).accessToken;
      let saved = '';
      for (const deadline = Date.now() + 15_000; saved !== 'ms' && Date.now() < deadline; ) {
        saved = (await api<{ locale: string }>(server?.url ?? '', token, 'GET', '/api/auth/me')).body.locale;
        if (saved !== 'ms') await page.waitForTimeout(250);
      }
      expect(saved).toBe('ms');
      await page.reload();
      await page.getByTestId('language-switch').waitFor({ state: 'attached' });
      expect(await page.locator('html').getAttribute('lang')).toBe('ms');
    } finally {
      await fresh.close();
    }
  }, 90_000);
});
