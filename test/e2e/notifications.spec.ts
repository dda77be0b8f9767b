import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, NotificationPage } from '@sidang/shared';
import { blockingViolations } from '../support/accessibility.js';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS, login } from '../support/server-process.js';

/** How long a notification may take to reach the recipient's bell before we call it lost. */
const LIVE_TIMEOUT_MS = 15_000;

/** The bell on a phone: the chair assigns the member an action and the member's bell counts it, live. */
describe('Notifications in the browser', () => {
  const suite = browserSuite({ member: { email: DEMO_USERS.member, viewport: { width: 360, height: 740 } } }, 120_000);
  let memberToken = '';
  let memberId = '';

  beforeAll(async () => {
    const signedIn = await login(suite.server.url, DEMO_USERS.member);
    memberToken = signedIn.accessToken;
    memberId = signedIn.user.id;
  });

  const unreadCount = async () =>
    (await api<NotificationPage>(suite.server?.url ?? '', memberToken, 'GET', '/api/notifications?unread=true')).body.unreadCount;

  it("should count up the member's bell live when the chair assigns them an action, and mark it read when opened", async () => {
    if (!suite.member || !suite.server) throw new Error('beforeAll did not finish');
    const { page } = suite.member;
    await page.goto(`${suite.server.url}/c/${suite.committeeId}/actions`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const before = await unreadCount();

    const title = `Bell e2e ${Date.now()}: brief the working group on magnet exports`;
    const created = await api<ActionItem>(suite.server.url, suite.token, 'POST', `/api/committees/${suite.committeeId}/action-items`, {
      title,
      ownerIds: [memberId],
    });
    expect(created.status).toBe(201);

    // No reload: the count comes over the member's own socket.
    await page
      .getByTestId('bell-status')
      .filter({ hasText: `${before + 1} unread` })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    // The bell fits the phone's one-row top bar: nothing wraps below it, nothing overflows sideways.
    const bell = await page.getByTestId('bell').boundingBox();
    expect((bell?.y ?? 99) + (bell?.height ?? 99)).toBeLessThanOrEqual(56);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByTestId('bell').click();
    const line = page.getByTestId('notification').filter({ hasText: title });
    await line.waitFor();
    // The panel is the whole phone screen, and shows more than four lines of it.
    const sheet = await page.getByRole('dialog', { name: 'Notifications' }).boundingBox();
    expect(sheet?.width).toBe(360);
    expect(await blockingViolations(page, 'the notifications panel at 360 px')).toEqual([]);

    await line.getByRole('link').click();
    await page.waitForURL(`**/c/${suite.committeeId}/actions/${created.body.id}`);
    await page
      .getByTestId('bell-status')
      .filter({ hasText: before === 0 ? /^$/ : `${before} unread` })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await unreadCount()).toBe(before);
  }, 90_000);
});
