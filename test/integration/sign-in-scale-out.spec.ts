import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse, MfaChallenge, RecoveryCodes, TotpEnrolment } from '@sidang/shared';
import { generate } from 'otplib';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, singleSignOn, startProvider, type TestProvider } from '../support/oidc-provider.js';
import { DEMO, type DemoUser, TestApp } from './support/harness.js';

const REDIRECT_URI = 'http://sidang.test/api/auth/oidc/callback';
const WRONG_CODE = '000000';

async function passwordStep(app: TestApp, user: DemoUser): Promise<string> {
  const answer = await app.request<MfaChallenge>('POST', '/api/auth/login', undefined, { email: DEMO[user], password: 'sidang-demo' });
  expect(answer.status).toBe(200);
  expect(answer.body.mfaRequired).toBe(true);
  return answer.body.mfaToken;
}

const verify = (app: TestApp, mfaToken: string, code: string) =>
  app.request<LoginResponse & { code?: string }>('POST', '/api/auth/mfa/verify', undefined, { mfaToken, code });

/**
 * Sign-in state that decides security is shared by every instance (two apps on one PostgreSQL
 * database, no Redis: the counts live in the database): an mfaToken's wrong codes and requests,
 * and a single sign-on hand-off already traded.
 */
describe('sign-in across two instances on one database', () => {
  let provider: TestProvider;
  let first: TestApp;
  let second: TestApp;
  let recoveryCodes: string[];

  beforeAll(async () => {
    provider = await startProvider({ chair: { email: DEMO.chair, email_verified: true } }, [REDIRECT_URI]);
    const env = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      // Sign-in throttling stays out of the way: these tests make many sign-ins from one address.
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '1000',
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    };
    first = await TestApp.start(env);
    second = await first.startPeer({ SEED_DEMO: 'false' });
    // The secretariat sets up an authenticator on the first instance: from now on its password asks for a second factor.
    const secretariat = await first.login('secretariat');
    const begun = await first.request<TotpEnrolment>('POST', '/api/auth/mfa/totp', secretariat.token);
    const confirmed = await first.request<RecoveryCodes>('POST', '/api/auth/mfa/totp/confirm', secretariat.token, {
      code: await generate({ secret: begun.body.secret }),
    });
    expect(confirmed.status).toBe(200);
    recoveryCodes = confirmed.body.recoveryCodes;
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await provider?.close();
  });

  it('should lock an mfaToken after five wrong codes spread over both instances, on both', async () => {
    const mfaToken = await passwordStep(first, 'secretariat');
    const instances = [first, second, first, second, first];
    for (const app of instances) {
      const wrong = await verify(app, mfaToken, WRONG_CODE);
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('wrong_code');
    }
    // A right code (unused: a recovery code) no longer opens this sign-in on either instance.
    const code = recoveryCodes[0] as string;
    for (const app of [second, first]) {
      const locked = await verify(app, mfaToken, code);
      expect(locked.status).toBe(401);
      expect(locked.body.code).toBe('unauthorized');
    }
    // Positive control: a new sign-in with the same code passes, on the second instance.
    const fresh = await verify(second, await passwordStep(second, 'secretariat'), code);
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.email).toBe(DEMO.secretariat);
  });

  it('should check at most ten requests of one mfaToken sent at once over both instances', async () => {
    const mfaToken = await passwordStep(second, 'secretariat');
    const answers = await Promise.all(Array.from({ length: 16 }, (_, n) => verify(n % 2 ? first : second, mfaToken, WRONG_CODE)));
    const checked = answers.filter((answer) => answer.body.code === 'wrong_code').length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(answers.every((answer) => answer.status === 401)).toBe(true);
    expect((await verify(first, mfaToken, recoveryCodes[1] as string)).status).toBe(401);
  });

  it('should take ten requests of one mfaToken in all, whichever instance they reach', async () => {
    const mfaToken = await passwordStep(first, 'secretariat');
    // Asking for passkey options is a request of the token too (this account has no passkey: 404).
    for (let n = 0; n < 10; n += 1) {
      const options = await (n % 2 ? first : second).request('POST', '/api/auth/mfa/passkey/options', undefined, { mfaToken });
      expect(options.status).toBe(404);
    }
    const spentUp = await verify(first, mfaToken, recoveryCodes[4] as string);
    expect(spentUp.status).toBe(401);
    expect(spentUp.body.code).toBe('unauthorized');
  });

  it('should end an mfaToken used on one instance on the other too', async () => {
    const mfaToken = await passwordStep(first, 'secretariat');
    expect((await verify(first, mfaToken, recoveryCodes[2] as string)).status).toBe(200);
    const again = await verify(second, mfaToken, recoveryCodes[3] as string);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('unauthorized');
  });

  it('should refuse on the second instance a single sign-on hand-off traded on the first', async () => {
    const handoff = (await singleSignOn(first.url, REDIRECT_URI)).searchParams.get('sso');
    expect(handoff).toEqual(expect.any(String));
    const traded = await first.request<LoginResponse>('POST', '/api/auth/oidc/complete', undefined, { handoff });
    expect(traded.status).toBe(200);
    expect(traded.body.user.email).toBe(DEMO.chair);
    const replayed = await second.request('POST', '/api/auth/oidc/complete', undefined, { handoff });
    expect(replayed.status).toBe(401);
  });

  it('should trade a hand-off sent to both instances at once exactly once', async () => {
    const handoff = (await singleSignOn(second.url, REDIRECT_URI)).searchParams.get('sso');
    expect(handoff).toEqual(expect.any(String));
    const answers = await Promise.all(
      [first, second, first, second].map((app) => app.request('POST', '/api/auth/oidc/complete', undefined, { handoff })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401]);
  });
});
