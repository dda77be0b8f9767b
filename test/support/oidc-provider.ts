import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'sidang-test';
export const OIDC_CLIENT_SECRET = 'a-client-secret-for-tests-only';

/** A person the provider knows: the claims it hands out for them. */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
}

export interface TestProvider {
  issuer: string;
  server: Server;
  /** Who the provider's login screen signs in next. */
  signInAs(account: string): void;
  close(): Promise<void>;
}

/**
 * An OpenID provider in this process (oidc-provider). Its login and consent screens are plain
 * redirects that sign in the account chosen with `signInAs` and grant `openid email profile`,
 * so a real authorization code flow with PKCE runs against it, from a test's own redirects or
 * from a browser. `redirectUris` are the client's allowed callbacks; given as a function, they
 * are asked for at the first request (the provider's address goes into the app's environment
 * before the app, and so its callback address, exists).
 */
export async function startProvider(
  accounts: Record<string, ProviderAccount>,
  redirectUris: string[] | (() => string[]),
): Promise<TestProvider> {
  let next = Object.keys(accounts)[0] ?? '';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const create = () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: OIDC_CLIENT_ID,
          client_secret: OIDC_CLIENT_SECRET,
          redirect_uris: typeof redirectUris === 'function' ? redirectUris() : redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      conformIdTokenClaims: false,
      findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...accounts[id] }) }),
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: ['cookie-key-for-tests'] },
    });
  let made: { provider: Provider; callback: ReturnType<Provider['callback']> } | undefined;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!made) {
      const provider = create();
      made = { provider, callback: provider.callback() };
    }
    const { provider, callback } = made;
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
      const grant = new provider.Grant({ accountId: details.session?.accountId ?? next, clientId: OIDC_CLIENT_ID });
      grant.addOIDCScope('openid email profile');
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuer,
    server,
    signInAs: (account) => {
      next = account;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser's walk through the redirects, with a cookie jar per host: from the app's start to
 * the provider and back. The provider's redirect to `redirectUri` is followed to `appUrl`
 * itself; answers the app's `/login?…` address it ends on.
 */
export async function singleSignOn(appUrl: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(`${appUrl}/api/auth/oidc/start`);
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.href.startsWith(redirectUri)) url = new URL(`${appUrl}/api/auth/oidc/callback${url.search}`);
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
