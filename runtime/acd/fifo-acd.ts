/**
 * A simple ACD behind the `Acd` seam, enough to run the reference scenario end to end: per queue a
 * configured list of operator endpoints; callers wait with music on hold (on their channel) and
 * hear the announcement with the estimated wait every N seconds; the highest-priority, longest-
 * waiting caller is offered to the operator idle the longest, whose endpoint is originated and, on
 * answer, bridged with the caller in a mixing bridge. After the call the operator is in wrap-up for
 * the queue's interval. The full ACD (agents, states, skills, holding bridges, strategies) replaces
 * this later behind the same interface.
 */
import type { PbxPort } from '../../telephony/pbx-port.ts';
import { type BridgedLegs, bridgeLegs } from '../bridged-legs.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Acd, QueueOutcome, QueueRequest } from './acd.ts';

/** How long an announcement due while an operator's phone rings is put off. */
const RING_POSTPONE_MS = 5_000;

export interface FifoQueueConfig {
  /** Dial strings of the operators who take this queue's calls, e.g. `PJSIP/2001`. */
  operators: string[];
  wrapUpMs?: number;
  ringTimeoutSec?: number;
}

export interface FifoAcdOptions {
  pbx: PbxPort;
  clock: Clock;
  logger: Logger;
  queues: Record<string, FifoQueueConfig>;
  /** Average talk time behind the estimated wait (EWT). */
  averageHandleMs?: number;
  /** How long an operator who did not answer is skipped. */
  retryOperatorAfterMs?: number;
}

interface Waiting {
  request: QueueRequest;
  joinedAt: number;
  seq: number;
  ringing: boolean;
  settle: (outcome: QueueOutcome) => void;
  timers: TimerHandle[];
  legs: BridgedLegs | null;
  gone: boolean;
}

/**
 * The full ACD's state names (operator-states.ts), so every ACD speaks one vocabulary: Ready (idle),
 * Busy (ringing or talking), WrapUp, NotReady (skipped for a while after not answering).
 */
interface Operator {
  endpoint: string;
  state: 'Ready' | 'Busy' | 'WrapUp' | 'NotReady';
  since: number;
}

export class FifoAcd implements Acd {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly byCall = new Map<string, Waiting>();
  private readonly operators = new Map<string, Operator>();
  private seq = 0;

  constructor(private readonly options: FifoAcdOptions) {
    for (const queue of Object.values(options.queues)) {
      for (const endpoint of queue.operators) {
        this.operators.set(endpoint, { endpoint, state: 'Ready', since: options.clock.now() });
      }
    }
  }

  enqueue(request: QueueRequest): Promise<QueueOutcome> {
    const config = this.options.queues[request.queue];
    if (!config || config.operators.length === 0)
      return Promise.resolve({ type: 'no-operators', waitedMs: 0 });
    const { clock, pbx } = this.options;
    return new Promise((resolve) => {
      const entry: Waiting = {
        request,
        joinedAt: clock.now(),
        seq: this.seq++,
        ringing: false,
        settle: resolve,
        timers: [],
        legs: null,
        gone: false,
      };
      this.byCall.set(request.callId, entry);
      this.insert(entry);
      void pbx.startMoh(request.channelId, request.music ?? undefined).catch(() => {});
      const info = this.position(entry);
      request.onEvent?.({ type: 'joined', ...info });
      if (request.maxWaitMs !== null) {
        entry.timers.push(clock.setTimer(request.maxWaitMs, () => this.leave(entry, 'timeout')));
      }
      if (request.announce && request.announceEveryMs) this.scheduleAnnouncement(entry, 0);
      this.dispatch(request.queue);
    });
  }

  cancel(callId: string): void {
    const entry = this.byCall.get(callId);
    if (!entry) return;
    this.byCall.delete(callId);
    entry.gone = true;
    this.clearTimers(entry);
    this.remove(entry);
    if (entry.legs) void entry.legs.release();
    entry.settle({ type: 'timeout', waitedMs: this.options.clock.now() - entry.joinedAt });
  }

  /** Operators and their states, for tests and dashboards. */
  operatorStates(): Record<string, Operator['state']> {
    return Object.fromEntries([...this.operators.values()].map((o) => [o.endpoint, o.state]));
  }

  private leave(entry: Waiting, why: 'timeout' | 'overflow'): void {
    if (entry.gone || entry.legs) return;
    entry.gone = true;
    this.byCall.delete(entry.request.callId);
    this.clearTimers(entry);
    this.remove(entry);
    void this.options.pbx.stopMoh(entry.request.channelId).catch(() => {});
    entry.settle({ type: why, waitedMs: this.options.clock.now() - entry.joinedAt });
  }

