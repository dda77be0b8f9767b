import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiError } from '@sidang/shared';
import { DEMO, TestApp } from './support/harness.js';

interface Attempt {
  status: number;
  body: ApiError & { accessToken?: string };
  retryAfter: string | null;
  cookie: string | null;
  ms: number;
}

/** One sign-in from `address` (sent as the proxy would, in X-Forwarded-For). */
async function signIn(app: TestApp, email: string, password: string, address: string, cookie?: string): Promise<Attempt> {
  const started = performance.now();
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as Attempt['body'];
  const setCookie = response.headers.get('set-cookie');
  return {
    status: response.status,
    body,
    retryAfter: response.headers.get('retry-after'),
    cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
    ms: performance.now() - started,
  };
}

/** The attacker's attempts, on connections of their own (as they would be from another machine). */
function floodSignIn(app: TestApp, agent: Agent, address: string): Promise<Attempt> {
  const started = performance.now();
  const payload = JSON.stringify({ email: randomEmail(), password: 'wrong-password' });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${app.url}/api/auth/login`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-forwarded-for': address } },
      (incoming) => {
        let text = '';
        incoming.on('data', (chunk) => {
          text += chunk;
        });
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            body: JSON.parse(text) as Attempt['body'],
            retryAfter: (incoming.headers['retry-after'] as string | undefined) ?? null,
            cookie: null,
            ms: performance.now() - started,
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const randomEmail = () => `nobody-${crypto.randomUUID()}@example.org`;

describe('sign-in flood', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should refuse a flood of random e-mails from one address with 429 and keep a real sign-in fast', async () => {
    const attacker = '203.0.113.7';
    const quiet = await signIn(app, DEMO.member, 'sidang-demo', '198.51.100.2');
    expect(quiet.status).toBe(200);
    const agent = new Agent({ keepAlive: false, maxSockets: 50 });
    const flood: Promise<Attempt>[] = [];
    const real: Attempt[] = [];
    const health: number[] = [];
    for (let wave = 0; wave < 8; wave++) {
      for (let i = 0; i < 50; i++) flood.push(floodSignIn(app, agent, attacker));
      real.push(await signIn(app, DEMO.member, 'sidang-demo', '198.51.100.2'));
      const started = performance.now();
      await fetch(`${app.url}/api/health`);
      health.push(performance.now() - started);
    }
    const results = await Promise.all(flood);
    agent.destroy();
    const refused = results.filter((r) => r.status === 429);
    const worst = Math.max(...real.map((r) => r.ms));
    const statuses: Record<number, number> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    console.info(`quiet sign-in ${quiet.ms.toFixed(0)} ms`);
    console.info(
      `flood statuses ${JSON.stringify(statuses)}; real sign-ins ${real.map((r) => `${r.status}/${r.ms.toFixed(0)}ms`).join(' ')}`,
    );
    console.info(
      `flood of ${results.length}: ${refused.length} refused with 429; real sign-in worst ${worst.toFixed(0)} ms; /api/health worst ${Math.max(...health).toFixed(0)} ms`,
    );
    expect(refused.length).toBeGreaterThan(300);
    expect(results.every((r) => r.status === 401 || r.status === 429 || r.status === 503)).toBe(true);
    for (const r of real) expect(r.status).toBe(200);
    // At most one attacker's hash runs ahead of the real user's own: a few sign-in times (before
    // the per-address limit and the fair queue it was some 70). The absolute 3 s holds on an idle
    // machine; on a shared, loaded one (quiet sign-in over a second) the quiet figure sets it.
    expect(worst).toBeLessThan(Math.max(3_000, 6 * quiet.ms));
    const sample = refused[0];
    expect(Number(sample?.retryAfter)).toBeGreaterThan(0);
    expect(sample?.body).toMatchObject({ statusCode: 429, code: 'rate_limited', retryAfter: Number(sample?.retryAfter) });
    expect(sample?.body.message).toMatch(/\d+ seconds?/);
  }, 120_000);

  it('should refuse an over-long e-mail before looking anything up', async () => {
    const result = await signIn(app, `${'a'.repeat(300)}@example.org`, 'x', '198.51.100.9');
    expect(result.status).toBe(400);
    expect(result.body.issues?.[0]).toMatchObject({ field: 'email', code: 'too_long' });
  });
});

describe('sign-in behind no trusted proxy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '5' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should ignore a forged X-Forwarded-For and still count the real address', async () => {
    const results: Attempt[] = [];
    for (let i = 0; i < 8; i++) results.push(await signIn(app, randomEmail(), 'wrong', `192.0.2.${i}`));
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });
});

describe('account lockout', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ TRUST_PROXY: 'loopback', LOGIN_ATTEMPTS_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should not let wrong passwords lock the owner out of a known device, even from the same address', async () => {
    const first = await signIn(app, DEMO.chair, 'sidang-demo', '198.51.100.20');
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(/^sidang_device=/);

    const attacker = '198.51.100.66';
    const guesses: Attempt[] = [];
    for (let i = 0; i < 8; i++) guesses.push(await signIn(app, DEMO.chair, `guess-${i}`, attacker));
    expect(guesses.some((g) => g.status === 429)).toBe(true);

    const owner = await signIn(app, DEMO.chair, 'sidang-demo', attacker, first.cookie ?? undefined);
    expect(owner.status).toBe(200);
  });

  it('should let the right password in after a short back-off on a new device', async () => {
    const attacker = '198.51.100.67';
    let refused: Attempt | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const guess = await signIn(app, DEMO.secretariat, `guess-${i}`, attacker);
      if (guess.status === 429) refused = guess;
    }
    expect(refused).toBeDefined();
    const wait = Number(refused?.retryAfter);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);

    const tooSoon = await signIn(app, DEMO.secretariat, 'sidang-demo', '198.51.100.30');
    expect(tooSoon.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, Number(tooSoon.retryAfter) * 1000 + 100));
    const owner = await signIn(app, DEMO.secretariat, 'sidang-demo', '198.51.100.30');
    expect(owner.status).toBe(200);
  });

  it('should not let a device cookie of one account exempt guesses at another', async () => {
    const own = await signIn(app, DEMO.observer, 'sidang-demo', '198.51.100.40');
    expect(own.status).toBe(200);
    const guesses: Attempt[] = [];
    for (let i = 0; i < 8; i++) guesses.push(await signIn(app, DEMO.member, `guess-${i}`, '198.51.100.41', own.cookie ?? undefined));
    expect(guesses.some((g) => g.status === 429)).toBe(true);
  });
});
