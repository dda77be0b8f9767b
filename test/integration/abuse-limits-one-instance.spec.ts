import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiError } from '@sidang/shared';
import { aUser, type TestUser } from './support/factories.js';
import { TestApp, until } from './support/harness.js';

const SEARCH_LIMIT = 4;
const SOCKET_CAP = 2;

/**
 * The same limits on one instance without Redis (in-memory counts), on PostgreSQL and on the
 * embedded store, as `npm start` runs. The multi-instance half is abuse-limits.spec.ts.
 */
describe('abuse limits on one instance without Redis', () => {
  let app: TestApp;
  let member: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    app = await TestApp.start({
      SEARCH_REQUESTS_PER_WINDOW: String(SEARCH_LIMIT),
      SEARCH_WINDOW_SECONDS: '60',
      SOCKETS_PER_USER_MAX: String(SOCKET_CAP),
    });
    member = await aUser(app, { clearance: 'CONFIDENTIAL' });
    other = await aUser(app, { clearance: 'OPEN' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should answer the search beyond the limit with 429 rate_limited and Retry-After, and leave another user alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SEARCH_LIMIT; i++) statuses.push((await app.request('GET', `/api/search?q=nikel${i}`, member.token)).status);
    expect(statuses).toEqual(Array<number>(SEARCH_LIMIT).fill(200));

    const response = await fetch(`${app.url}/api/search?q=nikel`, { headers: { authorization: `Bearer ${member.token}` } });
    const body = (await response.json()) as ApiError;
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body).toMatchObject({ statusCode: 429, code: 'rate_limited', retryAfter: Number(response.headers.get('retry-after')) });

    // Positive control: another user is not held back.
    expect((await app.request('GET', '/api/search?q=nikel', other.token)).status).toBe(200);
  });

  it('should refuse a burst of sockets beyond the cap at the handshake, free a slot on close, and let another user connect', async () => {
    const burst = await Promise.allSettled(Array.from({ length: 3 * SOCKET_CAP }, () => app.connect(member.token)));
    const connected = burst.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refusals = burst.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error & { data?: unknown }] : []));
    expect(connected).toHaveLength(SOCKET_CAP);
    expect(refusals).toHaveLength(2 * SOCKET_CAP);
    for (const refusal of refusals) {
      expect(refusal.message).toMatch(/^too_many_sockets:/);
      expect(refusal.data).toEqual({ code: 'too_many_sockets', max: SOCKET_CAP });
    }

    // Positive control: another user's socket connects.
    expect((await app.connect(other.token)).socket.connected).toBe(true);

    connected[0]?.disconnect();
    // Once the server has handled the close (a bounded wait, not a fixed one).
    const again = await until(() => app.connect(member.token).catch(() => undefined), 'a slot freed by the close');
    expect(again.socket.connected).toBe(true);
  });
});
