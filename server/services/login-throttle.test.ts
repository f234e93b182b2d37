import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('refuses an e-mail after too many wrong passwords, until the window passes', () => {
    const t = new LoginThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) t.fail('Ana@X.com', 1000 + i);
    expect(() => t.check('ana@x.com', 2000)).toThrow(/Too many wrong passwords/);
    expect(() => t.check('bruno@x.com', 2000)).not.toThrow();
    expect(() => t.check('ana@x.com', 1000 + 60_001)).not.toThrow();
  });

  it('forgets failures after a successful sign-in', () => {
    const t = new LoginThrottle(2, 60_000);
    t.fail('ana@x.com', 1);
    t.succeed('ana@x.com');
    t.fail('ana@x.com', 2);
    expect(() => t.check('ana@x.com', 3)).not.toThrow();
  });
});
