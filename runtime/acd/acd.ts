/**
 * The seam between a call session and automatic call distribution (ARCHITECTURE decision 3: the
 * ACD lives in the runtime). A session hands its caller over with `enqueue`; the promise settles
 * when an operator is connected (the caller is then bridged with them) or when the queue gives up.
 * `cancel` is the caller hanging up: while waiting it leaves the queue; once connected, the ACD
 * hangs up the operator leg and cleans up the bridge.
 */

export interface QueueRequest {
  callId: string;
  tenant: string;
  /** The caller's channel. */
  channelId: string;
  caller: { number: string; name: string | null };
  queue: string;
  /** Higher is served first; equal priorities are served longest-waiting first. */
  priority: number;
  skills: string[];
  maxWaitMs: number | null;
  announceEveryMs: number | null;
  music: string | null;
  /**
   * Plays the flow's (or the queue's) announcement to this caller; null: no announcements. The ACD
   * aborts `signal` when an operator answers mid-announcement (an implementation may stop the prompt).
   */
  announce: ((info: { ewtMinutes: number; position: number }, signal?: AbortSignal) => Promise<void>) | null;
  /** Record the conversation under this name once connected (`record call` earlier in the flow). */
  recordAs?: string | null;
  /** Progress for the event stream (position, announcements, ringing an operator). */
  onEvent?: (event: QueueProgress) => void;
  /** A blind transfer by the operator after the caller was connected (for the call log). */
  onTransfer?: (transfer: {
    target: 'extension' | 'queue' | 'number';
    destination: string;
    result: string;
  }) => void;
}

export type QueueProgress =
  | { type: 'joined'; position: number; ewtMinutes: number }
  | { type: 'announcement'; position: number; ewtMinutes: number }
  | { type: 'ringing'; operator: string };

export type QueueOutcome =
  | { type: 'connected'; operator: string; waitedMs: number; recording?: string | null }
  /** `overflow`: the queue's own limit sent the caller on; `timeout`: the flow's `max wait` passed. */
  | { type: 'overflow' | 'timeout' | 'no-operators'; waitedMs: number };

export interface Acd {
  enqueue(request: QueueRequest): Promise<QueueOutcome>;
  /** The caller hung up (waiting or connected). Harmless for an unknown call. */
  cancel(callId: string): void;
}
