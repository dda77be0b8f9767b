/**
 * Takes the README's screenshots of the built app on a fresh copy of the demo data:
 *
 *   npm run build && npm run screenshots
 *
 * It builds nothing itself. It starts the built server (`node server/dist/main.js`) on a database
 * of its own holding the demo seed, signs in as the demo chair with Debian's Chromium and writes
 *   docs/screenshot.png          the next meeting of the demo committee, 1440×900, English
 *   docs/screenshot-actions.png  the committee's action items, 1440×900, English
 *   docs/screenshot-phone.png    the chair's home on a phone, 390×844, Bahasa Malaysia
 * Each screen is taken once it has settled: live connection, no loading placeholders, fonts in.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Meeting } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { openBrowser, signInThroughUi, type TestBrowser } from '../support/browser.js';
import type { TestDatabase } from '../support/databases.js';
import { startDemoServer, stopDemoServer } from '../support/demo-server.js';
import { api, DEMO_PASSWORD, DEMO_USERS, REPO_ROOT, type RunningServer, signInToDemoCommittee } from '../support/server-process.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Above this a screenshot is too heavy for the README: the script fails rather than commit it. */
const MAX_BYTES = 250 * 1024;
const SETTLE_TIMEOUT_MS = 20_000;

/** Loading placeholders the screens draw before their data arrives. */
const LOADING_SELECTOR = '[aria-busy="true"], .skeleton-row, .home-row--skeleton';

async function settle(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ state: 'attached', timeout: SETTLE_TIMEOUT_MS });
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, LOADING_SELECTOR, {
    timeout: SETTLE_TIMEOUT_MS,
  });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Let late layout (virtualised rows, measured text) and any transition come to rest.
  await page.waitForTimeout(600);
  const alerts = await page.locator('[role="alert"]').allTextContents();
  const shown = alerts.map((text) => text.trim()).filter(Boolean);
  if (shown.length > 0) throw new Error(`${page.url()} shows an error: ${shown.join(' | ')}`);
}

async function shoot(page: Page, file: string): Promise<void> {
  const path = join(REPO_ROOT, 'docs', file);
  await page.screenshot({ path, type: 'png', animations: 'disabled', caret: 'hide' });
  const { size } = await stat(path);
  console.log(`docs/${file}: ${Math.round(size / 1024)} KiB`);
  if (size > MAX_BYTES) throw new Error(`docs/${file} is ${size} bytes, over ${MAX_BYTES}`);
}

/** The committee's next meeting: the earliest scheduled one still to come. */
async function nextMeeting(baseUrl: string, token: string, committeeId: string): Promise<Meeting> {
  const response = await api<Meeting[]>(baseUrl, token, 'GET', `/api/committees/${committeeId}/meetings`);
  if (response.status !== 200) throw new Error(`GET meetings answered ${response.status}`);
  const now = Date.now();
  const upcoming = response.body
    .filter((meeting) => meeting.status === 'scheduled' && Date.parse(meeting.startsAt) > now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const next = upcoming[0];
  if (!next) throw new Error('the demo committee has no scheduled meeting to come');
  return next;
}

async function main(): Promise<void> {
  // Times on the screens as a reader in Malaysia sees them (Chromium follows TZ).
  process.env.TZ = 'Asia/Kuala_Lumpur';
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  const browsers: TestBrowser[] = [];
  try {
    ({ database, server } = await startDemoServer());
    const chair = await signInToDemoCommittee(server.url, DEMO_USERS.chair);
    const committeeUrl = `${server.url}/c/${chair.committeeId}`;
    const meeting = await nextMeeting(server.url, chair.accessToken, chair.committeeId);

    const desktop = await openBrowser(DESKTOP);
    browsers.push(desktop);
    await signInThroughUi(desktop.page, server.url, DEMO_USERS.chair, DEMO_PASSWORD);
    if ((await desktop.page.locator('html').getAttribute('lang')) !== 'en') throw new Error('the desktop screens are not in English');
    await desktop.page.goto(`${committeeUrl}/meetings/${meeting.id}`);
    await settle(desktop.page, '[data-testid="agenda-item"]');
    await shoot(desktop.page, 'screenshot.png');
    await desktop.page.goto(`${committeeUrl}/actions`);
    await settle(desktop.page, '[data-testid="action-item-row"]');
    await shoot(desktop.page, 'screenshot-actions.png');

    // The phone: Bahasa Malaysia chosen on the sign-in page, as a first visit would.
    const phone = await openBrowser(PHONE);
    browsers.push(phone);
    await phone.page.goto(`${server.url}/login`);
    await phone.page.getByTestId('language-switch').selectOption('ms');
    await phone.page.locator('html[lang="ms"]').waitFor();
    await signInThroughUi(phone.page, server.url, DEMO_USERS.chair, DEMO_PASSWORD);
    await phone.page.goto(committeeUrl);
    await phone.page.locator('html[lang="ms"]').waitFor();
    await settle(phone.page, '.home-row:not(.home-row--skeleton)');
    await shoot(phone.page, 'screenshot-phone.png');
  } finally {
    await Promise.allSettled(browsers.map((browser) => browser.close()));
    await stopDemoServer(server, database);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
