import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility.js';
import { openBrowser, type TestBrowser } from '../support/browser.js';
import type { TestDatabase } from '../support/databases.js';
import { startDemoServer, stopDemoServer } from '../support/demo-server.js';
import { DEMO_PASSWORD, DEMO_USERS, type RunningServer } from '../support/server-process.js';

/** A phone: the page must work at 360 px without sideways scrolling. */
const PHONE = { width: 360, height: 740 };

async function passwordStep(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(DEMO_USERS.chair);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Strong sign-in in the browser, with MFA_REQUIRED_FOR=SECRET: set up an authenticator on a phone, then sign in with it. */
describe('Sign-in with a second factor', () => {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: TestBrowser | undefined;
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    ({ database, server } = await startDemoServer({ MFA_REQUIRED_FOR: 'SECRET' }));
    browser = await openBrowser(PHONE);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopDemoServer(server, database);
  }, 60_000);

  it('should tell a chair signed in with a password alone why Secret records are held back, and set up an authenticator app', async () => {
    const page = browser?.page as Page;
    const url = server?.url as string;
    await passwordStep(page, url);
    await page.waitForURL(/\/c\/[0-9a-f-]{36}/);
    await page.getByTestId('second-factor-banner').waitFor();
    await expect(page.getByTestId('second-factor-banner').textContent()).resolves.toMatch(/second factor/i);

    await page.getByTestId('account-menu-toggle').click();
    await page.getByTestId('security-link').click();
    await page.waitForURL(/\/settings\/security$/);
    await page.getByTestId('mfa-limited').waitFor();
    await page.getByTestId('device-row').first().waitFor();
    expect(await fitsTheScreen(page)).toBe(true);

    await page.getByTestId('totp-start').click();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect(page.getByRole('img', { name: /QR code/i }).isVisible()).resolves.toBe(true);
    expect(await fitsTheScreen(page)).toBe(true);
    expect(await blockingViolations(page, 'security page, enrolling')).toEqual([]);

    await page.getByTestId('totp-code').fill(await generate({ secret }));
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    await expect(page.getByTestId('recovery-codes').locator('li').count()).resolves.toBe(10);
    recoveryCodes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('totp-on').waitFor();
    await page.getByTestId('mfa-passed').waitFor();
    expect(await blockingViolations(page, 'security page, set up')).toEqual([]);
  });

  it('should ask for a code from the app at the next sign-in, refuse a wrong one, and sign in with the right one', async () => {
    const page = browser?.page as Page;
    const url = server?.url as string;
    await page.getByTestId('account-menu-toggle').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);

    await passwordStep(page, url);
    await page.getByTestId('login-code').waitFor();
    expect(await blockingViolations(page, 'second factor step')).toEqual([]);
    await page.getByTestId('login-code').fill('000000');
    await page.getByTestId('login-verify').click();
    await page.getByTestId('mfa-error').waitFor();
    await expect(page.getByTestId('mfa-error').textContent()).resolves.toMatch(/not right/);

    // The code of the next time step: the one used to set it up cannot be used again.
    await page.getByTestId('login-code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByTestId('login-verify').click();
    // Back where the sign-out left: the security page, now passed.
    await page.waitForURL(/\/settings\/security$/);
    await page.getByTestId('mfa-passed').waitFor();
    await page.getByTestId('totp-on').waitFor();
    // On the committee home, once the session's second-factor state has been read, no banner.
    await page.goto(url);
    await page.waitForURL(/\/c\/[0-9a-f-]{36}/);
    await page.getByTestId('security-link').waitFor({ state: 'attached' });
    await page.getByTestId('topbar-committee').getByText(/./).first().waitFor({ state: 'attached' });
    expect(await page.getByTestId('second-factor-banner').count()).toBe(0);
  });

  it('should add a passkey (Chromium virtual authenticator) and sign in with it as the second factor', async () => {
    const page = browser?.page as Page;
    // A passkey's relying party is a host name, never an address: the app at localhost.
    const url = String(server?.url).replace('127.0.0.1', 'localhost');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    // Signed in on this origin with a recovery code (the app's codes of this minute are spent).
    await passwordStep(page, url);
    await page.getByTestId('login-code').fill(recoveryCodes[0] ?? '');
    await page.getByTestId('login-verify').click();
    await page.waitForURL(/\/c\/[0-9a-f-]{36}/);
    await page.goto(`${url}/settings/security`);
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkeys').locator('li').first().waitFor();

    await page.getByTestId('account-menu-toggle').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await passwordStep(page, url);
    await page.getByTestId('login-passkey').click();
    await page.waitForURL(/\/settings\/security$/);
    await page.getByTestId('mfa-passed').waitFor();
    await expect(page.getByTestId('passkeys').locator('li').count()).resolves.toBe(1);
  });
});
