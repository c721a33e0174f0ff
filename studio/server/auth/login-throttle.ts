/**
 * Slows password guessing: failed sign-ins are counted in a sliding window per account-and-address
 * (5 per 15 minutes) and per address alone (30 per 15 minutes, for one host trying many accounts).
 * Keying the account limit by address too means a stranger cannot lock a real user out from elsewhere.
 * A success clears the account's count. State is per process: with several server nodes the limits
 * are per node, which still caps guessing at a small multiple.
 */
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

export class LoginThrottle {
  /** Failure times (ms), oldest first, per key. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  retryAfter(email: string, address: string, now: number): number {
    return Math.max(
      this.wait(accountKey(email, address), this.limits.perAccount, now),
      this.wait(addressKey(address), this.limits.perAddress, now),
    );
  }

  failed(email: string, address: string, now: number): void {
    for (const key of [accountKey(email, address), addressKey(address)]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
    if (this.failures.size > 100_000) this.sweep(now);
  }

  succeeded(email: string, address: string): void {
    this.failures.delete(accountKey(email, address));
  }

  private wait(key: string, limit: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length === 0) this.failures.delete(key);
    return times.length < limit ? 0 : times[times.length - limit] + this.limits.windowMs - now;
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key) ?? [];
    const from = times.findIndex((t) => t > now - this.limits.windowMs);
    return from === -1 ? [] : from === 0 ? times : times.slice(from);
  }

  /** Bounds memory under a flood of distinct keys: forget everything outside the window. */
  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) {
      const times = this.recent(key, now);
      if (times.length === 0) this.failures.delete(key);
      else this.failures.set(key, times);
    }
  }
}

const accountKey = (email: string, address: string) => `a\u0000${email.trim().toLowerCase()}\u0000${address}`;
const addressKey = (address: string) => `i\u0000${address}`;
