/**
 * How a number's state moves, pure: an attempt starts (`dialing`), the customer answers
 * (`answered`), the conversation ends (`completed`), or the attempt fails and the retry policy says
 * whether it is tried again (`retry-at`) or settled (`no-answer`, `busy`, `failed`).
 *
 * Retried: no answer, busy, congestion (the network's, not the person's), and an answered customer
 * who got no operator (`no-operator`) or hung up before one came (`abandoned`) — the dialer's fault,
 * not the customer's answer. Not retried: a number the PBX cannot reach at all (`failed`).
 */
import type { CampaignNumber, NumberState, RetryPolicy } from './campaign.ts';

export type AttemptFailure = 'no-answer' | 'busy' | 'congestion' | 'failed' | 'no-operator' | 'abandoned';

const FINAL_STATE: Record<AttemptFailure, NumberState> = {
  'no-answer': 'no-answer',
  busy: 'busy',
  congestion: 'failed',
  failed: 'failed',
  'no-operator': 'failed',
  abandoned: 'failed',
};

const RETRIED: ReadonlySet<AttemptFailure> = new Set([
  'no-answer',
  'busy',
  'congestion',
  'no-operator',
  'abandoned',
]);

type Patch = Partial<CampaignNumber>;

export function attemptStarted(n: CampaignNumber, callId: string): Patch {
  return {
    state: 'dialing',
    attempts: n.attempts + 1,
    nextAttemptAt: null,
    callId,
    operatorId: null,
    answeredAt: null,
    endedAt: null,
  };
}

export function attemptAnswered(now: number): Patch {
  return { state: 'answered', lastResult: 'answered', answeredAt: now };
}

export function connectedToOperator(operatorId: string): Patch {
  return { operatorId };
}

export function conversationEnded(now: number): Patch {
  return { state: 'completed', endedAt: now };
}

/** The attempt failed: try again after the interval while retries are left, else settle. */
export function attemptFailed(
  n: CampaignNumber,
  failure: AttemptFailure,
  retry: RetryPolicy,
  now: number,
): Patch {
  const ended = n.answeredAt !== null ? { endedAt: now } : {};
  if (RETRIED.has(failure) && n.attempts <= retry.retries) {
    return { state: 'retry-at', nextAttemptAt: now + retry.intervalMs, lastResult: failure, ...ended };
  }
  return { state: FINAL_STATE[failure], nextAttemptAt: null, lastResult: failure, ...ended };
}

/**
 * The dialer gave the attempt up itself (the campaign stopped while it rang, the process restarts):
 * it does not count, and the number is dialled again when the campaign runs.
 */
export function attemptWithdrawn(n: CampaignNumber, now: number): Patch {
  const attempts = Math.max(0, n.attempts - 1);
  return attempts === 0
    ? { state: 'pending', attempts, nextAttemptAt: null }
    : { state: 'retry-at', attempts, nextAttemptAt: now };
}
