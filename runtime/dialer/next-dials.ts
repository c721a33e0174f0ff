/**
 * What to dial next: the dialer's one decision, pure (no I/O, no timers; the time is an argument).
 * Given a campaign, its numbers and how many of the queue's operators are Ready, it says which
 * numbers to dial now, when to ask again (`wakeAt`: the start time, the window's next opening, the
 * next retry) and whether the campaign is done. The dialer also asks again whenever a call ends or
 * an operator's state changes, so `wakeAt` is null when only such an event can change the answer.
 *
 * Pacing: never more live calls (ringing or answered) than `maxConcurrent`; in operator mode also
 * never more calls being set up (ringing, or answered and waiting for an operator) than
 * `floor(ready × ratio)`, so with ratio 1 every answered customer has a Ready operator.
 * Order: numbers never tried first, in list order; then due retries, earliest due first.
 */
import type { Campaign, CampaignNumber } from './campaign.ts';
import { nextOpening, windowOpen } from './daily-window.ts';

export type DialWait =
  /** Dialling now (or nothing left to dial while calls are still live). */
  | 'dialing'
  | 'not-running'
  | 'before-start'
  | 'window-closed'
  /** Every slot is taken: wait for a call to end. */
  | 'pacing'
  /** Operator mode: no Ready operator (beyond those already covered). */
  | 'no-operators'
  /** Only retries remain, none due yet. */
  | 'retries'
  | 'done';

export interface DialDecision<N = CampaignNumber> {
  /** Numbers to dial now, in order. */
  dial: N[];
  /** When to decide again (epoch ms), if time alone can change the answer. */
  wakeAt: number | null;
  done: boolean;
  /** Why no more is dialled now (for the status screen). */
  waiting: DialWait;
}

export interface DialLoad {
  /** Operator mode: Ready operators of the campaign's queue now; ignored in automated mode. */
  readyOperators: number;
}

type DialView = Pick<CampaignNumber, 'state' | 'nextAttemptAt' | 'position' | 'operatorId'>;

export function nextDials<N extends DialView>(
  campaign: Pick<Campaign, 'status' | 'startAt' | 'window' | 'timezone' | 'pacing' | 'mode'>,
  numbers: Iterable<N>,
  load: DialLoad,
  now: number,
): DialDecision<N> {
  let ringing = 0;
  let waitingForOperator = 0;
  let live = 0;
  let nextRetry: number | null = null;
  const fresh: N[] = [];
  const due: N[] = [];
  for (const n of numbers) {
    switch (n.state) {
      case 'pending':
        fresh.push(n);
        break;
      case 'retry-at':
        if ((n.nextAttemptAt ?? 0) <= now) due.push(n);
        else nextRetry = Math.min(nextRetry ?? Number.POSITIVE_INFINITY, n.nextAttemptAt!);
        break;
      case 'dialing':
        ringing++;
        live++;
        break;
      case 'answered':
        live++;
        if (n.operatorId === null) waitingForOperator++;
        break;
    }
  }
  const remaining = fresh.length + due.length + (nextRetry === null ? 0 : 1);
  if (remaining === 0) {
    return { dial: [], wakeAt: null, done: live === 0, waiting: live === 0 ? 'done' : 'dialing' };
  }
  const none = (waiting: DialWait, wakeAt: number | null): DialDecision<N> => ({
    dial: [],
    wakeAt,
    done: false,
    waiting,
  });
  if (campaign.status !== 'running') return none('not-running', null);
  if (campaign.startAt !== null && now < campaign.startAt) return none('before-start', campaign.startAt);
  if (!windowOpen(campaign.window, campaign.timezone, now)) {
    return none('window-closed', nextOpening(campaign.window, campaign.timezone, now));
  }
  if (fresh.length + due.length === 0) return none('retries', nextRetry);

  let slots = campaign.pacing.maxConcurrent - live;
  let limitedBy: DialWait = 'pacing';
  if (campaign.mode === 'operator') {
    const covered = Math.floor(load.readyOperators * campaign.pacing.ratio) - ringing - waitingForOperator;
    if (covered < slots) {
      slots = covered;
      limitedBy = 'no-operators';
    }
  }
  if (slots <= 0) return none(limitedBy, nextRetry);

  fresh.sort((a, b) => a.position - b.position);
  due.sort((a, b) => a.nextAttemptAt! - b.nextAttemptAt! || a.position - b.position);
  const dial = [...fresh, ...due].slice(0, slots);
  const left = fresh.length + due.length - dial.length;
  return {
    dial,
    wakeAt: nextRetry,
    done: false,
    waiting: left > 0 ? limitedBy : nextRetry !== null ? 'retries' : 'dialing',
  };
}
