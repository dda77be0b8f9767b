import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ActionItem,
  LoginResponse,
  MfaChallenge,
  MfaStatus,
  RecoveryCodes,
  SearchResponse,
  SessionInfo,
  TotpEnrolment,
} from '@sidang/shared';
import { generate } from 'otplib';
import { DataSource } from 'typeorm';
import { unique } from './support/factories.js';
import { DEMO, type DemoUser, delivered, type Session, TestApp, until } from './support/harness.js';

/**
 * A code of the authenticator for the next time step: the server accepts one step of drift,
 * and refuses a code of a step it already accepted (so a code just used for enrolment cannot
 * sign in again).
 */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
const currentCode = (secret: string) => generate({ secret });

async function enrol(app: TestApp, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const begun = await app.request<TotpEnrolment>('POST', '/api/auth/mfa/totp', token);
  expect(begun.status).toBe(200);
  expect(begun.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Sidang:/);
  const confirmed = await app.request<RecoveryCodes>('POST', '/api/auth/mfa/totp/confirm', token, {
    code: await currentCode(begun.body.secret),
  });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.recoveryCodes).toHaveLength(10);
  return { secret: begun.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

async function password(app: TestApp, user: DemoUser, userAgent = 'jest'): Promise<{ status: number; body: LoginResponse | MfaChallenge }> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ email: DEMO[user], password: 'sidang-demo' }),
  });
  return { status: response.status, body: (await response.json()) as LoginResponse | MfaChallenge };
}

