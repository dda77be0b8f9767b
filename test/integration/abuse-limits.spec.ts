import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiError } from '@sidang/shared';
import { Redis } from 'ioredis';
import { aUser, type TestUser } from './support/factories.js';
import { type LiveClient, TestApp, until } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDRESS_LIMIT = 6;
const SEARCH_LIMIT = 5;
const SOCKET_CAP = 3;

interface Answer {
  status: number;
  body: ApiError;
  retryAfter: string | null;
}

/** A wrong-password sign-in of a random e-mail from `address` (sent as the trusted proxy would). */
async function failedSignIn(app: TestApp, address: string): Promise<Answer> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email: `nobody-${randomUUID()}@example.org`, password: 'wrong-password' }),
  });
  return { status: response.status, body: (await response.json()) as ApiError, retryAfter: response.headers.get('retry-after') };
}

async function search(app: TestApp, token: string, q: string): Promise<Answer> {
  const response = await fetch(`${app.url}/api/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as ApiError, retryAfter: response.headers.get('retry-after') };
}

/** A test address of its own per call, so no two tests (or runs) share a counter. */
const anAddress = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

describe('abuse limits across two instances sharing PostgreSQL and Redis', () => {
  // A prefix of this file's own: tests share one Redis server, and their counts must not meet.
  const prefix = `sidang-test:${randomUUID()}:`;
  let first: TestApp;
  let second: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    first = await TestApp.start({
      REDIS_URL,
      RATE_LIMIT_REDIS_PREFIX: prefix,
      TRUST_PROXY: 'loopback',
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: String(ADDRESS_LIMIT),
      SEARCH_REQUESTS_PER_WINDOW: String(SEARCH_LIMIT),
      SEARCH_WINDOW_SECONDS: '60',
      SOCKETS_PER_USER_MAX: String(SOCKET_CAP),
    });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('should refuse sign-ins split across both instances at the same total as on one', async () => {
    const onOne: number[] = [];
    const oneAddress = anAddress();
    for (let i = 0; i < ADDRESS_LIMIT + 2; i++) onOne.push((await failedSignIn(first, oneAddress)).status);

    const split: Answer[] = [];
    const splitAddress = anAddress();
    for (let i = 0; i < ADDRESS_LIMIT + 2; i++) split.push(await failedSignIn(i % 2 === 0 ? first : second, splitAddress));

    const expected = [...Array<number>(ADDRESS_LIMIT).fill(401), 429, 429];
    expect(onOne).toEqual(expected);
    // Per instance, each would have let ADDRESS_LIMIT through: twelve attempts, not six.
    expect(split.map((answer) => answer.status)).toEqual(expected);
    const refused = split[ADDRESS_LIMIT] as Answer;
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited', retryAfter: Number(refused.retryAfter) });
    // The count lives in Redis under this app's prefix, not in either process.
    expect(await redis.get(`${prefix}login:address:${splitAddress}`)).toBe(String(ADDRESS_LIMIT + 2));

    // Positive control: another address is still heard (a wrong password is a 401, not a 429) on either instance.
    expect((await failedSignIn(second, anAddress())).status).toBe(401);
    expect((await failedSignIn(first, anAddress())).status).toBe(401);
  });

  it('should limit searches per user on both instances together, with Retry-After, and leave another user alone', async () => {
    const member = await aUser(first, { clearance: 'CONFIDENTIAL' });
    const other = await aUser(first, { clearance: 'OPEN' });
    const answers: Answer[] = [];
    for (let i = 0; i < SEARCH_LIMIT + 1; i++) answers.push(await search(i % 2 === 0 ? first : second, member.token, `nikel ${i}`));

    expect(answers.slice(0, SEARCH_LIMIT).map((answer) => answer.status)).toEqual(Array<number>(SEARCH_LIMIT).fill(200));
    const refused = answers[SEARCH_LIMIT] as Answer;
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited', retryAfter: Number(refused.retryAfter) });
    expect(refused.body.message).toMatch(/^Too many searches; wait \d+ seconds? and try again$/);
    // Still refused on the other instance: one count per user, not per process.
    expect((await search(first, member.token, 'nikel again')).status).toBe(429);

    // Positive control: another user searches on both instances as usual.
    expect((await search(first, other.token, 'nikel')).status).toBe(200);
    expect((await search(second, other.token, 'nikel')).status).toBe(200);
  });

  describe('sockets per user', () => {
    let member: TestUser;
    let other: TestUser;

    beforeAll(async () => {
      member = await aUser(first, { clearance: 'CONFIDENTIAL' });
      other = await aUser(first, { clearance: 'OPEN' });
    });

    it('should refuse the socket beyond the cap at its handshake, with too_many_sockets, while another user connects', async () => {
      const held: LiveClient[] = [];
      for (let i = 0; i < SOCKET_CAP; i++) held.push(await first.connect(member.token));
      expect(held.every((client) => client.socket.connected)).toBe(true);

      const refusal = (await first.connect(member.token).then(
        () => undefined,
        (error: unknown) => error,
      )) as (Error & { data?: unknown }) | undefined;
      expect(refusal?.message).toMatch(/^too_many_sockets: at most 3 live connections per user/);
      expect(refusal?.data).toEqual({ code: 'too_many_sockets', max: SOCKET_CAP });

      // Positive control: another user's socket connects on the same instance.
      const others = await first.connect(other.token);
      expect(others.socket.connected).toBe(true);

      // Closing one frees its slot.
      held[0]?.disconnect();
      // Once the server has handled the close (a bounded wait, not a fixed one).
      const again = await until(() => first.connect(member.token).catch(() => undefined), 'a slot freed by the close');
      expect(again.socket.connected).toBe(true);
    });

    it('should let only the cap through when one user opens many sockets at once', async () => {
      const burst = await Promise.allSettled(Array.from({ length: 4 * SOCKET_CAP }, () => first.connect(other.token)));
      // `other` holds one socket already (the test above): the cap counts it.
      const connected = burst.filter((result) => result.status === 'fulfilled');
      const refused = burst.filter(
        (result): result is PromiseRejectedResult => result.status === 'rejected' && /too_many_sockets/.test(String(result.reason)),
      );
      expect(connected).toHaveLength(SOCKET_CAP - 1);
      expect(refused).toHaveLength(4 * SOCKET_CAP - (SOCKET_CAP - 1));
    });

    it('should count sockets per instance: the other instance has room of its own', async () => {
      // Documented choice (socket-limits.ts): the cap bounds each process's memory.
      const elsewhere = await second.connect(member.token);
      expect(elsewhere.socket.connected).toBe(true);
    });
  });
});