  private scheduleAnnouncement(entry: Waiting, delayMs: number): void {
    const every = entry.request.announceEveryMs!;
    entry.timers.push(
      this.options.clock.setTimer(delayMs, async () => {
        if (entry.gone || entry.legs) return;
        // While an operator's phone rings the caller keeps the music; try again shortly.
        if (entry.ringing) return this.scheduleAnnouncement(entry, Math.min(every, RING_POSTPONE_MS));
        const { pbx, clock } = this.options;
        const startedAt = clock.now();
        const info = this.position(entry);
        entry.request.onEvent?.({ type: 'announcement', ...info });
        await pbx.stopMoh(entry.request.channelId).catch(() => {});
        await entry.request.announce!(info);
        if (entry.gone || entry.legs) return;
        await pbx.startMoh(entry.request.channelId, entry.request.music ?? undefined).catch(() => {});
        // "Every N seconds" counts from the start of one announcement to the start of the next.
        this.scheduleAnnouncement(entry, Math.max(0, every - (clock.now() - startedAt)));
      }),
    );
  }

  private dispatch(queue: string): void {
    const config = this.options.queues[queue];
    for (;;) {
      const entry = this.queueOf(queue).find((e) => !e.ringing && !e.gone);
      const operator = config.operators
        .map((endpoint) => this.operators.get(endpoint)!)
        .filter((o) => o.state === 'Ready')
        .sort((a, b) => a.since - b.since)[0];
      if (!entry || !operator) return;
      void this.ring(entry, operator, config);
    }
  }

  private async ring(entry: Waiting, operator: Operator, config: FifoQueueConfig): Promise<void> {
    const { pbx, clock, logger } = this.options;
    entry.ringing = true;
    this.setState(operator, 'Busy');
    entry.request.onEvent?.({ type: 'ringing', operator: operator.endpoint });
    const outcome = await pbx
      .originate({
        endpoint: operator.endpoint,
        callerId: entry.request.caller.number,
        timeoutSec: config.ringTimeoutSec ?? 15,
        appArgs: 'operator',
      })
      .catch((error: Error) => ({ type: 'failed' as const, reason: 'failed' as const, cause: 0, error }));
    entry.ringing = false;
    if (outcome.type === 'failed') {
      this.setState(operator, 'NotReady');
      clock.setTimer(this.options.retryOperatorAfterMs ?? 30_000, () => {
        this.setState(operator, 'Ready');
        this.dispatch(entry.request.queue);
      });
      this.dispatch(entry.request.queue);
      return;
    }
    if (entry.gone) {
      await pbx.hangup(outcome.channelId).catch(() => {});
      this.setState(operator, 'Ready');
      this.dispatch(entry.request.queue);
      return;
    }
    this.clearTimers(entry);
    this.remove(entry);
    await pbx.stopMoh(entry.request.channelId).catch(() => {});
    try {
      entry.legs = await bridgeLegs(pbx, entry.request.channelId, outcome.channelId, {
        recordAs: entry.request.recordAs,
      });
    } catch (error) {
      logger.log('warn', 'could not bridge caller and operator', {
        callId: entry.request.callId,
        error: (error as Error).message,
      });
      await pbx.hangup(outcome.channelId).catch(() => {});
      this.setState(operator, 'Ready');
      this.leave(entry, 'overflow');
      return;
    }
    this.setState(operator, 'Busy');
    entry.settle({
      type: 'connected',
      operator: operator.endpoint,
      waitedMs: clock.now() - entry.joinedAt,
      recording: entry.legs.recording,
    });
    void entry.legs.ended.then(() => {
      this.byCall.delete(entry.request.callId);
      this.setState(operator, 'WrapUp');
      clock.setTimer(config.wrapUpMs ?? 30_000, () => {
        this.setState(operator, 'Ready');
        this.dispatch(entry.request.queue);
      });
    });
  }

  /** Place in the queue (1 = next) and the estimated wait in minutes, rounded up to half a minute. */
  private position(entry: Waiting): { position: number; ewtMinutes: number } {
    const position = this.queueOf(entry.request.queue).indexOf(entry) + 1;
    const operators = this.options.queues[entry.request.queue].operators.length;
    const ewtMs = (position * (this.options.averageHandleMs ?? 60_000)) / Math.max(1, operators);
    return { position, ewtMinutes: Math.max(0.5, Math.ceil(ewtMs / 30_000) / 2) };
  }

  private queueOf(name: string): Waiting[] {
    let list = this.waiting.get(name);
    if (!list) this.waiting.set(name, (list = []));
    return list;
  }

  /** Keeps each queue in serving order: priority high to low, then arrival. */
  private insert(entry: Waiting): void {
    const list = this.queueOf(entry.request.queue);
    const at = list.findIndex((other) => other.request.priority < entry.request.priority);
    if (at < 0) list.push(entry);
    else list.splice(at, 0, entry);
  }

  private remove(entry: Waiting): void {
    const list = this.queueOf(entry.request.queue);
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
  }

  private clearTimers(entry: Waiting): void {
    for (const timer of entry.timers) this.options.clock.clearTimer(timer);
    entry.timers.length = 0;
  }

  private setState(operator: Operator, state: Operator['state']): void {
    operator.state = state;
    operator.since = this.options.clock.now();
  }
}
