import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, User } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility.js';
import { openSignedInBrowsers, type TestBrowser } from '../support/browser.js';
import type { TestDatabase } from '../support/databases.js';
import { startDemoServer, stopDemoServer } from '../support/demo-server.js';
import { api, DEMO_USERS, login, type RunningServer, signInToDemoCommittee } from '../support/server-process.js';

/** Rows of the home wholly on screen (above the phone's bottom bar), and whether the page scrolls sideways. */
function measure(page: Page) {
  return page.evaluate(() => {
    const bottomBar = document.querySelector('.bottomnav');
    const visibleBottom =
      window.innerHeight - (bottomBar && getComputedStyle(bottomBar).display !== 'none' ? bottomBar.getBoundingClientRect().height : 0);
    const rows = Array.from(document.querySelectorAll('.home-row:not(.home-row--skeleton)')).map((row) => row.getBoundingClientRect());
    return {
      fullyVisible: rows.filter((row) => row.top >= 0 && row.bottom <= visibleBottom).length,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

function isoDay(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('The home: what is mine, on a phone and a desk, live', () => {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let member: TestBrowser | undefined;
  let chair: TestBrowser | undefined;
  let chairToken = '';
  let memberId = '';
  let committeeId = '';

  beforeAll(async () => {
    ({ database, server } = await startDemoServer());
    ({ accessToken: chairToken, committeeId } = await signInToDemoCommittee(server.url, DEMO_USERS.chair));
    const memberToken = (await login(server.url, DEMO_USERS.member)).accessToken;
    memberId = (await api<User>(server.url, memberToken, 'GET', '/api/auth/me')).body.id;
    for (const [index, due] of [-3, -1, 2, 5].entries()) {
      const created = await api<ActionItem>(server.url, chairToken, 'POST', `/api/committees/${committeeId}/action-items`, {
        title: `Home e2e ${index}: laporan kemajuan`,
        dueDate: isoDay(due),
        ownerIds: [memberId],
        ownerAgencies: ['JMG'],
      });
      expect(created.status).toBe(201);
    }
    [member, chair] = await openSignedInBrowsers(server.url, [
      { email: DEMO_USERS.member, viewport: { width: 360, height: 740 } },
      { email: DEMO_USERS.chair },
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([member?.close(), chair?.close()]);
    await stopDemoServer(server, database);
  }, 60_000);

  it("should show a member's actions, four and more entries on a 360 px phone, and a new one live", async () => {
    const page = member?.page as Page;
    await page.goto(`${server?.url}/c/${committeeId}`);
    await page.getByTestId('home-action').nth(3).waitFor();
    const layout = await measure(page);
    expect(layout.fullyVisible).toBeGreaterThanOrEqual(4);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    // Overdue first.
    expect(await page.getByTestId('home-action').first().getAttribute('data-overdue')).toBe('true');
    // A member has no committee-wide tab.
    expect(await page.getByRole('tab').count()).toBe(0);

    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 30_000 });
    const title = `Home e2e live ${Date.now()}`;
    await api(server?.url ?? '', chairToken, 'POST', `/api/committees/${committeeId}/action-items`, {
      title,
      dueDate: isoDay(1),
      ownerIds: [memberId],
    });
    await page.getByTestId('home-action').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    expect(await blockingViolations(page, 'home, for me, phone')).toEqual([]);
  }, 90_000);

  it('should give the chair the Committee tab with charts that link to the filtered lists', async () => {
    const page = chair?.page as Page;
    await page.goto(`${server?.url}/c/${committeeId}`);
    await page.getByTestId('home-tab-me').waitFor();
    await page.getByTestId('home-tab-me').focus();
    await page.keyboard.press('ArrowRight');
    const overdue = page.getByTestId('figure-overdue');
    await overdue.locator('svg.recharts-surface').waitFor();
    expect(await page.getByTestId('home-tab-committee').getAttribute('aria-selected')).toBe('true');
    expect(await blockingViolations(page, 'home, committee tab')).toEqual([]);
    await overdue.getByRole('link', { name: 'JMG' }).click();
    await page.waitForURL(/\/actions\?overdue=true&agency=JMG$/);
  }, 60_000);
});
