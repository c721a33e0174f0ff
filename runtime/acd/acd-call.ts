/**
 * One caller as the ACD service follows it, from joining a queue to the end of the talk (or of a
 * transfer). The phase says who owns the caller's channel right now and what a hang-up must undo.
 */
import type { TimerHandle } from '../clock.ts';
import type { QueueOutcome, QueueRequest } from './acd.ts';
import type { TalkLegs } from './talk-legs.ts';

export type CallPhase =
  /** In a queue's holding bridge with music, maybe hearing an announcement. */
  | 'waiting'
  /** Still in the holding bridge; an operator's (or transfer target's) phone rings. */
  | 'ringing'
  /** The operator answered; the mixing bridge is being set up. */
  | 'connecting'
  /** Caller and operator in a mixing bridge. */
  | 'talking'
  /** Bridged with a transfer target that is not an operator (an extension, an outside number). */
  | 'external'
  | 'ended';

export interface AcdCall {
  readonly request: QueueRequest;
  readonly tenant: string;
  queue: string;
  phase: CallPhase;
  /** False for a caller re-queued by a transfer: nobody awaits an outcome, the ACD follows overflow itself. */
  awaited: boolean;
  /** Queues visited (overflow loops stop). */
  readonly visited: Set<string>;
  /** The caller's place in the holding bridge (set once it joined). */
  holding: Promise<string | null>;
  /** The coordinator knows the caller (claims must come after). */
  persisted: Promise<void>;
  maxWaitTimer: TimerHandle | null;
  announceTimer: TimerHandle | null;
  announcing: AbortController | null;
  /** The max wait passed while an operator rang: leave if the ring fails. */
  expired: boolean;
  ringingEndpoint: string | null;
  operatorId: string | null;
  talk: TalkLegs | null;
  /** A transfer waits for its direct offer to an operator: answered or not. */
  afterDirect: ((answered: boolean) => void) | null;
  settle: ((outcome: QueueOutcome) => void) | null;
  fail: ((error: Error) => void) | null;
  unsubscribe: () => void;
}

/** The caller hung up before an outcome: what a cancelled `enqueue` rejects with. */
export class CallerLeftQueue extends Error {
  constructor(readonly callId: string) {
    super(`the caller of ${callId} hung up while queued`);
    this.name = 'CallerLeftQueue';
  }
}