describe('strong sign-in with MFA_REQUIRED_FOR=SECRET', () => {
  let app: TestApp;
  let committeeId: string;
  let secretariat: Session;
  let secretariatTotp: { secret: string; recoveryCodes: string[] };
  let chair: Session;
  let marker: string;
  let secretItem: ActionItem;

  beforeAll(async () => {
    app = await TestApp.start({ MFA_REQUIRED_FOR: 'SECRET' });
    secretariat = await app.login('secretariat');
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
    // The secretariat sets up an authenticator: this session passes the second factor with it.
    secretariatTotp = await enrol(app, secretariat.token);
    marker = unique('rahsia-kestrel');
    secretItem = await app.createItem(secretariat.token, committeeId, { title: `Position ${marker}`, classification: 'SECRET' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('should still sign a demo account without a second factor in with 200 {accessToken, user}, served below SECRET', async () => {
    expect(chair.accessToken).toEqual(expect.any(String));
    expect(chair.user.clearance).toBe('SECRET');
    const status = await app.request<MfaStatus>('GET', '/api/auth/mfa', chair.token);
    expect(status.body).toMatchObject({
      totp: false,
      sessionPassed: false,
      requiredFor: 'SECRET',
      servedClearance: 'CONFIDENTIAL',
      limited: true,
    });
    // Creating a SECRET record is above what the session is served at.
    const refused = await app.request('POST', `/api/committees/${committeeId}/action-items`, chair.token, {
      title: 'x',
      classification: 'SECRET',
    });
    expect(refused.status).toBe(400);
  });

  it('should withhold a SECRET record on REST, socket, catch-up and search until the session passes MFA, and serve it after', async () => {
    // Positive control first: the secretariat, past its second factor, sees it everywhere.
    expect((await app.request('GET', `/api/action-items/${secretItem.id}`, secretariat.token)).status).toBe(200);
    const { events: cleared } = await app.catchUp(secretariat.token, committeeId, 0);
    expect(cleared.some((e) => JSON.stringify(e).includes(marker))).toBe(true);
    await until(async () => {
      const found = await app.request<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(marker)}`, secretariat.token);
      return found.body.items.some((hit) => hit.id === secretItem.id);
    }, 'the search index to hold the marker');

    // The chair, cleared SECRET but signed in with a password alone, meets it nowhere.
    expect((await app.request('GET', `/api/action-items/${secretItem.id}`, chair.token)).status).toBe(404);
    const list = await app.request<unknown>('GET', `/api/committees/${committeeId}/action-items`, chair.token);
    expect(JSON.stringify(list.body)).not.toContain(marker);
    const { events } = await app.catchUp(chair.token, committeeId, 0);
    expect(JSON.stringify(events)).not.toContain(marker);
    const found = await app.request<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(marker)}`, chair.token);
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).not.toContain(marker);

    // Live: a new SECRET record reaches the secretariat's socket, and not the chair's.
    const chairSocket = await app.connect(chair.token);
    const secretariatSocket = await app.connect(secretariat.token);
    expect((await chairSocket.subscribe(committeeId)).ok).toBe(true);
    expect((await secretariatSocket.subscribe(committeeId)).ok).toBe(true);
    const liveMarker = unique('rahsia-live');
    const live = await app.createItem(secretariat.token, committeeId, { title: `Live ${liveMarker}`, classification: 'SECRET' });
    const control = await app.createItem(secretariat.token, committeeId, { title: 'Open control', classification: 'OPEN' });
    await secretariatSocket.waitForEntity(live.id);
    await chairSocket.waitForEntity(control.id);
    await delivered(chairSocket);
    expect(JSON.stringify(chairSocket.events)).not.toContain(liveMarker);
    expect(JSON.stringify(secretariatSocket.events)).toContain(liveMarker);
    chairSocket.disconnect();
    secretariatSocket.disconnect();

    // The chair sets up an authenticator on this device: the same session now sees it.
    await enrol(app, chair.token);
    await until(
      async () => (await app.request('GET', `/api/action-items/${secretItem.id}`, chair.token)).status === 200,
      'the stepped-up session to see it',
    );
    const after = await app.catchUp(chair.token, committeeId, 0);
    expect(JSON.stringify(after.events)).toContain(marker);
    const searched = await app.request<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(marker)}`, chair.token);
    expect(searched.body.items.map((hit) => hit.id)).toContain(secretItem.id);
  });

  it('should ask an enrolled account for its second factor at sign-in, refuse a wrong code, and start the session on the right one', async () => {
    const first = await password(app, 'secretariat');
    expect(first.status).toBe(200);
    const challenge = first.body as MfaChallenge;
    expect(challenge).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['totp', 'recovery']) });
    expect('accessToken' in first.body).toBe(false);
    expect(JSON.stringify(first.body)).not.toContain(secretariatTotp.secret);

    const wrong = await app.request<{ code: string }>('POST', '/api/auth/mfa/verify', undefined, {
      mfaToken: challenge.mfaToken,
      code: '000000',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('wrong_code');
    const right = await app.request<LoginResponse>('POST', '/api/auth/mfa/verify', undefined, {
      mfaToken: challenge.mfaToken,
      code: await nextCode(secretariatTotp.secret),
    });
    expect(right.status).toBe(200);
    expect((await app.request('GET', `/api/action-items/${secretItem.id}`, right.body.accessToken)).status).toBe(200);
    // The mfaToken is spent, and the same code does not work twice.
    const again = await app.request('POST', '/api/auth/mfa/verify', undefined, {
      mfaToken: challenge.mfaToken,
      code: await nextCode(secretariatTotp.secret),
    });
    expect(again.status).toBe(401);
    // Never the secret again.
    const status = await app.request<MfaStatus>('GET', '/api/auth/mfa', right.body.accessToken);
    expect(status.body).toMatchObject({
      totp: true,
      sessionPassed: true,
      limited: false,
      servedClearance: 'SECRET',
      recoveryCodesLeft: 10,
    });
    expect(JSON.stringify(status.body)).not.toContain(secretariatTotp.secret);
  });

  it('should keep the authenticator secret sealed in the database', async () => {
    const dataSource = app.app.get(DataSource);
    const rows: Array<{ secret_sealed: string }> = await dataSource.query('SELECT secret_sealed FROM user_totp');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(secretariatTotp.secret);
  });

  it('should take each recovery code once', async () => {
    const code = secretariatTotp.recoveryCodes[0] as string;
    const challenge = (await password(app, 'secretariat')).body as MfaChallenge;
    const used = await app.request<LoginResponse>('POST', '/api/auth/mfa/verify', undefined, {
      mfaToken: challenge.mfaToken,
      code: code.toUpperCase(),
    });
    expect(used.status).toBe(200);
    const second = (await password(app, 'secretariat')).body as MfaChallenge;
    const reused = await app.request<{ code: string }>('POST', '/api/auth/mfa/verify', undefined, { mfaToken: second.mfaToken, code });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('wrong_code');
    const status = await app.request<MfaStatus>('GET', '/api/auth/mfa', used.body.accessToken);
    expect(status.body.recoveryCodesLeft).toBe(9);
  });

  it('should give up on an mfaToken after five wrong codes', async () => {
    const challenge = (await password(app, 'secretariat')).body as MfaChallenge;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await app.request('POST', '/api/auth/mfa/verify', undefined, { mfaToken: challenge.mfaToken, code: '111111' })).status).toBe(
        401,
      );
    }
    const late = await app.request<{ code: string }>('POST', '/api/auth/mfa/verify', undefined, {
      mfaToken: challenge.mfaToken,
      code: await nextCode(secretariatTotp.secret),
    });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('unauthorized');
  });

  it('should answer an administrator without a second factor 403 mfa_required on admin routes, and serve them after', async () => {
    const admin = await app.login('admin');
    const refused = await app.request<{ code: string }>('GET', '/api/admin/users', admin.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('mfa_required');
    await enrol(app, admin.token);
    await until(async () => (await app.request('GET', '/api/admin/users', admin.token)).status === 200, 'the admin routes to open');
  });

  it('should list the caller’s sessions per device and revoke one, closing its sockets', async () => {
    const member = await app.login('member');
    const phoneSignIn = await password(app, 'member', 'Phone browser/1.0');
    const phone = phoneSignIn.body as LoginResponse;
    const phoneSocket = await app.connect(phone.accessToken);
    const closed = new Promise<void>((resolve) => phoneSocket.socket.once('disconnect', () => resolve()));

    const listed = await app.request<SessionInfo[]>('GET', '/api/auth/sessions', member.token);
    expect(listed.status).toBe(200);
    expect(listed.body[0]).toMatchObject({ current: true });
    const phoneSession = listed.body.find((session) => session.userAgent === 'Phone browser/1.0');
    expect(phoneSession).toMatchObject({
      current: false,
      ip: expect.any(String),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
    });

    // Someone else's session is not found, nor is a made-up one.
    const observer = await app.login('observer');
    expect((await app.request('DELETE', `/api/auth/sessions/${phoneSession?.id}`, observer.token)).status).toBe(404);
    expect((await app.request('DELETE', `/api/auth/sessions/${crypto.randomUUID()}`, member.token)).status).toBe(404);
    expect((await app.request('GET', '/api/auth/me', phone.accessToken)).status).toBe(200);

    expect((await app.request('DELETE', `/api/auth/sessions/${phoneSession?.id}`, member.token)).status).toBe(204);
    await closed;
    expect((await app.request('GET', '/api/auth/me', phone.accessToken)).status).toBe(401);
    expect((await app.request('POST', '/api/auth/refresh', undefined, { refreshToken: phone.refreshToken })).status).toBe(401);
    expect((await app.request('GET', '/api/auth/me', member.token)).status).toBe(200);
    const remaining = await app.request<SessionInfo[]>('GET', '/api/auth/sessions', member.token);
    expect(remaining.body.map((session) => session.id)).not.toContain(phoneSession?.id);
  });

  it('should audit sign-in events', async () => {
    const dataSource = app.app.get(DataSource);
    const rows: Array<{ verb: string }> = await dataSource.query(`SELECT verb FROM audit_entries WHERE entity_type = 'sign-in'`);
    const verbs = new Set(rows.map((row) => row.verb));
    for (const verb of [
      'signed-in',
      'second-factor-asked',
      'second-factor-passed',
      'second-factor-failed',
      'totp-enrolled',
      'session-revoked',
    ])
      expect({ verb, audited: verbs.has(verb) }).toEqual({ verb, audited: true });
  });

  it('should refuse to remove a second factor from a session that has not passed one', async () => {
    // The member has no second factor; the secretariat's earlier password-only session…
    const member = await app.login('member');
    const refused = await app.request<{ code: string }>('POST', '/api/auth/mfa/recovery-codes', member.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('mfa_required');
  });

  it('should offer passkey options bound to the caller and refuse made-up answers', async () => {
    const member = await app.login('member');
    const options = await app.request<{ challengeToken: string; options: { rp: { id: string }; user: { name: string } } }>(
      'POST',
      '/api/auth/passkeys/options',
      member.token,
    );
    expect(options.status).toBe(200);
    expect(options.body.options).toMatchObject({ rp: { id: '127.0.0.1' }, user: { name: DEMO.member } });
    // Another user's challenge, or a made-up answer, registers nothing.
    const observer = await app.login('observer');
    const stolen = await app.request<{ code: string }>('POST', '/api/auth/passkeys', observer.token, {
      challengeToken: options.body.challengeToken,
      response: { id: 'x' },
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.code).toBe('wrong_code');
    const made = await app.request('POST', '/api/auth/passkeys', member.token, {
      challengeToken: options.body.challengeToken,
      response: { id: 'x' },
    });
    expect(made.status).toBe(403);
    // An account without a passkey has no passkey sign-in to offer.
    const challenge = (await password(app, 'secretariat')).body as MfaChallenge;
    expect(challenge.methods).not.toContain('passkey');
    expect((await app.request('POST', '/api/auth/mfa/passkey/options', undefined, { mfaToken: challenge.mfaToken })).status).toBe(404);
    const bogus = await app.request<{ code: string }>('POST', '/api/auth/mfa/passkey', undefined, {
      mfaToken: challenge.mfaToken,
      challengeToken: options.body.challengeToken,
      response: { id: 'x' },
    });
    expect(bogus.status).toBe(401);
  });
});
