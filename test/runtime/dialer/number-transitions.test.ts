/** How a number's state moves after an attempt: result in, next state out. */
import { describe, expect, it } from 'vitest';
import { type CampaignNumber, freshNumber } from '../../../runtime/dialer/campaign.ts';
import { isNumberTemplate, numberEndpoint } from '../../../runtime/dialer/number-endpoint.ts';
import {
  attemptFailed,
  attemptStarted,
  attemptWithdrawn,
} from '../../../runtime/dialer/number-transitions.ts';

const RETRY = { retries: 2, intervalMs: 900_000 };
const NOW = 1_000_000;

function afterAttempts(attempts: number, extra: Partial<CampaignNumber> = {}): CampaignNumber {
  return { ...freshNumber('c', 'n', 1, '0501234567', null), state: 'dialing', attempts, ...extra };
}

describe('number transitions', () => {
  it('an attempt counts and marks the number dialing', () => {
    const n = freshNumber('c', 'n', 1, '0501234567', null);
    expect(attemptStarted(n, 'call-1')).toMatchObject({ state: 'dialing', attempts: 1, callId: 'call-1' });
  });

  it('no answer and busy are retried after the interval while retries are left', () => {
    expect(attemptFailed(afterAttempts(1), 'no-answer', RETRY, NOW)).toEqual({
      state: 'retry-at',
      nextAttemptAt: NOW + 900_000,
      lastResult: 'no-answer',
    });
    expect(attemptFailed(afterAttempts(3), 'no-answer', RETRY, NOW)).toEqual({
      state: 'no-answer',
      nextAttemptAt: null,
      lastResult: 'no-answer',
    });
    expect(attemptFailed(afterAttempts(2), 'busy', RETRY, NOW).state).toBe('retry-at');
    expect(attemptFailed(afterAttempts(3), 'busy', RETRY, NOW).state).toBe('busy');
    expect(attemptFailed(afterAttempts(1), 'busy', { retries: 0, intervalMs: 1 }, NOW).state).toBe('busy');
  });

  it('an unreachable number fails at once; congestion and a missing operator are retried, then fail', () => {
    expect(attemptFailed(afterAttempts(1), 'failed', RETRY, NOW).state).toBe('failed');
    expect(attemptFailed(afterAttempts(1), 'congestion', RETRY, NOW).state).toBe('retry-at');
    expect(attemptFailed(afterAttempts(3), 'congestion', RETRY, NOW).state).toBe('failed');
    const answered = afterAttempts(3, { state: 'answered', answeredAt: NOW - 5_000 });
    expect(attemptFailed(answered, 'no-operator', RETRY, NOW)).toMatchObject({
      state: 'failed',
      lastResult: 'no-operator',
      endedAt: NOW,
    });
  });

  it('an attempt the dialer withdrew does not count', () => {
    expect(attemptWithdrawn(afterAttempts(1), NOW)).toEqual({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: null,
    });
    expect(attemptWithdrawn(afterAttempts(2), NOW)).toEqual({
      state: 'retry-at',
      attempts: 1,
      nextAttemptAt: NOW,
    });
  });
});

describe('dial strings', () => {
  it('the tenant template names the trunk; numbers lose their spaces and dashes', () => {
    expect(numberEndpoint(null, '050 123-45-67')).toBe('PJSIP/0501234567@trunk');
    expect(numberEndpoint('PJSIP/{number}', '+380501234567')).toBe('PJSIP/+380501234567');
    expect(numberEndpoint('Local/{number}@outbound', '0501234567')).toBe('Local/0501234567@outbound');
  });

  it('refuses what has no business in a dial string', () => {
    expect(numberEndpoint(null, '0501234567&PJSIP/666')).toBeNull();
    expect(numberEndpoint(null, '')).toBeNull();
    expect(isNumberTemplate('PJSIP/{number}@trunk')).toBe(true);
    expect(isNumberTemplate('{number}')).toBe(false);
    expect(isNumberTemplate('PJSIP/trunk')).toBe(false);
  });
});
