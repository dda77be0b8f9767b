import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { type Session, TestApp } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two instances sharing PostgreSQL and Redis', () => {
  let first: TestApp;
  let second: TestApp;
  let chair: Session;
  let observerOnSecond: Session;
  let committeeId: string;

  beforeAll(async () => {
    // A sweep far longer than the test: only the Redis signal can deliver in time.
    first = await TestApp.start({ REDIS_URL, RELAY_SWEEP_MS: '600000' });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    chair = await first.login('chair');
    observerOnSecond = await second.login('observer');
    committeeId = (await first.committees(chair.token)).main.id;
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should deliver a write on one instance to a subscriber of the other, filtered by clearance', async () => {
    const watcher = await second.connect(observerOnSecond.token);
    const ack = await watcher.subscribe(committeeId);
    expect(ack.ok).toBe(true);
    // Positive control: a reader cleared for SECRET on the same instance.
    const cleared = await second.connect(chair.token);
    expect((await cleared.subscribe(committeeId)).ok).toBe(true);

    const open = await first.createItem(chair.token, committeeId, { title: 'Written on instance one' });
    const secret = await first.createItem(chair.token, committeeId, { title: 'Secret, instance one', classification: 'SECRET' });
    const marker = await first.createItem(chair.token, committeeId, { title: 'Marker' });

    const events = await watcher.waitFor((received) => received.some((e) => e.entityId === marker.id), 1_500);
    expect(events.map((e) => e.entityId)).toEqual([open.id, marker.id]);
    expect(events.map((e) => e.entityId)).not.toContain(secret.id);
    expect(events[0]?.seq).toBeLessThan(events[1]?.seq as number);
    const all = await cleared.waitFor((received) => received.some((e) => e.entityId === marker.id), 1_500);
    expect(all.map((e) => e.entityId)).toEqual([open.id, secret.id, marker.id]);
  });

  it('should accept a token issued by the other instance (shared signing key)', async () => {
    const { status } = await second.request('GET', '/api/committees', chair.token);
    expect(status).toBe(200);
  });

  it('should put only {committeeId, seq} on Redis, never a record', async () => {
    const spy = new Redis(REDIS_URL);
    const messages: string[] = [];
    spy.on('message', (_channel, message: string) => messages.push(message));
    await spy.subscribe('sidang:committed');
    try {
      const marker = `SECRET-MARKER-${Date.now()}`;
      const secret = await first.createItem(chair.token, committeeId, { title: marker, description: marker, classification: 'SECRET' });
      const deadline = Date.now() + 3_000;
      while (messages.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // Positive control: the commit was signalled.
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message).not.toContain(marker);
        expect(message).not.toContain(secret.id);
        expect(Object.keys(JSON.parse(message)).sort()).toEqual(['committeeId', 'seq']);
      }
    } finally {
      spy.disconnect();
    }
  });
});
