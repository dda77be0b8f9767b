import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse, MfaStatus, SsoConfig } from '@sidang/shared';
import Provider from 'oidc-provider';
import { DataSource } from 'typeorm';
import { DEMO, TestApp } from './support/harness.js';

const CLIENT_ID = 'sidang-test';
const CLIENT_SECRET = 'a-client-secret-for-tests-only';
/** The address the provider sends people back to; the test follows it to the app itself. */
const REDIRECT_URI = 'http://sidang.test/api/auth/oidc/callback';

/** The people the provider knows: who signs in next is chosen per test. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean }> = {
  chair: { email: DEMO.chair.toUpperCase(), email_verified: true },
  unverified: { email: DEMO.member, email_verified: false },
  stranger: { email: 'nobody@agency.gov.my', email_verified: true },
};

/**
 * An OpenID provider in this process (oidc-provider), whose login and consent screens sign in
 * `next` at once; a real authorization code flow with PKCE runs against it.
 */
async function startProvider(): Promise<{ issuer: string; server: Server; signInAs: (account: string) => void }> {
  let next = 'chair';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['cookie-key-for-tests'] },
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) {
      callback(req, res);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: next } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session?.accountId ?? next, clientId: CLIENT_ID });
      grant.addOIDCScope('openid email profile');
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return { issuer, server, signInAs: (account) => (next = account) };
}

/**
 * A browser's walk through the redirects, with a cookie jar per host: from the app's start to
 * the provider and back. The provider's redirect to REDIRECT_URI is followed to the app itself.
 */
async function singleSignOn(app: TestApp): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(`${app.url}/api/auth/oidc/start`);
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.href.startsWith(REDIRECT_URI)) url = new URL(`${app.url}/api/auth/oidc/callback${url.search}`);
    if (url.pathname === '/login') return url;
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(pair.slice(0, at));
      else cookies.set(pair.slice(0, at), value);
    }
    jar.set(url.host, cookies);
    const location = response.headers.get('location');
    if (!location) throw new Error(`${url.href} answered ${response.status} without a redirect: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

describe('single sign-on by OpenID Connect, against a provider in this process', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let app: TestApp;

  beforeAll(async () => {
    provider = await startProvider();
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
    await new Promise((resolve) => provider?.server.close(resolve));
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
