import { describe, expect, it } from '@jest/globals';
import type { User } from '@sidang/shared';
import type { Page, Route } from 'playwright-core';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS } from '../support/server-process.js';

/**
 * Records, from the first script of every document the page loads, the language of each frame
 * drawn once the app has rendered something (`#root` not empty): what the reader saw, in order.
 */
const RECORD_PAINTED_LANGUAGES = () => {
  const seen: string[] = [];
  (window as unknown as { paintedLanguages: string[] }).paintedLanguages = seen;
  const frame = () => {
    const root = document.getElementById('root');
    if (root && root.childElementCount > 0) {
      const lang = document.documentElement.lang;
      if (seen[seen.length - 1] !== lang) seen.push(lang);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

function paintedLanguages(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { paintedLanguages?: string[] }).paintedLanguages ?? []);
}

/**
 * Issue "first day": a reload straight after switching the language showed the language before
 * the switch (the profile's copy on the device still named it, and won over the choice).
 */
describe('The language chosen, across a reload', () => {
  const suite = browserSuite({ chair: { email: DEMO_USERS.chair } });

  it('should draw the language just chosen from the first frame after a reload made before the profile is saved, and save it after', async () => {
    const page = suite.chair?.page as Page;
    await page.addInitScript(RECORD_PAINTED_LANGUAGES);
    await page.goto(`${suite.server.url}/c/${suite.committeeId}/meetings`);
    await page.getByTestId('language-switch').waitFor();
    const before = await page.evaluate(() => document.documentElement.lang);
    const chosen = before === 'ms' ? 'en' : 'ms';

    // The profile's save is held, then lost with the reload (as when the page goes before it is sent).
    let holding = true;
    let held: Route | undefined;
    const sent = new Promise<void>((resolve) => {
      void page.route('**/api/auth/me', async (route) => {
        if (holding && route.request().method() === 'PATCH') {
          held = route;
          resolve();
          return;
        }
        await route.fallback();
      });
    });
    await page.getByTestId('language-switch').selectOption(chosen);
    await sent;
    holding = false;
    await page.reload();
    await held?.abort().catch(() => undefined);

    await page.getByTestId('language-switch').waitFor();
    // Long enough for the profile to be read again and any late switch to be drawn.
    await page.waitForTimeout(2_000);
    expect(await paintedLanguages(page)).toEqual([chosen]);
    expect(await page.getByTestId('language-switch').inputValue()).toBe(chosen);

    // The choice reaches the profile after all: another device signing in finds it.
    let saved = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && saved !== chosen; ) {
      saved = (await api<User>(suite.server.url, suite.token, 'GET', '/api/auth/me')).body.locale;
      if (saved !== chosen) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(saved).toBe(chosen);

    // And a plain reload later keeps it.
    await page.reload();
    await page.getByTestId('language-switch').waitFor();
    await page.waitForTimeout(1_000);
    expect(await paintedLanguages(page)).toEqual([chosen]);
  }, 120_000);
});
