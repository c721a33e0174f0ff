/**
 * What the routing core takes and gives: callers as they wait, the offers it makes, and the events
 * it announces (operator state changes and queue movements, for the API and WebSocket).
 */
import type { StateChange } from './state-log.ts';

export interface WaitingCaller {
  callId: string;
  queue: string;
  priority: number;
  seq: number;
  /** Queue skills plus the request's. */
  skills: string[];
  enqueuedAt: number;
  /** The estimate given when it joined and had to wait (null: offered at once). */
  firstEstimateMs: number | null;
}

export interface CallerRequest {
  callId: string;
  queue: string;
  priority?: number;
  skills?: readonly string[];
  /** Joins ahead of everyone of its priority (a caller whose transfer failed comes back first). */
  atHead?: boolean;
}

export interface Offer {
  callId: string;
  operatorId: string;
  /** Null for a direct offer (a transfer to an operator's extension). */
  queue: string | null;
  endpoint: string;
  ringTimeoutMs: number;
  /** The shared claim is already made (cluster.ts): ring without claiming again. */
  preclaimed?: boolean;
}

/**
 * `taken`: another runtime process claimed the operator first, or the caller is offered by another
 * process's claim (coordinator.ts).
 */
export type OfferFailure = 'no-answer' | 'busy' | 'unreachable' | 'taken';

/** The reason logged when an operator goes NotReady after an offer failed that way. */
export const FAILURE_REASONS: Record<OfferFailure, string> = {
  'no-answer': 'ring-no-answer',
  busy: 'phone-busy',
  unreachable: 'unreachable',
  taken: 'claimed-elsewhere',
};

export type AcdEvent =
  | ({ type: 'operator-state' } & StateChange)
  | { type: 'caller-joined'; tenant: string; queue: string; callId: string; position: number; at: number }
  | {
      type: 'caller-offered';
      tenant: string;
      queue: string | null;
      callId: string;
      operatorId: string;
      at: number;
    }
  | {
      type: 'caller-left';
      tenant: string;
      queue: string;
      callId: string;
      reason: LeaveReason;
      waitedMs: number;
      at: number;
    };

export type LeaveReason = 'abandoned' | 'timeout' | 'answered';
