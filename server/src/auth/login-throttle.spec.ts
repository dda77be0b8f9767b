import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/config.js';
import { LoginThrottle } from './login-throttle.js';

describe(LoginThrottle.name, () => {
  const throttle = () =>
    new LoginThrottle(
      loadConfig({ LOGIN_ATTEMPTS_PER_MINUTE: '3', LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '5', LOGIN_BACKOFF_MAX_SECONDS: '8' }),
    );
  const unknown = (address: string, account: string) => ({ address, account, device: null });

  it('should count in-flight and failed attempts per address, whatever the e-mail', () => {
    const limiter = throttle();
    for (let i = 0; i < 5; i++) limiter.begin(unknown('ip', `user${i}@x`), 1_000);
    expect(() => limiter.begin(unknown('ip', 'other@x'), 1_000)).toThrow(/from this address; wait 60 seconds/);
    expect(() => limiter.begin(unknown('ip2', 'other@x'), 1_000)).not.toThrow();
  });

  it('should not count successful sign-ins against the address', () => {
    const limiter = throttle();
    for (let i = 0; i < 20; i++) limiter.begin(unknown('office', `user${i}@x`), 1_000).succeeded();
    expect(() => limiter.begin(unknown('office', 'late@x'), 1_000)).not.toThrow();
  });

  it('should back off an account exponentially, not lock it', () => {
    const limiter = throttle();
    for (let i = 0; i < 3; i++) limiter.begin(unknown(`ip${i}`, 'a@x'), 0).failed();
    // The third failure starts a back-off of about a second (measured from the real clock).
    expect(() => limiter.begin(unknown('ip9', 'a@x'))).toThrow(/for this account; wait 1 second/);
  });

  it('should exempt a known device from the account and address limits, but count its own failures', () => {
    const limiter = throttle();
    for (let i = 0; i < 3; i++) limiter.begin(unknown('ip', 'a@x')).failed();
    expect(() => limiter.begin(unknown('ip', 'a@x'))).toThrow(/for this account/);
    const device = { address: 'ip', account: 'a@x', device: 'dev-1' };
    expect(() => limiter.begin(device)).not.toThrow();
    for (let i = 0; i < 3; i++) limiter.begin(device).failed();
    expect(() => limiter.begin(device)).toThrow(/from this device/);
  });

  it('should start a fresh address window after a minute', () => {
    const limiter = throttle();
    for (let i = 0; i < 5; i++) limiter.begin(unknown('k', `u${i}@x`), 0).failed();
    expect(() => limiter.begin(unknown('k', 'v@x'), 59_999)).toThrow();
    expect(() => limiter.begin(unknown('k', 'v@x'), 60_000)).not.toThrow();
  });
});
