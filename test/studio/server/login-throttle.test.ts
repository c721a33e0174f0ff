import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../studio/server/auth/login-throttle.ts';

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

describe('login throttle', () => {
  it('allows attempts until the account limit, then says how long to wait', () => {
    const t = new LoginThrottle(limits);
    for (const at of [0, 10_000, 20_000]) {
      expect(t.retryAfter('ann@x', '10.0.0.1', at)).toBe(0);
      t.failed('ann@x', '10.0.0.1', at);
    }
    expect(t.retryAfter('ann@x', '10.0.0.1', 30_000)).toBe(30_000); // the first failure leaves at 60 s
    expect(t.retryAfter('ANN@x ', '10.0.0.1', 30_000)).toBe(30_000); // same account, however typed
    expect(t.retryAfter('ann@x', '10.0.0.1', 60_001)).toBe(0);
  });

  it('keys the account limit by address, so nobody can lock a user out from elsewhere', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) t.failed('ann@x', '10.0.0.1', i);
    expect(t.retryAfter('ann@x', '10.0.0.1', 10)).toBeGreaterThan(0);
    expect(t.retryAfter('ann@x', '10.0.0.2', 10)).toBe(0);
  });

  it('limits one address trying many accounts', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) t.failed(`user${i}@x`, '10.0.0.9', i);
    expect(t.retryAfter('someone-new@x', '10.0.0.9', 10)).toBe(59_990); // the oldest of the five leaves at 60 s
  });

  it('forgets an account’s failures after a success', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) t.failed('ann@x', '10.0.0.1', i);
    t.succeeded('ann@x', '10.0.0.1');
    expect(t.retryAfter('ann@x', '10.0.0.1', 10)).toBe(0);
  });
});
