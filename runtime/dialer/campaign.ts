/**
 * An outbound survey campaign (seed 001, reference scenario item 7) as the dialer sees it: which
 * survey runs, how (an operator's script or an automated keypad survey), when it may dial, how fast,
 * and how often a number is tried again. Each number of the list carries its own state.
 */

export type CampaignMode = 'operator' | 'automated';

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped', 'completed'] as const;
/** `draft` until started; `running` waits for its start time and window by itself; `stopped` is final. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const NUMBER_STATES = [
  'pending',
  'dialing',
  'answered',
  'completed',
  'no-answer',
  'busy',
  'failed',
  'retry-at',
] as const;
export type NumberState = (typeof NUMBER_STATES)[number];

/** States a number never leaves. */
export const FINAL_STATES: ReadonlySet<NumberState> = new Set(['completed', 'no-answer', 'busy', 'failed']);

/** Local time of day in the campaign's time zone, `HH:MM`; `to` before `from` spans midnight. */
export interface DailyWindow {
  from: string;
  to: string;
}

export interface Pacing {
  /** Outbound calls of the campaign alive at once (ringing, or answered and not yet ended). */
  maxConcurrent: number;
  /** Operator mode: calls being set up per Ready operator of the campaign's queue (1 = never more). */
  ratio: number;
}

export interface RetryPolicy {
  /** Further attempts after a no-answer or busy (0 = one attempt only). */
  retries: number;
  intervalMs: number;
}

export interface SurveyRef {
  flowName: string;
  /** flow_versions.id of the deployed survey version the campaign runs. */
  versionId: string;
  version: number;
}

export interface Campaign {
  id: string;
  tenant: string;
  name: string;
  survey: SurveyRef;
  mode: CampaignMode;
  /** Operator mode: the ACD queue whose Ready operators take the answered calls. */
  queue: string | null;
  status: CampaignStatus;
  /** Epoch ms; null: as soon as it is started. */
  startAt: number | null;
  window: DailyWindow | null;
  /** IANA zone of the daily window. */
  timezone: string;
  pacing: Pacing;
  retry: RetryPolicy;
  ringTimeoutSec: number;
  /** Caller id presented to the customer (the company's number); null: the trunk's default. */
  callerId: string | null;
  /** `PJSIP/{number}@trunk`-like template; null: the tenant's. */
  dialTemplate: string | null;
}

export interface CampaignNumber {
  id: string;
  campaignId: string;
  /** Order in the uploaded list. */
  position: number;
  /** As uploaded (dialable characters only). */
  number: string;
  customerId: string | null;
  state: NumberState;
  /** Dial attempts started. */
  attempts: number;
  /** `retry-at`: when the next attempt is due (epoch ms). */
  nextAttemptAt: number | null;
  /** What the last attempt gave: `answered`, `no-answer`, `busy`, `congestion`, `failed`, `no-operator`, `abandoned`. */
  lastResult: string | null;
  /** Call id of the last attempt (the call log's and the survey answers'). */
  callId: string | null;
  /** Operator mode: who took the call. */
  operatorId: string | null;
  answeredAt: number | null;
  endedAt: number | null;
}

export type NumberCounts = Record<NumberState, number> & { total: number };

export function countNumbers(numbers: Iterable<Pick<CampaignNumber, 'state'>>): NumberCounts {
  const counts = Object.fromEntries(NUMBER_STATES.map((s) => [s, 0])) as NumberCounts;
  counts.total = 0;
  for (const n of numbers) {
    counts[n.state]++;
    counts.total++;
  }
  return counts;
}

export const DEFAULT_PACING: Pacing = { maxConcurrent: 5, ratio: 1 };
export const DEFAULT_RETRY: RetryPolicy = { retries: 2, intervalMs: 30 * 60_000 };
export const DEFAULT_RING_TIMEOUT_SEC = 30;
export const DEFAULT_NUMBER_TEMPLATE = 'PJSIP/{number}@trunk';

/** A number of the list as the store creates it: never dialled yet. */
export function freshNumber(
  campaignId: string,
  id: string,
  position: number,
  number: string,
  customerId: string | null,
): CampaignNumber {
  return {
    id,
    campaignId,
    position,
    number,
    customerId,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastResult: null,
    callId: null,
    operatorId: null,
    answeredAt: null,
    endedAt: null,
  };
}
