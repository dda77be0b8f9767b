import { describe, expect, it } from '@jest/globals';
import { MemoryRateLimitStore } from '../common/rate-limit/rate-limit.store.js';
import { loadConfig } from '../config/config.js';
import { LoginThrottle } from './login-throttle.js';

describe(LoginThrottle.name, () => {
  /** A throttle over an in-memory store whose clock the test moves. */
  const throttle = () => {
    const clock = { now: 1_000 };
    const limiter = new LoginThrottle(
      loadConfig({ LOGIN_ATTEMPTS_PER_MINUTE: '3', LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '5', LOGIN_BACKOFF_MAX_SECONDS: '8' }),
      new MemoryRateLimitStore(() => clock.now),
    );
    return { limiter, clock };
  };
  const unknown = (address: string, account: string) => ({ address, account, device: null });

  it('should count in-flight and failed attempts per address, whatever the e-mail', async () => {
    const { limiter } = throttle();
    for (let i = 0; i < 5; i++) await limiter.begin(unknown('ip', `user${i}@x`));
    await expect(limiter.begin(unknown('ip', 'other@x'))).rejects.toThrow(/from this address; wait 60 seconds/);
    await expect(limiter.begin(unknown('ip2', 'other@x'))).resolves.toBeDefined();
  });

  it('should not count successful sign-ins against the address', async () => {
    const { limiter } = throttle();
    for (let i = 0; i < 20; i++) await (await limiter.begin(unknown('office', `user${i}@x`))).succeeded();
    await expect(limiter.begin(unknown('office', 'late@x'))).resolves.toBeDefined();
  });

  it('should back off an account exponentially, not lock it', async () => {
    const { limiter, clock } = throttle();
    for (let i = 0; i < 3; i++) await (await limiter.begin(unknown(`ip${i}`, 'a@x'))).failed();
    // The third failure starts a back-off of a second, then two after the next failure.
    await expect(limiter.begin(unknown('ip9', 'a@x'))).rejects.toThrow(/for this account; wait 1 second/);
    clock.now += 1_000;
    await (await limiter.begin(unknown('ip9', 'a@x'))).failed();
    await expect(limiter.begin(unknown('ip9', 'a@x'))).rejects.toThrow(/for this account; wait 2 seconds/);
    clock.now += 2_000;
    const owner = await limiter.begin(unknown('ip10', 'a@x'));
    await owner.succeeded();
    await expect(limiter.begin(unknown('ip10', 'a@x'))).resolves.toBeDefined();
  });

  it('should exempt a known device from the account and address limits, but count its own failures', async () => {
    const { limiter } = throttle();
    for (let i = 0; i < 3; i++) await (await limiter.begin(unknown('ip', 'a@x'))).failed();
    await expect(limiter.begin(unknown('ip', 'a@x'))).rejects.toThrow(/for this account/);
    const device = { address: 'ip', account: 'a@x', device: 'dev-1' };
    await expect(limiter.begin(device)).resolves.toBeDefined();
    for (let i = 0; i < 3; i++) await (await limiter.begin(device)).failed();
    await expect(limiter.begin(device)).rejects.toThrow(/from this device/);
  });

  it('should start a fresh address window after a minute', async () => {
    const { limiter, clock } = throttle();
    for (let i = 0; i < 5; i++) await (await limiter.begin(unknown('k', `u${i}@x`))).failed();
    clock.now += 59_999;
    await expect(limiter.begin(unknown('k', 'v@x'))).rejects.toThrow();
    clock.now += 1;
    await expect(limiter.begin(unknown('k', 'v@x'))).resolves.toBeDefined();
  });

  it('should share the limits of every throttle on one store, as instances on one Redis do', async () => {
    const store = new MemoryRateLimitStore();
    const config = loadConfig({ LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '4' });
    const [one, two] = [new LoginThrottle(config, store), new LoginThrottle(config, store)];
    for (let i = 0; i < 4; i++) await (await (i % 2 === 0 ? one : two).begin(unknown('ip', `u${i}@x`))).failed();
    await expect(one.begin(unknown('ip', 'late@x'))).rejects.toThrow(/from this address/);
    await expect(two.begin(unknown('ip', 'late@x'))).rejects.toThrow(/from this address/);
  });
});
