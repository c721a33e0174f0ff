/**
 * A campaign the dialer has in hand (started at least once in this process): the campaign, its
 * numbers as the truth the decisions read, the survey loaded, the timer for the next look, and the
 * write-through to the store — serialized, so the store sees each number's changes in order.
 */
import type { TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { type Campaign, type CampaignNumber, countNumbers, type NumberCounts } from './campaign.ts';
import type { LoadedSurvey } from './loaded-survey.ts';
import type { DialWait } from './next-dials.ts';

export class CampaignRun {
  readonly numbers = new Map<string, CampaignNumber>();
  timer: TimerHandle | null = null;
  waiting: DialWait = 'not-running';
  wakeAt: number | null = null;
  /** Endpoints being rung now (originated, not yet answered): what a stop withdraws. */
  readonly ringing = new Set<string>();
  /** Store writes not yet done. */
  pendingWrites = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    public campaign: Campaign,
    readonly survey: LoadedSurvey,
    /** Operator mode: the ACD queue whose operators take the calls. */
    readonly queue: string | null,
    numbers: CampaignNumber[],
  ) {
    for (const n of numbers) this.numbers.set(n.id, n);
  }

  get tenant(): string {
    return this.campaign.tenant;
  }

  get id(): string {
    return this.campaign.id;
  }

  counts(): NumberCounts {
    return countNumbers(this.numbers.values());
  }

  /** Calls alive (ringing, or answered and not yet ended). */
  liveCalls(): number {
    let live = 0;
    for (const n of this.numbers.values()) if (n.state === 'dialing' || n.state === 'answered') live++;
    return live;
  }

  /** Queues a store write after the ones before it; failures are logged, never thrown. */
  write(label: string, logger: Logger, work: () => Promise<void>): Promise<void> {
    this.pendingWrites++;
    const next = this.writes
      .then(work)
      .catch((error: Error) =>
        logger.log('error', `dialer: could not store ${label}`, { campaign: this.id, error: error.message }),
      )
      .finally(() => {
        this.pendingWrites--;
      });
    this.writes = next;
    return next;
  }

  /** Resolves once every write queued so far is done. */
  flushed(): Promise<void> {
    return this.writes;
  }
}
