import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility.js';
import { openBrowser, type TestBrowser } from '../support/browser.js';
import type { TestDatabase } from '../support/databases.js';
import { startDemoServer, stopDemoServer } from '../support/demo-server.js';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startProvider, type TestProvider } from '../support/oidc-provider.js';
import { DEMO_USERS, type RunningServer } from '../support/server-process.js';

/** A phone: the sign-in page and its refusals must work at 360 px. */
const PHONE = { width: 360, height: 740 };

/** The people the provider knows: the demo chair (verified), the demo member (not verified), a stranger. */
const ACCOUNTS = {
  chair: { email: DEMO_USERS.chair, email_verified: true },
  unverified: { email: DEMO_USERS.member, email_verified: false },
  stranger: { email: 'orang-luar@agency.gov.my', email_verified: true },
};

/** From the sign-in page, through the provider's login and consent, back to the app. */
async function signInWithSso(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-sso').click();
}

/**
 * Single sign-on in Chromium, against an OpenID provider in this process (oidc-provider, its login
 * and consent screens signing in whom the test chooses): the built server, MFA_REQUIRED_FOR=SECRET.
 */
describe('Sign-in with single sign-on', () => {
  let provider: TestProvider | undefined;
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    // The provider's address goes to the server; the server's callback, once it listens, to the provider.
    provider = await startProvider(ACCOUNTS, () => [`${server?.url}/api/auth/oidc/callback`]);
    ({ database, server } = await startDemoServer({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET,
      MFA_REQUIRED_FOR: 'SECRET',
    }));
    browser = await openBrowser(PHONE);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopDemoServer(server, database);
    await provider?.close();
  }, 60_000);

  it('should sign the chair in through "Sign in with single sign-on", as a second factor', async () => {
    const page = browser?.page as Page;
    const url = server?.url as string;
    provider?.signInAs('chair');
    await page.goto(`${url}/login`);
    await page.getByTestId('login-sso').waitFor();
    await expect(page.getByTestId('login-sso').textContent()).resolves.toBe('Sign in with single sign-on');
    expect(await blockingViolations(page, 'sign-in page with single sign-on')).toEqual([]);

    await signInWithSso(page, url);
    await page.waitForURL(/\/c\/[0-9a-f-]{36}/);
    await page.getByTestId('account-menu-toggle').click();
    await expect(page.getByTestId('topbar-user').textContent()).resolves.toContain('Pengerusi');
    // Single sign-on counts as a second factor: the chair, cleared SECRET, is served at SECRET.
    await page.getByTestId('security-link').click();
    await page.waitForURL(/\/settings\/security$/);
    await page.getByTestId('mfa-passed').waitFor();
    expect(await page.getByTestId('second-factor-banner').count()).toBe(0);
  });

  it('should refuse an e-mail the provider has not verified, and one no account has, saying why', async () => {
    const page = browser?.page as Page;
    const url = server?.url as string;
    await page.getByTestId('account-menu-toggle').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    // The provider remembers whom it signed in (its cookies): a new person signs in at it.
    await page.context().clearCookies();

    provider?.signInAs('unverified');
    await signInWithSso(page, url);
    await page.waitForURL(/\/login\?sso_error=unverified/);
    await page.getByTestId('login-error').waitFor();
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/did not confirm your e-mail address/);
    await expect(page.getByTestId('login-email').isVisible()).resolves.toBe(true);
    expect(await blockingViolations(page, 'single sign-on refused: unverified')).toEqual([]);

    await page.context().clearCookies();
    provider?.signInAs('stranger');
    await signInWithSso(page, url);
    await page.waitForURL(/\/login\?sso_error=unknown/);
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/No Sidang account has the e-mail address/);
    // Nobody was signed in: the app still asks for a sign-in.
    await page.goto(url);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-submit').waitFor();
  });
});
