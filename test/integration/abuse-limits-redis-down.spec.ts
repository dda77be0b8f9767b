import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_STORE } from '../../server/src/common/rate-limit/rate-limit.store.js';
import type { RedisRateLimitStore } from '../../server/src/common/rate-limit/redis-rate-limit.store.js';
import { TestApp } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDRESS_LIMIT = 6;

/** A wrong-password sign-in of a random e-mail from `address` (sent as the trusted proxy would). */
async function failedSignIn(app: TestApp, address: string): Promise<number> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email: `nobody-${randomUUID()}@example.org`, password: 'wrong-password' }),
  });
  await response.arrayBuffer();
  return response.status;
}

const anAddress = () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

/**
 * While Redis does not answer the sign-in limits, two instances count in the database they share,
 * not each in its own memory: a guesser spreading attempts over instances meets one limit.
 */
describe('sign-in limits across two instances while Redis does not answer', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await TestApp.start({
      REDIS_URL,
      RATE_LIMIT_REDIS_PREFIX: `sidang-test:${randomUUID()}:`,
      TRUST_PROXY: 'loopback',
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: String(ADDRESS_LIMIT),
    });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    // Redis goes away for the limits of both instances (their own connection to it is closed).
    for (const app of [first, second])
      await app.app.get<typeof RATE_LIMIT_STORE, RedisRateLimitStore>(RATE_LIMIT_STORE, { strict: false }).close();
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should refuse sign-ins split across both instances at the same total as on one', async () => {
    const address = anAddress();
    const split: number[] = [];
    for (let i = 0; i < ADDRESS_LIMIT + 2; i++) split.push(await failedSignIn(i % 2 === 0 ? first : second, address));
    // Each instance counting alone would have let ADDRESS_LIMIT through: eight attempts, not six.
    expect(split).toEqual([...Array<number>(ADDRESS_LIMIT).fill(401), 429, 429]);
    // The count is in the database both instances read.
    const rows: Array<{ count: number }> = await first.app
      .get(DataSource)
      .query(`SELECT count FROM auth_counters WHERE key = $1`, [`rate:login:address:${address}`]);
    expect(rows.map((row) => Number(row.count))).toEqual([ADDRESS_LIMIT + 2]);
    // Positive control: another address is still heard on either instance.
    expect(await failedSignIn(second, anAddress())).toBe(401);
    expect(await failedSignIn(first, anAddress())).toBe(401);
  });
});
