import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse, MfaStatus, SsoConfig } from '@sidang/shared';
import { DataSource } from 'typeorm';
import {
  OIDC_CLIENT_ID as CLIENT_ID,
  OIDC_CLIENT_SECRET as CLIENT_SECRET,
  startProvider,
  type TestProvider,
  singleSignOn as walk,
} from '../support/oidc-provider.js';
import { DEMO, TestApp } from './support/harness.js';

/** The address the provider sends people back to; the test follows it to the app itself. */
const REDIRECT_URI = 'http://sidang.test/api/auth/oidc/callback';

/** The people the provider knows: who signs in next is chosen per test. */
const ACCOUNTS = {
  chair: { email: DEMO.chair.toUpperCase(), email_verified: true },
  unverified: { email: DEMO.member, email_verified: false },
  stranger: { email: 'nobody@agency.gov.my', email_verified: true },
};

/** The whole walk from the app's start to the sign-in page it sends the browser back to. */
const singleSignOn = (app: TestApp) => walk(app.url, REDIRECT_URI);

describe('single sign-on by OpenID Connect, against a provider in this process', () => {
  let provider: TestProvider;
  let app: TestApp;

  beforeAll(async () => {
    provider = await startProvider(ACCOUNTS, [REDIRECT_URI]);
    app = await TestApp.start({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      MFA_REQUIRED_FOR: 'SECRET',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('should tell the sign-in page that single sign-on is configured', async () => {
    expect((await app.request<SsoConfig>('GET', '/api/auth/oidc')).body).toEqual({ oidc: true });
  });

  it('should sign in the account whose verified e-mail the provider names, once per hand-off, as a second factor', async () => {
    provider.signInAs('chair');
    const landing = await singleSignOn(app);
    const handoff = landing.searchParams.get('sso');
    expect(handoff).toEqual(expect.any(String));
    const session = await app.request<LoginResponse>('POST', '/api/auth/oidc/complete', undefined, { handoff });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe(DEMO.chair);
    // Single sign-on counts as a second factor: the chair is served at SECRET.
    const status = await app.request<MfaStatus>('GET', '/api/auth/mfa', session.body.accessToken);
    expect(status.body).toMatchObject({ sessionPassed: true, limited: false, servedClearance: 'SECRET' });
    const again = await app.request<{ code: string }>('POST', '/api/auth/oidc/complete', undefined, { handoff });
    expect(again.status).toBe(401);
    const rows: Array<{ verb: string }> = await app.app
      .get(DataSource)
      .query(`SELECT verb FROM audit_entries WHERE entity_type = 'sign-in' AND actor_id = $1`, [session.body.user.id]);
    expect(rows.map((row) => row.verb)).toContain('sso-signed-in');
  });

  it('should refuse an e-mail the provider has not verified, and one no account has, with a clear reason', async () => {
    provider.signInAs('unverified');
    const unverified = await singleSignOn(app);
    expect(unverified.searchParams.get('sso_error')).toBe('unverified');
    expect(unverified.searchParams.get('sso')).toBeNull();

    provider.signInAs('stranger');
    const unknown = await singleSignOn(app);
    expect(unknown.searchParams.get('sso_error')).toBe('unknown');
  });

  it('should refuse a callback that did not start here (no attempt cookie), and a made-up hand-off', async () => {
    const forged = await fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/login?sso_error=failed');
    expect((await app.request('POST', '/api/auth/oidc/complete', undefined, { handoff: 'not-a-token' })).status).toBe(401);
  });
});
