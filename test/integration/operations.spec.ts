import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiErrorSchema } from '@sidang/shared';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { type Session, TestApp, until } from './support/harness.js';

const METRICS_TOKEN = 'metrics-token-of-this-suite-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Log lines an app wrote (LOG_FORMAT=json), parsed. */
class LogLines {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly destination = {
    write: (text: string) => {
      for (const line of text.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  of(requestId: string): Array<Record<string, unknown>> {
    return this.lines.filter((line) => line.requestId === requestId);
  }
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Prometheus text, or HTML: kept as text.
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** One sample's value from Prometheus text (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Operations: metrics, request ids', () => {
  let app: TestApp;
  let chair: Session;
  let committeeId: string;
  const logs = new LogLines();

  beforeAll(async () => {
    app = await TestApp.start({ METRICS_TOKEN, LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, undefined, { logDestination: logs.destination });
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('should give every request an id: a sane incoming X-Request-Id is kept, anything else replaced by a new one', async () => {
    const generated = await get(`${app.url}/api/health/live`);
    expect(generated.headers.get('x-request-id')).toMatch(UUID);
    const kept = await get(`${app.url}/api/health/live`, { 'X-Request-Id': 'lb-7f3a.42' });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    for (const insane of ['has space', 'x'.repeat(129), 'quote"d', 'line\tbreak']) {
      const replaced = await get(`${app.url}/api/health/live`, { 'X-Request-Id': insane });
      expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it('should carry the request id in error bodies (the shared error shape) and in every log line of the request', async () => {
    const id = 'ops-error-body-1';
    const missing = await get(`${app.url}/api/action-items/00000000-0000-4000-8000-000000000000`, {
      authorization: `Bearer ${chair.token}`,
      'X-Request-Id': id,
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe(id);
    expect(apiErrorSchema.parse(missing.body).requestId).toBe(id);

    // A refusal before routing (405) and a body the parser refuses (400) carry it too.
    const refused = await fetch(`${app.url}/api/health/live`, { method: 'DELETE', headers: { 'X-Request-Id': 'ops-405' } });
    expect(refused.status).toBe(405);
    expect(((await refused.json()) as { requestId?: string }).requestId).toBe('ops-405');
    const badJson = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Request-Id': 'ops-bad-json' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(apiErrorSchema.parse(await badJson.json()).requestId).toBe('ops-bad-json');

    const lines = await until(() => logs.of(id).length > 0 && logs.of(id), 'the log line of the request');
    expect(lines.map((line) => line.msg)).toContain('request completed');
    expect(lines.every((line) => line.requestId === id)).toBe(true);
  });

  it('should serve Prometheus text to a scraper on loopback: latency by route template, sockets, subscriptions, relay lag, outbox, event loop, pool', async () => {
    const item = await app.createItem(chair.token, committeeId, { title: 'Metrics probe', classification: 'OPEN' });
    expect((await app.request('GET', `/api/action-items/${item.id}`, chair.token)).status).toBe(200);
    const client = await app.connect(chair.token);
    await client.subscribe(committeeId);
    await app.createItem(chair.token, committeeId, { title: 'Relayed after subscribe', classification: 'OPEN' });
    await client.waitFor((events) => events.some((event) => event.type === 'action-item.created'));

    const scraped = await get(`${app.url}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = scraped.text;
    // By the route's template, never its raw path (no ids in labels).
    expect(text).toContain('sidang_http_request_duration_seconds_count{method="GET",route="/api/action-items/:id",status="2xx"}');
    expect(text).not.toContain(item.id);
    expect(sample(text, 'sidang_socket_connections')).toBe(1);
    expect(sample(text, 'sidang_socket_subscriptions')).toBe(1);
    expect(sample(text, 'sidang_relay_lag_seconds_count', 'path="direct"')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^sidang_relay_sweep_catchups_total \d+$/m);
    expect(sample(text, 'sidang_mail_outbox_depth', 'status="pending"')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'sidang_db_pool_acquire_seconds_count')).toBeGreaterThan(0);
    expect(text).toMatch(/^sidang_db_pool_waiting \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);

    client.disconnect();
    await until(async () => sample((await get(`${app.url}/metrics`)).text, 'sidang_socket_connections') === 0, 'the socket gauge to drop');
  });

  it('should answer /metrics relayed through a proxy, or with a wrong token, with a JSON 404, never the client page; the token opens it', async () => {
    const refusedHeaders: Array<Record<string, string>> = [
      { 'X-Forwarded-For': '203.0.113.9' },
      { 'X-Real-IP': '203.0.113.9' },
      { authorization: 'Bearer not-the-token-at-all-000' },
      { authorization: `Bearer ${METRICS_TOKEN}x`, 'X-Forwarded-For': '203.0.113.9' },
    ];
    for (const headers of refusedHeaders) {
      const refused = await get(`${app.url}/metrics`, headers);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(apiErrorSchema.parse(refused.body).code).toBe('not_found');
      expect(refused.text).not.toMatch(/<html|sidang_/i);
    }
    const withToken = await get(`${app.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}`, 'X-Forwarded-For': '203.0.113.9' });
    expect(withToken.status).toBe(200);
    expect(withToken.text).toContain('sidang_http_request_duration_seconds_bucket');
  });
});

describe('Operations: liveness and readiness', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;
  const logs = new LogLines();

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await TcpProxy.forUrl(database.url);
    // The app reaches its database only through the proxy, which the test cuts and restores.
    app = await TestApp.start(
      { SEED_DEMO: 'false', LOG_LEVEL: 'info', LOG_FORMAT: 'json', DB_ACQUIRE_TIMEOUT_MS: '1500' },
      { ...database, url: proxy.rewrite(database.url), drop: () => database.drop() },
      { logDestination: logs.destination },
    );
  });
  afterAll(async () => {
    await proxy?.resume();
    await app?.close();
    await proxy?.close();
  });

  it('should be live and ready; not ready (503) while the database does not answer, yet live; ready again when it answers, without a restart', async () => {
    expect((await get(`${app.url}/api/health/live`)).status).toBe(200);
    expect((await get(`${app.url}/api/health/ready`)).body).toEqual({ status: 'ok', database: 'up' });
    expect((await get(`${app.url}/api/health`)).status).toBe(200);

    await proxy.pause();
    const down = await get(`${app.url}/api/health/ready`, { 'X-Request-Id': 'ops-ready-down' });
    expect(down.status).toBe(503);
    expect(apiErrorSchema.parse(down.body)).toMatchObject({ statusCode: 503, requestId: 'ops-ready-down' });
    expect((await get(`${app.url}/api/health`)).status).toBe(503);
    expect((await get(`${app.url}/api/health/live`)).status).toBe(200);
    // The probe's own warning says why, under the probe's request id.
    const lines = await until(() => logs.of('ops-ready-down').length >= 2 && logs.of('ops-ready-down'), 'the probe’s log lines');
    expect(lines.map((line) => line.context ?? line.msg)).toEqual(
      expect.arrayContaining(['HealthController', expect.stringMatching(/^request (completed|errored)$/)]),
    );

    await proxy.resume();
    await until(
      async () => (await get(`${app.url}/api/health/ready`)).status === 200,
      'readiness after the database came back',
      15_000,
      200,
    );
    expect((await get(`${app.url}/api/health`)).status).toBe(200);
  });
});
