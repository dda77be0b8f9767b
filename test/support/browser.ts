import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server-process.js';

/** Debian's chromium; CI installs it with apt (never `npx playwright install`: no network). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile directory. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * One browser with a fresh profile per person: storage (and so the signed-in user) is never
 * shared between the people a test plays.
 */
export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'sidang-e2e-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      locale: 'en-GB',
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the UI and waits for the committee home (`/c/:committeeId`). */
export async function signInThroughUi(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/c\/[0-9a-f-]{36}(\/|$|\?)/);
}

/**
 * One browser per person (`viewport` as `openBrowser` takes it), opened and signed in through
 * the UI at once, in the order given (with the demo password unless one is given). If any of
 * them fails, those already open are closed.
 */
export async function openSignedInBrowsers(
  baseUrl: string,
  people: readonly { email: string; password?: string; viewport?: { width: number; height: number } }[],
): Promise<TestBrowser[]> {
  const opened = await Promise.allSettled(people.map((person) => openBrowser(person.viewport)));
  const browsers = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const failed = opened.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(
      browsers.map((browser, index) =>
        signInThroughUi(browser.page, baseUrl, people[index]?.email ?? '', people[index]?.password ?? DEMO_PASSWORD),
      ),
    );
    return browsers;
  } catch (error) {
    await Promise.allSettled(browsers.map((browser) => browser.close()));
    throw error;
  }
}
