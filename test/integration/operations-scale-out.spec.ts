import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Session, TestApp } from './support/harness.js';

/** One sample's value from Prometheus text (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function metricsOf(app: TestApp): Promise<string> {
  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

// Two instances on one PostgreSQL (the embedded store serves one process), without Redis: the
// second learns of the first's writes only by its sweep, which its metrics count.
describe('Operations: relay metrics across two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let chair: Session;
  let committeeId: string;

  beforeAll(async () => {
    first = await TestApp.start({ RELAY_SWEEP_MS: '600000' });
    second = await first.startPeer({ SEED_DEMO: 'false', RELAY_SWEEP_MS: '200' });
    chair = await first.login('chair');
    committeeId = (await first.committees(chair.token)).main.id;
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should count a change another instance committed as a sweep catch-up and time its relay from the log', async () => {
    const watcher = await second.connect(chair.token);
    expect((await watcher.subscribe(committeeId)).ok).toBe(true);
    const before = await metricsOf(second);
    expect(sample(before, 'sidang_socket_subscriptions')).toBe(1);

    const item = await first.createItem(chair.token, committeeId, { title: 'Written on the first instance' });
    await watcher.waitForEntity(item.id, 'action-item.created', 10_000);

    const after = await metricsOf(second);
    expect(sample(after, 'sidang_relay_sweep_catchups_total')).toBeGreaterThan(sample(before, 'sidang_relay_sweep_catchups_total'));
    expect(sample(after, 'sidang_relay_lag_seconds_count', 'path="log"')).toBeGreaterThan(
      sample(before, 'sidang_relay_lag_seconds_count', 'path="log"'),
    );
    // Its own commits go out directly: none counted on the second instance, which wrote nothing.
    expect(sample(after, 'sidang_relay_lag_seconds_count', 'path="direct"')).toBe(0);
    // The first instance has no socket and relays nothing.
    expect(sample(await metricsOf(first), 'sidang_socket_connections')).toBe(0);
  });
});
