import { describe, expect, it } from '@jest/globals';
import { MemoryRateLimitStore } from './rate-limit.store.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

describe(MemoryRateLimitStore.name, () => {
  const storeAt = () => {
    const clock = { now: 0 };
    return { store: new MemoryRateLimitStore(() => clock.now), clock };
  };

  it('should count in a fixed window that starts at the first hit', async () => {
    const { store, clock } = storeAt();
    expect(await store.hit('k', 1_000)).toEqual({ count: 1, msLeft: 1_000 });
    clock.now = 600;
    expect(await store.hit('k', 1_000)).toEqual({ count: 2, msLeft: 400 });
    clock.now = 1_000;
    expect(await store.hit('k', 1_000)).toEqual({ count: 1, msLeft: 1_000 });
  });

  it('should restart a sliding counter on every hit', async () => {
    const { store, clock } = storeAt();
    await store.hit('k', 1_000, { slide: true });
    clock.now = 900;
    expect(await store.hit('k', 1_000, { slide: true })).toEqual({ count: 2, msLeft: 1_000 });
  });

  it('should refund only a live counter above zero', async () => {
    const { store } = storeAt();
    await store.refund('none');
    expect(await store.peek('none')).toEqual({ count: 0, msLeft: 0 });
    await store.hit('k', 1_000);
    await store.refund('k');
    await store.refund('k');
    expect((await store.peek('k')).count).toBe(0);
    expect((await store.hit('k', 1_000)).count).toBe(1);
  });

  it('should hold a mark for its time and clear it on demand', async () => {
    const { store, clock } = storeAt();
    await store.hold('b', 2_000);
    clock.now = 500;
    expect((await store.peek('b')).msLeft).toBe(1_500);
    await store.clear('b');
    expect((await store.peek('b')).msLeft).toBe(0);
  });
});

describe(RedisRateLimitStore.name, () => {
  it('should count in memory while Redis does not answer: never unlimited, never refusing everyone', async () => {
    // Nothing listens on port 1.
    const store = new RedisRateLimitStore('redis://127.0.0.1:1', 'test:');
    try {
      await store.connect();
      expect(await store.hit('k', 60_000)).toEqual({ count: 1, msLeft: 60_000 });
      expect((await store.hit('k', 60_000)).count).toBe(2);
      await store.hold('b', 5_000);
      expect((await store.peek('b')).msLeft).toBeGreaterThan(4_000);
    } finally {
      await store.close();
    }
  });
});
