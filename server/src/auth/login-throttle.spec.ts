import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/config.js';
import { LoginThrottle } from './login-throttle.js';

describe(LoginThrottle.name, () => {
  const throttle = () => new LoginThrottle(loadConfig({ LOGIN_ATTEMPTS_PER_MINUTE: '3' }));

  it('should refuse attempts past the limit within a minute, per key', () => {
    const limiter = throttle();
    for (let i = 0; i < 3; i++) limiter.check('ip|a@x', 1_000 + i);
    expect(() => limiter.check('ip|a@x', 1_500)).toThrow(/Too many/);
    expect(() => limiter.check('ip|b@x', 1_500)).not.toThrow();
  });

  it('should start a fresh window after a minute', () => {
    const limiter = throttle();
    for (let i = 0; i < 3; i++) limiter.check('k', 0);
    expect(() => limiter.check('k', 59_999)).toThrow();
    expect(() => limiter.check('k', 60_000)).not.toThrow();
  });
});
